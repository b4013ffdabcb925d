package netpath

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/symbol"
)

func allow(n int, proto Protocol, ports PortRange, cidr string) ACLRule {
	return ACLRule{Number: n, Protocol: proto, Ports: ports, CIDR: cidr, Allow: true, Origin: fmt.Sprintf("r%d", n)}
}

func deny(n int, proto Protocol, ports PortRange, cidr string) ACLRule {
	r := allow(n, proto, ports, cidr)
	r.Allow = false
	return r
}

func out(r ACLRule) ACLRule { r.Egress = true; return r }

func TestACLAllows(t *testing.T) {
	p443 := PortRange{443, 443}
	client := []string{"10.0.1.0/24"}
	tests := []struct {
		name       string
		rules      []ACLRule
		egress     bool
		proto      Protocol
		ports      PortRange
		peer       []string
		want       symbol.Tri
		wantBy     []string
		wantReason string
	}{
		{name: "default ACL", rules: DefaultACL("aws_vpc.main"), proto: TCP, ports: p443, peer: client,
			want: symbol.True, wantBy: []string{"aws_vpc.main"}, wantReason: "allowed by rule 100 (aws_vpc.main)"},
		{name: "default ACL egress ephemeral", rules: DefaultACL("d"), egress: true, proto: TCP, ports: Ephemeral, peer: client,
			want: symbol.True},
		{name: "default ACL ipv6", rules: DefaultACL("d"), proto: TCP, ports: p443, peer: []string{"2001:db8::/64"},
			want: symbol.True, wantReason: "rule 101"},
		{name: "deny before allow", rules: []ACLRule{deny(100, TCP, p443, "0.0.0.0/0"), allow(200, AllProtocols, AllPorts, "0.0.0.0/0")},
			proto: TCP, ports: p443, peer: client, want: symbol.False, wantBy: []string{"r100"}, wantReason: "rule 100 (r100) denies tcp 443 from 10.0.1.0/24"},
		{name: "allow before deny", rules: []ACLRule{allow(100, TCP, p443, "10.0.0.0/16"), deny(200, AllProtocols, AllPorts, "0.0.0.0/0")},
			proto: TCP, ports: p443, peer: client, want: symbol.True, wantBy: []string{"r100"}},
		{name: "order is by number, not by position", rules: []ACLRule{allow(200, AllProtocols, AllPorts, "0.0.0.0/0"), deny(100, TCP, p443, "10.0.1.0/24")},
			proto: TCP, ports: p443, peer: client, want: symbol.False, wantBy: []string{"r100"}},
		{name: "partial cover then deny", rules: []ACLRule{allow(100, TCP, p443, "10.0.1.0/25"), deny(200, AllProtocols, AllPorts, "0.0.0.0/0")},
			proto: TCP, ports: p443, peer: client, want: symbol.False, wantBy: []string{"r200"}, wantReason: "denies tcp 443 from 10.0.1.128/25"},
		{name: "two allows cover the halves", rules: []ACLRule{allow(100, TCP, p443, "10.0.1.0/25"), allow(110, TCP, p443, "10.0.1.128/25")},
			proto: TCP, ports: p443, peer: client, want: symbol.True, wantBy: []string{"r100", "r110"}},
		{name: "implicit deny", rules: []ACLRule{allow(100, TCP, PortRange{80, 80}, "0.0.0.0/0")},
			proto: TCP, ports: p443, peer: client, want: symbol.False, wantBy: []string{}, wantReason: "implicit * rule"},
		{name: "explicit star rule", rules: []ACLRule{deny(ImplicitDenyNumber, AllProtocols, AllPorts, "0.0.0.0/0")},
			proto: TCP, ports: p443, peer: client, want: symbol.False, wantBy: []string{"r32767"}},
		{name: "no rules", proto: TCP, ports: p443, peer: client, want: symbol.False, wantReason: "implicit"},
		{name: "ephemeral range partly allowed", rules: []ACLRule{allow(100, TCP, PortRange{32768, 65535}, "0.0.0.0/0")},
			proto: TCP, ports: Ephemeral, peer: client, want: symbol.False, wantReason: "tcp 1024-32767 from 10.0.1.0/24 matches no rule"},
		{name: "ephemeral range split across allows", rules: []ACLRule{allow(100, TCP, PortRange{1024, 40000}, "0.0.0.0/0"), allow(110, TCP, PortRange{40001, 65535}, "10.0.0.0/8")},
			proto: TCP, ports: Ephemeral, peer: client, want: symbol.True, wantBy: []string{"r100", "r110"}},
		{name: "deny on part of the ports first", rules: []ACLRule{deny(90, TCP, PortRange{1024, 2000}, "0.0.0.0/0"), allow(100, AllProtocols, AllPorts, "0.0.0.0/0")},
			proto: TCP, ports: Ephemeral, peer: client, want: symbol.False, wantBy: []string{"r90"}, wantReason: "tcp 1024-2000"},
		{name: "deny on other ports", rules: []ACLRule{deny(90, TCP, PortRange{22, 22}, "0.0.0.0/0"), allow(100, AllProtocols, AllPorts, "0.0.0.0/0")},
			proto: TCP, ports: p443, peer: client, want: symbol.True, wantBy: []string{"r100"}},
		{name: "deny on other addresses", rules: []ACLRule{deny(90, AllProtocols, AllPorts, "192.168.0.0/16"), allow(100, AllProtocols, AllPorts, "0.0.0.0/0")},
			proto: TCP, ports: p443, peer: client, want: symbol.True},
		{name: "egress rules do not serve ingress", rules: []ACLRule{out(allow(100, AllProtocols, AllPorts, "0.0.0.0/0"))},
			proto: TCP, ports: p443, peer: client, want: symbol.False},
		{name: "egress", rules: []ACLRule{out(allow(100, TCP, p443, "10.0.0.0/16")), allow(100, TCP, Ephemeral, "10.0.0.0/16")}, egress: true,
			proto: TCP, ports: p443, peer: []string{"10.0.10.0/24"}, want: symbol.True, wantReason: "tcp 443 to 10.0.10.0/24"},
		{name: "all-protocol rule ignores ports", rules: []ACLRule{allow(100, AllProtocols, PortRange{0, 0}, "0.0.0.0/0")},
			proto: TCP, ports: p443, peer: client, want: symbol.True},
		{name: "udp allow does not allow tcp", rules: []ACLRule{allow(100, UDP, AllPorts, "0.0.0.0/0")},
			proto: TCP, ports: p443, peer: client, want: symbol.False},
		{name: "all traffic asked, tcp allowed", rules: []ACLRule{allow(100, TCP, AllPorts, "0.0.0.0/0")},
			proto: AllProtocols, peer: client, want: symbol.False, wantReason: "matches no rule"},
		{name: "all traffic asked, udp denied first", rules: []ACLRule{deny(90, UDP, PortRange{53, 53}, "0.0.0.0/0"), allow(100, AllProtocols, AllPorts, "0.0.0.0/0")},
			proto: AllProtocols, peer: client, want: symbol.False, wantReason: "udp 53"},
		{name: "all traffic asked and allowed", rules: DefaultACL("d"), proto: AllProtocols, peer: client, want: symbol.True},
		{name: "ipv4 rules do not match ipv6", rules: []ACLRule{allow(100, AllProtocols, AllPorts, "0.0.0.0/0")},
			proto: TCP, ports: p443, peer: []string{"2001:db8:0:1::/64"}, want: symbol.False, wantReason: "from 2001:db8:0:1::/64"},
		{name: "ipv6 deny does not touch ipv4", rules: []ACLRule{deny(90, AllProtocols, AllPorts, "::/0"), allow(100, AllProtocols, AllPorts, "0.0.0.0/0")},
			proto: TCP, ports: p443, peer: client, want: symbol.True},
		{name: "ipv6 partial then deny", rules: []ACLRule{allow(100, TCP, p443, "2001:db8:0:1::/65"), deny(110, AllProtocols, AllPorts, "::/0")},
			proto: TCP, ports: p443, peer: []string{"2001:db8:0:1::/64"}, want: symbol.False, wantReason: "2001:db8:0:1:8000::/65"},
		{name: "dual-stack peer", rules: DefaultACL("d"), proto: TCP, ports: p443, peer: []string{"10.0.1.0/24", "2001:db8:0:1::/64"}, want: symbol.True},
		{name: "one of two peer ranges denied", rules: []ACLRule{allow(100, TCP, p443, "10.0.1.0/24")},
			proto: TCP, ports: p443, peer: []string{"10.0.1.0/24", "10.0.2.0/24"}, want: symbol.False, wantReason: "10.0.2.0/24"},
		{name: "unknown allow alone", rules: []ACLRule{allow(100, TCP, p443, tokVPC)},
			proto: TCP, ports: p443, peer: client, want: symbol.Unknown, wantBy: []string{"r100"}, wantReason: "${aws_vpc.main.cidr_block}"},
		{name: "unknown after everything decided", rules: []ACLRule{allow(100, AllProtocols, AllPorts, "0.0.0.0/0"), deny(200, AllProtocols, AllPorts, tokVPC)},
			proto: TCP, ports: p443, peer: client, want: symbol.True},
		{name: "unknown allow before allow-all", rules: []ACLRule{allow(90, TCP, p443, tokVPC), allow(100, AllProtocols, AllPorts, "0.0.0.0/0")},
			proto: TCP, ports: p443, peer: client, want: symbol.True},
		{name: "unknown deny before allow-all", rules: []ACLRule{deny(90, TCP, p443, tokVPC), allow(100, AllProtocols, AllPorts, "0.0.0.0/0")},
			proto: TCP, ports: p443, peer: client, want: symbol.Unknown, wantBy: []string{"r90"}},
		{name: "unknown deny then nothing", rules: []ACLRule{deny(90, TCP, p443, tokVPC)},
			proto: TCP, ports: p443, peer: client, want: symbol.False, wantReason: "implicit"},
		{name: "unknown allow then deny-all", rules: []ACLRule{allow(90, TCP, p443, tokVPC), deny(100, AllProtocols, AllPorts, "0.0.0.0/0")},
			proto: TCP, ports: p443, peer: client, want: symbol.Unknown, wantBy: []string{"r90", "r100"}},
		{name: "unknown allow cannot rescue another protocol", rules: []ACLRule{allow(90, UDP, AllPorts, tokVPC), deny(100, TCP, AllPorts, "0.0.0.0/0")},
			proto: AllProtocols, peer: client, want: symbol.False, wantBy: []string{"r100"}},
		{name: "unknown rule on other ports", rules: []ACLRule{deny(90, TCP, PortRange{22, 22}, tokVPC), allow(100, AllProtocols, AllPorts, "0.0.0.0/0")},
			proto: TCP, ports: p443, peer: client, want: symbol.True},
		{name: "malformed cidr is unknown", rules: []ACLRule{allow(100, TCP, p443, "10.0.0.0")},
			proto: TCP, ports: p443, peer: client, want: symbol.Unknown},
		{name: "symbolic peer, default ACL", rules: DefaultACL("d"), proto: TCP, ports: p443, peer: []string{tokSubnet}, want: symbol.True},
		{name: "symbolic peer, ipv4 anywhere only", rules: []ACLRule{allow(100, AllProtocols, AllPorts, "0.0.0.0/0")},
			proto: TCP, ports: p443, peer: []string{tokSubnet}, want: symbol.Unknown, wantReason: "if IPv6"},
		{name: "symbolic peer, literal range", rules: []ACLRule{allow(100, AllProtocols, AllPorts, "10.0.0.0/8"), allow(101, AllProtocols, AllPorts, "::/0")},
			proto: TCP, ports: p443, peer: []string{tokSubnet}, want: symbol.Unknown},
		{name: "symbolic peer, same token", rules: []ACLRule{allow(100, TCP, p443, tokSubnet)},
			proto: TCP, ports: p443, peer: []string{tokSubnet}, want: symbol.True, wantBy: []string{"r100"}},
		{name: "symbolic peer, nothing allowed", rules: []ACLRule{allow(100, UDP, AllPorts, "0.0.0.0/0")},
			proto: TCP, ports: p443, peer: []string{tokSubnet}, want: symbol.False, wantReason: "whichever its family"},
		{name: "no peer ranges, default ACL", rules: DefaultACL("d"), proto: TCP, ports: p443, want: symbol.True},
		{name: "no peer ranges, narrow allow", rules: []ACLRule{allow(100, TCP, p443, "10.0.0.0/8")}, proto: TCP, ports: p443,
			want: symbol.Unknown, wantReason: "addresses are not given"},
		{name: "no ports asked", proto: TCP, ports: PortRange{2, 1}, peer: client, want: symbol.True},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := ACLAllows(tt.rules, tt.egress, tt.proto, tt.ports, tt.peer)
			t.Logf("%v %q: %s", v.Result, v.By, v.Reason)
			if v.Result != tt.want {
				t.Fatalf("Result = %v, want %v (reason: %s)", v.Result, tt.want, v.Reason)
			}
			if tt.wantBy != nil && !slices.Equal(v.By, tt.wantBy) && !(len(v.By) == 0 && len(tt.wantBy) == 0) {
				t.Errorf("By = %q, want %q", v.By, tt.wantBy)
			}
			if !strings.Contains(v.Reason, tt.wantReason) {
				t.Errorf("Reason = %q, want it to contain %q", v.Reason, tt.wantReason)
			}
			if strings.Contains(v.Reason, "⟦") {
				t.Errorf("Reason leaks a token: %q", v.Reason)
			}
		})
	}
}

