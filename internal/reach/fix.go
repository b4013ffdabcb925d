package reach

// Fixes in Terraform terms for the network verdicts: security group and
// network ACL rules, rendered as terraform fmt writes them.

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/privapi/privapi/internal/netpath"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/waiver/addr"
)

var (
	nonWord  = regexp.MustCompile(`[^a-zA-Z0-9_]+`)
	lastName = regexp.MustCompile(`([A-Za-z0-9_-]+)(\[[^\]]*\])?$`)
)

// TFName derives a resource name from an address: aws_instance.client[0]
// → client_0, module.m["a"].aws_security_group.sg → sg.
func TFName(addr string) string {
	m := lastName.FindStringSubmatch(addr)
	if m == nil {
		return "x"
	}
	n := strings.Trim(nonWord.ReplaceAllString(m[1]+"_"+m[2], "_"), "_")
	for strings.Contains(n, "__") {
		n = strings.ReplaceAll(n, "__", "_")
	}
	if n == "" {
		return "x"
	}
	return n
}

// GroupRef is the expression of a group's id for a fix. A group of another
// stack (network:aws_security_group.x) cannot be referenced from this
// configuration: its literal id stands for it, or a placeholder string
// naming it when the id is not known.
func GroupRef(sg *topology.SecurityGroup) string {
	if sg.Address != "" && addr.StackOf(sg.Address) == "" {
		return sg.Address + ".id"
	}
	if sg.ID != "" && !symbol.Contains(sg.ID) {
		return Quote(sg.ID)
	}
	if sg.Address != "" {
		return fmt.Sprintf("%q", "<id of "+sg.Address+">")
	}
	if r, ok := symbol.Only(sg.ID); ok && addr.StackOf(r.Address) != "" {
		return fmt.Sprintf("%q", "<id of "+r.Address+">")
	}
	return topology.TFRef(sg.ID)
}

// inlineRules reports whether a group's rules are written as inline blocks
// (then a fix adds a block, not a rule resource: do not mix, E3).
func inlineRules(sg *topology.SecurityGroup) bool {
	for _, r := range sg.Rules {
		if r.Origin == sg.Address && sg.Address != "" {
			return true
		}
	}
	return false
}

// SGRuleFix renders a rule allowing tcp/443 in one direction on group
// sg (nil: a placeholder group), from/to otherGroup (an expression) or
// else the cidrs.
func SGRuleFix(sg *topology.SecurityGroup, egress bool, otherGroup string, cidrs []string, name string) string {
	dir, res := "ingress", "aws_vpc_security_group_ingress_rule"
	if egress {
		dir, res = "egress", "aws_vpc_security_group_egress_rule"
	}
	self := sg != nil && otherGroup != "" && otherGroup == GroupRef(sg)
	if sg != nil && sg.Address != "" && (sg.Default || inlineRules(sg)) {
		// aws_default_security_group is incompatible with separate rule
		// resources, and inline rules must not be mixed with them (E3).
		attrs := []KV{{"protocol", `"tcp"`}, {"from_port", "443"}, {"to_port", "443"}}
		switch {
		case self:
			attrs = append(attrs, KV{"self", "true"})
		case otherGroup != "":
			attrs = append(attrs, KV{"security_groups", "[" + otherGroup + "]"})
		default:
			attrs = append(attrs, KV{"cidr_blocks", "[" + quoteList(cidrs) + "]"})
		}
		why := ""
		if !sg.Default {
			why = " (its rules are inline; do not mix them with rule resources)"
		}
		return fmt.Sprintf("add an %s block to %s%s:\n%s", dir, sg.Address, why, HCL("  ", dir, attrs))
	}
	target := "aws_security_group.<group>.id"
	if sg != nil {
		target = GroupRef(sg)
	}
	attrs := []KV{{"security_group_id", target}, {"ip_protocol", `"tcp"`}, {"from_port", "443"}, {"to_port", "443"}}
	comment := ""
	switch {
	case otherGroup != "":
		attrs = append(attrs, KV{"referenced_security_group_id", otherGroup})
	case len(cidrs) > 0:
		attr := "cidr_ipv4"
		if strings.Contains(cidrs[0], ":") {
			attr = "cidr_ipv6"
		}
		attrs = append(attrs, KV{attr, Quote(cidrs[0])})
		if len(cidrs) > 1 {
			comment = "\n(one rule per range: " + strings.Join(DisplayList(cidrs), ", ") + ")"
		}
	}
	return HCL("", fmt.Sprintf("resource %q %q", res, name), attrs) + comment
}

