package reach

// The network verdicts of the reachability checks (PA110–PA114) and the
// runbook: the security groups on each side of a path, their rules in
// netpath terms, and whether they admit tcp/443 between a client and an
// endpoint. They read the topology only.

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/netpath"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// disp renders a possibly symbolic value for a message.
func disp(s string) string { return symbol.Display(s) }

// Groups is the security groups on one side of a path, their rules for
// netpath, and what is not known about them.
type Groups struct {
	IDs    []string // every id that names one of the groups (with aliases)
	Groups []*topology.SecurityGroup
	// Missing lists the ids of groups that are not in the plan.
	Missing []string
	Rules   []netpath.Rule
	// Known is false when a group, or a rule of one, is unknown until apply
	// or not in the plan; Doubts says which.
	Known     bool
	Doubts    []string
	Defaulted bool
}

// Address is where a finding about the groups sits: the first group
// Terraform manages, else fallback.
func (g Groups) Address(fallback string) string {
	for _, sg := range g.Groups {
		if sg.Address != "" {
			return sg.Address
		}
	}
	return fallback
}

// Names lists the groups for messages.
func (g Groups) Names() string {
	var n []string
	for _, sg := range g.Groups {
		n = append(n, GroupName(sg))
	}
	for _, id := range g.Missing {
		n = append(n, disp(id)+" (not in the plan)")
	}
	if len(n) == 0 {
		return "no group known"
	}
	return strings.Join(n, ", ")
}

func GroupName(sg *topology.SecurityGroup) string {
	switch {
	case sg.Address != "":
		return sg.Address
	case sg.Default:
		return "the default security group of " + disp(sg.VPCID) + " (not managed by Terraform)"
	}
	return disp(sg.ID)
}

// ResolveGroups builds the Groups of ids: the groups they name, their
// rules (and, for a group not in the plan, the rules this plan adds to it)
// and what is not known about them.
func (n *Net) ResolveGroups(ids []string, known, defaulted bool) Groups {
	g := Groups{Known: known, Defaulted: defaulted}
	if !known {
		g.Doubts = append(g.Doubts, "the security group ids are known only after apply")
	}
	for _, id := range ids {
		sg := n.P.ResolveGroup(id)
		if sg == nil {
			g.IDs = append(g.IDs, id)
			g.Missing = append(g.Missing, id)
			g.Known = false
			g.Doubts = append(g.Doubts, fmt.Sprintf("security group %s is not in the plan, so its rules are not known", disp(id)))
			// the rules this plan adds to it count: a group's rules only
			// ever admit, so the ones seen here can prove a path
			for _, r := range n.V.ForeignRules[id] {
				if nr, ok := RuleOf(r, []string{id}); ok && r.Known {
					g.Rules = append(g.Rules, nr)
				}
			}
			continue
		}
		g.Groups = append(g.Groups, sg)
		g.IDs = append(g.IDs, n.P.GroupAliases(sg)...)
		if !sg.RulesKnown {
			g.Known = false
			switch {
			case sg.Address == "":
				g.Doubts = append(g.Doubts, fmt.Sprintf("%s is not managed here and the VPC is not created by this plan, so its current rules are not known", GroupName(sg)))
			case sg.LookedUp:
				g.Doubts = append(g.Doubts, fmt.Sprintf("%s is looked up, not managed here, and the lookup does not return its rules, so they are not known", sg.Address))
			default:
				g.Doubts = append(g.Doubts, fmt.Sprintf("some rules of %s are known only after apply", sg.Address))
			}
		}
		for _, r := range sg.Rules {
			if r.Origin == "" {
				r.Origin = GroupName(sg) // verdicts cite rules by origin
			}
			nr, ok := RuleOf(r, n.P.GroupAliases(sg))
			if !ok {
				g.Known = false
				g.Doubts = append(g.Doubts, fmt.Sprintf("rule %s of %s has a protocol or ports known only after apply", r.Origin, GroupName(sg)))
				continue
			}
			if !r.Known {
				g.Known = false
				g.Doubts = append(g.Doubts, fmt.Sprintf("rule %s of %s is partly known only after apply", r.Origin, GroupName(sg)))
			}
			g.Rules = append(g.Rules, nr)
		}
	}
	return g
}

// RuleOf converts a topology rule; self becomes a reference to the owner
// so that the rules of several groups can be unioned (E3).
func RuleOf(r topology.Rule, owner []string) (netpath.Rule, bool) {
	p, err := netpath.ParseProtocol(r.Protocol)
	if err != nil {
		return netpath.Rule{}, false
	}
	nr := netpath.Rule{
		Egress: r.Egress, Protocol: p, Ports: netpath.PortsFor(p, r.FromPort, r.ToPort),
		CIDRs: r.CIDRs, PrefixLists: r.PrefixLists, Origin: r.Origin,
	}
	nr.SecurityGroups = append(nr.SecurityGroups, r.SecurityGroups...)
	if r.Self {
		nr.SecurityGroups = append(nr.SecurityGroups, owner...)
	}
	return nr, true
}

// Admits443 asks whether the groups allow tcp/443 to/from peer. A False
// that rests on rules not all known is Unknown.
func (g Groups) Admits443(egress bool, peer netpath.Peer) netpath.Verdict {
	vd := netpath.Admits(g.Rules, "", egress, netpath.TCP, 443, peer)
	if vd.Result == symbol.False && !g.Known {
		vd.Result = symbol.Unknown
		vd.Reason += "; but " + strings.Join(g.Doubts, "; ")
	}
	return vd
}