func TestDefaultACL(t *testing.T) {
	rules := DefaultACL("x")
	if len(rules) != 4 {
		t.Fatalf("got %d rules, want 4", len(rules))
	}
	for _, egress := range []bool{false, true} {
		for _, peer := range []string{"0.0.0.0/0", "::/0"} {
			if v := ACLAllows(rules, egress, AllProtocols, AllPorts, []string{peer}); v.Result != symbol.True {
				t.Errorf("egress=%v %s: %v (%s)", egress, peer, v.Result, v.Reason)
			}
		}
	}
}

// TestACLAllowsAgainstBruteForce checks the box evaluation against a
// packet-by-packet first-match evaluation on a small address × port space.
func TestACLAllowsAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	base := netip.MustParseAddr("10.0.0.0")
	randPrefix := func() string {
		bits := 28 + rng.IntN(5)
		a := base
		for range rng.IntN(16) {
			a = a.Next()
		}
		return netip.PrefixFrom(a, bits).Masked().String()
	}
	randPorts := func() PortRange {
		a, b := rng.IntN(16), rng.IntN(16)
		return PortRange{min(a, b), max(a, b)}
	}
	protos := []Protocol{TCP, UDP, AllProtocols}
	for iter := range 5000 {
		var rules []ACLRule
		for _, n := range rng.Perm(8)[:rng.IntN(7)] {
			r := ACLRule{Number: 10 * (n + 1), Protocol: protos[rng.IntN(3)], Ports: randPorts(), CIDR: randPrefix(), Allow: rng.IntN(3) > 0, Origin: fmt.Sprintf("r%d", 10*(n+1))}
			switch rng.IntN(10) {
			case 0:
				r.CIDR = "0.0.0.0/0"
			case 1:
				r.CIDR = "::/0"
			}
			rules = append(rules, r)
		}
		proto := protos[rng.IntN(2)]
		ports := randPorts()
		peer := []string{randPrefix()}
		if rng.IntN(3) == 0 {
			peer = append(peer, randPrefix())
		}

		want, decider := symbol.True, ""
		sorted := slices.Clone(rules)
		slices.SortFunc(sorted, func(a, b ACLRule) int { return a.Number - b.Number })
	points:
		for _, pc := range peer {
			pp := netip.MustParsePrefix(pc)
			for a := pp.Addr(); pp.Contains(a); a = a.Next() {
				for port := ports.From; port <= ports.To; port++ {
					allowed, by := false, ""
					for _, r := range sorted {
						rp := netip.MustParsePrefix(r.CIDR)
						if rp.Contains(a) && r.Protocol.Covers(proto) && (r.Protocol == AllProtocols || r.Ports.Contains(port)) {
							allowed, by = r.Allow, r.Origin
							break
						}
					}
					if !allowed {
						want, decider = symbol.False, by
						break points
					}
				}
			}
		}
		got := ACLAllows(rules, false, proto, ports, peer)
		if got.Result != want {
			t.Fatalf("iteration %d: rules %+v, %v %v from %v: got %v (%s), want %v", iter, rules, proto, ports, peer, got.Result, got.Reason, want)
		}
		// The packet found first may differ from the one reported, but a
		// deny verdict must name a deny rule or the implicit deny.
		if want == symbol.False && len(got.By) > 0 {
			i := slices.IndexFunc(rules, func(r ACLRule) bool { return r.Origin == got.By[0] })
			if i < 0 || rules[i].Allow {
				t.Fatalf("iteration %d: False verdict names %q, not a deny rule (first denied packet by %q)", iter, got.By, decider)
			}
		}
	}
}

