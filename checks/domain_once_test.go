package checks_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/planfile"
)

// TestDomainStepsReportedOnce: each broken step of a private custom domain
// is reported once, by PA406, at the resource that breaks it (the domain or
// the mapping), even when a client's configuration calls the domain: PA407
// judges only the execute-api URL forms.
func TestDomainStepsReportedOnce(t *testing.T) {
	for _, tc := range []struct {
		fixture string
		// want counts PA406 findings per address (one per broken step)
		want map[string]int
	}{
		{"dns-custom-domain-broken", map[string]int{"aws_api_gateway_domain_name.orders": 3, "aws_api_gateway_base_path_mapping.orders": 1}},
		{"dns-custom-domain-unassociated", map[string]int{"aws_api_gateway_domain_name.orders": 1}},
		{"dns-custom-domain-resource-mismatch", map[string]int{"aws_api_gateway_domain_name.orders": 1}},
		{"dns-custom-domain-resource-mismatch-enabled", map[string]int{"aws_api_gateway_domain_name.orders": 1}},
		{"dns-custom-domain-lambda-zone-elsewhere", map[string]int{"aws_api_gateway_domain_name.orders": 1}},
		{"dns-custom-domain-only", map[string]int{}},
	} {
		t.Run(tc.fixture, func(t *testing.T) {
			dir := filepath.Join("..", "fixtures", tc.fixture)
			doc, err := planfile.Load(filepath.Join(dir, "plan.json"), planfile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			a, err := engine.Analyze(doc, dir)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			seen := map[string]string{}
			for _, r := range a.Check(checks.Options{}) {
				if r.Status == finding.Pass {
					continue
				}
				domainStep := strings.HasPrefix(r.Address, "aws_api_gateway_domain_name.") ||
					strings.HasPrefix(r.Address, "aws_api_gateway_base_path_mapping.") ||
					strings.HasPrefix(r.Address, "aws_route53_record.")
				if r.CheckID == "PA407" && domainStep {
					t.Errorf("PA407 repeats a domain step at %s: %s", r.Address, r.Message)
				}
				if r.CheckID != "PA406" {
					continue
				}
				got[r.Address]++
				if prev, ok := seen[r.Message]; ok {
					t.Errorf("PA406 reports the same step twice (%s and %s): %s", prev, r.Address, r.Message)
				}
				seen[r.Message] = r.Address
			}
			for addr, n := range tc.want {
				if got[addr] != n {
					t.Errorf("PA406 at %s: %d findings, want %d (one per broken step)", addr, got[addr], n)
				}
			}
			for addr, n := range got {
				if _, ok := tc.want[addr]; !ok {
					t.Errorf("PA406 at %s: %d unexpected findings", addr, n)
				}
			}
		})
	}
}
