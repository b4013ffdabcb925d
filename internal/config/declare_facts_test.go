package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const factsEndpoint = `endpoint "shared" {
  id                   = "vpce-0f1e2d3c4b5a69788"
  vpc_id               = "vpc-0c0ffee0c0ffee000"
  region               = "eu-west-1"
  security_group_ids   = ["sg-0a1b2c3d4e5f60718"]
  private_dns          = true
  enable_dns_support   = true
  enable_dns_hostnames = false
  policy               = "default"
  subnet {
    cidr_block        = "10.40.0.0/24"
    availability_zone = "eu-west-1a"
  }
}
`

const factsClient = `client "batch" {
  cidrs              = ["10.50.20.0/24"]
  security_group_ids = []
  vpc_id             = "vpc-0d15ea5ed15ea5e00"
  url_form           = "alias"
  alias_endpoint_id  = "vpce-0f1e2d3c4b5a69788"
  signs_requests     = true
  principal_arn      = "arn:aws:iam::123456789012:role/batch"
  organization_id    = "o-a1b2c3d4e5"
  vpc_links          = ["pcx-0a1b2c3d4e5f60718", "tgw-0a1b2c3d4e5f60718"]
}
`

// TestDeclaredFacts: the facts an endpoint and a client declare beyond
// their identity reach the Config.
func TestDeclaredFacts(t *testing.T) {
	cfg, err := Parse("t.hcl", []byte(factsEndpoint+factsClient), nil)
	if err != nil {
		t.Fatal(err)
	}
	e, c := cfg.Endpoints[0], cfg.Clients[0]
	if e.Policy != PolicyDefault || e.DNSSupport == nil || !*e.DNSSupport || e.DNSHostnames == nil || *e.DNSHostnames ||
		len(e.Subnets) != 1 || e.Subnets[0].AZ != "eu-west-1a" || strings.Join(e.SubnetCIDRs, ",") != "10.40.0.0/24" {
		t.Errorf("endpoint = %+v", e)
	}
	if c.URLForm != URLFormAlias || c.AliasEndpointID != "vpce-0f1e2d3c4b5a69788" || c.SignsRequests == nil || !*c.SignsRequests ||
		c.PrincipalARN == "" || c.OrganizationID != "o-a1b2c3d4e5" || len(c.Links) != 2 {
		t.Errorf("client = %+v", c)
	}
}

// TestDeclaredFactsInvalid: every bad value is one diagnostic at its line.
func TestDeclaredFactsInvalid(t *testing.T) {
	for _, tt := range []struct {
		name, from, to, want string
	}{
		{"policy not JSON", `policy               = "default"`, `policy = "{not json"`, "t.hcl:9,"},
		{"policy and file", `policy               = "default"`, `policy = "default"
  policy_file = "p.json"`, "Conflicting policy"},
		{"absolute policy file", `policy               = "default"`, `policy_file = "/etc/passwd"`, "Invalid policy_file"},
		{"AZ of another region", `"eu-west-1a"`, `"us-east-1a"`, "t.hcl:12,"},
		{"AZ id", `"eu-west-1a"`, `"euw1-az1"`, "Invalid Availability Zone"},
		{"subnet without AZ", `    availability_zone = "eu-west-1a"
`, "", "Missing required argument"},
		{"subnet blocks and subnet_cidrs", `  policy `, `  subnet_cidrs = ["10.40.0.0/24"]
  policy `, "Conflicting subnets"},
		{"subnet host bits", `"10.40.0.0/24"`, `"10.40.0.1/24"`, "host bits"},
		{"dns not bool", `enable_dns_support   = true`, `enable_dns_support = "yes please"`, "Invalid enable_dns_support"},
		{"url form", `url_form           = "alias"`, `url_form = "private"`, "t.hcl:20,"},
		{"alias without id", `  alias_endpoint_id  = "vpce-0f1e2d3c4b5a69788"
`, "", "Missing alias_endpoint_id"},
		{"custom domain without name", `url_form           = "alias"
  alias_endpoint_id  = "vpce-0f1e2d3c4b5a69788"`, `url_form = "custom_domain"`, "Missing custom_domain"},
		{"identity without signing", `signs_requests     = true`, `signs_requests = false`, "Identity without signing"},
		{"bad arn", `role/batch"`, `role batch"`, "Invalid principal_arn"},
		{"bad org", `"o-a1b2c3d4e5"`, `"org-1"`, "Invalid organization_id"},
		{"bad link", `"pcx-0a1b2c3d4e5f60718"`, `"vpc-0a1b2c3d4e5f60718"`, "Invalid VPC link"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := factsEndpoint + factsClient
			if !strings.Contains(src, tt.from) {
				t.Fatalf("no %q", tt.from)
			}
			src = strings.Replace(src, tt.from, tt.to, 1)
			_, err := Parse("t.hcl", []byte(src), nil)
			var cerr *Error
			if !errors.As(err, &cerr) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestPolicyFile: policy_file is read relative to the configuration file
// and only inside its repository tree.
func TestPolicyFile(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(repo, "svc"), 0o755); err != nil {
		t.Fatal(err)
	}
	pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*"}]}`
	for _, p := range []string{filepath.Join(repo, "policy.json"), filepath.Join(root, "outside.json")} {
		if err := os.WriteFile(p, []byte(pol), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(repo, "bad.json"), []byte(`{"Statement": 3}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "outside.json"), filepath.Join(repo, "link.json")); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ file, want string }{
		{"../policy.json", ""},
		{"../../outside.json", "outside the repository"},
		{"../link.json", "outside the repository"},
		{"../missing.json", "Unreadable policy_file"},
		{"../bad.json", "Invalid policy"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			src := strings.Replace(factsEndpoint, `policy               = "default"`, `policy_file = "`+tt.file+`"`, 1)
			path := filepath.Join(repo, "svc", ".privapi.hcl")
			if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
				t.Fatal(err)
			}
			cfg, err := Load(path, nil)
			if tt.want == "" {
				if err != nil || cfg.Endpoints[0].Policy != pol {
					t.Fatalf("err = %v, cfg = %+v", err, cfg)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), ".privapi.hcl:9,") {
				t.Fatalf("err = %v, want %q at line 9", err, tt.want)
			}
		})
	}
}

// TestDocumentedSplitStack: the worked example of docs/configuration.md is
// the configuration of fixtures/split-stack-declared, verbatim, and it
// loads (its policy_file included).
func TestDocumentedSplitStack(t *testing.T) {
	path := "../../fixtures/split-stack-declared/.privapi.hcl"
	hcl, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pol, err := os.ReadFile("../../fixtures/split-stack-declared/endpoint-policy.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile("../../docs/configuration.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"```hcl\n" + string(hcl) + "```", "```json\n" + string(pol) + "```"} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("docs/configuration.md does not show, verbatim:\n%s", want)
		}
	}
	cfg, err := Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Endpoints) != 1 || cfg.Endpoints[0].Policy == "" || len(cfg.Clients) != 1 || cfg.Clients[0].URLForm == "" {
		t.Errorf("config = %+v", cfg)
	}
}
