package netpath

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/privapi/privapi/internal/symbol"
)

// Rule is one security group rule, from any of the three ways Terraform
// writes them (E3). A rule allows traffic that matches its protocol and
// ports and any one of its sources (CIDRs, prefix lists, groups, self).
type Rule struct {
	Egress         bool
	Protocol       Protocol
	Ports          PortRange // see PortsFor; ignored for AllProtocols
	CIDRs          []string  // IPv4 and IPv6, may be symbolic
	PrefixLists    []string  // prefix list ids, may be symbolic
	SecurityGroups []string  // referenced group ids, may be symbolic
	Self           bool      // the group that owns the rule
	Origin         string    // Terraform address that wrote the rule
}

// Peer is the other end of a connection as a security group sees it.
type Peer struct {
	// CIDRs are the peer's address ranges, e.g. the client's subnet CIDRs
	// or the endpoint's subnet CIDRs. None means "addresses unknown".
	CIDRs []string
	// SecurityGroups are the groups the peer's network interfaces carry.
	SecurityGroups []string
	// PrefixLists are prefix lists known to hold the peer's addresses.
	PrefixLists []string
}

func (r Rule) matches(proto Protocol, port int) bool {
	return r.Protocol.Covers(proto) && (!r.Protocol.hasPorts() || r.Ports.Contains(port))
}

// Admits decides whether the rules of security group group (its id, for
// Self) allow traffic of proto on port (for icmp, the ICMP type) to (egress)
// or from (ingress) every address of peer. Security groups are stateful and allow-only (E1): the
// rules of every source are unioned (E3), return traffic needs no rule.
//
// Sources match as follows (E5):
//   - CIDRs: the CIDRs of all matching rules together must cover every peer
//     range; covering part of it is not enough (False, and Reason says
//     which part is left). Symbolic or malformed CIDRs make it Unknown.
//   - Referenced groups and Self: the peer carries the group
//     (symbol.Equal on ids, Unknown when undecidable).
//   - Prefix lists: only an identical id held by the peer matches; any
//     other prefix list may contain the peer's addresses, so Unknown.
//
// The result is True if anything admits, else Unknown if anything might,
// else False.
func Admits(rules []Rule, group string, egress bool, proto Protocol, port int, peer Peer) Verdict {
	what := proto.String()
	if proto.hasPorts() {
		what += "/" + strconv.Itoa(port)
	}
	dir, prep := "ingress", "from"
	if egress {
		dir, prep = "egress", "to"
	}
	var matching []Rule
	for _, r := range rules {
		if r.Egress == egress && r.matches(proto, port) {
			matching = append(matching, r)
		}
	}
	if len(matching) == 0 {
		return Verdict{Result: symbol.False, Reason: fmt.Sprintf("no %s rule allows %s", dir, what)}
	}

	var admitBy, unknownBy []string
	var admitWhy, unknownWhy []string
	admit := func(r Rule, why string) {
		admitBy = addOrigin(admitBy, r.Origin)
		admitWhy = append(admitWhy, why)
	}
	maybe := func(r Rule, why string) {
		unknownBy = addOrigin(unknownBy, r.Origin)
		unknownWhy = append(unknownWhy, why)
	}
	for _, r := range matching {
		for _, g := range r.SecurityGroups {
			matchGroup(g, peer.SecurityGroups, func(t symbol.Tri, pg string) {
				// one concatenation each (the reason of every pass too)
				if t == symbol.True {
					admit(r, label(r)+" allows "+what+" "+prep+" group "+symbol.Display(g)+", which the peer carries")
				} else {
					maybe(r, label(r)+" allows "+what+" "+prep+" group "+symbol.Display(g)+
						"; whether that is the peer's "+symbol.Display(pg)+" is known only after apply")
				}
			})
		}
		if r.Self {
			matchGroup(group, peer.SecurityGroups, func(t symbol.Tri, pg string) {
				if t == symbol.True {
					admit(r, label(r)+" allows "+what+" "+prep+" members of its own group, which the peer is")
				} else {
					maybe(r, label(r)+" allows "+what+" "+prep+" members of its own group"+
						"; whether the peer's "+symbol.Display(pg)+" is that group is known only after apply")
				}
			})
		}
		for _, pl := range r.PrefixLists {
			held := false
			for _, ppl := range peer.PrefixLists {
				held = held || symbol.Equal(pl, ppl) == symbol.True
			}
			if held {
				admit(r, fmt.Sprintf("%s allows %s %s prefix list %s, which holds the peer", label(r), what, prep, symbol.Display(pl)))
			} else {
				maybe(r, fmt.Sprintf("%s allows %s %s prefix list %s, whose entries are not known here", label(r), what, prep, symbol.Display(pl)))
			}
		}
	}
	if len(admitWhy) > 0 { // decided by the reasons: a rule may have no origin
		return Verdict{Result: symbol.True, By: admitBy, Reason: strings.Join(admitWhy, "; ")}
	}

	c := coverage(matching, peer.CIDRs)
	switch c.result {
	case symbol.True:
		return Verdict{Result: symbol.True, By: c.by, Reason: fmt.Sprintf("%s rules for %s cover the peer %s: %s", dir, what, peerText(peer), strings.Join(c.why, "; "))}
	case symbol.Unknown:
		unknownBy = addOrigin(unknownBy, c.by...)
		unknownWhy = append(unknownWhy, c.why...)
	}
	if len(unknownBy) > 0 || len(unknownWhy) > 0 {
		return Verdict{Result: symbol.Unknown, By: unknownBy, Reason: strings.Join(unknownWhy, "; ")}
	}
	if len(c.by) > 0 {
		return Verdict{Result: symbol.False, By: c.by, Reason: fmt.Sprintf("%s rules for %s cover only part of the peer %s: %s", dir, what, peerText(peer), strings.Join(c.why, "; "))}
	}
	return Verdict{Result: symbol.False, Reason: fmt.Sprintf("no %s rule for %s matches the peer %s: %s", dir, what, peerText(peer), strings.Join(c.why, "; "))}
}

