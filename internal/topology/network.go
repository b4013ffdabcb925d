package topology

import (
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/netpath"
	"github.com/privapi/privapi/internal/symbol"
)

func (b *builder) network() {
	// data sources read during plan are facts: a looked-up VPC or subnet
	// has its DNS attributes, ranges and zones
	for _, inst := range append(append(b.live("aws_vpc"), b.live("aws_default_vpc")...), b.m.OfType("data.aws_vpc")...) {
		v := &VPC{Node: node(inst), ID: b.id(inst), Region: b.m.Region(inst)}
		if c, ok := Str(b.attr(inst, "cidr_block")); ok {
			v.CIDRs = append(v.CIDRs, c)
			v.CIDRsKnown = true
		}
		if c, ok := Str(b.attr(inst, "ipv6_cidr_block")); ok && c != "" && !symbol.Contains(c) {
			v.CIDRs = append(v.CIDRs, c)
		}
		v.DNSSupport = b.boolDefault(inst, "enable_dns_support", true)
		v.DNSHostnames = b.boolDefault(inst, "enable_dns_hostnames", inst.Type == "aws_default_vpc")
		b.v.VPCs = append(b.v.VPCs, v)
	}
	for _, inst := range b.live("aws_vpc_ipv4_cidr_block_association") {
		vpcID := b.str(inst, "vpc_id")
		if v := b.v.VPCByID(vpcID); v != nil {
			if c, ok := Str(b.attr(inst, "cidr_block")); ok {
				v.CIDRs = append(v.CIDRs, c)
			}
		}
	}
	for _, inst := range append(append(b.live("aws_subnet"), b.live("aws_default_subnet")...), b.m.OfType("data.aws_subnet")...) {
		s := &Subnet{Node: node(inst), ID: b.id(inst), VPCID: b.str(inst, "vpc_id"), CIDR: b.str(inst, "cidr_block"),
			IPv6CIDR: b.str(inst, "ipv6_cidr_block"), AZ: b.str(inst, "availability_zone")}
		s.IPv6Native = b.boolDefault(inst, "ipv6_native", false)
		if s.AZ == "" || IsSelf(s.AZ, inst.Address, "availability_zone") {
			if id := b.str(inst, "availability_zone_id"); id != "" && !IsSelf(id, inst.Address, "availability_zone_id") {
				s.AZ = id
			}
		}
		b.v.Subnets = append(b.v.Subnets, s)
	}
	b.securityGroups()
	b.nacls()
	b.routes()
	for _, inst := range b.live("aws_vpc_peering_connection") {
		b.v.Peerings = append(b.v.Peerings, &Peering{Node: node(inst), ID: b.id(inst), VPCID: b.str(inst, "vpc_id"), PeerVPCID: b.str(inst, "peer_vpc_id")})
	}
	for _, inst := range b.live("aws_ec2_transit_gateway_vpc_attachment") {
		subs, _ := Strs(b.attr(inst, "subnet_ids"))
		b.v.TGWAttachments = append(b.v.TGWAttachments, &TGWAttachment{Node: node(inst), TGWID: b.str(inst, "transit_gateway_id"), VPCID: b.str(inst, "vpc_id"), SubnetIDs: subs})
	}
}

// boolDefault reads a boolean argument, taking the documented default when
// the argument is not configured and the plan leaves it unknown.
func (b *builder) boolDefault(inst *model.Instance, name string, def bool) symbol.Tri {
	t := Bool(b.attr(inst, name))
	if t == symbol.Unknown && !b.m.Configured(inst, name) {
		return symbol.FromBool(def)
	}
	if t == symbol.Unknown && IsNull(b.attr(inst, name)) {
		return symbol.FromBool(def)
	}
	return t
}

