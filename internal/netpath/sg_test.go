package netpath

import (
	"slices"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/symbol"
)

func https(origin string, cidrs ...string) Rule {
	return Rule{Protocol: TCP, Ports: PortRange{443, 443}, CIDRs: cidrs, Origin: origin}
}

func TestAdmits(t *testing.T) {
	sgClientNew := symbol.Ref{Address: "aws_security_group.client", Attr: "id", Fresh: true}.Token()
	sgClientOld := symbol.Ref{Address: "data.aws_security_group.client", Attr: "id"}.Token()
	sgEndpoint := symbol.Ref{Address: "aws_security_group.endpoint", Attr: "id", Fresh: true}.Token()
	plToken := symbol.Ref{Address: "aws_ec2_managed_prefix_list.corp", Attr: "id", Fresh: true}.Token()
	subnet := Peer{CIDRs: []string{"10.0.1.0/24"}, SecurityGroups: []string{"sg-client"}}

	tests := []struct {
		name       string
		rules      []Rule
		group      string
		egress     bool
		proto      Protocol
		port       int
		peer       Peer
		want       symbol.Tri
		wantBy     []string
		wantReason string
	}{
		{name: "cidr covers subnet", rules: []Rule{https("r.vpc", "10.0.0.0/16")}, proto: TCP, port: 443, peer: subnet,
			want: symbol.True, wantBy: []string{"r.vpc"}, wantReason: "10.0.1.0/24 is inside 10.0.0.0/16"},
		{name: "cidr equals subnet", rules: []Rule{https("r", "10.0.1.0/24")}, proto: TCP, port: 443, peer: subnet,
			want: symbol.True, wantBy: []string{"r"}},
		{name: "partial cidr", rules: []Rule{https("r.half", "10.0.1.0/25")}, proto: TCP, port: 443, peer: subnet,
			want: symbol.False, wantBy: []string{"r.half"}, wantReason: "10.0.1.128/25 is not"},
		{name: "two rules cover the halves", rules: []Rule{https("r.lo", "10.0.1.0/25"), https("r.hi", "10.0.1.128/25")}, proto: TCP, port: 443, peer: subnet,
			want: symbol.True, wantBy: []string{"r.lo", "r.hi"}},
		{name: "one of two client subnets covered", rules: []Rule{https("r", "10.0.1.0/24")}, proto: TCP, port: 443,
			peer: Peer{CIDRs: []string{"10.0.1.0/24", "10.0.2.0/24"}}, want: symbol.False, wantBy: []string{"r"}, wantReason: "10.0.2.0/24 is not inside any rule CIDR"},
		{name: "disjoint cidr", rules: []Rule{https("r", "192.168.0.0/16")}, proto: TCP, port: 443, peer: subnet,
			want: symbol.False, wantReason: "no ingress rule for tcp/443 matches the peer"},
		{name: "wrong port", rules: []Rule{{Protocol: TCP, Ports: PortRange{80, 80}, CIDRs: []string{"0.0.0.0/0"}, Origin: "r"}}, proto: TCP, port: 443, peer: subnet,
			want: symbol.False, wantReason: "no ingress rule allows tcp/443"},
		{name: "port range holds 443", rules: []Rule{{Protocol: TCP, Ports: PortRange{0, 65535}, CIDRs: []string{"10.0.0.0/8"}, Origin: "r"}}, proto: TCP, port: 443, peer: subnet,
			want: symbol.True, wantBy: []string{"r"}},
		{name: "all traffic ignores ports", rules: []Rule{{Protocol: AllProtocols, Ports: PortRange{0, 0}, CIDRs: []string{"10.0.0.0/8"}, Origin: "r"}}, proto: TCP, port: 443, peer: subnet,
			want: symbol.True, wantBy: []string{"r"}},
		{name: "udp rule does not admit tcp", rules: []Rule{{Protocol: UDP, Ports: AllPorts, CIDRs: []string{"0.0.0.0/0"}, Origin: "r"}}, proto: TCP, port: 443, peer: subnet,
			want: symbol.False},
		{name: "tcp rule does not admit all traffic", rules: []Rule{{Protocol: TCP, Ports: AllPorts, CIDRs: []string{"0.0.0.0/0"}, Origin: "r"}}, proto: AllProtocols, peer: subnet,
			want: symbol.False, wantReason: "no ingress rule allows all"},
		{name: "other protocol ignores ports", rules: []Rule{{Protocol: Protocol(50), CIDRs: []string{"0.0.0.0/0"}, Origin: "r"}}, proto: Protocol(50), port: 0, peer: subnet,
			want: symbol.True, wantBy: []string{"r"}},
		{name: "egress rule does not serve ingress", rules: []Rule{{Egress: true, Protocol: TCP, Ports: AllPorts, CIDRs: []string{"0.0.0.0/0"}, Origin: "r"}}, proto: TCP, port: 443, peer: subnet,
			want: symbol.False},
		{name: "client egress to endpoint subnets", egress: true,
			rules: []Rule{{Egress: true, Protocol: TCP, Ports: PortRange{443, 443}, CIDRs: []string{"10.0.0.0/16"}, Origin: "client.egress"}},
			proto: TCP, port: 443, peer: Peer{CIDRs: []string{"10.0.10.0/24", "10.0.11.0/24"}},
			want: symbol.True, wantBy: []string{"client.egress"}, wantReason: "egress rules for tcp/443 cover"},
		{name: "ipv6 peer needs ipv6 rule", rules: []Rule{https("r", "0.0.0.0/0")}, proto: TCP, port: 443, peer: Peer{CIDRs: []string{"2001:db8:0:1::/64"}},
			want: symbol.False},
		{name: "ipv6 rule", rules: []Rule{https("r", "0.0.0.0/0", "2001:db8::/56")}, proto: TCP, port: 443, peer: Peer{CIDRs: []string{"10.0.1.0/24", "2001:db8:0:1::/64"}},
			want: symbol.True, wantBy: []string{"r"}},
		{name: "sg reference carried", rules: []Rule{{Protocol: TCP, Ports: PortRange{443, 443}, SecurityGroups: []string{"sg-client"}, Origin: "r.sg"}}, proto: TCP, port: 443, peer: subnet,
			want: symbol.True, wantBy: []string{"r.sg"}, wantReason: "which the peer carries"},
		{name: "sg reference other group", rules: []Rule{{Protocol: TCP, Ports: PortRange{443, 443}, SecurityGroups: []string{"sg-other"}, Origin: "r.sg"}}, proto: TCP, port: 443, peer: subnet,
			want: symbol.False},
		{name: "sg reference same token", rules: []Rule{{Protocol: TCP, Ports: PortRange{443, 443}, SecurityGroups: []string{sgClientNew}, Origin: "r.sg"}}, proto: TCP, port: 443,
			peer: Peer{SecurityGroups: []string{sgClientNew}}, want: symbol.True, wantBy: []string{"r.sg"}},
		{name: "sg reference fresh token vs literal", rules: []Rule{{Protocol: TCP, Ports: PortRange{443, 443}, SecurityGroups: []string{sgClientNew}, Origin: "r.sg"}}, proto: TCP, port: 443,
			peer: Peer{SecurityGroups: []string{"sg-client"}}, want: symbol.False},
		{name: "sg reference existing token vs literal", rules: []Rule{{Protocol: TCP, Ports: PortRange{443, 443}, SecurityGroups: []string{sgClientOld}, Origin: "r.sg"}}, proto: TCP, port: 443,
			peer: Peer{SecurityGroups: []string{"sg-client"}}, want: symbol.Unknown, wantBy: []string{"r.sg"}, wantReason: "known only after apply"},
		{name: "self matches member", rules: []Rule{{Protocol: AllProtocols, Self: true, Origin: "r.self"}}, group: "sg-client", proto: TCP, port: 443, peer: subnet,
			want: symbol.True, wantBy: []string{"r.self"}},
		{name: "self with token group", rules: []Rule{{Protocol: AllProtocols, Self: true, Origin: "r.self"}}, group: sgEndpoint, proto: TCP, port: 443,
			peer: Peer{SecurityGroups: []string{sgEndpoint}}, want: symbol.True, wantBy: []string{"r.self"}},
		{name: "self does not match non-member", rules: []Rule{{Protocol: AllProtocols, Self: true, Origin: "r.self"}}, group: "sg-default", proto: TCP, port: 443, peer: subnet,
			want: symbol.False},
		{name: "prefix list identical", rules: []Rule{{Protocol: TCP, Ports: PortRange{443, 443}, PrefixLists: []string{plToken}, Origin: "r.pl"}}, proto: TCP, port: 443,
			peer: Peer{CIDRs: []string{"10.0.1.0/24"}, PrefixLists: []string{plToken}}, want: symbol.True, wantBy: []string{"r.pl"}},
		{name: "prefix list other", rules: []Rule{{Protocol: TCP, Ports: PortRange{443, 443}, PrefixLists: []string{"pl-123"}, Origin: "r.pl"}}, proto: TCP, port: 443, peer: subnet,
			want: symbol.Unknown, wantBy: []string{"r.pl"}, wantReason: "entries are not known"},
		{name: "symbolic rule cidr", rules: []Rule{https("r.tok", tokVPC)}, proto: TCP, port: 443, peer: subnet,
			want: symbol.Unknown, wantBy: []string{"r.tok"}, wantReason: "${aws_vpc.main.cidr_block}"},
		{name: "malformed rule cidr", rules: []Rule{https("r.bad", "10.0.0.0")}, proto: TCP, port: 443, peer: subnet,
			want: symbol.Unknown, wantBy: []string{"r.bad"}},
		{name: "partial plus symbolic", rules: []Rule{https("r.half", "10.0.1.0/25"), https("r.tok", tokVPC)}, proto: TCP, port: 443, peer: subnet,
			want: symbol.Unknown, wantBy: []string{"r.tok", "r.half"}, wantReason: "whether the rest (10.0.1.128/25)"},
		{name: "known cover beats symbolic", rules: []Rule{https("r.tok", tokVPC), https("r.vpc", "10.0.0.0/16")}, proto: TCP, port: 443, peer: subnet,
			want: symbol.True, wantBy: []string{"r.vpc"}},
		{name: "sg match beats unknown prefix list", rules: []Rule{
			{Protocol: TCP, Ports: PortRange{443, 443}, PrefixLists: []string{"pl-1"}, Origin: "r.pl"},
			{Protocol: TCP, Ports: PortRange{443, 443}, SecurityGroups: []string{"sg-client"}, Origin: "r.sg"}},
			proto: TCP, port: 443, peer: subnet, want: symbol.True, wantBy: []string{"r.sg"}},
		{name: "symbolic peer equal to rule cidr", rules: []Rule{https("r", tokSubnet)}, proto: TCP, port: 443, peer: Peer{CIDRs: []string{tokSubnet}},
			want: symbol.True, wantBy: []string{"r"}},
		{name: "symbolic peer under ipv4 anywhere", rules: []Rule{https("r", "0.0.0.0/0")}, proto: TCP, port: 443, peer: Peer{CIDRs: []string{tokSubnet}},
			want: symbol.Unknown, wantBy: []string{"r"}},
		{name: "symbolic peer under both anywheres", rules: []Rule{https("r4", "0.0.0.0/0"), https("r6", "::/0")}, proto: TCP, port: 443, peer: Peer{CIDRs: []string{tokSubnet}},
			want: symbol.True, wantBy: []string{"r4", "r6"}},
		{name: "symbolic peer and no cidr rules", rules: []Rule{{Protocol: TCP, Ports: PortRange{443, 443}, SecurityGroups: []string{"sg-x"}, Origin: "r"}}, proto: TCP, port: 443,
			peer: Peer{CIDRs: []string{tokSubnet}, SecurityGroups: []string{"sg-client"}}, want: symbol.False},
		{name: "peer without addresses", rules: []Rule{https("r", "10.0.0.0/8")}, proto: TCP, port: 443, peer: Peer{SecurityGroups: []string{"sg-client"}},
			want: symbol.Unknown, wantBy: []string{"r"}, wantReason: "addresses are not given"},
		{name: "no rules", proto: TCP, port: 443, peer: subnet, want: symbol.False, wantReason: "no ingress rule"},
		{name: "stock default group: client not a member (C3)", group: "sg-default",
			rules: []Rule{{Protocol: AllProtocols, Self: true, Origin: "default"}, {Egress: true, Protocol: AllProtocols, CIDRs: []string{"0.0.0.0/0"}, Origin: "default"}},
			proto: TCP, port: 443, peer: subnet, want: symbol.False},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := Admits(tt.rules, tt.group, tt.egress, tt.proto, tt.port, tt.peer)
			if v.Result != tt.want {
				t.Fatalf("Result = %v, want %v (reason: %s)", v.Result, tt.want, v.Reason)
			}
			if tt.wantBy != nil && !slices.Equal(v.By, tt.wantBy) {
				t.Errorf("By = %q, want %q", v.By, tt.wantBy)
			}
			if !strings.Contains(v.Reason, tt.wantReason) {
				t.Errorf("Reason = %q, want it to contain %q", v.Reason, tt.wantReason)
			}
			if strings.Contains(v.Reason, "⟦") {
				t.Errorf("Reason leaks a token: %q", v.Reason)
			}
			t.Logf("%v %q: %s", v.Result, v.By, v.Reason)
			if v.Reason == "" {
				t.Error("empty Reason")
			}
		})
	}
}
