package checks

// Helpers of the network-path checks PA101–PA114: security-group and
// network-ACL rules in netpath terms, and fixes in Terraform terms.

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/netpath"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// disp renders a possibly symbolic value for a message.
func netDisp(s string) string { return symbol.Display(s) }

// netGroups is the security groups on one side of a path, their rules for
// netpath, and what is not known about them.
type netGroups struct {
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
func (g netGroups) Address(fallback string) string {
	for _, sg := range g.Groups {
		if sg.Address != "" {
			return sg.Address
		}
	}
	return fallback
}

// Names lists the groups for messages.
func (g netGroups) Names() string {
	var n []string
	for _, sg := range g.Groups {
		n = append(n, netGroupName(sg))
	}
	for _, id := range g.Missing {
		n = append(n, netDisp(id)+" (not in the plan)")
	}
	if len(n) == 0 {
		return "no group known"
	}
	return strings.Join(n, ", ")
}

func netGroupName(sg *topology.SecurityGroup) string {
	switch {
	case sg.Address != "":
		return sg.Address
	case sg.Default:
		return "the default security group of " + netDisp(sg.VPCID) + " (not managed by Terraform)"
	}
	return netDisp(sg.ID)
}

// resolveGroups builds the netGroups of ids.
func netResolveGroups(n *reach.Net, ids []string, known, defaulted bool) netGroups {
	g := netGroups{Known: known, Defaulted: defaulted}
	if !known {
		g.Doubts = append(g.Doubts, "the security group ids are known only after apply")
	}
	for _, id := range ids {
		sg := n.P.ResolveGroup(id)
		if sg == nil {
			g.IDs = append(g.IDs, id)
			g.Missing = append(g.Missing, id)
			g.Known = false
			g.Doubts = append(g.Doubts, fmt.Sprintf("security group %s is not in the plan, so its rules are not known", netDisp(id)))
			// the rules this plan adds to it count: a group's rules only
			// ever admit, so the ones seen here can prove a path
			for _, r := range n.V.ForeignRules[id] {
				if nr, ok := netRuleOf(r, []string{id}); ok && r.Known {
					g.Rules = append(g.Rules, nr)
				}
			}
			continue
		}
		g.Groups = append(g.Groups, sg)
		g.IDs = append(g.IDs, n.P.GroupAliases(sg)...)
		if !sg.RulesKnown {
			g.Known = false
			if sg.Address == "" {
				g.Doubts = append(g.Doubts, fmt.Sprintf("%s is not managed here and the VPC is not created by this plan, so its current rules are not known", netGroupName(sg)))
			} else {
				g.Doubts = append(g.Doubts, fmt.Sprintf("some rules of %s are known only after apply", sg.Address))
			}
		}
		for _, r := range sg.Rules {
			if r.Origin == "" {
				r.Origin = netGroupName(sg) // verdicts cite rules by origin
			}
			nr, ok := netRuleOf(r, n.P.GroupAliases(sg))
			if !ok {
				g.Known = false
				g.Doubts = append(g.Doubts, fmt.Sprintf("rule %s of %s has a protocol or ports known only after apply", r.Origin, netGroupName(sg)))
				continue
			}
			if !r.Known {
				g.Known = false
				g.Doubts = append(g.Doubts, fmt.Sprintf("rule %s of %s is partly known only after apply", r.Origin, netGroupName(sg)))
			}
			g.Rules = append(g.Rules, nr)
		}
	}
	return g
}

// netRule converts a topology rule; self becomes a reference to the owner
// so that the rules of several groups can be unioned (E3).
func netRuleOf(r topology.Rule, owner []string) (netpath.Rule, bool) {
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

// admits433 asks whether the groups allow tcp/443 to/from peer. A False
// that rests on rules not all known is Unknown.
func (g netGroups) admits443(egress bool, peer netpath.Peer) netpath.Verdict {
	vd := netpath.Admits(g.Rules, "", egress, netpath.TCP, 443, peer)
	if vd.Result == symbol.False && !g.Known {
		vd.Result = symbol.Unknown
		vd.Reason += "; but " + strings.Join(g.Doubts, "; ")
	}
	return vd
}

// clientPeer is the client as the endpoint's groups see it; idsKnown is
// false when the client's group ids are unknown (a rule referencing a
// group may then admit it).
func netClientPeer(n *reach.Net, c *topology.Client, e *topology.Endpoint, link topology.Link) (peer netpath.Peer, cg netGroups, idsKnown bool) {
	cidrs, ok := n.P.ClientCIDRs(c)
	if !ok {
		cidrs = nil
	}
	// the client connects only over a family the endpoint offers (an IPv6
	// block of a client subnet does not matter to an IPv4-only endpoint)
	cidrs = topology.OfFamilies(cidrs, n.V.UsableFamilies(c, e))
	ids, known, def := n.P.ClientGroups(c)
	cg = netResolveGroups(n, ids, known, def)
	peer = netpath.Peer{CIDRs: cidrs, SecurityGroups: cg.IDs}
	return peer, cg, known
}

// endpointPeer is the endpoint as the client's groups see it.
func netEndpointPeer(n *reach.Net, e *topology.Endpoint, c *topology.Client, link topology.Link) (peer netpath.Peer, eg netGroups, idsKnown bool) {
	cidrs, ok := n.P.EndpointCIDRs(e)
	if !ok {
		cidrs = nil
	}
	cidrs = topology.OfFamilies(cidrs, n.V.UsableFamilies(c, e))
	ids, known, def := n.P.EndpointGroups(e)
	eg = netResolveGroups(n, ids, known, def)
	peer = netpath.Peer{CIDRs: cidrs, SecurityGroups: eg.IDs}
	return peer, eg, known
}

// netAdmitsOver judges g's rules for tcp/443 to/from peer over link.
// Across a transit gateway group references match only when the gateway
// supports security group referencing (E5): the verdict without them
// decides unless that support is proven.
func netAdmitsOver(n *reach.Net, g netGroups, egress bool, peer netpath.Peer, idsKnown bool, link topology.Link, peerName string) netpath.Verdict {
	vd := g.admits443(egress, peer)
	if vd.Result == symbol.False && !idsKnown {
		vd.Result = symbol.Unknown
		vd.Reason += fmt.Sprintf("; the security groups of %s are known only after apply", peerName)
	}
	if link.Kind != topology.LinkTGW || vd.Result == symbol.False {
		return vd
	}
	plain := peer
	plain.SecurityGroups = nil
	vp := g.admits443(egress, plain)
	if vp.Result == symbol.True {
		return vp
	}
	switch n.P.TGWGroupReferencing(link.ViaID) {
	case symbol.True:
		return vd
	case symbol.False:
		vp.Result = symbol.False
		vp.Reason += fmt.Sprintf("; a rule referencing a security group would match, but %s reaches the endpoint through transit gateway %s, whose security_group_referencing_support is off, so group references do not match across it and only CIDR rules count", peerName, netDisp(link.ViaID))
		return vp
	}
	vd.Result = symbol.Unknown
	vd.Reason += fmt.Sprintf("; the path crosses transit gateway %s, where group references match only if its security_group_referencing_support is enabled (off by default), which the plan does not show", netDisp(link.ViaID))
	return vd
}

// matches443 reports whether a rule's protocol and ports take tcp/443.
func netMatches443(r netpath.Rule) bool {
	return r.Protocol.Covers(netpath.TCP) && (r.Protocol == netpath.AllProtocols || r.Ports.Contains(443))
}

// endpointGroups is the netGroups of an endpoint.
func netEndpointGroups(n *reach.Net, e *topology.Endpoint) netGroups {
	ids, known, def := n.P.EndpointGroups(e)
	return netResolveGroups(n, ids, known, def)
}

var (
	netNonWord  = regexp.MustCompile(`[^a-zA-Z0-9_]+`)
	netLastName = regexp.MustCompile(`([A-Za-z0-9_-]+)(\[[^\]]*\])?$`)
)

// tfName derives a resource name from an address: aws_instance.client[0]
// → client_0, module.m["a"].aws_security_group.sg → sg.
func netTFName(addr string) string {
	m := netLastName.FindStringSubmatch(addr)
	if m == nil {
		return "x"
	}
	n := strings.Trim(netNonWord.ReplaceAllString(m[1]+"_"+m[2], "_"), "_")
	for strings.Contains(n, "__") {
		n = strings.ReplaceAll(n, "__", "_")
	}
	if n == "" {
		return "x"
	}
	return n
}

// ref renders an id as a Terraform expression.
func netRef(id string) string { return topology.TFRef(id) }

// groupRef is the expression of a group's id for a fix.
func netGroupRef(n *reach.Net, sg *topology.SecurityGroup) string {
	if sg.Address != "" {
		return sg.Address + ".id"
	}
	return netRef(sg.ID)
}

// inlineRules reports whether a group's rules are written as inline blocks
// (then a fix adds a block, not a rule resource: do not mix, E3).
func netInlineRules(sg *topology.SecurityGroup) bool {
	for _, r := range sg.Rules {
		if r.Origin == sg.Address && sg.Address != "" {
			return true
		}
	}
	return false
}

// netSGRuleFix renders a rule allowing tcp/443 in one direction on group
// sg (nil: a placeholder group), from/to otherGroup (an expression) or
// else the cidrs.
func netSGRuleFix(n *reach.Net, sg *topology.SecurityGroup, egress bool, otherGroup string, cidrs []string, name string) string {
	dir, res := "ingress", "aws_vpc_security_group_ingress_rule"
	if egress {
		dir, res = "egress", "aws_vpc_security_group_egress_rule"
	}
	self := sg != nil && otherGroup != "" && otherGroup == netGroupRef(n, sg)
	if sg != nil && sg.Address != "" && (sg.Default || netInlineRules(sg)) {
		// aws_default_security_group is incompatible with separate rule
		// resources, and inline rules must not be mixed with them (E3).
		attrs := []netKV{{"protocol", `"tcp"`}, {"from_port", "443"}, {"to_port", "443"}}
		switch {
		case self:
			attrs = append(attrs, netKV{"self", "true"})
		case otherGroup != "":
			attrs = append(attrs, netKV{"security_groups", "[" + otherGroup + "]"})
		default:
			attrs = append(attrs, netKV{"cidr_blocks", "[" + netQuoteList(cidrs) + "]"})
		}
		why := ""
		if !sg.Default {
			why = " (its rules are inline; do not mix them with rule resources)"
		}
		return fmt.Sprintf("add an %s block to %s%s:\n%s", dir, sg.Address, why, netHCL("  ", dir, attrs))
	}
	target := "aws_security_group.<group>.id"
	if sg != nil {
		target = netGroupRef(n, sg)
	}
	attrs := []netKV{{"security_group_id", target}, {"ip_protocol", `"tcp"`}, {"from_port", "443"}, {"to_port", "443"}}
	comment := ""
	switch {
	case otherGroup != "":
		attrs = append(attrs, netKV{"referenced_security_group_id", otherGroup})
	case len(cidrs) > 0:
		attr := "cidr_ipv4"
		if strings.Contains(cidrs[0], ":") {
			attr = "cidr_ipv6"
		}
		attrs = append(attrs, netKV{attr, netQuote(cidrs[0])})
		if len(cidrs) > 1 {
			comment = "\n(one rule per range: " + strings.Join(netDisplayList(cidrs), ", ") + ")"
		}
	}
	return netHCL("", fmt.Sprintf("resource %q %q", res, name), attrs) + comment
}

// netKV is one attribute of a rendered HCL block.
type netKV struct{ k, v string }

// netHCL renders a block with its attributes aligned as terraform fmt does.
func netHCL(indent, header string, attrs []netKV) string {
	w := 0
	for _, a := range attrs {
		w = max(w, len(a.k))
	}
	var b strings.Builder
	b.WriteString(indent + header + " {\n")
	for _, a := range attrs {
		fmt.Fprintf(&b, "%s  %-*s = %s\n", indent, w, a.k, a.v)
	}
	b.WriteString(indent + "}")
	return b.String()
}

func netQuote(s string) string {
	if r, ok := symbol.Only(s); ok {
		return r.String()
	}
	if symbol.Contains(s) {
		return fmt.Sprintf("%q", symbol.Display(s))
	}
	return fmt.Sprintf("%q", s)
}

func netQuoteList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = netQuote(s)
	}
	return strings.Join(q, ", ")
}