func (b *builder) securityGroups() {
	byID := newStackIDs[*SecurityGroup]()
	add := func(inst *model.Instance, def bool) *SecurityGroup {
		sg := &SecurityGroup{Node: node(inst), ID: b.id(inst), VPCID: b.str(inst, "vpc_id"), Default: def, Created: inst.Creates(), RulesKnown: true}
		for _, dir := range []string{"ingress", "egress"} {
			v := b.attr(inst, dir)
			objs, ok := Objects(v)
			if !ok {
				// Unset inline rules on a new group: none (E2). Configured but unknown: not known.
				if b.m.Configured(inst, dir) {
					sg.RulesKnown = false
				}
				continue
			}
			for _, o := range objs {
				r := b.inlineRule(o, dir == "egress", inst.Address)
				sg.Rules = append(sg.Rules, r)
				if !r.Known {
					sg.RulesKnown = false
				}
			}
		}
		b.v.SecurityGroups = append(b.v.SecurityGroups, sg)
		byID.set(sg.ID, sg.Address, sg)
		return sg
	}
	for _, inst := range b.live("aws_security_group") {
		add(inst, false)
	}
	for _, inst := range b.live("aws_default_security_group") {
		add(inst, true)
	}
	b.lookedUpGroups(byID)
	attach := func(groupID string, r Rule) {
		if sg, ok := byID.get(groupID, r.Origin); ok {
			sg.Rules = append(sg.Rules, r)
			if !r.Known {
				sg.RulesKnown = false
			}
			return
		}
		if groupID != "" && !symbol.Contains(groupID) {
			// a rule this plan adds to a group of another stack, by its id
			if b.v.ForeignRules == nil {
				b.v.ForeignRules = map[string][]Rule{}
			}
			b.v.ForeignRules[groupID] = append(b.v.ForeignRules[groupID], r)
		}
	}
	for _, inst := range b.live("aws_security_group_rule") {
		r := Rule{Egress: b.str(inst, "type") == "egress", Protocol: b.str(inst, "protocol"), Origin: inst.Address, Known: true}
		r.FromPort, r.ToPort = b.ports(inst, &r.Known)
		r.CIDRs = append(b.strsKnown(inst, "cidr_blocks", &r.Known), b.strsKnown(inst, "ipv6_cidr_blocks", &r.Known)...)
		r.PrefixLists = b.strsKnown(inst, "prefix_list_ids", &r.Known)
		if s, ok := Str(b.attr(inst, "source_security_group_id")); ok && s != "" {
			r.SecurityGroups = []string{s}
		} else if !ok && b.m.Configured(inst, "source_security_group_id") {
			r.Known = false
		}
		r.Self = Bool(b.attr(inst, "self")) == symbol.True
		attach(b.str(inst, "security_group_id"), r)
	}
	for _, t := range []string{"aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"} {
		for _, inst := range b.live(t) {
			r := Rule{Egress: strings.HasSuffix(t, "egress_rule"), Protocol: b.str(inst, "ip_protocol"), Origin: inst.Address, Known: true}
			r.FromPort, r.ToPort = b.ports(inst, &r.Known)
			if r.Protocol == "-1" || strings.EqualFold(r.Protocol, "all") {
				r.FromPort, r.ToPort = 0, 65535
			}
			for _, n := range []string{"cidr_ipv4", "cidr_ipv6"} {
				if s, ok := Str(b.attr(inst, n)); ok && s != "" {
					r.CIDRs = append(r.CIDRs, s)
				}
			}
			if s, ok := Str(b.attr(inst, "prefix_list_id")); ok && s != "" {
				r.PrefixLists = []string{s}
			}
			if s, ok := Str(b.attr(inst, "referenced_security_group_id")); ok && s != "" {
				r.SecurityGroups = []string{s}
			}
			if r.Protocol == "" {
				r.Known = false
			}
			attach(b.str(inst, "security_group_id"), r)
		}
	}
}

