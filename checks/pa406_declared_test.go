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

// TestPA406DeclaredClients: PA406 judges a client declared in .privapi.hcl
// like one of the plan: the record in its own VPC, the domain's policy for
// its CIDRs, and the custom domain it says it calls. Each variant changes
// one fact of the passing fixtures/split-stack-declared-domain.
func TestPA406DeclaredClients(t *testing.T) {
	dir := "../fixtures/split-stack-declared-domain"
	base, err := os.ReadFile(filepath.Join(dir, ".privapi.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	pol, err := os.ReadFile(filepath.Join(dir, "endpoint-policy.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := planfile.Load(filepath.Join(dir, "plan.json"), planfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, from, to string
		// want is the address of the one PA406 failure ("" for none);
		// says is a phrase of its message
		want, says string
	}{
		{"as declared", "", "", "", ""},
		{"another domain name", `custom_domain      = "orders.internal.example.com"`, `custom_domain      = "orders.example.com"`,
			"client.batch-hosts", "calls aws_api_gateway_rest_api.api by https://orders.example.com (custom_domain in .privapi.hcl), but the private custom domains mapped to it are orders.internal.example.com"},
		{"in a peered VPC the zone is not associated with", `vpc_id             = "vpc-0c0ffee0c0ffee000"
  apis`, `vpc_id             = "vpc-0ba7c40ba7c40ba70"
  vpc_links          = ["pcx-0d1e2f3a4b5c6d7e8"]
  apis`, "aws_api_gateway_domain_name.orders", "associated with vpc-0ba7c40ba7c40ba70, so client.batch-hosts cannot resolve"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := string(base)
			if tt.from != "" {
				if !strings.Contains(src, tt.from) {
					t.Fatalf("the fixture's .privapi.hcl has no %q", tt.from)
				}
				src = strings.Replace(src, tt.from, tt.to, 1)
			}
			tmp := t.TempDir()
			path := filepath.Join(tmp, ".privapi.hcl")
			if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(tmp, "endpoint-policy.json"), pol, 0o644); err != nil {
				t.Fatal(err)
			}
			cfg, err := config.Load(path, engine.CheckIDs())
			if err != nil {
				t.Fatal(err)
			}
			a, err := engine.Analyze(doc, dir)
			if err != nil {
				t.Fatal(err)
			}
			a.Declare(cfg)
			var fails []finding.Result
			judged := false
			for _, r := range a.Check(checks.Options{}) {
				if r.CheckID != "PA406" {
					continue
				}
				if r.Address == "client.batch-hosts" {
					judged = true
				}
				if r.Status != finding.Pass {
					fails = append(fails, r)
				}
			}
			if !judged {
				t.Errorf("PA406 did not judge the declared client's custom domain")
			}
			if tt.want == "" {
				for _, r := range fails {
					t.Errorf("PA406 %s at %s: %s", r.Status, r.Address, r.Message)
				}
				return
			}
			if len(fails) != 1 || fails[0].Address != tt.want || fails[0].Status != finding.Fail ||
				fails[0].Severity != finding.Error || !strings.Contains(fails[0].Message, tt.says) {
				t.Errorf("want one PA406 error at %s saying %q; got:", tt.want, tt.says)
				for _, r := range fails {
					t.Errorf("  %s %s at %s: %s", r.Severity, r.Status, r.Address, r.Message)
				}
			}
		})
	}
}
