package checks_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/planfile"
)

// analyzeNoPanic runs the whole analysis of a fixture's plan, turning a
// panic into a test failure that names the input.
func analyzeNoPanic(t *testing.T, dir, srcDir string) (rs []finding.Result, warnings []string) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Fatalf("%s (source %q): panic: %v", dir, srcDir, r)
		}
	}()
	doc, err := planfile.Load(filepath.Join(dir, "plan.json"), planfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := engine.Analyze(doc, srcDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range a.Diags {
		warnings = append(warnings, d.Error())
	}
	return a.Check(checks.Options{}), warnings
}

func policyChecksRegistered(t *testing.T) {
	t.Helper()
	for _, c := range checks.All() {
		if strings.HasPrefix(c.ID, "PA2") {
			return
		}
	}
	t.Fatal("no resource-policy check (PA2xx) is registered")
}

// TestHostilePolicies: a resource policy that is not JSON, and one with an
// unknown condition operator, in otherwise valid plans. Neither is an input
// error (the plan is fine; AWS refuses the document only at apply), so
// privapi must not crash, must not prove the API reachable, and must report
// the policy as failing or unverified, naming the problem where it can see
// the document.
func TestHostilePolicies(t *testing.T) {
	const api = "aws_api_gateway_rest_api.api"
	tests := []struct {
		fixture string
		// problem must appear in a policy finding's message, with source and
		// (when the plan carries the document) without.
		problem   string
		inPlanToo bool
	}{
		{fixture: "hostile-policy-not-json", problem: "not JSON"},
		{fixture: "hostile-policy-unknown-operator", problem: "NotIpAdress", inPlanToo: true},
	}
	for _, tt := range tests {
		dir := filepath.Join("..", "fixtures", tt.fixture)
		for _, src := range []string{dir, ""} {
			name := tt.fixture + "/with-source"
			if src == "" {
				name = tt.fixture + "/without-source"
			}
			t.Run(name, func(t *testing.T) {
				rs, _ := analyzeNoPanic(t, dir, src)
				policyChecksRegistered(t)
				var policy []finding.Result
				for _, r := range rs {
					if strings.HasPrefix(r.CheckID, "PA2") && r.Address == api {
						policy = append(policy, r)
					}
				}
				nonPass, named := 0, false
				for _, r := range policy {
					if r.Status == finding.Pass {
						if r.CheckID == "PA202" {
							t.Errorf("PA202 passes: the API is proven reachable through a policy that AWS refuses")
						}
						continue
					}
					nonPass++
					named = named || strings.Contains(r.Message, tt.problem)
				}
				if nonPass == 0 {
					t.Fatalf("no failing or unverified policy finding at %s: the broken policy passes silently; results: %s", api, summarize(rs))
				}
				if (src != "" || tt.inPlanToo) && !named {
					t.Errorf("no policy finding names the problem (%q): %s", tt.problem, summarize(policy))
				}
			})
		}
	}
}

// TestPolicyStatementObject: Statement as a single object is valid IAM and
// must be judged like the list form: the resource policy admits the client,
// so no policy check fails or is unverified on the API, and PA202 actually
// passes (it is evaluated, not skipped). (Without source the endpoint policy,
// a deferred data source, is unverified; that is not about the resource
// policy.)
func TestPolicyStatementObject(t *testing.T) {
	dir := filepath.Join("..", "fixtures", "hostile-policy-statement-object")
	raw, err := os.ReadFile(filepath.Join(dir, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	plan, err := decodeGeneric(raw)
	if err != nil {
		t.Fatal(err)
	}
	rc := resourceChange(plan, "aws_api_gateway_rest_api_policy.api")
	after, _ := rc["change"].(map[string]any)["after"].(map[string]any)
	doc, _ := after["policy"].(string)
	if !strings.Contains(doc, `"Statement":{`) {
		t.Fatalf("the fixture's policy does not have a Statement object: %s", doc)
	}
	p, err := iampolicy.Parse([]byte(doc))
	if err != nil {
		t.Fatalf("iampolicy.Parse: %v", err)
	}
	if len(p.Statements) != 1 {
		t.Fatalf("%d statements, want 1", len(p.Statements))
	}
	for _, src := range []string{dir, ""} {
		rs, _ := analyzeNoPanic(t, dir, src)
		policyChecksRegistered(t)
		passed := false
		for _, r := range rs {
			if !strings.HasPrefix(r.CheckID, "PA2") || r.Address != "aws_api_gateway_rest_api.api" {
				continue
			}
			if r.Status != finding.Pass {
				t.Errorf("source %q: %s %s at %s: %s", src, r.CheckID, r.Status, r.Address, r.Message)
			}
			passed = passed || (r.CheckID == "PA202" && r.Status == finding.Pass)
		}
		if !passed {
			t.Errorf("source %q: PA202 does not pass; results: %s", src, summarize(rs))
		}
	}
}

func summarize(rs []finding.Result) string {
	var out []string
	for _, r := range rs {
		out = append(out, fmt.Sprintf("%s:%s %s", r.CheckID, r.Status, r.Address))
	}
	return strings.Join(out, ", ")
}
