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

var pa111 = &Check{
	ID:       "PA111",
	Name:     "endpoint-sg-ingress",
	Severity: finding.Error,
	Title:    "No security group of the execute-api endpoint admits TCP 443 from the client",
	Run:      runPA111,
}

func runPA111(v *topology.View, r *Reporter) {
	n := reach.NewNet(v)
	for _, ns := range n.NetSubjects() {
		e := ns.Endpoint
		eg := n.EndpointSGs(e)
		s := netSubject(ns, eg.Address(e.Address))
		if ns.Client == nil {
			judgePA111Alone(n, r, ns, eg, s)
			continue
		}
		c := ns.Client
		peer, cg, idsKnown := n.ClientPeer(c, e)
		vd := n.AdmitsOver(eg, false, peer, idsKnown, ns.Link, c.Address)
		cidrs, _ := n.P.ClientCIDRs(c)
		cidrs = topology.OfFamilies(cidrs, n.V.UsableFamilies(c, e))
		other := ""
		if ns.Link.Kind != topology.LinkTGW {
			for _, g := range cg.Groups {
				other = reach.GroupRef(g)
				break
			}
		}
		fix := pa111Fix(n, e, eg, other, cidrs, c.Address)
		switch vd.Result {
		case symbol.True:
			r.Pass(s)
		case symbol.Unknown:
			r.Unverified(s, fix, "whether the security groups of %s (%s) admit tcp/443 from %s is known only after apply: %s%s", e.Address, eg.Names(), netDescribeClient(n, c, cg), vd.Reason, netPrivateNote(s.API))
		default:
			netReport(r, s, symbol.False, fix, fmt.Sprintf("no security group of %s (%s) admits tcp/443 from %s, so its connections time out: %s", e.Address, eg.Names(), netDescribeClient(n, c, cg), vd.Reason))
		}
	}
}

func netDescribeClient(n *reach.Net, c *topology.Client, cg reach.Groups) string {
	cidrs, ok := n.P.ClientCIDRs(c)
	parts := []string{}
	if ok && len(cidrs) > 0 {
		parts = append(parts, strings.Join(reach.DisplayList(cidrs), ", "))
	}
	if len(cg.Groups) > 0 {
		g := "groups " + cg.Names()
		if cg.Defaulted {
			g = "the VPC's default group " + cg.Names()
		}
		parts = append(parts, g)
	}
	if len(parts) == 0 {
		return c.Address
	}
	return c.Address + " (" + strings.Join(parts, "; ") + ")"
}

func pa111Fix(n *reach.Net, e *topology.Endpoint, eg reach.Groups, otherGroup string, cidrs []string, client string) string {
	name := "endpoint_https_from_" + reach.TFName(client)
	if eg.Defaulted {
		if len(eg.Groups) > 0 && eg.Groups[0].Address != "" {
			return reach.SGRuleFix(eg.Groups[0], false, otherGroup, cidrs, name) +
				fmt.Sprintf("\nor better, give %s a security group of its own (security_group_ids = [aws_security_group.endpoint.id]) with that rule", e.Address)
		}
		return fmt.Sprintf("give %s a security group of its own: security_group_ids = [aws_security_group.endpoint.id], and\n", e.Address) +
			reach.SGRuleFix(&topology.SecurityGroup{Node: topology.Node{Address: "aws_security_group.endpoint"}}, false, otherGroup, cidrs, name)
	}
	var g *topology.SecurityGroup
	if len(eg.Groups) > 0 {
		g = eg.Groups[0]
	}
	return reach.SGRuleFix(g, false, otherGroup, cidrs, name)
}

