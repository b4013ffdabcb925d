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

// TestClientReach: a client with no path to any endpoint of its API is
// False on the client, with the fix the path needs.
func TestClientReach(t *testing.T) {
	tests := []struct {
		fixture, client string
		result          symbol.Tri
		reason, fix     string
	}{
		{"net-client-peered", "aws_instance.client", symbol.True, "", ""},
		{"net-lambda-no-vpc", "aws_lambda_function.caller", symbol.False, "has no vpc_config", "vpc_config {"},
		{"net-client-other-vpc", "aws_instance.client", symbol.False, "cannot reach any execute-api endpoint", "aws_vpc_peering_connection"},
		{"net-client-peered-one-way", "aws_instance.client", symbol.False, "cannot reach any execute-api endpoint", `resource "aws_route"`},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			n := netOf(t, tt.fixture)
			var got []reach.Verdict
			for _, a := range reach.PrivateAPIs(n.V) {
				for _, c := range n.ClientsOf(a) {
					got = append(got, n.ClientReach(a, c))
				}
			}
			if len(got) != 1 {
				t.Fatalf("%d verdicts, want 1", len(got))
			}
			vd := got[0]
			if vd.Result != tt.result || vd.Address != tt.client || !strings.Contains(vd.Reason, tt.reason) || !strings.Contains(vd.Fix, tt.fix) {
				t.Errorf("ClientReach = %+v, want %v on %s (%q, fix %q)", vd, tt.result, tt.client, tt.reason, tt.fix)
			}
		})
	}
}

// TestEndpointMissing: PA101's verdict sits on the API; an endpoint whose
// service name only looks like execute-api's does not qualify, and the
// reason says why.
func TestEndpointMissing(t *testing.T) {
	tests := []struct {
		fixture string
		result  symbol.Tri
		reason  string
	}{
		{"good-private-api", symbol.True, ""},
		{"net-endpoint-missing", symbol.False, "has no execute-api Interface VPC endpoint in its region"},
		{"net-endpoint-service-typo", symbol.False, "is not com.amazonaws.<region>.execute-api"},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			n := netOf(t, tt.fixture)
			apis := reach.PrivateAPIs(n.V)
			if len(apis) != 1 {
				t.Fatalf("%d private APIs", len(apis))
			}
			vd := n.EndpointMissing(apis[0])
			if vd.Result != tt.result || vd.Address != apis[0].Address || !strings.Contains(vd.Reason, tt.reason) {
				t.Errorf("EndpointMissing = %+v, want %v (%q)", vd, tt.result, tt.reason)
			}
			if tt.result == symbol.False && !strings.Contains(vd.Fix, `resource "aws_vpc_endpoint" "execute_api"`) {
				t.Errorf("fix = %q", vd.Fix)
			}
		})
	}
}