// ClientPeer is the client as the endpoint's groups see it; idsKnown is
// false when the client's group ids are unknown (a rule referencing a
// group may then admit it).
func (n *Net) ClientPeer(c *topology.Client, e *topology.Endpoint) (peer netpath.Peer, cg Groups, idsKnown bool) {
	cidrs, ok := n.P.ClientCIDRs(c)
	if !ok {
		cidrs = nil
	}
	// the client connects only over a family the endpoint offers (an IPv6
	// block of a client subnet does not matter to an IPv4-only endpoint)
	cidrs = topology.OfFamilies(cidrs, n.V.UsableFamilies(c, e))
	ids, known, def := n.P.ClientGroups(c)
	cg = n.resolveGroups(ids, known, def)
	peer = netpath.Peer{CIDRs: cidrs, SecurityGroups: cg.IDs}
	return peer, cg, known
}

// EndpointPeer is the endpoint as the client's groups see it.
func (n *Net) EndpointPeer(e *topology.Endpoint, c *topology.Client) (peer netpath.Peer, eg Groups, idsKnown bool) {
	cidrs, ok := n.P.EndpointCIDRs(e)
	if !ok {
		cidrs = nil
	}
	cidrs = topology.OfFamilies(cidrs, n.V.UsableFamilies(c, e))
	ids, known, def := n.P.EndpointGroups(e)
	eg = n.resolveGroups(ids, known, def)
	peer = netpath.Peer{CIDRs: cidrs, SecurityGroups: eg.IDs}
	return peer, eg, known
}

// AdmitsOver judges g's rules for tcp/443 to/from peer over link.
// Across a transit gateway group references match only when the gateway
// supports security group referencing (E5): the verdict without them
// decides unless that support is proven.
func (n *Net) AdmitsOver(g Groups, egress bool, peer netpath.Peer, idsKnown bool, link topology.Link, peerName string) netpath.Verdict {
	vd := g.Admits443(egress, peer)
	if vd.Result == symbol.False && !idsKnown {
		vd.Result = symbol.Unknown
		vd.Reason += fmt.Sprintf("; the security groups of %s are known only after apply", peerName)
	}
	if link.Kind != topology.LinkTGW || vd.Result == symbol.False {
		return vd
	}
	plain := peer
	plain.SecurityGroups = nil
	vp := g.Admits443(egress, plain)
	if vp.Result == symbol.True {
		return vp
	}
	switch n.P.TGWGroupReferencing(link.ViaID) {
	case symbol.True:
		return vd
	case symbol.False:
		vp.Result = symbol.False
		vp.Reason += fmt.Sprintf("; a rule referencing a security group would match, but %s reaches the endpoint through transit gateway %s, whose security_group_referencing_support is off, so group references do not match across it and only CIDR rules count", peerName, disp(link.ViaID))
		return vp
	}
	vd.Result = symbol.Unknown
	vd.Reason += fmt.Sprintf("; the path crosses transit gateway %s, where group references match only if its security_group_referencing_support is enabled (off by default), which the plan does not show", disp(link.ViaID))
	return vd
}

// Matches443 reports whether a rule's protocol and ports take tcp/443.
func Matches443(r netpath.Rule) bool {
	return r.Protocol.Covers(netpath.TCP) && (r.Protocol == netpath.AllProtocols || r.Ports.Contains(443))
}

// EndpointSGs is the Groups of an endpoint.
func (n *Net) EndpointSGs(e *topology.Endpoint) Groups {
	ids, known, def := n.P.EndpointGroups(e)
	return n.resolveGroups(ids, known, def)
}

// groupsKey identifies the arguments of ResolveGroups.
type groupsKey struct {
	ids              string // the ids joined by NUL
	known, defaulted bool
}

func newGroupsKey(ids []string, known, defaulted bool) groupsKey {
	k := groupsKey{known: known, defaulted: defaulted}
	if len(ids) == 1 {
		k.ids = ids[0]
	} else {
		k.ids = strings.Join(ids, "\x00")
	}
	return k
}

// resolveGroups is ResolveGroups, answered from what link resolved for
// the endpoints and clients of the pairs (every network verdict asks for
// the same groups again: behind a shared endpoint, thousands of times).
// The Groups returned are shared: callers only read them.
func (n *Net) resolveGroups(ids []string, known, defaulted bool) Groups {
	if n.groups != nil {
		if g, ok := n.groups[newGroupsKey(ids, known, defaulted)]; ok {
			return g
		}
	}
	return n.ResolveGroups(ids, known, defaulted)
}

// linkGroups resolves, once, the groups of the endpoints and clients of
// the pairs (see resolveGroups).
func (n *Net) linkGroups() {
	groups := map[groupsKey]Groups{}
	add := func(ids []string, known, defaulted bool) {
		k := newGroupsKey(ids, known, defaulted)
		if _, ok := groups[k]; !ok {
			groups[k] = n.ResolveGroups(ids, known, defaulted)
		}
	}
	for _, p := range n.pairs {
		add(n.P.EndpointGroups(p.Endpoint))
		if p.Client != nil {
			add(n.P.ClientGroups(p.Client))
		}
	}
	n.groups = groups
}

// ACLRules converts a NACL's rules; known is false when some rule or the
// rule set is unknown until apply.
func ACLRules(n *topology.NACL) ([]netpath.ACLRule, bool) {
	known := n.RulesKnown
	var out []netpath.ACLRule
	for _, r := range n.Rules {
		p, err := netpath.ParseProtocol(r.Protocol)
		if err != nil || !r.Known {
			known = false
			if err != nil {
				continue
			}
		}
		out = append(out, netpath.ACLRule{Number: r.Number, Egress: r.Egress, Protocol: p, Ports: netpath.PortsFor(p, r.FromPort, r.ToPort), CIDR: r.CIDR, Allow: r.Allow, Origin: r.Origin})
	}
	return out, known
}
