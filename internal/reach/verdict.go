package reach

// The network verdicts of one pairing: do the endpoint's security groups
// admit tcp/443 from the client (Ingress, PA111), do the client's allow it
// out to the endpoint (Egress, PA112), do the network ACLs on the path pass
// it and the replies (NACLs, PA114). privapi check reports them, and the
// runbook says the same thing about the same pairing.

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/netpath"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// Verdict is the answer to one network question about one pairing.
type Verdict struct {
	// Result is True when the path is proven open, False when proven
	// closed, Unknown when it depends on values known only after apply.
	Result symbol.Tri
	// Address is the resource the answer sits on: a security group, a
	// network ACL, the endpoint or the client.
	Address string
	// Reason says why, for False and Unknown. An Unknown reason already
	// says when the API may not be PRIVATE (PrivateNote); a False one does
	// not (the caller reports a False of such an API as unverified, with
	// PrivateNote).
	Reason string
	// Fix is the change that opens the path, in Terraform terms; empty
	// when Result is True (nothing reports it: a pass names no fix).
	Fix string
	// Undeclared, on an Unknown verdict, names what .privapi.hcl leaves
	// out when that is the only doubt ("nacls_allow_https in
	// endpoint.shared"): stating it settles the verdict before apply.
	// Empty when some doubt is a value known only after apply.
	Undeclared string
}

// Settled is the verdict as privapi check reports it for API a (Settle):
// a False of an API that may not be PRIVATE is Unknown, and its reason
// says so.
func (vd Verdict) Settled(a *topology.API) Verdict {
	var demoted bool
	if vd.Result, demoted = Settle(vd.Result, a); demoted {
		vd.Reason += PrivateNote(a)
	}
	if vd.Result != symbol.Unknown || PrivateNote(a) != "" {
		vd.Undeclared = "" // whether a is PRIVATE is known only after apply
	}
	return vd
}

// PrivateNote is appended to a reason when the API may not be PRIVATE.
func PrivateNote(a *topology.API) string {
	if a != nil && a.Private == symbol.Unknown {
		return fmt.Sprintf(" (whether %s is PRIVATE is known only after apply; this matters only if it is)", a.Address)
	}
	return ""
}

// Ingress judges whether the endpoint's security groups admit tcp/443 from
// the client of p; with no client, from anywhere inside the endpoint's VPC
// or a network connected to it.
func (n *Net) Ingress(p Pair) Verdict {
	e := p.Endpoint
	eg := n.EndpointSGs(e)
	vd := Verdict{Address: eg.Address(e.Address)}
	if p.Client == nil {
		n.ingressAlone(p, eg, &vd)
		return vd
	}
	c := p.Client
	peer, cg, idsKnown := n.ClientPeer(c, e)
	pv := n.AdmitsOver(eg, false, peer, idsKnown, p.Link, c.Address)
	vd.Result = pv.Result
	if pv.Result != symbol.True {
		cidrs, _ := n.P.ClientCIDRs(c)
		cidrs = topology.OfFamilies(cidrs, n.V.UsableFamilies(c, e))
		other := ""
		if p.Link.Kind != topology.LinkTGW {
			for _, g := range cg.Groups {
				other = GroupRef(g)
				break
			}
		}
		vd.Fix = ingressFix(e, eg, other, cidrs, c.Address)
	}
	switch pv.Result {
	case symbol.Unknown:
		vd.Reason = fmt.Sprintf("whether the security groups of %s (%s) admit tcp/443 from %s is known only after apply: %s%s", e.Address, eg.Names(), n.describeClient(c, cg), pv.Reason, PrivateNote(p.API))
	case symbol.False:
		vd.Reason = fmt.Sprintf("no security group of %s (%s) admits tcp/443 from %s, so its connections time out: %s", e.Address, eg.Names(), n.describeClient(c, cg), pv.Reason)
	}
	return vd
}

