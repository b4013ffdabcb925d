package topology

import (
	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/netpath"
	"github.com/privapi/privapi/internal/symbol"
)

// routeFacts are the routes the builder reads once, besides those of the
// route tables of the view: every aws_route by the route_table_id it
// names, and the aws_default_route_table resources by the table they adopt.
type routeFacts struct {
	loose     map[string][]netpath.Route
	defaultRT map[string]*defaultTable
}

// defaultTable is an aws_default_route_table with its routes.
type defaultTable struct {
	Address string
	Routes  []netpath.Route
	Known   bool
}

// tables is what RoutesOf reads: the route facts, and the route_table_id of
// routes that match no table exactly (unknown until apply): such a route
// may belong to any table.
type tables struct {
	routeFacts
	unplaced []string
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

// blockRoutes parses the route blocks of a route table resource.
func blockRoutes(v cty.Value) ([]netpath.Route, bool) {
	objs, ok := Objects(v)
	var out []netpath.Route
	for _, o := range objs {
		dest, _ := Str(Get(o, "cidr_block"))
		if dest == "" {
			dest, _ = Str(Get(o, "ipv6_cidr_block"))
		}
		out = append(out, netpath.Route{Destination: dest, Target: routeTarget(func(n string) cty.Value { return Get(o, n) })})
	}
	return out, ok
}

// defaultRouteTables reads every aws_default_route_table (the first one per
// adopted table id).
func (b *builder) defaultRouteTables() {
	for _, inst := range b.live("aws_default_route_table") {
		id := b.str(inst, "default_route_table_id")
		if _, ok := b.v.routes.defaultRT[id]; ok || id == "" {
			continue
		}
		routes, known := blockRoutes(b.attr(inst, "route"))
		b.v.routes.defaultRT[id] = &defaultTable{Address: inst.Address, Routes: routes, Known: known}
	}
}

// indexRoutes lists the routes whose table is in no index.
func indexRoutes(v *View, mainTable map[*VPC]string) tables {
	t := tables{routeFacts: v.routes}
	placed := map[string]bool{}
	for _, rt := range v.RouteTables {
		placed[rt.ID] = true
	}
	for id := range t.defaultRT {
		placed[id] = true
	}
	for _, x := range v.VPCs {
		placed[mainTable[x]] = true
	}
	for id := range t.loose {
		if !placed[id] {
			t.unplaced = append(t.unplaced, id)
		}
	}
	return t
}

// mayHaveMore reports whether a route whose table is unknown until apply
// may belong to table id.
func (p *Paths) mayHaveMore(id string) bool {
	for _, k := range p.routes.unplaced {
		if k == "" || Same(k, id) != symbol.False {
			return true
		}
	}
	return false
}

// RoutesOf returns the routes of a subnet's route table, including the
// implicit local route of its VPC. table names the table for messages
// (address, or "the main route table of aws_vpc.x"); tableRef is the
// Terraform expression of its id for fixes. known is false when the table
// or its routes are not in the plan (a subnet of another stack, the main
// table of a VPC this plan does not create).
func (p *Paths) RoutesOf(s *Subnet) (routes []netpath.Route, table, tableRef string, known bool) {
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
	if x == nil || x.inst == nil || p.v.m == nil {
		return nil, "the route table of " + nameOf(s.Address, s.ID), "", false
	}
	mainID := p.mainTableID(x)
	table = "the main route table of " + x.Address
	tableRef = x.Address + ".main_route_table_id"
	routes = local()
	known = x.Creates()
	if d := p.routes.defaultRT[mainID]; d != nil {
		known = d.Known
		table, tableRef = d.Address, d.Address+".id"
		routes = append(routes, d.Routes...)
	}
	routes = append(routes, p.routes.loose[mainID]...)
	return routes, table, tableRef, known && !p.mayHaveMore(mainID)
}