func netDisplayList(l []string) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = netDisp(s)
	}
	return out
}

// aclRules converts a NACL's rules; known is false when some rule or the
// rule set is unknown until apply.
func netACLRules(n *topology.NACL) ([]netpath.ACLRule, bool) {
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

// aclFix renders an allow rule for a NACL, numbered before the first deny
// of that direction (or after the last rule), inline when the NACL's rules
// are inline (do not mix, E6).
func netACLFix(n *topology.NACL, egress bool, ports netpath.PortRange, cidr string) string {
	used := map[int]bool{}
	firstDeny, last := 0, 0
	inline := false
	for _, r := range n.Rules {
		if r.Origin == n.Address {
			inline = true
		}
		if r.Egress != egress {
			continue
		}
		used[r.Number] = true
		if !r.Allow && (firstDeny == 0 || r.Number < firstDeny) {
			firstDeny = r.Number
		}
		if r.Number > last {
			last = r.Number
		}
	}
	num := last + 10
	if last == 0 {
		num = 100
	}
	if firstDeny > 0 {
		num = firstDeny - 1
		for num > 1 && used[num] {
			num--
		}
	}
	dir := "ingress"
	if egress {
		dir = "egress"
	}
	if inline || n.Default {
		return fmt.Sprintf("add to %s:\n  %s {\n    rule_no    = %d\n    protocol   = \"tcp\"\n    action     = \"allow\"\n    cidr_block = %s\n    from_port  = %d\n    to_port    = %d\n  }",
			n.Address, dir, num, netQuote(cidr), ports.From, ports.To)
	}
	suffix := "https"
	if ports != (netpath.PortRange{From: 443, To: 443}) {
		suffix = "ephemeral"
	}
	return fmt.Sprintf("resource \"aws_network_acl_rule\" \"%s_%s_%s\" {\n  network_acl_id = %s.id\n  rule_number    = %d\n  egress         = %v\n  protocol       = \"tcp\"\n  rule_action    = \"allow\"\n  cidr_block     = %s\n  from_port      = %d\n  to_port        = %d\n}",
		netTFName(n.Address), suffix, map[bool]string{true: "out", false: "in"}[egress], n.Address, num, egress, netQuote(cidr), ports.From, ports.To)
}

// netEndpointFail reports a proven problem of endpoint e at severity sev,
// or unverified when e may not be an execute-api endpoint at all (its
// service name is known only after apply).
func netEndpointFail(r *Reporter, s Subject, e *topology.Endpoint, sev finding.Severity, fix, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if reach.ExecuteAPI(e) == symbol.Unknown {
		r.UnverifiedAt(sev, s, fix, "if %s is an execute-api endpoint (its service_name %s is known only after apply): %s", e.Address, netDisp(e.ServiceName), msg)
		return
	}
	r.FailAt(sev, s, fix, "%s", msg)
}

// privateNote is appended to a reason when the API may not be PRIVATE.
func netPrivateNote(a *topology.API) string {
	if a != nil && a.Private == symbol.Unknown {
		return fmt.Sprintf(" (whether %s is PRIVATE is known only after apply; this matters only if it is)", a.Address)
	}
	return ""
}

// verdictFor reports a Tri: True → pass, False → fail (unverified when
// the API may not be private), Unknown → unverified.
func netReport(r *Reporter, s Subject, t symbol.Tri, fix, msg string) {
	switch t {
	case symbol.True:
		r.Pass(s)
	case symbol.False:
		if s.API != nil && s.API.Private == symbol.Unknown {
			r.Unverified(s, fix, "%s%s", msg, netPrivateNote(s.API))
			return
		}
		r.Fail(s, fix, "%s", msg)
	default:
		r.Unverified(s, fix, "%s%s", msg, netPrivateNote(s.API))
	}
}

func netSortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
