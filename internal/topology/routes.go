package topology

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/netpath"
)

// RoutesOf returns the routes of a subnet's route table, including the
// implicit local route of its VPC. table names the table for messages
// (address, or "the main route table of aws_vpc.x"); tableRef is the
// Terraform expression of its id for fixes. known is false when the table
// or its routes are not in the plan (a subnet of another stack, the main
// table of a VPC this plan does not create).
func (p *Paths) RoutesOf(s *Subnet) (routes []netpath.Route, table, tableRef string, known bool) {
	if !p.indexed() {
		return p.v.Paths().RoutesOf(s)
	}
	p.indexRoutes()
	local := func() []netpath.Route {
		cidrs, _ := p.VPCCIDRs(s.VPCID)
		var out []netpath.Route
		for _, c := range cidrs {
			out = append(out, netpath.Route{Destination: c, Target: "local"})
		}
		return out
	}
	if rt := p.routeTableOf(s); rt != nil {
		routes = local()
		for _, r := range rt.Routes {
			routes = append(routes, netpath.Route{Destination: r.Destination, Target: r.Target})
		}
		return routes, rt.Address, tfRef(rt.ID), !p.mayHaveMore(rt.ID)
	}
	x := p.vpcByID(s.VPCID)
	if x == nil || x.Inst == nil || p.m == nil {
		return nil, "the route table of " + nameOf(s.Address, s.ID), "", false
	}
	mainID := p.mainTableID(x)
	table = "the main route table of " + x.Address
	tableRef = x.Address + ".main_route_table_id"
	routes = local()
	known = x.Inst.Creates()
	if inst := p.defaultRT[mainID]; inst != nil {
		known = true
		table, tableRef = inst.Address, inst.Address+".id"
		objs, ok := Objects(p.m.Attr(inst, "route"))
		if !ok {
			known = false
		}
		for _, o := range objs {
			dest, _ := Str(Get(o, "cidr_block"))
			if dest == "" {
				dest, _ = Str(Get(o, "ipv6_cidr_block"))
			}
			routes = append(routes, netpath.Route{Destination: dest, Target: routeTarget(func(n string) cty.Value { return Get(o, n) })})
		}
	}
	routes = append(routes, p.extraRoutes[mainID]...)
	return routes, table, tableRef, known && !p.mayHaveMore(mainID)
}

var routeTargets = []string{"gateway_id", "vpc_peering_connection_id", "transit_gateway_id", "nat_gateway_id", "network_interface_id", "vpc_endpoint_id", "local_gateway_id", "egress_only_gateway_id", "carrier_gateway_id", "core_network_arn"}

func routeTarget(get func(string) cty.Value) string {
	for _, t := range routeTargets {
		if s, ok := Str(get(t)); ok && s != "" {
			return s
		}
	}
	return ""
}
