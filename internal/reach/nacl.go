package reach

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/netpath"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// aclCheck is one direction of the path that one network ACL must pass.
type aclCheck struct {
	nacl   *topology.NACL
	egress bool
	ports  netpath.PortRange
	peer   string
	what   string
}

var port443 = netpath.PortRange{From: 443, To: 443}

// NACLs judges the network ACLs on the path of p, one Verdict per ACL
// (network ACLs are stateless: 443 one way and the ephemeral replies the
// other, on both sides). With no ACL on the path the one Verdict sits on
// the endpoint. With no client, the endpoint subnets' ACLs must pass 443 in
// and the replies out for some range of the endpoint's VPC or a VPC
// connected to it.
func (n *Net) NACLs(p Pair) []Verdict {
	if p.Client == nil {
		return n.naclsAlone(p)
	}
	c, e := p.Client, p.Endpoint
	var checks []aclCheck
	var doubts, unsaid []string
	csubs, cknown := n.P.ClientSubnets(c)
	esubs, eknown := n.P.EndpointSubnets(e)
	if !cknown && !c.Declared {
		doubts = append(doubts, fmt.Sprintf("the subnets of %s are not all known, so the NACLs on its side are not known", c.Address))
	}
	if e.Declared && c.Declared && e.NACLsAllowHTTPS == symbol.True && c.NACLsAllowHTTPS == symbol.True {
		return []Verdict{{Result: symbol.True, Address: e.Address}} // both sides' NACLs declared in .privapi.hcl
	}
	var blocked []string
	if e.Declared && e.NACLsAllowHTTPS == symbol.False {
		blocked = append(blocked, e.Address)
	}
	if c.Declared && c.NACLsAllowHTTPS == symbol.False {
		blocked = append(blocked, c.Address)
	}
	if len(blocked) > 0 {
		return []Verdict{{Result: symbol.False, Address: blocked[0],
			Fix:    "allow inbound tcp/443 and outbound tcp/1024-65535 (the replies) on the endpoint's subnets, and the reverse on the client's, in the network ACLs of the stack that owns them; then set nacls_allow_https = true in .privapi.hcl",
			Reason: fmt.Sprintf("the network ACLs of the subnets of %s block tcp/443 or its replies between %s and %s, as .privapi.hcl declares (nacls_allow_https = false); calls time out", strings.Join(blocked, " and "), c.Address, e.Address)}}
	}
	switch {
	case e.Declared && e.NACLsAllowHTTPS == symbol.Unknown:
		doubts = append(doubts, undeclaredNACLs(e.Address))
		unsaid = append(unsaid, e.Address)
	case !eknown && !e.Declared:
		doubts = append(doubts, fmt.Sprintf("the subnets of %s are not all known, so the NACLs on its side are not known", e.Address))
	}
	if c.Declared && c.NACLsAllowHTTPS == symbol.Unknown {
		doubts = append(doubts, undeclaredNACLs(c.Address)) // its subnets are not in the plan
		unsaid = append(unsaid, c.Address)
	}
	// the doubts are all facts .privapi.hcl can state: the verdict says
	// which, and how to state them
	var settle *unsaidNACLs
	if len(unsaid) > 0 && len(unsaid) == len(doubts) {
		settle = &unsaidNACLs{unsaid}
	}
	clientRanges := []struct{ name, cidr string }{}
	for _, cs := range csubs {
		clientRanges = append(clientRanges, struct{ name, cidr string }{cs.Address, cs.CIDR})
	}
	if c.Declared {
		for _, cidr := range c.CIDRs {
			clientRanges = append(clientRanges, struct{ name, cidr string }{c.Address, cidr})
		}
	}
	for _, es := range esubs {
		en := n.P.NACLOf(es)
		for _, cr := range clientRanges {
			if en != nil {
				checks = append(checks,
					aclCheck{en, false, port443, cr.cidr, fmt.Sprintf("inbound tcp/443 to %s from %s (%s)", es.Address, cr.name, disp(cr.cidr))},
					aclCheck{en, true, netpath.Ephemeral, cr.cidr, fmt.Sprintf("outbound replies on tcp/1024-65535 from %s to %s (%s)", es.Address, cr.name, disp(cr.cidr))})
			}
		}
		for _, cs := range csubs {
			if cn := n.P.NACLOf(cs); cn != nil {
				checks = append(checks,
					aclCheck{cn, true, port443, es.CIDR, fmt.Sprintf("outbound tcp/443 from %s to %s (%s)", cs.Address, es.Address, disp(es.CIDR))},
					aclCheck{cn, false, netpath.Ephemeral, es.CIDR, fmt.Sprintf("inbound replies on tcp/1024-65535 to %s from %s (%s)", cs.Address, es.Address, disp(es.CIDR))})
			}
		}
	}
	return judgeACLs(p, checks, doubts, settle, e.Address)
}

