package netpath

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/privapi/privapi/internal/symbol"
)

// ImplicitDenyNumber is the number AWS shows for the final "*" rule of every
// network ACL, which denies whatever no numbered rule matched.
const ImplicitDenyNumber = 32767

// ACLRule is one network ACL entry (E6).
type ACLRule struct {
	Number   int
	Egress   bool
	Protocol Protocol
	Ports    PortRange // see PortsFor; ignored for AllProtocols
	CIDR     string    // IPv4 or IPv6, may be symbolic
	Allow    bool
	Origin   string // Terraform address that wrote the rule
}

// DefaultACL returns the rules of a network ACL as AWS creates it for a VPC:
// rule 100 allows all IPv4 traffic and rule 101 all IPv6 traffic, in both
// directions (E6; AWS adds rule 101 only to VPCs with an IPv6 block, which
// changes nothing for IPv4 peers). origin names it in verdicts.
func DefaultACL(origin string) []ACLRule {
	var rules []ACLRule
	for _, egress := range []bool{false, true} {
		rules = append(rules,
			ACLRule{Number: 100, Egress: egress, Protocol: AllProtocols, Ports: AllPorts, CIDR: "0.0.0.0/0", Allow: true, Origin: origin},
			ACLRule{Number: 101, Egress: egress, Protocol: AllProtocols, Ports: AllPorts, CIDR: "::/0", Allow: true, Origin: origin},
		)
	}
	return rules
}

func (r ACLRule) protosPorts() (protos, ports PortRange) {
	if r.Protocol.hasPorts() {
		return r.Protocol.span(), r.Ports
	}
	return r.Protocol.span(), AllPorts
}

func (r ACLRule) label() string {
	if r.Origin == "" {
		return fmt.Sprintf("rule %d", r.Number)
	}
	return fmt.Sprintf("rule %d (%s)", r.Number, r.Origin)
}

// ACLAllows decides whether a network ACL lets through every packet of proto,
// on every port of ports, to (egress) or from (ingress) every address of the
// peer ranges (E6). NACLs are stateless: callers ask separately for the
// request (443) and the return traffic (Ephemeral), in both subnets.
//
// Rules of the direction are taken in number order and the first match
// decides, for every point of the address × port space (and protocol, when
// proto is AllProtocols) separately; what no rule matches is denied by the
// implicit "*" rule. So an allow for part of the range followed by a deny
// for the rest is False, and a deny for part of it is False even if a later
// rule allows everything. IPv4 rules match only IPv4 peers, IPv6 only IPv6.
//
// Rules with a symbolic or malformed CIDR may match any part of the space:
// they make the answer Unknown unless the outcome is the same whether they
// match or not (an earlier rule decided everything, a later certain deny, an
// unknown allow among allows). A symbolic peer range is judged as a range of
// unknown family that only /0 rules and rules naming the same string are
// known to match. No peer ranges at all means "addresses unknown".
func ACLAllows(rules []ACLRule, egress bool, proto Protocol, ports PortRange, peer []string) Verdict {
	var dir []ACLRule
	for _, r := range rules {
		if r.Egress == egress {
			dir = append(dir, r)
		}
	}
	slices.SortStableFunc(dir, func(a, b ACLRule) int { return cmp.Compare(a.Number, b.Number) })

	qPorts := AllPorts
	if proto.hasPorts() {
		qPorts = ports
	}
	if qPorts.Empty() {
		return Verdict{Result: symbol.True, Reason: "no ports to check"}
	}
	if len(peer) == 0 {
		peer = []string{""}
	}
	var out Verdict
	out.Result = symbol.True
	var why []string
	for _, pc := range peer {
		v := aclRange(dir, egress, box{proto.span(), addrSpan{}, qPorts}, pc)
		switch {
		case v.Result == symbol.False:
			return v
		case v.Result == out.Result:
			out.By = addOrigin(out.By, v.By...)
			why = append(why, v.Reason)
		case v.Result == symbol.Unknown: // out was True: keep only the doubt
			out = Verdict{Result: symbol.Unknown, By: v.By}
			why = []string{v.Reason}
		}
	}
	out.Reason = strings.Join(why, "; ")
	return out
}

// aclRange judges one peer range; q holds the protocols and ports asked.
func aclRange(rules []ACLRule, egress bool, q box, pc string) Verdict {
	if p, ok := NewRange(pc).Prefix(); ok {
		q.addr = spanOf(p)
		return firstMatch(rules, egress, q, "", func(r ACLRule) (addrSpan, matchKind) {
			rp, ok := NewRange(r.CIDR).Prefix()
			if !ok {
				return addrSpan{}, mayMatch
			}
			return spanOf(rp), spanMatch
		})
	}
	// Unknown peer range: judge it as each family in turn.
	name, intro := symbol.Display(pc), symbol.Display(pc)+" is known only after apply"
	if pc == "" {
		name, intro = "the peer", "the peer's addresses are not given"
	}
	var vs [2]Verdict
	for i, fam := range []addrSpan{spanOf(allV4), spanOf(allV6)} {
		q.addr = fam
		vs[i] = firstMatch(rules, egress, q, name, func(r ACLRule) (addrSpan, matchKind) {
			if r.CIDR == pc && pc != "" {
				return fam, spanMatch
			}
			rp, ok := NewRange(r.CIDR).Prefix()
			switch {
			case !ok:
				return addrSpan{}, mayMatch
			case spanOf(rp).lo.Is4() != fam.lo.Is4():
				return addrSpan{}, noMatch
			case rp.Bits() == 0:
				return fam, spanMatch
			}
			return addrSpan{}, mayMatch
		})
	}
	v := Verdict{By: addOrigin(vs[0].By, vs[1].By...)}
	switch {
	case vs[0].Result == vs[1].Result:
		v.Result = vs[0].Result
		v.Reason = fmt.Sprintf("%s; whichever its family, IPv4: %s; IPv6: %s", intro, vs[0].Reason, vs[1].Reason)
	default:
		v.Result = symbol.Unknown
		v.Reason = fmt.Sprintf("%s; if IPv4: %s; if IPv6: %s", intro, vs[0].Reason, vs[1].Reason)
	}
	return v
}