func TestBoxMinus(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	base := netip.MustParseAddr("10.0.0.0")
	addr := func(i int) netip.Addr {
		a := base
		for range i {
			a = a.Next()
		}
		return a
	}
	randBox := func() box {
		p1, p2 := rng.IntN(4), rng.IntN(4)
		a1, a2 := rng.IntN(8), rng.IntN(8)
		q1, q2 := rng.IntN(8), rng.IntN(8)
		return box{PortRange{min(p1, p2), max(p1, p2)}, addrSpan{addr(min(a1, a2)), addr(max(a1, a2))}, PortRange{min(q1, q2), max(q1, q2)}}
	}
	in := func(b box, p, a, q int) bool {
		x := addr(a)
		return b.protos.Contains(p) && b.ports.Contains(q) && b.addr.lo.Compare(x) <= 0 && x.Compare(b.addr.hi) <= 0
	}
	for range 2000 {
		b, o := randBox(), randBox()
		parts := b.minus(o)
		for p := range 4 {
			for a := range 8 {
				for q := range 8 {
					n := 0
					for _, c := range parts {
						if in(c, p, a, q) {
							n++
						}
					}
					want := 0
					if in(b, p, a, q) && !in(o, p, a, q) {
						want = 1
					}
					if n != want {
						t.Fatalf("%v minus %v = %v: point (%d,%d,%d) in %d parts, want %d", b, o, parts, p, a, q, n, want)
					}
				}
			}
		}
	}
}

