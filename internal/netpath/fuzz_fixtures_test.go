package netpath

import (
	"strconv"
	"testing"

	"github.com/privapi/privapi/internal/fixturejson"
	"github.com/privapi/privapi/internal/symbol"
)

// fixtureRule is one security group or network ACL rule as written in a
// fixture's plan: protocol, ports and one CIDR.
type fixtureRule struct {
	proto    string
	from, to int
	cidr     string
}

// fixtureNetwork reads every security group rule, network ACL rule and
// subnet/VPC CIDR from the plans and states under fixtures/, in a stable
// order: the seed corpus of the CIDR and port fuzz targets.
func fixtureNetwork(f *testing.F) (rules []fixtureRule, cidrs []string) {
	f.Helper()
	seenR := map[fixtureRule]bool{}
	seenC := map[string]bool{}
	addCIDR := func(v any) {
		if s, ok := v.(string); ok && s != "" && !seenC[s] {
			seenC[s] = true
			cidrs = append(cidrs, s)
		}
	}
	num := func(v any) int {
		switch x := v.(type) {
		case float64:
			return int(x)
		case string:
			n, _ := strconv.Atoi(x)
			return n
		}
		return -1
	}
	addRule := func(m map[string]any) {
		proto, _ := m["protocol"].(string)
		if p, ok := m["ip_protocol"].(string); ok {
			proto = p
		}
		var cs []any
		for _, k := range []string{"cidr_blocks", "ipv6_cidr_blocks"} {
			if l, ok := m[k].([]any); ok {
				cs = append(cs, l...)
			}
		}
		for _, k := range []string{"cidr_block", "ipv6_cidr_block", "cidr_ipv4", "cidr_ipv6"} {
			if s, ok := m[k].(string); ok {
				cs = append(cs, s)
			}
		}
		if len(cs) == 0 {
			cs = []any{""}
		}
		for _, c := range cs {
			s, _ := c.(string)
			r := fixtureRule{proto, num(m["from_port"]), num(m["to_port"]), s}
			if !seenR[r] {
				seenR[r] = true
				rules = append(rules, r)
			}
			addCIDR(s)
		}
	}
	visit := func(v any) {
		x, ok := v.(map[string]any)
		if !ok {
			return
		}
		if _, ok := x["from_port"]; ok {
			addRule(x)
		}
		for _, k := range []string{"cidr_block", "ipv6_cidr_block"} {
			addCIDR(x[k])
		}
	}
	fixturejson.Each(f, "../..", func(_ string, doc map[string]any) {
		// Only values: resource_changes (plans) and values (states).
		fixturejson.Walk(doc["resource_changes"], visit)
		fixturejson.Walk(doc["values"], visit)
	})
	if len(rules) == 0 || len(cidrs) == 0 {
		f.Fatal("no rules or CIDRs found in the fixtures")
	}
	return rules, cidrs
}

// FuzzPortsFor: PortsFor and the PortRange helpers on any protocol and
// from/to ports, seeded with every rule of the fixtures. They never panic,
// and Contains, Covers, Intersect and minus agree with each other.
func FuzzPortsFor(f *testing.F) {
	rules, _ := fixtureNetwork(f)
	for _, r := range rules {
		f.Add(r.proto, r.from, r.to, 443)
	}
	f.Add("-1", 0, 0, 0)
	f.Add("icmp", -1, -1, 8)
	f.Add("tcp", 65535, 0, 1024)
	f.Fuzz(func(t *testing.T, proto string, from, to, port int) {
		p, err := ParseProtocol(proto)
		if err != nil {
			p = TCP
		}
		r := PortsFor(p, from, to)
		if r.String() == "" {
			t.Fatal("empty String")
		}
		one := PortRange{port, port}
		if r.Contains(port) != r.Covers(one) {
			t.Fatalf("%v: Contains(%d)=%v but Covers=%v", r, port, r.Contains(port), r.Covers(one))
		}
		if !r.Empty() && !r.Covers(r) {
			t.Fatalf("%v does not cover itself", r)
		}
		if !AllPorts.Covers(Ephemeral) {
			t.Fatal("AllPorts does not cover Ephemeral")
		}
		o := PortRange{min(from, to), max(from, to)}
		i, ok := r.Intersect(o)
		j, ok2 := o.Intersect(r)
		if ok != ok2 || (ok && i != j) {
			t.Fatalf("Intersect not symmetric: %v∩%v = %v,%v; %v,%v", r, o, i, ok, j, ok2)
		}
		if ok && (!r.Covers(i) || !o.Covers(i)) {
			t.Fatalf("%v∩%v = %v, not inside both", r, o, i)
		}
		for _, part := range r.minus(o) {
			if part.Empty() || !r.Covers(part) {
				t.Fatalf("%v minus %v gives %v, outside %v", r, o, part, r)
			}
			if _, meet := part.Intersect(o); meet {
				t.Fatalf("%v minus %v gives %v, which meets %v", r, o, part, o)
			}
		}
	})
}