func (b *builder) ports(inst *model.Instance, known *bool) (int, int) {
	from, ok1 := Int(b.attr(inst, "from_port"))
	to, ok2 := Int(b.attr(inst, "to_port"))
	if !ok1 || !ok2 {
		p := strings.ToLower(b.str(inst, "protocol") + b.str(inst, "ip_protocol"))
		if p == "-1" || p == "all" {
			return 0, 65535
		}
		*known = false
	}
	return from, to
}

func (b *builder) strsKnown(inst *model.Instance, name string, known *bool) []string {
	v := b.attr(inst, name)
	s, ok := Strs(v)
	if !ok {
		*known = false
	}
	return s
}

func (b *builder) inlineRule(o cty.Value, egress bool, origin string) Rule {
	r := Rule{Egress: egress, Origin: origin, Known: true}
	var ok bool
	if r.Protocol, ok = Str(Get(o, "protocol")); !ok {
		r.Known = false
	}
	f, ok1 := Int(Get(o, "from_port"))
	t, ok2 := Int(Get(o, "to_port"))
	if !ok1 || !ok2 {
		r.Known = false
	}
	r.FromPort, r.ToPort = f, t
	for _, n := range []string{"cidr_blocks", "ipv6_cidr_blocks"} {
		l, ok := Strs(Get(o, n))
		if !ok {
			r.Known = false
		}
		r.CIDRs = append(r.CIDRs, l...)
	}
	var ok3, ok4 bool
	r.PrefixLists, ok3 = Strs(Get(o, "prefix_list_ids"))
	r.SecurityGroups, ok4 = Strs(Get(o, "security_groups"))
	if !ok3 || !ok4 {
		r.Known = false
	}
	r.Self = Bool(Get(o, "self")) == symbol.True
	return r
}

func (b *builder) nacls() {
	byID := newStackIDs[*NACL]()
	add := func(inst *model.Instance, def bool) {
		n := &NACL{Node: node(inst), ID: b.id(inst), VPCID: b.str(inst, "vpc_id"), Default: def, RulesKnown: true}
		if def {
			if id, ok := Str(b.attr(inst, "default_network_acl_id")); ok {
				n.ID = id
			}
		}
		n.SubnetIDs, _ = Strs(b.attr(inst, "subnet_ids"))
		for _, dir := range []string{"ingress", "egress"} {
			objs, ok := Objects(b.attr(inst, dir))
			if !ok {
				if b.m.Configured(inst, dir) {
					n.RulesKnown = false
				}
				continue
			}
			for _, o := range objs {
				r := ACLRule{Egress: dir == "egress", Origin: inst.Address, Known: true}
				var ok1, ok2, ok3 bool
				r.Number, ok1 = Int(Get(o, "rule_no"))
				r.Protocol, ok2 = Str(Get(o, "protocol"))
				act, ok3 := Str(Get(o, "action"))
				r.Allow = strings.EqualFold(act, "allow")
				r.FromPort, _ = Int(Get(o, "from_port"))
				r.ToPort, _ = Int(Get(o, "to_port"))
				r.CIDR, _ = Str(Get(o, "cidr_block"))
				if r.CIDR == "" {
					r.CIDR, _ = Str(Get(o, "ipv6_cidr_block"))
				}
				r.Known = ok1 && ok2 && ok3
				n.Rules = append(n.Rules, r)
			}
		}
		b.v.NACLs = append(b.v.NACLs, n)
		byID.set(n.ID, n.Address, n)
	}
	for _, inst := range b.live("aws_network_acl") {
		add(inst, false)
	}
	for _, inst := range b.live("aws_default_network_acl") {
		add(inst, true)
	}
	for _, inst := range b.live("aws_network_acl_rule") {
		n, ok := byID.get(b.str(inst, "network_acl_id"), inst.Address)
		if !ok {
			continue
		}
		r := ACLRule{Egress: Bool(b.attr(inst, "egress")) == symbol.True, Origin: inst.Address, Known: true}
		var ok1, ok2 bool
		r.Number, ok1 = Int(b.attr(inst, "rule_number"))
		r.Protocol, ok2 = Str(b.attr(inst, "protocol"))
		r.Allow = strings.EqualFold(b.str(inst, "rule_action"), "allow")
		r.FromPort, _ = Int(b.attr(inst, "from_port"))
		r.ToPort, _ = Int(b.attr(inst, "to_port"))
		r.CIDR = b.str(inst, "cidr_block")
		if r.CIDR == "" {
			r.CIDR = b.str(inst, "ipv6_cidr_block")
		}
		r.Known = ok1 && ok2
		n.Rules = append(n.Rules, r)
	}
	for _, inst := range b.live("aws_network_acl_association") {
		if n, ok := byID.get(b.str(inst, "network_acl_id"), inst.Address); ok {
			n.SubnetIDs = append(n.SubnetIDs, b.str(inst, "subnet_id"))
		}
	}
}

