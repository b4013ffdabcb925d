package checks_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/config"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/planfile"
)

// declaredResults runs every check on fixtures/split-stack-declared with
// its .privapi.hcl edited (each from → to, once).
func declaredResults(t *testing.T, edits [][2]string) []finding.Result {
	t.Helper()
	dir := "../fixtures/split-stack-declared"
	base, err := os.ReadFile(filepath.Join(dir, ".privapi.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	src := string(base)
	for _, e := range edits {
		if !strings.Contains(src, e[0]) {
			t.Fatalf("the fixture's .privapi.hcl has no %q", e[0])
		}
		src = strings.Replace(src, e[0], e[1], 1)
	}
	tmp := t.TempDir()
	if err := os.WriteFile(filepath.Join(tmp, ".privapi.hcl"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	pol, err := os.ReadFile(filepath.Join(dir, "endpoint-policy.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tmp, "endpoint-policy.json"), pol, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(filepath.Join(tmp, ".privapi.hcl"), engine.CheckIDs())
	if err != nil {
		t.Fatal(err)
	}
	doc, err := planfile.Load(filepath.Join(dir, "plan.json"), planfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := engine.Analyze(doc, dir)
	if err != nil {
		t.Fatal(err)
	}
	a.Declare(cfg)
	return a.Check(checks.Options{})
}

// The client block of the fixture's .privapi.hcl, to leave the endpoint
// without a known client.
const declaredClientBlock = `client "batch-hosts" {`

// TestUndeclaredDoubt: an unverified result whose only doubt is a fact
// .privapi.hcl leaves out names that fact (finding.Result.Undeclared), so
// that reports say what to state instead of "cannot know until apply";
// a proven result, and a result held back by a value known only after
// apply, name none.
func TestUndeclaredDoubt(t *testing.T) {
	const endpointNACLs = `nacls_allow_https    = true # the network stack keeps the default NACL`
	const clientNACLs = `nacls_allow_https  = true`
	noClient := func(src string) [2]string {
		// cut the client block: the endpoint has no known client
		i := strings.Index(src, declaredClientBlock)
		return [2]string{src[i:], ""}
	}
	base, err := os.ReadFile("../fixtures/split-stack-declared/.privapi.hcl")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		edits  [][2]string
		id     string
		status finding.Status
		want   string // Undeclared
	}{
		{"endpoint NACLs not declared", [][2]string{{endpointNACLs, ""}}, "PA114", finding.Unverified, "nacls_allow_https in endpoint.shared"},
		{"client NACLs not declared", [][2]string{{clientNACLs, ""}}, "PA114", finding.Unverified, "nacls_allow_https in client.batch-hosts"},
		{"no NACLs declared", [][2]string{{endpointNACLs, ""}, {clientNACLs, ""}}, "PA114", finding.Unverified, "nacls_allow_https in endpoint.shared and client.batch-hosts"},
		{"endpoint policy not declared", [][2]string{{`policy_file          = "endpoint-policy.json"`, ""}}, "PA203", finding.Unverified, "policy or policy_file in endpoint.shared"},
		{"VPC DNS hostnames not declared", [][2]string{{`enable_dns_hostnames = true`, ""}}, "PA401", finding.Unverified, "enable_dns_hostnames in endpoint.shared"},
		{"VPC DNS hostnames not declared, the client calls the private DNS name", [][2]string{{`enable_dns_hostnames = true`, ""}}, "PA407", finding.Unverified, "enable_dns_hostnames in endpoint.shared"},
		{"subnets without AZs", [][2]string{{"subnet {\n    cidr_block        = \"10.40.1.0/24\"\n    availability_zone = \"eu-west-1b\"\n  }", ""},
			{"subnet {\n    cidr_block        = \"10.40.0.0/24\"\n    availability_zone = \"eu-west-1a\"\n  }", `subnet_cidrs = ["10.40.0.0/24"]`}}, "PA104", finding.Unverified, "subnet blocks in endpoint.shared"},
		{"endpoint NACLs block 443", [][2]string{{`nacls_allow_https    = true`, `nacls_allow_https    = false`}}, "PA114", finding.Fail, ""},
		// an endpoint without a known client: its own declaration decides
		{"no client, endpoint NACLs pass 443", [][2]string{noClient(string(base))}, "PA114", finding.Pass, ""},
		{"no client, endpoint NACLs block 443", [][2]string{noClient(string(base)), {`nacls_allow_https    = true`, `nacls_allow_https    = false`}}, "PA114", finding.Fail, ""},
		{"no client, endpoint NACLs not declared", [][2]string{noClient(string(base)), {endpointNACLs, ""}}, "PA114", finding.Unverified, "nacls_allow_https in endpoint.shared"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []finding.Result
			for _, r := range declaredResults(t, tt.edits) {
				if r.CheckID == tt.id {
					got = append(got, r)
				}
			}
			if len(got) == 0 {
				t.Fatalf("no %s result", tt.id)
			}
			for _, r := range got {
				if r.Status != tt.status || r.Undeclared != tt.want {
					t.Errorf("%s %s (undeclared %q): %s\nwant %s, undeclared %q", r.CheckID, r.Status, r.Undeclared, r.Message, tt.status, tt.want)
				}
				if r.Status == finding.Unverified && strings.Contains(r.Message, "known only after apply") {
					t.Errorf("%s: the message says the doubt is known only after apply: %s", r.CheckID, r.Message)
				}
				if r.Undeclared != "" && !strings.Contains(r.Fix, ".privapi.hcl") {
					t.Errorf("%s: the fix does not say what to state in .privapi.hcl: %q", r.CheckID, r.Fix)
				}
			}
		})
	}
}

// TestApplyTimeDoubtNamesNoDeclaration: results held back by values known
// only after apply (no .privapi.hcl at all) stay "unknown until apply":
// none names a fact to declare.
func TestApplyTimeDoubtNamesNoDeclaration(t *testing.T) {
	for _, fx := range []string{"net-subnet-az-unknown", "dns-private-dns-unknown", "policy-unverifiable", "net-sg-cidr-ipam"} {
		t.Run(fx, func(t *testing.T) {
			dir := filepath.Join("..", "fixtures", fx)
			doc, err := planfile.Load(filepath.Join(dir, "plan.json"), planfile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			a, err := engine.Analyze(doc, dir)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, r := range a.Check(checks.Options{}) {
				if r.Status != finding.Unverified {
					continue
				}
				n++
				if r.Undeclared != "" {
					t.Errorf("%s %s: names %q to declare, but its doubt is a value known only after apply: %s", r.CheckID, r.Address, r.Undeclared, r.Message)
				}
			}
			if n == 0 {
				t.Fatalf("no unverified result: the fixture no longer tests this")
			}
		})
	}
}

// TestOutsideEndpointDoubt: a service stack checked alone, whose API is
// bound to an endpoint id that no input holds (fixtures/stacks), is held
// back by what no input states, not by a value known only after apply:
// PA101, PA110 and PA205 say to declare the endpoint (or join its stack).
func TestOutsideEndpointDoubt(t *testing.T) {
	dir := filepath.Join("..", "fixtures", "stacks", "services", "orders")
	doc, err := planfile.Load(filepath.Join(dir, "tfplan.json"), planfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := engine.Analyze(doc, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"PA101": false, "PA110": false, "PA205": false}
	for _, r := range a.Check(checks.Options{}) {
		if r.Status != finding.Unverified {
			continue
		}
		if _, ok := want[r.CheckID]; !ok {
			t.Errorf("unexpected %s unverified: %s", r.CheckID, r.Message)
			continue
		}
		want[r.CheckID] = true
		if r.Undeclared != "an endpoint block for vpce-0919071328f7b17d6 (or pass the stack that owns it with --with)" {
			t.Errorf("%s: undeclared %q", r.CheckID, r.Undeclared)
		}
		if !strings.Contains(r.Fix, "--with") {
			t.Errorf("%s: the fix does not say to pass the stack: %q", r.CheckID, r.Fix)
		}
	}
	for id, seen := range want {
		if !seen {
			t.Errorf("no %s unverified", id)
		}
	}
}