// unsaidNACLs lists the declared sides (addresses) whose declarations do not
// say what their network ACLs pass, when that is all a NACL verdict doubts.
type unsaidNACLs struct{ sides []string }

// undeclared is Verdict.Undeclared: the setting and where to state it.
func (u *unsaidNACLs) undeclared() string {
	return "nacls_allow_https in " + strings.Join(u.sides, " and ")
}

// fix says how to state it.
func (u *unsaidNACLs) fix() string {
	block := "its block"
	if len(u.sides) > 1 {
		block = "the block of each"
	}
	return fmt.Sprintf("state in .privapi.hcl what the network ACLs of the subnets of %s pass: nacls_allow_https = true in %s when they pass tcp/443 and the replies, false when they block them", strings.Join(u.sides, " and "), block)
}

// undeclaredNACLs is the doubt about a declared side whose declaration
// does not say what the network ACLs of its subnets pass.
func undeclaredNACLs(addr string) string {
	return fmt.Sprintf(".privapi.hcl does not say whether the network ACLs of the subnets of %s pass tcp/443 and the replies (set nacls_allow_https)", addr)
}

// judgeACLs judges the checks per NACL: one verdict per NACL on the path.
// settle is set when every doubt is a fact .privapi.hcl leaves out.
func judgeACLs(p Pair, checks []aclCheck, doubts []string, settle *unsaidNACLs, fallback string) []Verdict {
	var order []*topology.NACL
	byNACL := map[*topology.NACL][]aclCheck{}
	for _, ch := range checks {
		if _, ok := byNACL[ch.nacl]; !ok {
			order = append(order, ch.nacl)
		}
		byNACL[ch.nacl] = append(byNACL[ch.nacl], ch)
	}
	if len(order) == 0 {
		if len(doubts) > 0 {
			vd := Verdict{Result: symbol.Unknown, Address: fallback,
				Reason: fmt.Sprintf("whether network ACLs pass tcp/443 and the replies between %s and %s is not known: %s%s", ClientAddr(p.Client), p.Endpoint.Address, strings.Join(doubts, "; "), PrivateNote(p.API))}
			if settle != nil {
				vd.Undeclared, vd.Fix = settle.undeclared(), settle.fix()
			}
			return []Verdict{vd}
		}
		return []Verdict{{Result: symbol.True, Address: fallback}} // only default NACLs, which allow everything
	}
	var out []Verdict
	for _, acl := range order {
		rules, known := ACLRules(acl)
		result := symbol.True
		var fails, unk []string
		fix := ""
		for _, ch := range byNACL[acl] {
			vd := netpath.ACLAllows(rules, ch.egress, netpath.TCP, ch.ports, []string{ch.peer})
			if !known && vd.Result != symbol.Unknown {
				vd.Result = symbol.Unknown
				vd.Reason += "; but some rules of " + acl.Address + " are known only after apply"
			}
			result = result.And(vd.Result)
			switch vd.Result {
			case symbol.False:
				fails = append(fails, fmt.Sprintf("%s is blocked: %s", ch.what, vd.Reason))
				if fix == "" {
					fix = ACLFix(acl, ch.egress, ch.ports, ch.peer)
				}
			case symbol.Unknown:
				unk = append(unk, fmt.Sprintf("%s: %s", ch.what, vd.Reason))
			}
		}
		vd := Verdict{Result: result, Address: acl.Address}
		if result == symbol.True && len(doubts) > 0 {
			vd.Result = symbol.Unknown
			if settle != nil {
				// this ACL passes the traffic; only what .privapi.hcl
				// leaves out of the other side is not known
				vd.Undeclared, vd.Fix = settle.undeclared(), settle.fix()
				vd.Reason = fmt.Sprintf("network ACL %s passes the traffic between %s and %s, but whether the network ACLs of the subnets of %s do is not known: %s%s", acl.Address, ClientAddr(p.Client), p.Endpoint.Address, strings.Join(settle.sides, " and "), strings.Join(doubts, "; "), PrivateNote(p.API))
				out = append(out, vd)
				continue
			}
			unk = append(unk, doubts...)
		}
		switch vd.Result {
		case symbol.False:
			vd.Fix = fix
			vd.Reason = fmt.Sprintf("network ACL %s blocks the path between %s and %s (NACLs are stateless; rules by number, first match wins): %s", acl.Address, ClientAddr(p.Client), p.Endpoint.Address, strings.Join(fails, "; "))
		case symbol.Unknown:
			ch := byNACL[acl][0]
			vd.Fix = ACLFix(acl, ch.egress, ch.ports, ch.peer)
			vd.Reason = fmt.Sprintf("whether network ACL %s passes the traffic between %s and %s is known only after apply: %s%s", acl.Address, ClientAddr(p.Client), p.Endpoint.Address, strings.Join(unk, "; "), PrivateNote(p.API))
		}
		out = append(out, vd)
	}
	return out
}