func (n *Net) describeClient(c *topology.Client, cg Groups) string {
	cidrs, ok := n.P.ClientCIDRs(c)
	parts := []string{}
	if ok && len(cidrs) > 0 {
		parts = append(parts, strings.Join(DisplayList(cidrs), ", "))
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

func ingressFix(e *topology.Endpoint, eg Groups, otherGroup string, cidrs []string, client string) string {
	name := "endpoint_https_from_" + TFName(client)
	if eg.Defaulted {
		if len(eg.Groups) > 0 && eg.Groups[0].Address != "" {
			return SGRuleFix(eg.Groups[0], false, otherGroup, cidrs, name) +
				fmt.Sprintf("\nor better, give %s a security group of its own (security_group_ids = [aws_security_group.endpoint.id]) with that rule", e.Address)
		}
		return fmt.Sprintf("give %s a security group of its own: security_group_ids = [aws_security_group.endpoint.id], and\n", e.Address) +
			SGRuleFix(&topology.SecurityGroup{Node: topology.Node{Address: "aws_security_group.endpoint"}}, false, otherGroup, cidrs, name)
	}
	var g *topology.SecurityGroup
	if len(eg.Groups) > 0 {
		g = eg.Groups[0]
	}
	return SGRuleFix(g, false, otherGroup, cidrs, name)
}

// ingressAlone: with no client known, some rule must admit tcp/443 from
// somewhere inside the endpoint's VPC or a VPC connected to it.
func (n *Net) ingressAlone(p Pair, eg Groups, vd *Verdict) {
	e := p.Endpoint
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
		if rule.Egress || !Matches443(rule) {
			continue
		}
		if len(rule.SecurityGroups) > 0 {
			if onlyDefault(eg) {
				// AWS's default rule: only members of the default group
				result = result.Or(symbol.Unknown)
				doubts = append(doubts, fmt.Sprintf("%s admits tcp/443 only from members of the VPC's default security group (AWS's default rule): clients in other groups cannot connect", rule.Origin))
			} else {
				result = symbol.True
			}
		}
		for _, pl := range rule.PrefixLists {
			result = result.Or(symbol.Unknown)
			doubts = append(doubts, fmt.Sprintf("%s admits prefix list %s, whose entries are not in the plan", rule.Origin, disp(pl)))
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
				doubts = append(doubts, fmt.Sprintf("whether %s (%s) overlaps %s is known only after apply", disp(c), rule.Origin, strings.Join(where, ", ")))
			default:
				outside = append(outside, fmt.Sprintf("%s (%s)", disp(c), rule.Origin))
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
	vd.Result = result
	if result != symbol.True {
		cidrRef := "10.0.0.0/16 (the clients' range)"
		if x := n.P.VPCByID(e.VPCID); x != nil {
			cidrRef = symbol.Ref{Address: x.Address, Attr: "cidr_block"}.Token()
		}
		vd.Fix = ingressFix(e, eg, "", []string{cidrRef}, "vpc")
	}
	switch result {
	case symbol.Unknown:
		vd.Reason = fmt.Sprintf("no client of the API is known, and whether the security groups of %s (%s) admit tcp/443 from anywhere in %s is known only after apply: %s", e.Address, eg.Names(), strings.Join(where, ", "), strings.Join(doubts, "; "))
	case symbol.False:
		msg := fmt.Sprintf("no client of the API is known, and no security group of %s (%s) admits tcp/443 from anywhere in %s (%s) or the networks connected to it", e.Address, eg.Names(), n.P.VPCName(e.VPCID), strings.Join(DisplayList(ranges), ", "))
		if len(outside) > 0 {
			msg += ": tcp/443 is admitted only from " + strings.Join(outside, ", ") + ", outside those networks"
		} else {
			msg += ": no ingress rule takes tcp/443"
		}
		vd.Reason = msg
	}
}

// onlyDefault reports whether every group of the endpoint is a VPC's
// default group: a rule referencing a group then admits only the members
// of that default group.
func onlyDefault(eg Groups) bool {
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

// Egress judges whether the client's security groups allow tcp/443 out to
// the endpoint of p; ok is false when p has no client (nothing to judge on
// the client side).
func (n *Net) Egress(p Pair) (vd Verdict, ok bool) {
	c, e := p.Client, p.Endpoint
	if c == nil {
		return Verdict{}, false
	}
	peer, eg, idsKnown := n.EndpointPeer(e, c)
	ids, known, def := n.P.ClientGroups(c)
	cg := n.resolveGroups(ids, known, def)
	vd.Address = cg.Address(c.Address)
	if known && len(ids) == 0 && c.Declared {
		vd.Result = symbol.True // a declared client without security groups: nothing restricts its egress
		return vd, true
	}
	pv := n.AdmitsOver(cg, true, peer, idsKnown, p.Link, e.Address)
	var g *topology.SecurityGroup
	switch {
	case len(cg.Groups) > 0:
		g = cg.Groups[0]
	case len(cg.Missing) > 0:
		g = &topology.SecurityGroup{ID: cg.Missing[0]} // a group of another stack: named by its id
	}
	vd.Result = pv.Result
	if pv.Result != symbol.True {
		other := ""
		if p.Link.Kind != topology.LinkTGW {
			for _, g := range eg.Groups {
				if g.Address != "" {
					other = GroupRef(g)
					break
				}
			}
		}
		cidrs, _ := n.P.EndpointCIDRs(e)
		vd.Fix = SGRuleFix(g, true, other, cidrs, "client_https_to_"+TFName(e.Address))
	}
	switch pv.Result {
	case symbol.Unknown:
		if len(cg.Groups) == 0 && !known {
			vd.Reason = fmt.Sprintf("the security groups of %s are known only after apply, so whether they allow tcp/443 to %s cannot be decided%s", c.Address, e.Address, PrivateNote(p.API))
			break
		}
		vd.Reason = fmt.Sprintf("whether the security groups of %s (%s) allow tcp/443 to %s is known only after apply: %s%s", c.Address, cg.Names(), e.Address, pv.Reason, PrivateNote(p.API))
	case symbol.False:
		msg := fmt.Sprintf("no security group of %s (%s) allows tcp/443 to %s (%s), so its calls time out: %s", c.Address, cg.Names(), e.Address, n.describeEndpoint(e, eg), pv.Reason)
		if g != nil && g.Created && !hasEgress(g) && !g.Default {
			msg += fmt.Sprintf("; %s declares no egress at all, and Terraform removes AWS's default allow-all egress from a group it creates", g.Address)
		}
		if g != nil && g.Default && g.Address != "" {
			msg += fmt.Sprintf("; %s manages the VPC's default group and removes every rule it does not declare", g.Address)
		}
		vd.Reason = msg
	}
	return vd, true
}

func hasEgress(sg *topology.SecurityGroup) bool {
	for _, r := range sg.Rules {
		if r.Egress {
			return true
		}
	}
	return false
}

func (n *Net) describeEndpoint(e *topology.Endpoint, eg Groups) string {
	cidrs, _ := n.P.EndpointCIDRs(e)
	s := "subnets "
	if len(cidrs) == 0 {
		s += "unknown"
	} else {
		s += strings.Join(DisplayList(cidrs), ", ")
	}
	return s + "; groups " + eg.Names()
}
