package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/privapi/privapi/internal/finding"
)

var known = []string{"PA101", "PA113", "PA501", "PA502", "PA901", "PA902"}

const valid = `# privapi configuration
fail_on = "warning"
strict  = true

check "PA501" {
  enabled  = false
  severity = "info"
}

check "PA502" {
  severity = "error"
}

waiver {
  check   = "PA113"
  address = "module.edge[*].aws_vpc_endpoint.this"
  reason  = "default SG locked down by org policy"
  expires = "2027-01-31"
}

waiver {
  check   = "*"
  address = "**.aws_vpc_endpoint.legacy"
  reason  = "  being replaced  "
}

endpoint "shared" {
  id                 = "vpce-0123456789abcdef0"
  vpc_id             = "vpc-0abc"
  region             = "eu-west-1"
  security_group_ids = ["sg-0123"]
  private_dns        = true
  subnet_cidrs       = ["10.1.0.0/24"]
  vpc_cidrs          = ["10.1.0.0/16", "2001:db8::/56"]
}

client "batch-hosts" {
  cidrs              = ["10.1.4.0/24"]
  security_group_ids = ["sg-0456"]
  vpc_id             = "vpc-0abc"
  apis               = ["aws_api_gateway_rest_api.api"]
}

client "on-prem" {
  cidrs              = ["192.168.0.0/16"]
  security_group_ids = []
  vpc_id             = "vpc-0abc"
}
`

func TestParseValid(t *testing.T) {
	cfg, err := Parse("cfg/.privapi.hcl", []byte(valid), known)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Path != "cfg/.privapi.hcl" {
		t.Errorf("Path = %q", cfg.Path)
	}
	if cfg.FailOn == nil || *cfg.FailOn != (finding.Threshold{Severity: finding.Warning}) {
		t.Errorf("FailOn = %v", cfg.FailOn)
	}
	if cfg.Strict == nil || !*cfg.Strict {
		t.Errorf("Strict = %v", cfg.Strict)
	}
	c := cfg.Checks["PA501"]
	if c.ID != "PA501" || c.Enabled == nil || *c.Enabled || c.Severity == nil || *c.Severity != finding.Info || c.Pos.Line != 5 {
		t.Errorf("PA501 = %+v", c)
	}
	c = cfg.Checks["PA502"]
	if c.Enabled != nil || c.Severity == nil || *c.Severity != finding.Error || c.Pos != (Pos{"cfg/.privapi.hcl", 10, 1}) {
		t.Errorf("PA502 = %+v", c)
	}
	if len(cfg.Waivers) != 2 {
		t.Fatalf("waivers = %+v", cfg.Waivers)
	}
	w := cfg.Waivers[0]
	if w.CheckID != "PA113" || w.Pattern != "module.edge[*].aws_vpc_endpoint.this" || w.Reason != "default SG locked down by org policy" ||
		w.Expires != "2027-01-31" || w.Pos.Line != 14 || w.Attrs["expires"].Line != 18 {
		t.Errorf("waiver 0 = %+v", w)
	}
	if !w.Matches("PA113", `module.edge["a"].aws_vpc_endpoint.this[0]`) || w.Matches("PA501", `module.edge["a"].aws_vpc_endpoint.this`) {
		t.Errorf("waiver 0 matching is wrong")
	}
	w = cfg.Waivers[1]
	if w.CheckID != "*" || w.Reason != "being replaced" || w.Expires != "" {
		t.Errorf("waiver 1 = %+v", w)
	}
	if !w.Matches("PA501", "module.a.aws_vpc_endpoint.legacy") || w.Matches("PA901", "aws_vpc_endpoint.legacy") {
		t.Errorf("waiver 1 matching is wrong")
	}
	if len(cfg.Endpoints) != 1 {
		t.Fatalf("endpoints = %+v", cfg.Endpoints)
	}
	e := cfg.Endpoints[0]
	if e.Name != "shared" || e.ID != "vpce-0123456789abcdef0" || e.VPCID != "vpc-0abc" || e.Region != "eu-west-1" ||
		strings.Join(e.SecurityGroupIDs, ",") != "sg-0123" || !e.PrivateDNS ||
		strings.Join(e.SubnetCIDRs, ",") != "10.1.0.0/24" || strings.Join(e.VPCCIDRs, ",") != "10.1.0.0/16,2001:db8::/56" ||
		e.Pos.Line != 27 || e.Attrs["region"].Line != 30 {
		t.Errorf("endpoint = %+v", e)
	}
	if len(cfg.Clients) != 2 {
		t.Fatalf("clients = %+v", cfg.Clients)
	}
	cl := cfg.Clients[0]
	if cl.Name != "batch-hosts" || strings.Join(cl.CIDRs, ",") != "10.1.4.0/24" || strings.Join(cl.SecurityGroupIDs, ",") != "sg-0456" ||
		cl.VPCID != "vpc-0abc" || strings.Join(cl.APIs, ",") != "aws_api_gateway_rest_api.api" || cl.Pos.Line != 37 {
		t.Errorf("client 0 = %+v", cl)
	}
	cl = cfg.Clients[1]
	if cl.APIs != nil || cl.SecurityGroupIDs == nil || len(cl.SecurityGroupIDs) != 0 {
		t.Errorf("client 1 = %+v", cl)
	}
}