// naclsAlone: with no client known, the endpoint subnets' NACLs must pass
// 443 in and the replies out for some range of the endpoint's VPC or a VPC
// connected to it.
func (n *Net) naclsAlone(p Pair) []Verdict {
	e := p.Endpoint
	esubs, eknown := n.P.EndpointSubnets(e)
	var ranges []string
	vpcs := []string{e.VPCID}
	conns, _ := n.P.ConnectedVPCs(e.VPCID)
	for _, c := range conns {
		vpcs = append(vpcs, c.VPCID)
	}
	for _, vpc := range vpcs {
		cr, _ := n.P.VPCCIDRs(vpc)
		ranges = append(ranges, cr...)
		for _, sn := range n.P.SubnetsOfVPC(vpc) {
			if sn.CIDR != "" {
				ranges = append(ranges, sn.CIDR)
			}
		}
	}
	var order []*topology.NACL
	seen := map[*topology.NACL]bool{}
	for _, es := range esubs {
		if acl := n.P.NACLOf(es); acl != nil && !seen[acl] {
			seen[acl] = true
			order = append(order, acl)
		}
	}
	if e.Declared && e.NACLsAllowHTTPS == symbol.False {
		return []Verdict{{Result: symbol.False, Address: e.Address,
			Fix:    "allow inbound tcp/443 and outbound tcp/1024-65535 (the replies) on the endpoint's subnets in the network ACLs of the stack that owns them; then set nacls_allow_https = true in .privapi.hcl",
			Reason: fmt.Sprintf("no client of the API is known, and the network ACLs of the subnets of %s block tcp/443 or its replies, as .privapi.hcl declares (nacls_allow_https = false); calls time out", e.Address)}}
	}
	if len(order) == 0 {
		if e.Declared {
			// a declared endpoint's subnets are in another stack: what
			// .privapi.hcl says of their ACLs decides
			if e.NACLsAllowHTTPS == symbol.True {
				return []Verdict{{Result: symbol.True, Address: e.Address}}
			}
			u := &unsaidNACLs{[]string{e.Address}}
			return []Verdict{{Result: symbol.Unknown, Address: e.Address, Undeclared: u.undeclared(), Fix: u.fix(),
				Reason: "no client of the API is known, and " + undeclaredNACLs(e.Address)}}
		}
		if !eknown {
			return []Verdict{{Result: symbol.Unknown, Address: e.Address,
				Reason: fmt.Sprintf("the subnets of %s are not all known, so the network ACLs on its path are not known", e.Address)}}
		}
		return []Verdict{{Result: symbol.True, Address: e.Address}}
	}
	var out []Verdict
	for _, acl := range order {
		rules, known := ACLRules(acl)
		best := symbol.False
		var reasons []string
		for _, src := range ranges {
			in := netpath.ACLAllows(rules, false, netpath.TCP, port443, []string{src})
			out := netpath.ACLAllows(rules, true, netpath.TCP, netpath.Ephemeral, []string{src})
			t := in.Result.And(out.Result)
			best = best.Or(t)
			if t != symbol.True {
				if in.Result != symbol.True {
					reasons = append(reasons, fmt.Sprintf("from %s: %s", disp(src), in.Reason))
				} else {
					reasons = append(reasons, fmt.Sprintf("replies to %s: %s", disp(src), out.Reason))
				}
			}
		}
		if !known && best != symbol.True {
			best = symbol.Unknown
		}
		if len(ranges) == 0 {
			best = best.And(symbol.Unknown)
		}
		fixPeer := "10.0.0.0/16"
		if len(ranges) > 0 {
			fixPeer = ranges[0]
		}
		vd := Verdict{Result: best, Address: acl.Address,
			Fix: ACLFix(acl, false, port443, fixPeer) + "\nand the replies:\n" + ACLFix(acl, true, netpath.Ephemeral, fixPeer)}
		switch best {
		case symbol.False:
			vd.Reason = fmt.Sprintf("no client of the API is known, and network ACL %s on the subnets of %s passes tcp/443 in and the replies out for no range of %s or the networks connected to it: %s", acl.Address, e.Address, n.P.VPCName(e.VPCID), strings.Join(reasons, "; "))
		case symbol.Unknown:
			vd.Reason = fmt.Sprintf("no client of the API is known, and whether network ACL %s passes tcp/443 to %s from its VPC is known only after apply: %s", acl.Address, e.Address, strings.Join(reasons, "; "))
		}
		out = append(out, vd)
	}
	return out
}
