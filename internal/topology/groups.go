package topology

import (
	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/symbol"
)

// DefaultGroup returns the default security group of a VPC: the
// aws_default_security_group that manages it (Terraform removes every rule
// it does not declare, C3), else a group with AWS's stock rules (inbound
// all from members of the group, outbound all to 0.0.0.0/0 and ::/0). The
// stock rules are only certain for a VPC this plan creates: for any other
// VPC RulesKnown is false (someone may have changed them outside
// Terraform). The returned group has an empty Address when Terraform does
// not manage it.
func (p *Paths) DefaultGroup(vpcID string) *SecurityGroup {
	if sg := p.managedDefault(vpcID); sg != nil {
		return sg
	}
	if sg, ok := p.stock[vpcID]; ok {
		return sg
	}
	return p.stockGroup(vpcID)
}

// stockGroup is the default group of a VPC with AWS's stock rules.
func (p *Paths) stockGroup(vpcID string) *SecurityGroup {
	id := p.vpcDefaultGroupID(vpcID)
	created := false
	if x := p.vpcByID(vpcID); x != nil {
		created = x.Creates()
	}
	origin := "the stock rules of the default security group of " + symbol.Display(vpcID)
	if x := p.vpcByID(vpcID); x != nil {
		origin = "the stock rules of the default security group of " + x.Address
	}
	sg := &SecurityGroup{
		ID: id, VPCID: vpcID, Default: true, RulesKnown: created,
		Rules: []Rule{
			{Egress: false, Protocol: "-1", FromPort: 0, ToPort: 0, Self: true, Known: true, Origin: origin},
			{Egress: true, Protocol: "-1", FromPort: 0, ToPort: 0, CIDRs: []string{"0.0.0.0/0", "::/0"}, Known: true, Origin: origin},
		},
	}
	return sg
}

func (p *Paths) groupAliases(sg *SecurityGroup) []string {
	out := []string{sg.ID}
	if sg.Default && sg.VPCID != "" {
		out = appendNew(out, p.vpcDefaultGroupID(sg.VPCID))
	}
	return out
}

// GroupAliases lists the ids that name a group: its id and, for a VPC's
// default group, the VPC's default_security_group_id.
func (p *Paths) GroupAliases(sg *SecurityGroup) []string { return p.groupAliases(sg) }

// ResolveGroup finds a group by id, including a VPC's default group named
// by the VPC's default_security_group_id (nil when not in the plan).
func (p *Paths) ResolveGroup(id string) *SecurityGroup {
	if sg := p.groupByID(id); sg != nil {
		return sg
	}
	if vpc, ok := p.aliases[id]; ok {
		return p.DefaultGroup(vpc)
	}
	return nil
}

// indexGroups reads which clients name no security group, and makes the
// stock default group of every VPC the view names once (so that every
// question about one VPC gets the same group).
func (p *Paths) indexGroups(m *model.Model) {
	p.groupsUnset = map[*Client]bool{}
	if m != nil {
		for _, c := range p.v.Clients {
			if c.inst != nil && !(c.SGKnown && len(c.SecurityGroupIDs) > 0) {
				p.groupsUnset[c] = groupsUnset(m, c)
			}
		}
	}
	p.stock = map[string]*SecurityGroup{}
	stock := func(vpcID string) {
		if _, ok := p.stock[vpcID]; !ok && p.managedDefault(vpcID) == nil {
			p.stock[vpcID] = p.stockGroup(vpcID)
		}
	}
	for _, x := range p.v.VPCs {
		stock(x.ID)
	}
	for _, s := range p.v.Subnets {
		stock(s.VPCID)
	}
	for _, e := range p.v.Endpoints {
		stock(e.VPCID)
	}
	for _, c := range p.v.Clients {
		stock(c.VPCID)
	}
	p.aliases = map[string]string{}
	for _, x := range p.v.VPCs {
		setFirst(p.aliases, p.vpcDefaultGroupID(x.ID), x.ID)
	}
}

// groupsUnset reports whether a client's configuration names no security
// group: an EC2 instance without any group or network interface argument,
// an ECS service whose network_configuration leaves security_groups null.
func groupsUnset(m *model.Model, c *Client) bool {
	switch c.Kind {
	case ClientInstance:
		return !m.Configured(c.inst, "vpc_security_group_ids") && !m.Configured(c.inst, "security_groups") &&
			!m.Configured(c.inst, "network_interface") && !m.Configured(c.inst, "primary_network_interface")
	case ClientECS:
		if objs, ok := Objects(m.ConfigValue(c.inst, "network_configuration")); ok && len(objs) > 0 {
			return IsNull(Get(objs[0], "security_groups"))
		}
	}
	return false
}