func TestParseEmpty(t *testing.T) {
	cfg, err := Parse(".privapi.hcl", []byte("# nothing\n"), known)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.FailOn != nil || cfg.Strict != nil || len(cfg.Checks) != 0 || cfg.Waivers != nil || cfg.Endpoints != nil || cfg.Clients != nil {
		t.Errorf("empty config = %+v", cfg)
	}
}

func TestFailOnNone(t *testing.T) {
	cfg, err := Parse("f.hcl", []byte(`fail_on = "none"`), nil)
	if err != nil || cfg.FailOn == nil || !cfg.FailOn.None {
		t.Fatalf("cfg = %+v, err = %v", cfg, err)
	}
}

func TestNilKnownIDs(t *testing.T) {
	_, err := Parse("f.hcl", []byte("check \"PA777\" {\n  enabled = false\n}\n"), nil)
	if err != nil {
		t.Fatalf("with nil knownIDs any PAnnn is accepted: %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	const wv = "waiver {\n  check   = \"PA113\"\n  address = \"aws_vpc_endpoint.this\"\n  reason  = \"r\"\n"
	const ep = "endpoint \"e\" {\n  id = \"vpce-01\"\n  vpc_id = \"vpc-01\"\n  region = \"eu-west-1\"\n  security_group_ids = [\"sg-01\"]\n  private_dns = true\n"
	const cl = "client \"c\" {\n  cidrs = [\"10.0.0.0/8\"]\n  security_group_ids = []\n  vpc_id = \"vpc-01\"\n"
	tests := []struct {
		name string
		src  string
		want []string // one per diagnostic, in order: "line,col: text the line contains"
	}{
		{"syntax", "fail_on = \n", []string{`1,11: Invalid expression`}},
		{"unknown attribute", "fail_on = \"error\"\nfailon = \"x\"\n", []string{`2,1: Unsupported argument; An argument named "failon"`}},
		{"unknown block", "\nrule \"x\" {\n}\n", []string{`2,1: Unsupported block type`}},
		{"unknown attribute in check", "check \"PA501\" {\n  enable = false\n}\n", []string{`2,3: Unsupported argument`}},
		{"bad fail_on", "fail_on = \"fatal\"\n", []string{`1,11: Invalid fail_on; "fatal" is not a level`}},
		{"fail_on wrong type", "fail_on = [\"error\"]\n", []string{`1,11: Invalid fail_on`}},
		{"strict wrong type", "strict = \"yes\"\n", []string{`1,10: Invalid strict`}},
		{"strict null", "strict = null\n", []string{`1,10: Invalid strict; strict must be true or false, not null`}},
		{"variable", "strict = var.x\n", []string{`1,10: Variables not allowed`}},
		{"function", "fail_on = lower(\"ERROR\")\n", []string{`1,11: Function calls not allowed`}},
		{"duplicate attribute", "strict = true\nstrict = false\n", []string{`2,1: Attribute redefined`}},
		{"check id format", "\ncheck \"PA50\" {\n}\n", []string{`2,7: Invalid check ID; "PA50" is not a check ID such as "PA501"`}},
		{"check id unknown", "check \"PA503\" {\n}\n", []string{`1,7: Unknown check ID; "PA503" is not a check of this version of privapi. Did you mean "PA501"?`}},
		{"check without label", "check {\n}\n", []string{`1,7: Missing id for check`}},
		{"bad severity", "check \"PA501\" {\n  severity = \"critical\"\n}\n", []string{`2,14: Invalid severity; "critical" is not a severity`}},
		{"duplicate check", "check \"PA501\" {\n}\ncheck \"PA501\" {\n}\n", []string{`3,1: Duplicate check block; check "PA501" was already configured at f.hcl:1,1`}},
		{"waiver ok", wv + "}\n", nil},
		{"waiver label", "waiver \"x\" {\n  check = \"PA113\"\n  address = \"a.b\"\n  reason = \"r\"\n}\n", []string{`1,8: Extraneous label for waiver`}},
		{"waiver missing reason", "\nwaiver {\n  check   = \"PA113\"\n  address = \"a.b\"\n}\n", []string{`2,8: Missing required argument; The argument "reason" is required`}},
		{"waiver blank reason", "waiver {\n  check   = \"PA113\"\n  address = \"a.b\"\n  reason  = \"  \"\n}\n", []string{`4,13: Empty waiver reason`}},
		{"waiver bad date", wv + "  expires = \"31/01/2027\"\n}\n", []string{`5,13: Invalid expiry date; "31/01/2027" is not a date of the form YYYY-MM-DD`}},
		{"waiver impossible date", wv + "  expires = \"2027-02-30\"\n}\n", []string{`5,13: Invalid expiry date`}},
		{"waiver bad check", "waiver {\n  check   = \"pa113\"\n  address = \"a.b\"\n  reason  = \"r\"\n}\n", []string{`2,13: Invalid check ID; "pa113" is not a check ID such as "PA501" or "*" for every check`}},
		{"waiver unknown check", "waiver {\n  check   = \"PA114\"\n  address = \"a.b\"\n  reason  = \"r\"\n}\n", []string{`2,13: Unknown check ID; "PA114" is not a check of this version of privapi. Did you mean "PA113"?`}},
		{"waiver meta check", "waiver {\n  check   = \"PA901\"\n  address = \"a.b\"\n  reason  = \"r\"\n}\n", []string{`2,13: Check cannot be waived`}},
		{"waiver bad pattern", "waiver {\n  check   = \"PA113\"\n  address = \"module.x[\\\"a\"\n  reason  = \"r\"\n}\n", []string{`3,13: Invalid address pattern; unterminated key string at offset 8 of "module.x[\"a"`}},
		{"endpoint ok", ep + "}\n", nil},
		{"endpoint missing", "endpoint \"e\" {\n  id = \"vpce-01\"\n}\n", []string{
			`1,14: Missing required argument; The argument "vpc_id" is required`,
			`1,14: Missing required argument; The argument "region"`,
			`1,14: Missing required argument; The argument "security_group_ids"`,
			`1,14: Missing required argument; The argument "private_dns"`,
		}},
		{"endpoint bad values", "endpoint \"e\" {\n  id = \"vpc-01\"\n  vpc_id = \"vpce-01\"\n  region = \"Ireland\"\n  security_group_ids = [\"sg-01\", \"default\"]\n  private_dns = \"maybe\"\n  vpc_cidrs = [\"10.0.0.1/16\", \"10.0.0.0/33\"]\n}\n", []string{
			`2,8: Invalid endpoint ID; "vpc-01" is not a VPC endpoint ID`,
			`3,12: Invalid VPC ID`,
			`4,12: Invalid region; "Ireland" is not an AWS region`,
			`5,24: Invalid security group ID; "default" is not a security group ID`,
			`6,17: Invalid private_dns`,
			`7,15: Invalid CIDR block; "10.0.0.1/16" has host bits set; did you mean "10.0.0.0/16"?`,
			`7,15: Invalid CIDR block; "10.0.0.0/33" is not a CIDR block`,
		}},
		{"endpoint no sg", "endpoint \"e\" {\n  id = \"vpce-01\"\n  vpc_id = \"vpc-01\"\n  region = \"eu-west-1\"\n  security_group_ids = []\n  private_dns = true\n}\n", []string{`5,24: Empty list; security_group_ids must list at least one value`}},
		{"endpoint null element", ep + "  subnet_cidrs = [null]\n}\n", []string{`7,18: Invalid subnet_cidrs; subnet_cidrs must be a list of strings, without null elements`}},
		{"duplicate endpoint", ep + "}\n\n" + ep + "}\n", []string{`9,10: Duplicate endpoint block; endpoint "e" was already declared at f.hcl:1,1`}},
		{"duplicate endpoint id", ep + "}\n" + strings.Replace(ep, `"e"`, `"f"`, 1) + "}\n", []string{`8,1: Duplicate endpoint ID; endpoint "f" has the same id "vpce-01" as endpoint "e"`}},
		{"client ok", cl + "}\n", nil},
		{"client no cidrs", "client \"c\" {\n  cidrs = []\n  security_group_ids = []\n  vpc_id = \"vpc-01\"\n}\n", []string{`2,11: No client CIDRs`}},
		{"client bad api", cl + "  apis = [\"aws_api_gateway_rest_api\"]\n}\n", []string{`5,10: Invalid API address; "aws_api_gateway_rest_api": resource type "aws_api_gateway_rest_api" has no name`}},
		{"duplicate client", cl + "}\n" + cl + "}\n", []string{`6,8: Duplicate client block; client "c" was already declared at f.hcl:1,1`}},
		{"several", "fail_on = \"x\"\ncheck \"PA1\" {\n}\nstrict = 1\n", []string{`1,11: Invalid fail_on`, `4,10: Invalid strict`, `2,7: Invalid check ID`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.hcl", []byte(tt.src), known)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("unexpected error:\n%v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			var cerr *Error
			if !errors.As(err, &cerr) {
				t.Fatalf("error %T is not *Error", err)
			}
			lines := strings.Split(err.Error(), "\n")
			if len(lines) != len(tt.want) || len(cerr.Diagnostics) != len(lines) {
				t.Fatalf("got %d lines (%d diagnostics), want %d:\n%s", len(lines), len(cerr.Diagnostics), len(tt.want), err)
			}
			for i, w := range tt.want {
				pos, text, _ := strings.Cut(w, ": ")
				if !strings.HasPrefix(lines[i], "f.hcl:"+pos+": ") || !strings.Contains(lines[i], text) {
					t.Errorf("line %d = %q, want f.hcl:%s…", i, lines[i], w)
				}
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	_, err := Load(filepath.Join(dir, DefaultFile), known)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing file: err = %v, want fs.ErrNotExist", err)
	}
	p := filepath.Join(dir, "x.hcl")
	if err := os.WriteFile(p, []byte("fail_on = \"info\"\nstrict = 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Load(p, known)
	if err == nil || err.Error() != p+`:2,10: Invalid strict; strict must be true or false: bool required, but have number.` {
		t.Fatalf("err = %v", err)
	}
	if err := os.WriteFile(p, []byte(valid), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(p, known)
	if err != nil || cfg.Path != p || cfg.Waivers[0].Pos.File != p {
		t.Fatalf("cfg = %+v, err = %v", cfg, err)
	}
}

func TestWaiverExpired(t *testing.T) {
	w := Waiver{Expires: "2027-01-31"}
	tests := []struct {
		now  string
		want bool
	}{
		{"2027-01-30T23:59:59Z", false},
		{"2027-01-31T23:59:59Z", false},
		{"2027-02-01T00:00:00Z", true},
		{"2027-02-01T00:30:00+01:00", false}, // still Jan 31 in UTC
		{"2030-01-01T00:00:00Z", true},
	}
	for _, tt := range tests {
		now, _ := time.Parse(time.RFC3339, tt.now)
		if got := w.Expired(now); got != tt.want {
			t.Errorf("Expired(%s) = %v, want %v", tt.now, got, tt.want)
		}
	}
	if (&Waiver{}).Expired(time.Now()) {
		t.Error("a waiver without expiry expired")
	}
	if !(&Waiver{Expires: "soon"}).Expired(time.Now()) {
		t.Error("an unreadable expiry must count as expired")
	}
}

func TestWaiverMatchesUncompiled(t *testing.T) {
	w := Waiver{CheckID: "PA113", Pattern: "aws_vpc_endpoint.*"}
	if !w.Matches("PA113", "aws_vpc_endpoint.x[0]") || w.Matches("PA113", "aws_security_group.x") {
		t.Error("hand-built waiver matches wrongly")
	}
	if (&Waiver{CheckID: "*", Pattern: "a["}).Matches("PA113", "a.b") {
		t.Error("invalid pattern matched")
	}
}

var diagLine = regexp.MustCompile(`^fuzz\.hcl(:\d+,\d+)?: [^\n]+$`)

func FuzzLoadConfig(f *testing.F) {
	f.Add([]byte(valid))
	f.Add([]byte("fail_on = \"x\"\ncheck \"PA1\" {\n}\nstrict = 1\n"))
	f.Add([]byte("waiver {\n check = \"*\"\n address = \"module.x[\\\"a.b\\\"].**\"\n reason = \"r\"\n expires = \"2020-01-01\"\n}\n"))
	f.Add([]byte("client \"c\" {\n cidrs = [\"::/0\"]\n security_group_ids = []\n vpc_id = \"vpc-1\"\n apis = [\"module.a[0].b.c\"]\n}\n"))
	f.Add([]byte("x = <<EOT\nfoo\nEOT\n/* c */ y = \"${a}\"\n"))
	f.Add([]byte(factsEndpoint + factsClient))
	f.Add([]byte("endpoint \"e\" {\n subnet {\n cidr_block = \"10.0.0.0/33\"\n availability_zone = 1\n }\n policy = \"{\\\"Statement\\\": []}\"\n policy_file = \"../x\"\n}\nclient \"c\" {\n url_form = \"alias\"\n vpc_links = [null]\n principal_arn = \"arn:aws:iam::1:x\"\n}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		cfg, err := Parse("fuzz.hcl", src, known)
		if err == nil {
			if cfg == nil {
				t.Fatal("nil config without error")
			}
			return
		}
		var cerr *Error
		if !errors.As(err, &cerr) {
			t.Fatalf("error %T is not *Error", err)
		}
		lines := strings.Split(err.Error(), "\n")
		if len(lines) != len(cerr.Diagnostics) || len(lines) == 0 {
			t.Fatalf("%d lines for %d diagnostics:\n%s", len(lines), len(cerr.Diagnostics), err)
		}
		for _, l := range lines {
			if !diagLine.MatchString(l) {
				t.Fatalf("malformed line %q", l)
			}
		}
	})
}