type matchKind int

const (
	noMatch   matchKind = iota // the rule cannot match this peer
	spanMatch                  // the rule matches the returned addresses
	mayMatch                   // the rule's addresses are unknown
)

// firstMatch runs the rules in order over the space q. where says which
// addresses of q's family a rule matches; a non-empty name stands for q's
// addresses in reasons.
func firstMatch(rules []ACLRule, egress bool, q box, name string, where func(ACLRule) (addrSpan, matchKind)) Verdict {
	desc := func(b box) string { return b.describe(egress, name) }
	left := []box{q}
	var allowBy, allowed, doubtBy, doubt []string
	var maybeAllow []box // protocols × ports of allows whose addresses are unknown
	var maybeBy, maybeWhy []string
	rescuable := func(why string, origin ...string) {
		doubtBy = addOrigin(doubtBy, maybeBy...)
		doubtBy = addOrigin(doubtBy, origin...)
		doubt = append(doubt, why+", unless "+strings.Join(maybeWhy, " or ")+", matches it first")
	}
	for _, r := range rules {
		if len(left) == 0 {
			break
		}
		protos, ports := r.protosPorts()
		span, kind := where(r)
		switch kind {
		case noMatch:
			continue
		case mayMatch:
			if !touches(left, protos, ports) {
				continue
			}
			// An unknown allow matters only if something is denied later
			// (rescuable); an unknown deny matters if everything is allowed.
			if r.Allow {
				maybeAllow = append(maybeAllow, box{protos: protos, ports: ports})
				maybeBy = addOrigin(maybeBy, r.Origin)
				maybeWhy = append(maybeWhy, fmt.Sprintf("%s, which allows %s", r.label(), unknownCIDR(r.CIDR, name)))
			} else {
				doubtBy = addOrigin(doubtBy, r.Origin)
				doubt = append(doubt, fmt.Sprintf("%s, which denies %s, may match first", r.label(), unknownCIDR(r.CIDR, name)))
			}
			continue
		}
		rb := box{protos, span, ports}
		var hit []box
		for _, b := range left {
			if i, ok := b.intersect(rb); ok {
				hit = append(hit, i)
			}
		}
		if len(hit) == 0 {
			continue
		}
		left = subtract(left, rb)
		if r.Allow {
			allowBy = addOrigin(allowBy, r.Origin)
			allowed = append(allowed, r.label())
			continue
		}
		if sure := rescue(hit, maybeAllow); len(sure) > 0 {
			return Verdict{Result: symbol.False, By: addOrigin(nil, r.Origin),
				Reason: fmt.Sprintf("%s denies %s", r.label(), desc(sure[0]))}
		}
		rescuable(fmt.Sprintf("%s denies %s", r.label(), desc(hit[0])), r.Origin)
	}
	if len(left) > 0 {
		if sure := rescue(left, maybeAllow); len(sure) > 0 {
			return Verdict{Result: symbol.False,
				Reason: fmt.Sprintf("%s matches no rule and is denied by the implicit * rule", desc(sure[0]))}
		}
		rescuable(fmt.Sprintf("%s reaches the implicit * deny", desc(left[0])))
	}
	if len(doubt) > 0 {
		return Verdict{Result: symbol.Unknown, By: doubtBy, Reason: strings.Join(doubt, "; ")}
	}
	return Verdict{Result: symbol.True, By: allowBy,
		Reason: fmt.Sprintf("%s is allowed by %s", desc(q), strings.Join(allowed, ", "))}
}

// touches reports whether any box of bs shares protocols and ports with the
// given ones, whatever the addresses.
func touches(bs []box, protos, ports PortRange) bool {
	for _, b := range bs {
		_, p := b.protos.Intersect(protos)
		_, q := b.ports.Intersect(ports)
		if p && q {
			return true
		}
	}
	return false
}

// rescue returns the parts of bs that no allow with unknown addresses in
// maybe could have matched first: those are denied whatever the unknowns.
func rescue(bs, maybe []box) []box {
	for _, m := range maybe {
		var next []box
		for _, b := range bs {
			m.addr = b.addr.family()
			next = append(next, b.minus(m)...)
		}
		bs = next
	}
	return bs
}

// unknownCIDR says why a rule's CIDR cannot be placed relative to the peer.
func unknownCIDR(cidr, peer string) string {
	switch {
	case symbol.Contains(cidr):
		return symbol.Display(cidr) + " (known only after apply)"
	case peer != "":
		return cidr + " (which may or may not hold " + peer + ")"
	}
	return fmt.Sprintf("%q (not a CIDR)", cidr)
}
