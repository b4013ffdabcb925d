package reach

import (
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/netpath"
	"github.com/privapi/privapi/internal/topology"
)

func TestTFName(t *testing.T) {
	for in, want := range map[string]string{
		"aws_instance.client":                                "client",
		"aws_instance.client[0]":                             "client_0",
		`aws_instance.client["orders"]`:                      "client_orders",
		`module.spoke["a.b"].aws_security_group.endpoint`:    "endpoint",
		`module.spoke["a"].aws_security_group.endpoint["x"]`: "endpoint_x",
		"": "x",
	} {
		if got := TFName(in); got != want {
			t.Errorf("TFName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHCL(t *testing.T) {
	got := HCL("", `resource "x" "y"`, []KV{{"a", "1"}, {"long_name", "2"}})
	if want := "resource \"x\" \"y\" {\n  a         = 1\n  long_name = 2\n}"; got != want {
		t.Errorf("HCL = %q", got)
	}
}

func TestACLFix(t *testing.T) {
	port443 := netpath.PortRange{From: 443, To: 443}
	n := &topology.NACL{Node: topology.Node{Address: "aws_network_acl.n"}, Rules: []topology.ACLRule{
		{Number: 100, Allow: true, Origin: "aws_network_acl_rule.a"}, {Number: 90, Origin: "aws_network_acl_rule.b"}, {Number: 89, Allow: true, Origin: "aws_network_acl_rule.c"}}}
	if fix := ACLFix(n, false, port443, "10.0.0.0/24"); !strings.Contains(fix, "rule_number    = 88") || !strings.Contains(fix, `resource "aws_network_acl_rule"`) {
		t.Errorf("ACLFix before the first deny, skipping used numbers: %s", fix)
	}
	if fix := ACLFix(n, true, netpath.Ephemeral, "10.0.0.0/24"); !strings.Contains(fix, "rule_number    = 100") || !strings.Contains(fix, "egress         = true") || !strings.Contains(fix, "from_port      = 1024") {
		t.Errorf("ACLFix with no rule of that direction starts at 100: %s", fix)
	}
	n.Rules[0].Origin = "aws_network_acl.n"
	if fix := ACLFix(n, false, port443, "10.0.0.0/24"); !strings.HasPrefix(fix, "add to aws_network_acl.n:\n  ingress {") {
		t.Errorf("inline NACL rules get an inline fix: %s", fix)
	}
}

func TestSGRuleFix(t *testing.T) {
	g := &topology.SecurityGroup{Node: topology.Node{Address: "aws_security_group.ep"}, ID: "sg-1"}
	tests := []struct {
		name      string
		sg        *topology.SecurityGroup
		egress    bool
		other     string
		cidrs     []string
		want, not []string
	}{
		{"ingress from a group", g, false, "aws_security_group.client.id", nil,
			[]string{`resource "aws_vpc_security_group_ingress_rule" "r"`, "security_group_id            = aws_security_group.ep.id", "referenced_security_group_id = aws_security_group.client.id"}, nil},
		{"egress to CIDRs, one rule per range", g, true, "", []string{"10.0.1.0/24", "10.0.2.0/24"},
			[]string{`"aws_vpc_security_group_egress_rule"`, `cidr_ipv4         = "10.0.1.0/24"`, "(one rule per range: 10.0.1.0/24, 10.0.2.0/24)"}, nil},
		{"IPv6", g, false, "", []string{"2001:db8::/56"}, []string{`cidr_ipv6`}, []string{"cidr_ipv4"}},
		{"no group: a placeholder", nil, false, "", []string{"10.0.0.0/16"}, []string{"aws_security_group.<group>.id"}, nil},
		{"inline rules: a block", &topology.SecurityGroup{Node: topology.Node{Address: "aws_security_group.ep"}, Rules: []topology.Rule{{Origin: "aws_security_group.ep"}}}, false, "", []string{"10.0.0.0/16"},
			[]string{"add an ingress block to aws_security_group.ep (its rules are inline", `cidr_blocks = ["10.0.0.0/16"]`}, []string{"resource \""}},
		{"a group of another stack: its literal id, no qualified address in HCL", &topology.SecurityGroup{Node: topology.Node{Address: "network:aws_security_group.ep"}, ID: "sg-0abc"}, false,
			GroupRef(&topology.SecurityGroup{Node: topology.Node{Address: "network:aws_security_group.client"}, ID: "sg-0def"}), nil,
			[]string{`security_group_id            = "sg-0abc"`, `referenced_security_group_id = "sg-0def"`}, []string{"network:"}},
		{"a group of another stack with no known id: a placeholder string", &topology.SecurityGroup{Node: topology.Node{Address: "network:aws_security_group.ep"}}, false, "", []string{"10.0.0.0/16"},
			[]string{`security_group_id = "<id of network:aws_security_group.ep>"`}, nil},
		{"self on the default group", &topology.SecurityGroup{Node: topology.Node{Address: "aws_default_security_group.d"}, Default: true}, false, "aws_default_security_group.d.id", nil,
			[]string{"add an ingress block to aws_default_security_group.d:", "self      = true"}, []string{"inline"}},
	}
	for _, tc := range tests {
		got := SGRuleFix(tc.sg, tc.egress, tc.other, tc.cidrs, "r")
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: want %q in\n%s", tc.name, w, got)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(got, w) {
				t.Errorf("%s: do not want %q in\n%s", tc.name, w, got)
			}
		}
	}
}

func TestRuleOf(t *testing.T) {
	if r, ok := RuleOf(topology.Rule{Protocol: "tcp", FromPort: 443, ToPort: 443, Self: true}, []string{"sg-1"}); !ok || len(r.SecurityGroups) != 1 || r.Protocol != netpath.TCP {
		t.Errorf("RuleOf(self) = %+v %v", r, ok)
	}
	if _, ok := RuleOf(topology.Rule{Protocol: ""}, nil); ok {
		t.Errorf("a rule with an unknown protocol must not convert")
	}
	if r, _ := RuleOf(topology.Rule{Protocol: "-1"}, nil); !Matches443(r) {
		t.Errorf("all protocols take tcp/443")
	}
	if r, _ := RuleOf(topology.Rule{Protocol: "tcp", FromPort: 80, ToPort: 80}, nil); Matches443(r) {
		t.Errorf("tcp/80 does not take tcp/443")
	}
}