// judgePA111Alone: with no client known, some rule must admit tcp/443 from
// somewhere inside the endpoint's VPC or a VPC connected to it.
func judgePA111Alone(n *reach.Net, r *Reporter, ns reach.NetSubject, eg reach.Groups, s Subject) {
	e := ns.Endpoint
	ranges, known := n.P.VPCCIDRs(e.VPCID)
	where := []string{n.P.VPCName(e.VPCID)}
	conns, connKnown := n.P.ConnectedVPCs(e.VPCID)
	for _, cn := range conns {
		cr, ok := n.P.VPCCIDRs(cn.VPCID)
		ranges = append(ranges, cr...)
		known = known && ok
		where = append(where, n.P.VPCName(cn.VPCID))
	}
	result := symbol.False
	var doubts, outside []string
	for _, rule := range eg.Rules {
		if rule.Egress || !reach.Matches443(rule) {
			continue
		}
		if len(rule.SecurityGroups) > 0 {
			if pa111OnlyDefault(eg) {
				// AWS's default rule: only members of the default group
				result = result.Or(symbol.Unknown)
				doubts = append(doubts, fmt.Sprintf("%s admits tcp/443 only from members of the VPC's default security group (AWS's default rule): clients in other groups cannot connect", rule.Origin))
			} else {
				result = symbol.True
			}
		}
		for _, pl := range rule.PrefixLists {
			result = result.Or(symbol.Unknown)
			doubts = append(doubts, fmt.Sprintf("%s admits prefix list %s, whose entries are not in the plan", rule.Origin, netDisp(pl)))
		}
		for _, c := range rule.CIDRs {
			hit := symbol.False
			for _, vr := range ranges {
				hit = hit.Or(netpath.CIDROverlaps(c, vr))
			}
			if len(ranges) == 0 || !known {
				hit = hit.Or(symbol.Unknown)
			}
			result = result.Or(hit)
			switch hit {
			case symbol.True: // admitted: nothing to explain
			case symbol.Unknown:
				doubts = append(doubts, fmt.Sprintf("whether %s (%s) overlaps %s is known only after apply", netDisp(c), rule.Origin, strings.Join(where, ", ")))
			default:
				outside = append(outside, fmt.Sprintf("%s (%s)", netDisp(c), rule.Origin))
			}
		}
	}
	if result == symbol.False && (!eg.Known || !connKnown) {
		result = symbol.Unknown
		doubts = append(doubts, eg.Doubts...)
		if !connKnown {
			doubts = append(doubts, "some peering or transit gateway attachments are known only after apply")
		}
	}
	cidrRef := "10.0.0.0/16 (the clients' range)"
	if x := n.P.VPCByID(e.VPCID); x != nil {
		cidrRef = symbol.Ref{Address: x.Address, Attr: "cidr_block"}.Token()
	}
	fix := pa111Fix(n, e, eg, "", []string{cidrRef}, "vpc")
	switch result {
	case symbol.True:
		r.Pass(s)
	case symbol.Unknown:
		r.Unverified(s, fix, "no client of the API is known, and whether the security groups of %s (%s) admit tcp/443 from anywhere in %s is known only after apply: %s", e.Address, eg.Names(), strings.Join(where, ", "), strings.Join(doubts, "; "))
	default:
		msg := fmt.Sprintf("no client of the API is known, and no security group of %s (%s) admits tcp/443 from anywhere in %s (%s) or the networks connected to it", e.Address, eg.Names(), n.P.VPCName(e.VPCID), strings.Join(reach.DisplayList(ranges), ", "))
		if len(outside) > 0 {
			msg += ": tcp/443 is admitted only from " + strings.Join(outside, ", ") + ", outside those networks"
		} else {
			msg += ": no ingress rule takes tcp/443"
		}
		netReport(r, s, symbol.False, fix, msg)
	}
}

// pa111OnlyDefault reports whether every group of the endpoint is a VPC's
// default group: a rule referencing a group then admits only the members
// of that default group.
func pa111OnlyDefault(eg reach.Groups) bool {
	if len(eg.Groups) == 0 {
		return false
	}
	for _, g := range eg.Groups {
		if !g.Default {
			return false
		}
	}
	return true
}