// TestACLAllowsUnknownSound checks that a rule with an unknown CIDR never
// yields a wrong True or False: whatever CIDR the token turns out to be, a
// definite answer must hold.
func TestACLAllowsUnknownSound(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var cidrs []string // every value the token may take in the small space
	for bits := 28; bits <= 32; bits++ {
		for p := netip.PrefixFrom(netip.MustParseAddr("10.0.0.0"), bits); p.Addr().Is4() && netip.MustParsePrefix("10.0.0.0/28").Contains(p.Addr()); {
			cidrs = append(cidrs, p.String())
			next := spanOf(p).hi.Next()
			p = netip.PrefixFrom(next, bits)
		}
	}
	cidrs = append(cidrs, "0.0.0.0/0", "::/0")
	protos := []Protocol{TCP, UDP, AllProtocols}
	randPorts := func() PortRange {
		a, b := rng.IntN(4), rng.IntN(4)
		return PortRange{min(a, b), max(a, b)}
	}
	undecided := 0
	for iter := range 3000 {
		var rules []ACLRule
		for _, n := range rng.Perm(6)[:1+rng.IntN(5)] {
			rules = append(rules, ACLRule{Number: n + 1, Protocol: protos[rng.IntN(3)], Ports: randPorts(),
				CIDR: cidrs[rng.IntN(len(cidrs))], Allow: rng.IntN(2) == 0, Origin: fmt.Sprint(n + 1)})
		}
		for range 1 + rng.IntN(2) {
			rules[rng.IntN(len(rules))].CIDR = tokVPC
		}
		proto, ports := protos[rng.IntN(2)], randPorts()
		peer := []string{cidrs[rng.IntN(len(cidrs)-2)]}

		got := ACLAllows(rules, false, proto, ports, peer)
		seen := map[symbol.Tri]bool{}
		for _, c := range cidrs {
			world := slices.Clone(rules)
			for i := range world {
				if world[i].CIDR == tokVPC {
					world[i].CIDR = c
				}
			}
			seen[ACLAllows(world, false, proto, ports, peer).Result] = true
		}
		if got.Result != symbol.Unknown && (len(seen) != 1 || !seen[got.Result]) {
			t.Fatalf("iteration %d: rules %+v, %v %v from %v: got %v (%s), but possible outcomes %v", iter, rules, proto, ports, peer, got.Result, got.Reason, seen)
		}
		if got.Result == symbol.Unknown && len(seen) == 1 {
			undecided++
		}
	}
	t.Logf("%d of 3000 Unknown answers were decidable over this small space", undecided)
}
