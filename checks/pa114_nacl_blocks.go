package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/netpath"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa114 = &Check{
	ID:       "PA114",
	Name:     "nacl-blocks",
	Severity: finding.Error,
	Title:    "A network ACL on the client's or the endpoint's subnet blocks TCP 443 or the return traffic",
	Run:      runPA114,
}

type netACLCheck struct {
	nacl   *topology.NACL
	egress bool
	ports  netpath.PortRange
	peer   string
	what   string
}

var netPort443 = netpath.PortRange{From: 443, To: 443}

func runPA114(v *topology.View, r *Reporter) {
	n := reach.NewNet(v)
	for _, ns := range n.NetSubjects() {
		if ns.Client == nil {
			judgePA114Alone(n, r, ns)
			continue
		}
		judgePA114(n, r, ns)
	}
}

func judgePA114(n *reach.Net, r *Reporter, ns reach.NetSubject) {
	c, e := ns.Client, ns.Endpoint
	var checks []netACLCheck
	var doubts []string
	csubs, cknown := n.P.ClientSubnets(c)
	esubs, eknown := n.P.EndpointSubnets(e)
	if !cknown && !c.Declared {
		doubts = append(doubts, fmt.Sprintf("the subnets of %s are not all known, so the NACLs on its side are not known", c.Address))
	}
	if e.Declared && c.Declared && e.NACLsAllowHTTPS == symbol.True && c.NACLsAllowHTTPS == symbol.True {
		r.Pass(netSubject(ns, e.Address)) // both sides' NACLs declared in .privapi.hcl
		return
	}
	if !eknown && !(e.Declared && e.NACLsAllowHTTPS == symbol.True) {
		doubts = append(doubts, fmt.Sprintf("the subnets of %s are not all known, so the NACLs on its side are not known", e.Address))
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
					netACLCheck{en, false, netPort443, cr.cidr, fmt.Sprintf("inbound tcp/443 to %s from %s (%s)", es.Address, cr.name, netDisp(cr.cidr))},
					netACLCheck{en, true, netpath.Ephemeral, cr.cidr, fmt.Sprintf("outbound replies on tcp/1024-65535 from %s to %s (%s)", es.Address, cr.name, netDisp(cr.cidr))})
			}
		}
		for _, cs := range csubs {
			if cn := n.P.NACLOf(cs); cn != nil {
				checks = append(checks,
					netACLCheck{cn, true, netPort443, es.CIDR, fmt.Sprintf("outbound tcp/443 from %s to %s (%s)", cs.Address, es.Address, netDisp(es.CIDR))},
					netACLCheck{cn, false, netpath.Ephemeral, es.CIDR, fmt.Sprintf("inbound replies on tcp/1024-65535 to %s from %s (%s)", cs.Address, es.Address, netDisp(es.CIDR))})
			}
		}
	}
	netReportACL(r, ns, checks, doubts, e.Address)
}

// reportACL judges the checks per NACL: one result per NACL on the path.
func netReportACL(r *Reporter, ns reach.NetSubject, checks []netACLCheck, doubts []string, fallback string) {
	var order []*topology.NACL
	byNACL := map[*topology.NACL][]netACLCheck{}
	for _, ch := range checks {
		if _, ok := byNACL[ch.nacl]; !ok {
			order = append(order, ch.nacl)
		}
		byNACL[ch.nacl] = append(byNACL[ch.nacl], ch)
	}
	if len(order) == 0 {
		s := netSubject(ns, fallback)
		if len(doubts) > 0 {
			r.Unverified(s, "", "whether network ACLs pass tcp/443 and the replies between %s and %s is not known: %s%s", reach.ClientAddr(ns.Client), ns.Endpoint.Address, strings.Join(doubts, "; "), netPrivateNote(s.API))
			return
		}
		r.Pass(s) // only default NACLs, which allow everything
		return
	}
	for _, acl := range order {
		s := netSubject(ns, acl.Address)
		rules, known := reach.ACLRules(acl)
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
					fix = reach.ACLFix(acl, ch.egress, ch.ports, ch.peer)
				}
			case symbol.Unknown:
				unk = append(unk, fmt.Sprintf("%s: %s", ch.what, vd.Reason))
			}
		}
		if result == symbol.True && len(doubts) > 0 {
			result = symbol.Unknown
			unk = append(unk, doubts...)
		}
		switch result {
		case symbol.True:
			r.Pass(s)
		case symbol.False:
			netReport(r, s, symbol.False, fix, fmt.Sprintf("network ACL %s blocks the path between %s and %s (NACLs are stateless; rules by number, first match wins): %s", acl.Address, reach.ClientAddr(ns.Client), ns.Endpoint.Address, strings.Join(fails, "; ")))
		default:
			ch := byNACL[acl][0]
			r.Unverified(s, reach.ACLFix(acl, ch.egress, ch.ports, ch.peer), "whether network ACL %s passes the traffic between %s and %s is known only after apply: %s%s", acl.Address, reach.ClientAddr(ns.Client), ns.Endpoint.Address, strings.Join(unk, "; "), netPrivateNote(s.API))
		}
	}
}

// judgePA114Alone: with no client known, the endpoint subnets' NACLs must
// pass 443 in and the replies out for some range of the endpoint's VPC or
// a VPC connected to it.
func judgePA114Alone(n *reach.Net, r *Reporter, ns reach.NetSubject) {
	e := ns.Endpoint
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
	if len(order) == 0 {
		s := netSubject(ns, e.Address)
		if !eknown {
			r.Unverified(s, "", "the subnets of %s are not all known, so the network ACLs on its path are not known", e.Address)
			return
		}
		r.Pass(s)
		return
	}
	for _, acl := range order {
		s := netSubject(ns, acl.Address)
		rules, known := reach.ACLRules(acl)
		best := symbol.False
		var reasons []string
		for _, src := range ranges {
			in := netpath.ACLAllows(rules, false, netpath.TCP, netPort443, []string{src})
			out := netpath.ACLAllows(rules, true, netpath.TCP, netpath.Ephemeral, []string{src})
			t := in.Result.And(out.Result)
			best = best.Or(t)
			if t != symbol.True {
				if in.Result != symbol.True {
					reasons = append(reasons, fmt.Sprintf("from %s: %s", netDisp(src), in.Reason))
				} else {
					reasons = append(reasons, fmt.Sprintf("replies to %s: %s", netDisp(src), out.Reason))
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
		fix := reach.ACLFix(acl, false, netPort443, fixPeer) + "\nand the replies:\n" + reach.ACLFix(acl, true, netpath.Ephemeral, fixPeer)
		switch best {
		case symbol.True:
			r.Pass(s)
		case symbol.False:
			netReport(r, s, symbol.False, fix, fmt.Sprintf("no client of the API is known, and network ACL %s on the subnets of %s passes tcp/443 in and the replies out for no range of %s or the networks connected to it: %s", acl.Address, e.Address, n.P.VPCName(e.VPCID), strings.Join(reasons, "; ")))
		default:
			r.Unverified(s, fix, "no client of the API is known, and whether network ACL %s passes tcp/443 to %s from its VPC is known only after apply: %s", acl.Address, e.Address, strings.Join(reasons, "; "))
		}
	}
}