// matchGroup calls f for each of the peer's groups that may be g (True or
// Unknown), stopping at the first True.
func matchGroup(g string, peerGroups []string, f func(symbol.Tri, string)) {
	for _, pg := range peerGroups {
		if t := symbol.Equal(g, pg); t != symbol.False {
			f(t, pg)
			if t == symbol.True {
				return
			}
		}
	}
}

type cover struct {
	result symbol.Tri
	by     []string // rules that covered (True), might cover (Unknown), covered part (False)
	why    []string
}

// coverage decides whether the CIDRs of rules together hold every peer
// range. Its evidence covers every range, except that an Unknown answer
// keeps only the ranges in doubt.
func coverage(rules []Rule, peer []string) cover {
	if len(peer) == 0 {
		peer = []string{""} // addresses unknown
	}
	cs := make([]cover, len(peer))
	out := cover{result: symbol.True}
	for i, pc := range peer {
		cs[i] = coverRange(rules, pc)
		out.result = out.result.And(cs[i].result)
	}
	for _, c := range cs {
		if out.result != symbol.Unknown || c.result == symbol.Unknown {
			out.by = addOrigin(out.by, c.by...)
			out.why = append(out.why, c.why...)
		}
	}
	return out
}

func coverRange(rules []Rule, pc string) cover {
	pr := NewRange(pc)
	if p, ok := pr.Prefix(); ok {
		return coverPrefix(rules, pc, box{AllProtocols.span(), spanOf(p), AllPorts})
	}
	name := symbol.Display(pc)
	doubt := fmt.Sprintf("peer range %s is known only after apply, so whether the rules' CIDRs hold it is unknown", name)
	if pc == "" {
		name = "the peer's addresses"
		doubt = "the peer's addresses are not given, so whether the rules' CIDRs hold them is unknown"
	}
	// The peer range is unknown: an identical rule CIDR covers it, and so do
	// rules covering all of IPv4 and all of IPv6 (its family is unknown too).
	for _, r := range rules {
		for _, c := range r.CIDRs {
			if c == pc && pc != "" {
				return cover{symbol.True, []string{r.Origin}, []string{fmt.Sprintf("%s names %s itself", label(r), name)}}
			}
		}
	}
	v4 := coverPrefix(rules, "0.0.0.0/0", box{AllProtocols.span(), spanOf(allV4), AllPorts})
	v6 := coverPrefix(rules, "::/0", box{AllProtocols.span(), spanOf(allV6), AllPorts})
	if v4.result == symbol.True && v6.result == symbol.True {
		return cover{symbol.True, addOrigin(v4.by, v6.by...), []string{fmt.Sprintf("every address is allowed, so %s is too", name)}}
	}
	var by []string
	for _, r := range rules {
		if len(r.CIDRs) > 0 {
			by = addOrigin(by, r.Origin)
		}
	}
	if len(by) == 0 {
		return cover{symbol.False, nil, []string{"no rule names a CIDR"}}
	}
	return cover{symbol.Unknown, by, []string{doubt}}
}