// FuzzRuleVerdicts runs Admits (security groups) and ACLAllows (network
// ACLs) on one rule against one peer CIDR, seeded with the rules and
// subnet CIDRs of the fixtures. They never panic, always answer True, False
// or Unknown, and a rule whose protocol, port and CIDR visibly cover the
// request admits it.
func FuzzRuleVerdicts(f *testing.F) {
	rules, cidrs := fixtureNetwork(f)
	for i, r := range rules {
		f.Add(r.proto, r.from, r.to, r.cidr, cidrs[i%len(cidrs)], 443, false)
	}
	for i, c := range cidrs {
		r := rules[i%len(rules)]
		f.Add(r.proto, r.from, r.to, c, c, 443, true)
	}
	f.Add("tcp", 443, 443, "${aws_vpc.main.cidr_block}", "10.0.0.0/24", 443, false)
	f.Add("-1", 0, 0, "0.0.0.0/0", "::/0", 1024, true)
	f.Fuzz(func(t *testing.T, proto string, from, to int, ruleCIDR, peerCIDR string, port int, egress bool) {
		p, err := ParseProtocol(proto)
		if err != nil {
			return
		}
		ports := PortsFor(p, from, to)
		sg := []Rule{{Egress: egress, Protocol: p, Ports: ports, CIDRs: []string{ruleCIDR}, Origin: "fuzz.rule"}}
		v := Admits(sg, "sg-1", egress, TCP, port, Peer{CIDRs: []string{peerCIDR}})
		validTri(t, "Admits", v.Result)
		covers := p.Covers(TCP) && (!p.hasPorts() || ports.Contains(port)) && CIDRContains(ruleCIDR, peerCIDR) == symbol.True
		if covers && v.Result != symbol.True {
			t.Fatalf("rule %s %v %s covers tcp/%d from %s but Admits = %v (%s)", p, ports, ruleCIDR, port, peerCIDR, v.Result, v.Reason)
		}

		acl := append([]ACLRule{{Number: 100, Egress: egress, Protocol: p, Ports: ports, CIDR: ruleCIDR, Allow: true, Origin: "fuzz.acl"}},
			DefaultACL("fuzz.default")...)
		a := ACLAllows(acl, egress, TCP, PortRange{port, port}, []string{peerCIDR})
		validTri(t, "ACLAllows", a.Result)
		deny := []ACLRule{{Number: 1, Egress: egress, Protocol: p, Ports: ports, CIDR: ruleCIDR, Allow: false, Origin: "fuzz.deny"}}
		d := ACLAllows(append(deny, acl...), egress, TCP, PortRange{port, port}, []string{peerCIDR})
		validTri(t, "ACLAllows", d.Result)
		if covers && d.Result == symbol.True {
			t.Fatalf("deny rule %s %v %s covers tcp/%d from %s but ACLAllows = true", p, ports, ruleCIDR, port, peerCIDR)
		}
	})
}

func validTri(t *testing.T, fn string, v symbol.Tri) {
	t.Helper()
	switch v {
	case symbol.True, symbol.False, symbol.Unknown:
	default:
		t.Fatalf("%s returned %v", fn, v)
	}
}
