package topology

import (
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
	id := p.vpcDefaultGroupID(vpcID)
	created := false
	if x := p.vpcByID(vpcID); x != nil && x.Inst != nil {
		created = x.Inst.Creates()
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
	p.stock[vpcID] = sg
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
	if !p.indexed() {
		for _, x := range p.v.VPCs {
			if Same(p.vpcDefaultGroupID(x.ID), id) == symbol.True {
				return p.DefaultGroup(x.ID)
			}
		}
		return nil
	}
	p.indexAliases()
	if vpc, ok := p.aliases[id]; ok {
		return p.DefaultGroup(vpc)
	}
	return nil
}
