package topology

import (
	"github.com/privapi/privapi/internal/symbol"
)

// VPCByID is View.VPCByID, indexed.
func (p *Paths) VPCByID(id string) *VPC { return p.vpcByID(id) }

// SubnetsByID resolves subnet ids; missing lists the ids the view does not
// hold (subnets of other stacks, or ids that are unknown).
func (p *Paths) SubnetsByID(ids []string) (subs []*Subnet, missing []string) {
	for _, id := range ids {
		if s := p.subnetByID(id); s != nil {
			subs = append(subs, s)
		} else {
			missing = append(missing, id)
		}
	}
	return subs, missing
}

// ClientSubnets returns the subnets of a client; known is false when some
// subnet id is unknown or not in the plan.
func (p *Paths) ClientSubnets(c *Client) (subs []*Subnet, known bool) {
	if c.NoVPC || c.Declared {
		return nil, c.NoVPC || c.Declared
	}
	subs, missing := p.SubnetsByID(c.SubnetIDs)
	return subs, c.SubnetsKnown && len(missing) == 0 && len(c.SubnetIDs) > 0
}

// ClientVPCIDs returns the VPC ids of a client (its subnets' VPCs, or the
// declared VPC), without repeats; known is false when some is unknown.
func (p *Paths) ClientVPCIDs(c *Client) ([]string, bool) {
	if c.NoVPC {
		return nil, true
	}
	if c.Declared {
		if c.VPCID == "" {
			return nil, false
		}
		return []string{c.VPCID}, true
	}
	subs, known := p.ClientSubnets(c)
	var out []string
	for _, s := range subs {
		if s.VPCID == "" {
			known = false
			continue
		}
		out = appendNew(out, s.VPCID)
	}
	return out, known
}

// ClientCIDRs returns the address ranges of a client: its subnets' CIDRs
// (IPv4 and IPv6), or the declared CIDRs.
func (p *Paths) ClientCIDRs(c *Client) ([]string, bool) {
	if c.Declared {
		return c.CIDRs, len(c.CIDRs) > 0
	}
	subs, known := p.ClientSubnets(c)
	return subnetCIDRs(subs, known)
}

func subnetCIDRs(subs []*Subnet, known bool) ([]string, bool) {
	if len(subs) == 0 {
		return nil, known
	}
	out := make([]string, 0, len(subs)) // one block each, mostly
	for _, s := range subs {
		if s.CIDR == "" && s.IPv6Native == symbol.True && s.IPv6CIDR != "" {
			out = append(out, s.IPv6CIDR) // an IPv6-only subnet has no IPv4 block
			continue
		}
		if s.CIDR == "" {
			known = false
			continue
		}
		out = append(out, s.CIDR)
		if s.IPv6CIDR != "" && !symbol.Contains(s.IPv6CIDR) {
			out = append(out, s.IPv6CIDR)
		}
	}
	if len(out) == 0 {
		return nil, known // as before: no list when no block is known
	}
	return out, known
}

// ClientGroups returns the security groups of a client. An EC2 instance
// that names no group gets its VPC's default group (defaulted is true and
// ids holds that group's id, see DefaultGroup). known is false when the
// groups are unknown until apply.
func (p *Paths) ClientGroups(c *Client) (ids []string, known, defaulted bool) {
	if c.SGKnown && len(c.SecurityGroupIDs) > 0 {
		return c.SecurityGroupIDs, true, false
	}
	if !p.groupsUnset[c] {
		return c.SecurityGroupIDs, c.SGKnown, false
	}
	vpcs, ok := p.ClientVPCIDs(c)
	if !ok || len(vpcs) != 1 {
		return nil, false, true
	}
	return []string{p.DefaultGroup(vpcs[0]).ID}, true, true
}

// EndpointSubnets returns the subnets of an endpoint (inline and
// association resources); known is false when some id is unknown or not in
// the plan. Declared endpoints have no subnets in the view.
func (p *Paths) EndpointSubnets(e *Endpoint) ([]*Subnet, bool) {
	if e.Declared {
		return nil, false
	}
	subs, missing := p.SubnetsByID(e.SubnetIDs)
	return subs, e.SubnetsKnown && len(missing) == 0
}

// EndpointCIDRs returns the ranges the endpoint's network interfaces live
// in: its subnets' CIDRs, or a declared endpoint's subnet (else VPC) CIDRs.
func (p *Paths) EndpointCIDRs(e *Endpoint) ([]string, bool) {
	if e.Declared {
		if len(e.SubnetCIDRs) > 0 {
			return e.SubnetCIDRs, true
		}
		return e.VPCCIDRs, len(e.VPCCIDRs) > 0
	}
	subs, known := p.EndpointSubnets(e)
	out, ok := subnetCIDRs(subs, known)
	return out, ok && len(out) > 0
}

// EndpointGroups returns the security groups of an endpoint: its own, or,
// when it names none, the VPC's default group (C3; defaulted is true).
func (p *Paths) EndpointGroups(e *Endpoint) (ids []string, known, defaulted bool) {
	if !e.SGKnown {
		return e.SecurityGroupIDs, false, false
	}
	if len(e.SecurityGroupIDs) > 0 {
		return e.SecurityGroupIDs, true, false
	}
	if e.Declared {
		return nil, false, false
	}
	return []string{p.DefaultGroup(e.VPCID).ID}, true, true
}

// VPCCIDRs returns the known ranges of a VPC (nil, false when the VPC is
// not in the plan or its ranges are unknown).
func (p *Paths) VPCCIDRs(vpcID string) ([]string, bool) {
	x := p.vpcByID(vpcID)
	if x == nil {
		for _, e := range p.v.Endpoints {
			if e.Declared && len(e.VPCCIDRs) > 0 && Same(e.VPCID, vpcID) == symbol.True {
				return e.VPCCIDRs, true
			}
		}
		return nil, false
	}
	known := x.CIDRsKnown && len(x.CIDRs) > 0
	for _, c := range x.CIDRs {
		if symbol.Contains(c) {
			known = false
		}
	}
	return x.CIDRs, known
}

// vpcDefaultGroupID is the id the VPC's own default_security_group_id
// attribute will have (a token for a VPC created by this plan).
func (p *Paths) vpcDefaultGroupID(vpcID string) string {
	if id, ok := p.vpcGroup[vpcID]; ok {
		return id
	}
	return "default security group of " + vpcID
}