// coverPrefix subtracts the rules' literal CIDRs from the peer range.
func coverPrefix(rules []Rule, name string, want box) cover {
	left := []box{want}
	var by, unknownBy, unknownCIDRs []string
	for _, r := range rules {
		for _, c := range r.CIDRs {
			p, ok := NewRange(c).Prefix()
			if !ok {
				unknownBy = addOrigin(unknownBy, r.Origin)
				if !symbol.Contains(c) {
					c = fmt.Sprintf("%q (not a CIDR)", c)
				}
				unknownCIDRs = append(unknownCIDRs, symbol.Display(c))
				continue
			}
			rb := box{AllProtocols.span(), spanOf(p), AllPorts}
			next := subtract(left, rb)
			if !sameBoxes(next, left) {
				by = addOrigin(by, r.Origin)
			}
			left = next
		}
	}
	switch {
	case len(left) == 0:
		return cover{symbol.True, by, []string{fmt.Sprintf("%s is inside %s", name, cidrsText(rules, want))}}
	case len(unknownCIDRs) > 0:
		why := fmt.Sprintf("whether %s is inside %s is known only after apply", name, strings.Join(unknownCIDRs, ", "))
		if len(by) > 0 {
			why = fmt.Sprintf("%s is partly inside the rules' CIDRs; whether the rest (%s) is inside %s is known only after apply", name, spansText(left), strings.Join(unknownCIDRs, ", "))
		}
		return cover{symbol.Unknown, addOrigin(unknownBy, by...), []string{why}}
	case len(by) > 0:
		return cover{symbol.False, by, []string{fmt.Sprintf("%s is only partly inside the rules' CIDRs; %s is not", name, spansText(left))}}
	}
	return cover{symbol.False, nil, []string{fmt.Sprintf("%s is not inside any rule CIDR", name)}}
}

func sameBoxes(a, b []box) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func spansText(bs []box) string {
	s := make([]string, len(bs))
	for i, b := range bs {
		s[i] = b.addr.String()
	}
	return strings.Join(s, ", ")
}

// cidrsText lists the rule CIDRs of the family of want that touch it.
func cidrsText(rules []Rule, want box) string {
	var s []string
	for _, r := range rules {
		for _, c := range r.CIDRs {
			if p, ok := NewRange(c).Prefix(); ok {
				if _, hit := spanOf(p).intersect(want.addr); hit {
					s = append(s, fmt.Sprintf("%s (%s)", p, r.Origin))
				}
			}
		}
	}
	return strings.Join(s, ", ")
}

func label(r Rule) string {
	if r.Origin == "" {
		return "a rule"
	}
	return r.Origin
}

// peerText names the peer in reasons: its ranges and groups.
func peerText(p Peer) string {
	var parts []string
	if len(p.CIDRs) > 0 {
		parts = append(parts, strings.Join(p.CIDRs, ", "))
	}
	if len(p.SecurityGroups) > 0 {
		parts = append(parts, "groups "+strings.Join(p.SecurityGroups, ", "))
	}
	if len(p.PrefixLists) > 0 {
		parts = append(parts, "prefix lists "+strings.Join(p.PrefixLists, ", "))
	}
	if len(parts) == 0 {
		return "(nothing known about it)"
	}
	return "(" + symbol.Display(strings.Join(parts, "; ")) + ")"
}