// KV is one attribute of a rendered HCL block.
type KV struct{ K, V string }

// HCL renders a block with its attributes aligned as terraform fmt does.
func HCL(indent, header string, attrs []KV) string {
	w := 0
	for _, a := range attrs {
		w = max(w, len(a.K))
	}
	var b strings.Builder
	b.WriteString(indent + header + " {\n")
	for _, a := range attrs {
		fmt.Fprintf(&b, "%s  %-*s = %s\n", indent, w, a.K, a.V)
	}
	b.WriteString(indent + "}")
	return b.String()
}

// Quote renders a value as an HCL string (a reference as its expression).
func Quote(s string) string {
	if r, ok := symbol.Only(s); ok {
		return r.String()
	}
	if symbol.Contains(s) {
		return fmt.Sprintf("%q", symbol.Display(s))
	}
	return fmt.Sprintf("%q", s)
}

func quoteList(l []string) string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = Quote(s)
	}
	return strings.Join(q, ", ")
}

// DisplayList renders possibly symbolic values for a message.
func DisplayList(l []string) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = disp(s)
	}
	return out
}

// ACLFix renders an allow rule for a NACL, numbered before the first deny
// of that direction (or after the last rule), inline when the NACL's rules
// are inline (do not mix, E6).
func ACLFix(n *topology.NACL, egress bool, ports netpath.PortRange, cidr string) string {
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
			n.Address, dir, num, Quote(cidr), ports.From, ports.To)
	}
	suffix := "https"
	if ports != (netpath.PortRange{From: 443, To: 443}) {
		suffix = "ephemeral"
	}
	return fmt.Sprintf("resource \"aws_network_acl_rule\" \"%s_%s_%s\" {\n  network_acl_id = %s.id\n  rule_number    = %d\n  egress         = %v\n  protocol       = \"tcp\"\n  rule_action    = \"allow\"\n  cidr_block     = %s\n  from_port      = %d\n  to_port        = %d\n}",
		TFName(n.Address), suffix, map[bool]string{true: "out", false: "in"}[egress], n.Address, num, egress, Quote(cidr), ports.From, ports.To)
}

// RouteFix renders the routes a path lacks (one aws_route per route table
// and destination; a whole VPC's CIDR when the destination VPC is known).
func (n *Net) RouteFix(missing []topology.MissingRoute) string {
	var b strings.Builder
	b.WriteString("add the missing routes:")
	seen := map[string]bool{}
	for _, m := range missing {
		arg := "vpc_peering_connection_id"
		if m.TargetKind == topology.LinkTGW {
			arg = "transit_gateway_id"
		}
		destExpr := Quote(m.Destination)
		if x := n.P.VPCByID(m.DestVPC); x != nil && len(x.CIDRs) > 0 {
			// one route for the whole VPC covers every subnet of it
			destExpr = x.Address + ".cidr_block"
			m.Destination = x.CIDRs[0]
		}
		key := m.Table + "|" + destExpr
		if seen[key] {
			continue
		}
		seen[key] = true
		tableRef := m.TableRef
		if tableRef == "" {
			tableRef = "<id of " + m.Table + ">"
		}
		dest := "destination_cidr_block"
		if strings.Contains(m.Destination, ":") {
			dest = "destination_ipv6_cidr_block"
		}
		name := "to_" + strings.Trim(nonWord.ReplaceAllString(disp(m.Destination), "_"), "_")
		b.WriteString("\n" + HCL("", fmt.Sprintf("resource \"aws_route\" %q", name), []KV{
			{"route_table_id", tableRef}, {dest, destExpr}, {arg, topology.TFRef(m.Target)}}))
	}
	return b.String()
}
