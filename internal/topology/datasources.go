package topology

import (
	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/symbol"
)

// Data sources read during plan hold facts: the objects they look up exist
// and the plan shows their attributes. A lookup deferred to apply (it
// depends on a value known only then) says nothing yet, and an object the
// plan manages itself is described by its resource.

// lookedUp lists the data sources of type t ("data.aws_vpc_endpoint") that
// were read during plan.
func (b *builder) lookedUp(t string) []*model.Instance {
	var out []*model.Instance
	for _, i := range b.m.OfType(t) {
		if !i.Has("read") {
			out = append(out, i)
		}
	}
	return out
}

// lookedUpEndpoints reads the execute-api endpoints that data.aws_vpc_endpoint
// looks up (by id, or VPC and service name) and that no aws_vpc_endpoint of
// the plan already describes: with their service, VPC, subnets, security
// groups, private DNS and policy, they pair with APIs like managed ones.
func (b *builder) lookedUpEndpoints(byID *stackIDs[*Endpoint]) {
	for _, inst := range b.lookedUp("data.aws_vpc_endpoint") {
		id := b.id(inst)
		if _, ok := byID.get(id, inst.Address); ok || symbol.Contains(id) {
			continue
		}
		e := b.endpoint(inst)
		if e == nil {
			continue
		}
		if len(e.Policies) == 0 {
			// the lookup returns the endpoint's policy in force (the
			// full-access default when none was set)
			if ps := b.policySource(inst, "policy", PolicyEndpointArg); ps != nil {
				e.Policies = append(e.Policies, ps)
			}
		}
		b.v.Endpoints = append(b.v.Endpoints, e)
		byID.set(e.ID, e.Address, e)
	}
}

// lookedUpGroups adds the security groups that data.aws_security_group and
// data.aws_security_groups look up: their ids and VPCs are facts. Neither
// data source returns the rules, so those stay not known (a rule this plan
// adds to such a group still counts: rules only ever admit). The group named
// "default" of a VPC is its default security group.
func (b *builder) lookedUpGroups(byID *stackIDs[*SecurityGroup]) {
	add := func(inst *model.Instance, id, vpcID string, def bool) {
		if id == "" || symbol.Contains(id) {
			return
		}
		if _, ok := byID.get(id, inst.Address); ok {
			return
		}
		sg := &SecurityGroup{Node: node(inst), ID: id, VPCID: vpcID, Default: def, LookedUp: true}
		if def {
			// no resource manages it: named like AWS's default group of the
			// VPC, never as if aws_default_security_group kept only its rules
			sg.Address = ""
		}
		b.v.SecurityGroups = append(b.v.SecurityGroups, sg)
		byID.set(id, inst.Address, sg)
	}
	for _, inst := range b.lookedUp("data.aws_security_group") {
		add(inst, b.id(inst), b.str(inst, "vpc_id"), b.str(inst, "name") == "default")
	}
	for _, inst := range b.lookedUp("data.aws_security_groups") {
		ids, ok := Strs(b.attr(inst, "ids"))
		if !ok {
			continue
		}
		vpcs, _ := Strs(b.attr(inst, "vpc_ids"))
		for i, id := range ids {
			vpc := ""
			if len(vpcs) == len(ids) {
				vpc = vpcs[i] // the lists are in the same order
			}
			add(inst, id, vpc, false)
		}
	}
}

// lookedUpRouteTables adds the route tables data.aws_route_table looks up,
// with their routes and the subnets associated with them (or the VPC's main
// association).
func (b *builder) lookedUpRouteTables(byID *stackIDs[*RouteTable]) {
	for _, inst := range b.lookedUp("data.aws_route_table") {
		id := b.str(inst, "route_table_id")
		if id == "" {
			id = b.id(inst)
		}
		if symbol.Contains(id) {
			continue
		}
		if _, ok := byID.get(id, inst.Address); ok {
			continue
		}
		rt := &RouteTable{Node: node(inst), ID: id, VPCID: b.str(inst, "vpc_id")}
		routes, _ := blockRoutes(b.attr(inst, "routes"))
		for _, r := range routes {
			rt.Routes = append(rt.Routes, Route{Destination: r.Destination, Target: r.Target, Origin: inst.Address})
		}
		assocs, _ := Objects(b.attr(inst, "associations"))
		for _, a := range assocs {
			if Bool(Get(a, "main")) == symbol.True {
				rt.Main = true
			}
			if s, ok := Str(Get(a, "subnet_id")); ok && s != "" {
				rt.SubnetIDs = append(rt.SubnetIDs, s)
			}
		}
		b.v.RouteTables = append(b.v.RouteTables, rt)
		byID.set(rt.ID, rt.Address, rt)
	}
}