func (b *builder) routes() {
	byID := newStackIDs[*RouteTable]()
	b.v.routes = routeFacts{loose: map[string][]netpath.Route{}, defaultRT: map[string]*defaultTable{}}
	for _, inst := range b.live("aws_route_table") {
		rt := &RouteTable{Node: node(inst), ID: b.id(inst), VPCID: b.str(inst, "vpc_id")}
		routes, _ := blockRoutes(b.attr(inst, "route"))
		for _, r := range routes {
			rt.Routes = append(rt.Routes, Route{Destination: r.Destination, Target: r.Target, Origin: inst.Address})
		}
		b.v.RouteTables = append(b.v.RouteTables, rt)
		byID.set(rt.ID, rt.Address, rt)
	}
	b.lookedUpRouteTables(byID)
	for _, inst := range b.live("aws_route") {
		id := b.str(inst, "route_table_id")
		dest := b.str(inst, "destination_cidr_block")
		if dest == "" {
			dest = b.str(inst, "destination_ipv6_cidr_block")
		}
		r := netpath.Route{Destination: dest, Target: routeTarget(func(n string) cty.Value { return b.attr(inst, n) })}
		b.v.routes.loose[id] = append(b.v.routes.loose[id], r)
		if rt, ok := byID.get(id, inst.Address); ok {
			rt.Routes = append(rt.Routes, Route{Destination: r.Destination, Target: r.Target, Origin: inst.Address})
		}
	}
	b.defaultRouteTables()
	for _, inst := range b.live("aws_route_table_association") {
		if rt, ok := byID.get(b.str(inst, "route_table_id"), inst.Address); ok {
			if s := b.str(inst, "subnet_id"); s != "" {
				rt.SubnetIDs = append(rt.SubnetIDs, s)
			}
		}
	}
	for _, inst := range b.live("aws_main_route_table_association") {
		if rt, ok := byID.get(b.str(inst, "route_table_id"), inst.Address); ok {
			rt.Main = true
		}
	}
}

// RouteTableOf returns the route table of a subnet: its association, else
// the VPC's main table when Terraform manages it (nil when unknown).
func (v *View) RouteTableOf(s *Subnet) *RouteTable {
	for _, rt := range v.RouteTables {
		for _, id := range rt.SubnetIDs {
			if Same(id, s.ID) == symbol.True {
				return rt
			}
		}
	}
	for _, rt := range v.RouteTables {
		if rt.Main && Same(rt.VPCID, s.VPCID) == symbol.True {
			return rt
		}
	}
	return nil
}

// NACLOf returns the network ACL of a subnet (nil: the VPC's default NACL,
// unmanaged, which allows everything).
func (v *View) NACLOf(s *Subnet) *NACL {
	for _, n := range v.NACLs {
		for _, id := range n.SubnetIDs {
			if Same(id, s.ID) == symbol.True {
				return n
			}
		}
	}
	for _, n := range v.NACLs {
		if n.Default && Same(n.VPCID, s.VPCID) == symbol.True {
			return n
		}
	}
	return nil
}
