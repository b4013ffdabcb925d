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

// orgOnlyPolicy is an endpoint policy that admits only principals of one
// AWS Organization: unsigned callers carry no aws:PrincipalOrgID.
const orgOnlyPolicy = `policy = <<EOT
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*",
 "Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-a1b2c3d4e5"}}}]}
EOT`

// TestSplitStackDeclaredVariants breaks one declared fact of the passing
// split stack (fixtures/split-stack-declared) at a time: each breaks the
// check that a plan-made fact of the same kind feeds, and a fact left out
// makes that check unverified.
func TestSplitStackDeclaredVariants(t *testing.T) {
	dir := "../fixtures/split-stack-declared"
	base, err := os.ReadFile(filepath.Join(dir, ".privapi.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := planfile.Load(filepath.Join(dir, "plan.json"), planfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	type edit struct{ from, to string }
	for _, tt := range []struct {
		name   string
		edits  []edit
		id     string
		status finding.Status
	}{
		{"as declared", nil, "", ""},
		{"endpoint policy admits only an organization", []edit{{`policy_file          = "endpoint-policy.json"`, orgOnlyPolicy}}, "PA203", finding.Fail},
		{"endpoint policy admits the organization the client signs as", []edit{{`policy_file          = "endpoint-policy.json"`, orgOnlyPolicy},
			{`signs_requests     = false`, `signs_requests     = true
  principal_arn      = "arn:aws:iam::123456789012:role/batch"
  organization_id    = "o-a1b2c3d4e5"`}}, "", ""},
		{"endpoint policy admits an organization, the client's not declared", []edit{{`policy_file          = "endpoint-policy.json"`, orgOnlyPolicy},
			{`signs_requests     = false`, `signs_requests     = true`}}, "PA203", finding.Unverified},
		{"endpoint policy admits another organization", []edit{{`policy_file          = "endpoint-policy.json"`, orgOnlyPolicy},
			{`signs_requests     = false`, `signs_requests     = true
  organization_id    = "o-0000000000"`}}, "PA203", finding.Fail},
		{"endpoint policy not declared", []edit{{`policy_file          = "endpoint-policy.json"`, ""}}, "PA203", finding.Unverified},
		{"endpoint policy default", []edit{{`policy_file          = "endpoint-policy.json"`, `policy = "default"`}}, "", ""},
		{"endpoint NACLs block 443", []edit{{`nacls_allow_https    = true`, `nacls_allow_https    = false`}}, "PA114", finding.Fail},
		{"endpoint NACLs not declared", []edit{{`nacls_allow_https    = true # the network stack keeps the default NACL`, ""}}, "PA114", finding.Unverified},
		{"client NACLs block 443", []edit{{`nacls_allow_https  = true`, `nacls_allow_https  = false`}}, "PA114", finding.Fail},
		{"client NACLs not declared", []edit{{`nacls_allow_https  = true`, ""}}, "PA114", finding.Unverified},
		{"no NACLs declared", []edit{{`nacls_allow_https    = true # the network stack keeps the default NACL`, ""}, {`nacls_allow_https  = true`, ""}}, "PA114", finding.Unverified},
		{"VPC DNS hostnames off", []edit{{`enable_dns_hostnames = true`, `enable_dns_hostnames = false`}}, "PA401", finding.Fail},
		{"VPC DNS attributes not declared", []edit{{`enable_dns_hostnames = true`, ""}}, "PA401", finding.Unverified},
		{"invoke URL with private DNS off", []edit{{`private_dns          = true`, `private_dns          = false`}}, "PA407", finding.Fail},
		{"two subnets in one AZ", []edit{{`availability_zone = "eu-west-1b"`, `availability_zone = "eu-west-1a"`}}, "PA104", finding.Fail},
		{"subnets without AZs", []edit{{"subnet {\n    cidr_block        = \"10.40.1.0/24\"\n    availability_zone = \"eu-west-1b\"\n  }", ""},
			{"subnet {\n    cidr_block        = \"10.40.0.0/24\"\n    availability_zone = \"eu-west-1a\"\n  }", `subnet_cidrs = ["10.40.0.0/24"]`}}, "PA104", finding.Unverified},
		{"remote client over declared peering calls the invoke URL", []edit{{`vpc_id             = "vpc-0c0ffee0c0ffee000"`, `vpc_id             = "vpc-0d15ea5ed15ea5e00"
  vpc_links          = ["pcx-0a1b2c3d4e5f60718"]`}}, "PA405", finding.Fail},
		{"remote client over declared peering calls the alias", []edit{{`vpc_id             = "vpc-0c0ffee0c0ffee000"`, `vpc_id             = "vpc-0d15ea5ed15ea5e00"
  vpc_links          = ["tgw-0a1b2c3d4e5f60718"]`}, {`url_form           = "invoke_url"`, `url_form           = "alias"
  alias_endpoint_id  = "vpce-0f1e2d3c4b5a69788"`}}, "", ""},
		{"remote client without a declared link", []edit{{`vpc_id             = "vpc-0c0ffee0c0ffee000"`, `vpc_id             = "vpc-0d15ea5ed15ea5e00"`}}, "PA110", finding.Unverified},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := string(base)
			for _, e := range tt.edits {
				if !strings.Contains(src, e.from) {
					t.Fatalf("the fixture's .privapi.hcl has no %q", e.from)
				}
				src = strings.Replace(src, e.from, e.to, 1)
			}
			path := filepath.Join(t.TempDir(), ".privapi.hcl")
			if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(src, "policy_file") {
				b, err := os.ReadFile(filepath.Join(dir, "endpoint-policy.json"))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(filepath.Dir(path), "endpoint-policy.json"), b, 0o644); err != nil {
					t.Fatal(err)
				}
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
			var bad []string
			found := tt.id == ""
			for _, r := range a.Check(checks.Options{}) {
				if r.Status == finding.Pass || (r.Status == finding.Fail && r.Severity == finding.Info) {
					continue
				}
				if r.CheckID == tt.id && r.Status == tt.status {
					found = true
					continue
				}
				bad = append(bad, r.CheckID+" "+string(r.Status)+": "+r.Message)
			}
			if !found {
				t.Errorf("want %s %s; got:\n  %s", tt.id, tt.status, strings.Join(bad, "\n  "))
			}
			if tt.id == "" && len(bad) > 0 {
				t.Errorf("want nothing failing or unverified; got:\n  %s", strings.Join(bad, "\n  "))
			}
		})
	}
}
