package reach_test

import (
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/planfile"
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
)

// netOf builds the pairing of a fixture's plan.
func netOf(t *testing.T, fixture string) *reach.Net {
	t.Helper()
	doc, err := planfile.Load("../../fixtures/"+fixture+"/plan.json", planfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := engine.Analyze(doc, "../../fixtures/"+fixture) // with its source, as privapi check --source reads it
	if err != nil {
		t.Fatal(err)
	}
	return reach.NewNet(a.View)
}

// TestVerdicts judges every (endpoint, client) of fixtures that each break
// one side of the path: the broken side's verdict is False on the
// resource at fault, with a reason and a fix; the others are True.
func TestVerdicts(t *testing.T) {
	type want struct {
		result  symbol.Tri
		address string
		reason  string // substring; "" for True
		fix     string // substring
	}
	tests := []struct {
		fixture              string
		ingress, egress, acl want
	}{
		{"good-private-api",
			want{symbol.True, "aws_security_group.endpoint", "", ""},
			want{symbol.True, "aws_security_group.client", "", ""},
			want{symbol.True, "aws_vpc_endpoint.execute_api", "", ""}},
		{"net-endpoint-sg-no-443",
			want{symbol.False, "aws_security_group.endpoint", "admits tcp/443 from aws_instance.client", "aws_vpc_security_group_ingress_rule"},
			want{symbol.True, "aws_security_group.client", "", ""},
			want{symbol.True, "aws_vpc_endpoint.execute_api", "", ""}},
		{"net-client-sg-no-egress",
			want{symbol.True, "aws_security_group.endpoint", "", ""},
			want{symbol.False, "aws_security_group.client", "declares no egress at all", "add an egress block to aws_security_group.client (its rules are inline"},
			want{symbol.True, "aws_vpc_endpoint.execute_api", "", ""}},
		{"net-nacl-deny-443",
			want{symbol.True, "aws_security_group.endpoint", "", ""},
			want{symbol.True, "aws_security_group.client", "", ""},
			want{symbol.False, "aws_network_acl.endpoint", "inbound tcp/443", "rule_no    = 89"}},
		{"net-nacl-no-ephemeral",
			want{symbol.True, "aws_security_group.endpoint", "", ""},
			want{symbol.True, "aws_security_group.client", "", ""},
			want{symbol.False, "aws_network_acl.endpoint", "replies on tcp/1024-65535", "from_port      = 1024"}},
	}
	check := func(t *testing.T, what string, got reach.Verdict, w want) {
		t.Helper()
		if got.Result != w.result || got.Address != w.address {
			t.Errorf("%s = %v on %s, want %v on %s (%s)", what, got.Result, got.Address, w.result, w.address, got.Reason)
		}
		if w.result == symbol.True {
			return
		}
		if !strings.Contains(got.Reason, w.reason) {
			t.Errorf("%s reason %q lacks %q", what, got.Reason, w.reason)
		}
		if !strings.Contains(got.Fix, w.fix) {
			t.Errorf("%s fix %q lacks %q", what, got.Fix, w.fix)
		}
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			n := netOf(t, tt.fixture)
			subs := n.NetSubjects()
			if len(subs) != 1 || subs[0].Client == nil {
				t.Fatalf("%d subjects, want one with a client", len(subs))
			}
			p := subs[0].Pair
			check(t, "Ingress", n.Ingress(p), tt.ingress)
			eg, ok := n.Egress(p)
			if !ok {
				t.Fatalf("Egress of a pair with a client must judge")
			}
			check(t, "Egress", eg, tt.egress)
			acls := n.NACLs(p)
			if len(acls) != 1 {
				t.Fatalf("%d NACL verdicts, want 1", len(acls))
			}
			check(t, "NACLs", acls[0], tt.acl)
		})
	}
}

// TestVerdictsNoClient: with no client known, the endpoint side is judged
// against its own VPC and the networks connected to it; the client side is
// not judged at all.
func TestVerdictsNoClient(t *testing.T) {
	n := netOf(t, "net-no-client-sg-closed")
	subs := n.NetSubjects()
	if len(subs) != 1 || subs[0].Client != nil {
		t.Fatalf("want one subject without a client, got %d", len(subs))
	}
	p := subs[0].Pair
	in := n.Ingress(p)
	if in.Result != symbol.False || in.Address != "aws_security_group.endpoint" || !strings.Contains(in.Reason, "no client of the API is known") || !strings.Contains(in.Reason, "192.168.0.0/16") {
		t.Errorf("Ingress = %+v", in)
	}
	if _, ok := n.Egress(p); ok {
		t.Errorf("Egress judged a pair without a client")
	}
	for _, vd := range n.NACLs(p) {
		if vd.Result != symbol.True {
			t.Errorf("NACLs = %+v", vd)
		}
	}
}

func TestPrivateNote(t *testing.T) {
	n := netOf(t, "good-private-api")
	a := reach.PrivateAPIs(n.V)[0]
	if reach.PrivateNote(a) != "" {
		t.Errorf("a proven PRIVATE API needs no note")
	}
	b := *a
	b.Private = symbol.Unknown
	if got := reach.PrivateNote(&b); !strings.Contains(got, "is PRIVATE is known only after apply") {
		t.Errorf("PrivateNote = %q", got)
	}
}
