package topology

// Accessors for the network path between a client and an execute-api
// endpoint (see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html): the subnets, ranges and
// security groups of each side, the routes of a subnet, the link between
// two VPCs (same VPC, peering, transit gateway), and the invoke-URL forms a
// client uses. They read the view and, where the view does not carry a
// value (main route tables Terraform does not manage, the default security
// group of a VPC, nested configuration), its model. Every answer that can
// be unknown until apply says so; nothing is guessed.

import (
	"fmt"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"weak"

	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/netpath"
	"github.com/privapi/privapi/internal/symbol"
)

// Paths answers path questions about one view. It indexes the view once
// (ids are equal after apply exactly when symbol.Equal says True, that is
// when the strings are equal, so maps keyed by id give the same answers as
// the view's linear lookups); build it with View.Paths after the view is
// complete, and build a new one if the view changes.
type Paths struct {
	v *View
	m *model.Model

	subnets      map[string]*Subnet
	vpcs         map[string]*VPC
	groups       map[string]*SecurityGroup
	defaults     map[string]*SecurityGroup // managed default group by VPC id
	rtBySubnet   map[string]*RouteTable
	mainRT       map[string]*RouteTable // by VPC id
	naclBySubnet map[string]*NACL
	defaultNACL  map[string]*NACL // by VPC id
	// routes of aws_route by route table id, aws_default_route_table by the table it adopts
	extraRoutes map[string][]netpath.Route
	// unplaced lists the route_table_id of routes that match no table
	// exactly (unknown until apply): such a route may belong to any table.
	unplaced    []string
	routesDone  bool
	aliasesDone bool
	defaultRT   map[string]*model.Instance
	stock       map[string]*SecurityGroup // stock default groups by VPC id
	aliases     map[string]string         // a VPC's default_security_group_id → VPC id
	apiIDs      map[*API]apiIDs
	forms       map[formKey]InvokeForms
	// endpointAddrs holds the address of every endpoint (shared by the
	// form scanners).
	endpointAddrs map[string]bool
	subnetsByVPC  map[string][]*Subnet
}

type apiIDs struct {
	ids   []string
	known bool
}

type formKey struct {
	c *Client
	a *API
}

// Paths indexes the view for path questions.
func (v *View) Paths() *Paths {
	p := &Paths{v: v, m: v.M,
		subnets: map[string]*Subnet{}, vpcs: map[string]*VPC{}, groups: map[string]*SecurityGroup{}, defaults: map[string]*SecurityGroup{},
		rtBySubnet: map[string]*RouteTable{}, mainRT: map[string]*RouteTable{}, naclBySubnet: map[string]*NACL{}, defaultNACL: map[string]*NACL{},
		extraRoutes: map[string][]netpath.Route{}, defaultRT: map[string]*model.Instance{}, stock: map[string]*SecurityGroup{}, aliases: map[string]string{},
		apiIDs: map[*API]apiIDs{}, forms: map[formKey]InvokeForms{}}
	for _, x := range v.Subnets {
		setFirst(p.subnets, x.ID, x)
	}
	for _, x := range v.VPCs {
		setFirst(p.vpcs, x.ID, x)
	}
	for _, x := range v.SecurityGroups {
		setFirst(p.groups, x.ID, x)
		if x.Default {
			setFirst(p.defaults, x.VPCID, x)
		}
	}
	for _, rt := range v.RouteTables {
		for _, id := range rt.SubnetIDs {
			setFirst(p.rtBySubnet, id, rt)
		}
		if rt.Main {
			setFirst(p.mainRT, rt.VPCID, rt)
		}
	}
	for _, n := range v.NACLs {
		for _, id := range n.SubnetIDs {
			setFirst(p.naclBySubnet, id, n)
		}
		if n.Default {
			setFirst(p.defaultNACL, n.VPCID, n)
		}
	}
	return p
}

// indexRoutes indexes aws_route and aws_default_route_table (once, when a
// route is first asked for).
func (p *Paths) indexRoutes() {
	if p.routesDone {
		return
	}
	p.routesDone = true
	if p.m != nil {
		for _, inst := range p.m.OfType("aws_default_route_table") {
			if !inst.Deleted() {
				id, _ := Str(p.m.Attr(inst, "default_route_table_id"))
				setFirst(p.defaultRT, id, inst)
			}
		}
		for _, inst := range p.m.OfType("aws_route") {
			if inst.Deleted() {
				continue
			}
			id, _ := Str(p.m.Attr(inst, "route_table_id"))
			dest, _ := Str(p.m.Attr(inst, "destination_cidr_block"))
			if dest == "" {
				dest, _ = Str(p.m.Attr(inst, "destination_ipv6_cidr_block"))
			}
			p.extraRoutes[id] = append(p.extraRoutes[id], netpath.Route{Destination: dest, Target: routeTarget(func(n string) cty.Value { return p.m.Attr(inst, n) })})
		}
	}
	placed := map[string]bool{}
	for _, rt := range p.v.RouteTables {
		placed[rt.ID] = true
	}
	for id := range p.defaultRT {
		placed[id] = true
	}
	for _, x := range p.v.VPCs {
		placed[p.mainTableID(x)] = true
	}
	for id := range p.extraRoutes {
		if !placed[id] {
			p.unplaced = append(p.unplaced, id)
		}
	}
}

// indexAliases indexes the VPCs' default_security_group_id (once).
func (p *Paths) indexAliases() {
	if p.aliasesDone {
		return
	}
	p.aliasesDone = true
	for _, x := range p.v.VPCs {
		setFirst(p.aliases, p.vpcDefaultGroupID(x.ID), x.ID)
	}
}

// mainTableID is the id of a VPC's main route table (a token until apply).
func (p *Paths) mainTableID(x *VPC) string {
	if x.Inst != nil && p.m != nil {
		if id, _ := Str(p.m.Attr(x.Inst, "main_route_table_id")); id != "" {
			return id
		}
	}
	return symbol.Ref{Address: x.Address, Attr: "main_route_table_id"}.Token()
}

// mayHaveMore reports whether a route whose table is unknown until apply
// may belong to table id.
func (p *Paths) mayHaveMore(id string) bool {
	for _, k := range p.unplaced {
		if k == "" || Same(k, id) != symbol.False {
			return true
		}
	}
	return false
}

func setFirst[T any](m map[string]T, k string, x T) {
	if _, ok := m[k]; !ok && k != "" {
		m[k] = x
	}
}

// View returns the indexed view.
func (p *Paths) View() *View { return p.v }

// lite is a Paths without the index, for one-off questions asked of the
// view directly (the View methods below): lookups scan the view.
func (v *View) lite() *Paths {
	return &Paths{v: v, m: v.M, stock: map[string]*SecurityGroup{}, apiIDs: map[*API]apiIDs{}, forms: map[formKey]InvokeForms{}}
}

func (p *Paths) indexed() bool { return p.subnets != nil }

func (p *Paths) subnetByID(id string) *Subnet {
	if !p.indexed() {
		return p.v.SubnetByID(id)
	}
	return p.subnets[id]
}

func (p *Paths) vpcByID(id string) *VPC {
	if !p.indexed() {
		return p.v.VPCByID(id)
	}
	return p.vpcs[id]
}

func (p *Paths) groupByID(id string) *SecurityGroup {
	if !p.indexed() {
		return p.v.SecurityGroupByID(id)
	}
	return p.groups[id]
}

func (p *Paths) managedDefault(vpcID string) *SecurityGroup {
	if !p.indexed() {
		return p.v.DefaultSecurityGroup(vpcID)
	}
	return p.defaults[vpcID]
}

// routeTableOf is View.RouteTableOf, indexed.
func (p *Paths) routeTableOf(s *Subnet) *RouteTable {
	if !p.indexed() {
		return p.v.RouteTableOf(s)
	}
	if rt, ok := p.rtBySubnet[s.ID]; ok {
		return rt
	}
	return p.mainRT[s.VPCID]
}

// NACLOf is View.NACLOf, indexed: the network ACL of a subnet (nil: the
// VPC's default NACL, unmanaged, which allows everything).
func (p *Paths) NACLOf(s *Subnet) *NACL {
	if !p.indexed() {
		return p.v.NACLOf(s)
	}
	if n, ok := p.naclBySubnet[s.ID]; ok {
		return n
	}
	return p.defaultNACL[s.VPCID]
}

// The View methods below answer one question without indexing the view
// (a linear scan each); within a check run prefer one Paths (View.Paths).

// SubnetsByID is Paths.SubnetsByID.
func (v *View) SubnetsByID(ids []string) ([]*Subnet, []string) { return v.lite().SubnetsByID(ids) }

// ClientSubnets is Paths.ClientSubnets.
func (v *View) ClientSubnets(c *Client) ([]*Subnet, bool) { return v.lite().ClientSubnets(c) }

// ClientCIDRs is Paths.ClientCIDRs.
func (v *View) ClientCIDRs(c *Client) ([]string, bool) { return v.lite().ClientCIDRs(c) }

// ClientVPCIDs is Paths.ClientVPCIDs.
func (v *View) ClientVPCIDs(c *Client) ([]string, bool) { return v.lite().ClientVPCIDs(c) }

// ClientGroups is Paths.ClientGroups.
func (v *View) ClientGroups(c *Client) ([]string, bool, bool) { return v.lite().ClientGroups(c) }

// EndpointSubnets is Paths.EndpointSubnets.
func (v *View) EndpointSubnets(e *Endpoint) ([]*Subnet, bool) { return v.lite().EndpointSubnets(e) }

// EndpointCIDRs is Paths.EndpointCIDRs.
func (v *View) EndpointCIDRs(e *Endpoint) ([]string, bool) { return v.lite().EndpointCIDRs(e) }

// EndpointGroups is Paths.EndpointGroups.
func (v *View) EndpointGroups(e *Endpoint) ([]string, bool, bool) { return v.lite().EndpointGroups(e) }

// SubnetsOfVPC lists the subnets whose vpc_id is proven to be vpcID
// (Same is True only for identical strings), in view order.
func (p *Paths) SubnetsOfVPC(vpcID string) []*Subnet {
	if p.subnetsByVPC == nil {
		p.subnetsByVPC = map[string][]*Subnet{}
		for _, sn := range p.v.Subnets {
			p.subnetsByVPC[sn.VPCID] = append(p.subnetsByVPC[sn.VPCID], sn)
		}
	}
	return p.subnetsByVPC[vpcID]
}

// VPCCIDRs is Paths.VPCCIDRs.
func (v *View) VPCCIDRs(vpcID string) ([]string, bool) { return v.lite().VPCCIDRs(vpcID) }

// DefaultGroup is Paths.DefaultGroup.
func (v *View) DefaultGroup(vpcID string) *SecurityGroup { return v.lite().DefaultGroup(vpcID) }

// GroupAliases is Paths.GroupAliases.
func (v *View) GroupAliases(sg *SecurityGroup) []string { return v.lite().GroupAliases(sg) }

// ResolveGroup is Paths.ResolveGroup.
func (v *View) ResolveGroup(id string) *SecurityGroup { return v.lite().ResolveGroup(id) }

// RoutesOf is Paths.RoutesOf (it indexes the view).
func (v *View) RoutesOf(s *Subnet) ([]netpath.Route, string, string, bool) {
	return v.Paths().RoutesOf(s)
}

// ConnectedVPCs is Paths.ConnectedVPCs.
func (v *View) ConnectedVPCs(vpcID string) ([]Connection, bool) { return v.lite().ConnectedVPCs(vpcID) }

// VPCName is Paths.VPCName.
func (v *View) VPCName(id string) string { return v.lite().VPCName(id) }

// APIEndpointIDs is Paths.APIEndpointIDs.
func (v *View) APIEndpointIDs(a *API) ([]string, bool) { return v.lite().APIEndpointIDs(a) }

// Associated is Paths.Associated.
func (v *View) Associated(a *API, e *Endpoint) symbol.Tri { return v.lite().Associated(a, e) }

// ZoneCovers is Paths.ZoneCovers.
func (v *View) ZoneCovers(vpcID, name string) symbol.Tri { return v.lite().ZoneCovers(vpcID, name) }

// TGWGroupReferencing is Paths.TGWGroupReferencing.
func (v *View) TGWGroupReferencing(tgwID string) symbol.Tri {
	return v.lite().TGWGroupReferencing(tgwID)
}

// NewFormScanner is Paths.NewFormScanner.
func (v *View) NewFormScanner(a *API) *FormScanner { return v.lite().NewFormScanner(a) }

// Connect is Paths.Connect (it indexes the view).
func (v *View) Connect(from Side, to []Side) Link { return v.Paths().Connect(from, to) }

// SubnetSide is Paths.SubnetSide (it indexes the view).
func (v *View) SubnetSide(s *Subnet) Side { return v.Paths().SubnetSide(s) }

// ClientSides is Paths.ClientSides (it indexes the view).
func (v *View) ClientSides(c *Client) ([]Side, bool) { return v.Paths().ClientSides(c) }

// EndpointSides is Paths.EndpointSides (it indexes the view).
func (v *View) EndpointSides(e *Endpoint) ([]Side, bool) { return v.Paths().EndpointSides(e) }

// InvokeFormsOf finds the invoke-URL forms a client uses for an API
// (Paths.InvokeFormsOf).
func (v *View) InvokeFormsOf(c *Client, a *API) InvokeForms { return v.lite().InvokeFormsOf(c, a) }

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
	var out []string
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
	if c.Inst == nil || p.m == nil {
		return c.SecurityGroupIDs, c.SGKnown, false
	}
	unset := false
	switch c.Kind {
	case ClientInstance:
		unset = !p.m.Configured(c.Inst, "vpc_security_group_ids") && !p.m.Configured(c.Inst, "security_groups") &&
			!p.m.Configured(c.Inst, "network_interface") && !p.m.Configured(c.Inst, "primary_network_interface")
	case ClientECS:
		if objs, ok := Objects(p.m.ConfigValue(c.Inst, "network_configuration")); ok && len(objs) > 0 {
			unset = IsNull(Get(objs[0], "security_groups"))
		}
	}
	if !unset {
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
	if x := p.vpcByID(vpcID); x != nil && x.Inst != nil && p.m != nil {
		if s, ok := Str(p.m.Attr(x.Inst, "default_security_group_id")); ok && s != "" {
			return s
		}
		return symbol.Ref{Address: x.Address, Attr: "default_security_group_id"}.Token()
	}
	return "default security group of " + vpcID
}

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

// LinkKind says how two VPCs are connected.
type LinkKind string

const (
	LinkNone    LinkKind = "none"
	LinkSameVPC LinkKind = "same VPC"
	LinkPeering LinkKind = "VPC peering"
	LinkTGW     LinkKind = "transit gateway"
)

// Link is the answer to "can traffic flow between these two places?".
type Link struct {
	Result symbol.Tri
	Kind   LinkKind
	// Via is the address of the peering connection or the transit gateway
	// attachments; ViaID the pcx/tgw id routes must target.
	Via   string
	ViaID string
	// Reason says why, with symbolic values shown as ${addr.attr}.
	Reason string
	// Missing lists the routes that would complete the path (for fixes).
	Missing []MissingRoute
}

// MissingRoute is a route a path lacks.
type MissingRoute struct {
	Table, TableRef string
	Destination     string
	// DestVPC is the VPC the destination range belongs to.
	DestVPC    string
	Target     string // pcx or tgw id (may be a token)
	TargetKind LinkKind
}

// Side is one end of a path: a VPC, the ranges traffic leaves from or goes
// to, and the routes of the subnet it sits in.
type Side struct {
	Name        string // for messages: a subnet or client address
	VPCID       string
	CIDRs       []string
	Routes      []netpath.Route
	Table       string
	TableRef    string
	RoutesKnown bool
	// AZ is the subnet's Availability Zone ("" unknown or several).
	AZ string
}

// SubnetSide makes a Side from a subnet.
func (p *Paths) SubnetSide(s *Subnet) Side {
	routes, table, ref, known := p.RoutesOf(s)
	cidrs, _ := subnetCIDRs([]*Subnet{s}, true)
	return Side{Name: nameOf(s.Address, s.ID), VPCID: s.VPCID, CIDRs: cidrs, Routes: routes, Table: table, TableRef: ref, RoutesKnown: known, AZ: s.AZ}
}

// ClientSides returns one Side per subnet of a client (one for a declared
// client, whose routes are not in the plan).
func (p *Paths) ClientSides(c *Client) ([]Side, bool) {
	if c.Declared {
		return []Side{{Name: c.Address, VPCID: c.VPCID, CIDRs: c.CIDRs, Table: "the route table of " + c.Address}}, c.VPCID != ""
	}
	subs, known := p.ClientSubnets(c)
	var out []Side
	for _, s := range subs {
		out = append(out, p.SubnetSide(s))
	}
	return out, known
}

// EndpointSides returns one Side per subnet of an endpoint (one with the
// declared ranges for a declared endpoint).
func (p *Paths) EndpointSides(e *Endpoint) ([]Side, bool) {
	if e.Declared {
		cidrs, ok := p.EndpointCIDRs(e)
		return []Side{{Name: e.Address, VPCID: e.VPCID, CIDRs: cidrs, Table: "the route table of " + e.Address}}, ok
	}
	subs, known := p.EndpointSubnets(e)
	var out []Side
	for _, s := range subs {
		out = append(out, p.SubnetSide(s))
	}
	if len(out) == 0 || !known {
		// No (known) subnet: the endpoint still sits in its VPC, whose
		// ranges stand for its addresses; routes are not known.
		cidrs, _ := p.VPCCIDRs(e.VPCID)
		out = append(out, Side{Name: e.Address, VPCID: e.VPCID, CIDRs: cidrs, Table: "the route tables of the subnets of " + e.Address})
	}
	return out, known
}

// Connect decides whether traffic from a client side can reach every
// endpoint side and come back (E7): the same VPC (local route), or a VPC
// peering connection or transit gateway joining the two VPCs with a route
// in both directions — the client subnet's table must send each endpoint
// range to the pcx/tgw and each endpoint subnet's table must send the client
// range back to it (longest prefix wins, netpath.RouteCovers). Transit
// gateway route tables are assumed to propagate between the attachments
// (the AWS default). The result is True for the first link proven, else
// Unknown when some link may work, else False with every reason.
func (p *Paths) Connect(from Side, to []Side) Link {
	if len(to) == 0 {
		return Link{Result: symbol.Unknown, Kind: LinkNone, Reason: "the endpoint's subnets are not known"}
	}
	vpc := to[0].VPCID
	switch Same(from.VPCID, vpc) {
	case symbol.True:
		return Link{Result: symbol.True, Kind: LinkSameVPC, Reason: fmt.Sprintf("%s is in the endpoint's VPC %s", from.Name, p.vpcName(vpc))}
	case symbol.Unknown:
		if from.VPCID == "" || vpc == "" {
			return Link{Result: symbol.Unknown, Kind: LinkNone, Reason: "the VPC of " + from.Name + " or of the endpoint is not known"}
		}
		return Link{Result: symbol.Unknown, Kind: LinkNone, Reason: fmt.Sprintf("whether %s (VPC of %s) is the endpoint's VPC %s is known only after apply", p.vpcName(from.VPCID), from.Name, p.vpcName(vpc))}
	}
	var links []Link
	for _, pc := range p.v.Peerings {
		m := Same(pc.VPCID, from.VPCID).And(Same(pc.PeerVPCID, vpc)).Or(Same(pc.VPCID, vpc).And(Same(pc.PeerVPCID, from.VPCID)))
		if m == symbol.False {
			continue
		}
		l := p.routesBothWays(from, to, pc.ID, pc.Address, LinkPeering)
		l.Via, l.ViaID = pc.Address, pc.ID
		if m == symbol.Unknown && l.Result == symbol.True {
			l.Result = symbol.Unknown
			l.Reason = fmt.Sprintf("whether %s joins these VPCs is known only after apply; %s", pc.Address, l.Reason)
		}
		links = append(links, l)
	}
	for _, a := range p.v.TGWAttachments {
		if Same(a.VPCID, from.VPCID) != symbol.True {
			continue
		}
		for _, b := range p.v.TGWAttachments {
			if Same(b.VPCID, vpc) != symbol.True {
				continue
			}
			m := Same(a.TGWID, b.TGWID)
			if m == symbol.False {
				continue
			}
			l := p.routesBothWays(from, to, a.TGWID, symbol.Display(a.TGWID), LinkTGW)
			l.Via, l.ViaID = a.Address+", "+b.Address, a.TGWID
			if l.Result != symbol.False {
				az, why := p.attachmentAZs(a, []Side{from})
				az2, why2 := p.attachmentAZs(b, to)
				if t := az.And(az2); t != symbol.True {
					l.Result = l.Result.And(t)
					l.Reason += "; " + strings.Join(append(why, why2...), "; ")
				}
			}
			if m == symbol.Unknown && l.Result == symbol.True {
				l.Result = symbol.Unknown
				l.Reason = fmt.Sprintf("whether %s and %s attach to the same transit gateway is known only after apply; %s", a.Address, b.Address, l.Reason)
			}
			links = append(links, l)
		}
	}
	if len(links) == 0 {
		why := fmt.Sprintf("%s is in %s, and no VPC peering connection or transit gateway in the plan joins it to the endpoint's VPC %s", from.Name, p.vpcName(from.VPCID), p.vpcName(vpc))
		if !p.createdHere(from.VPCID) || !p.createdHere(vpc) {
			// A VPC that exists outside this plan may be joined by a
			// peering connection or attachment managed elsewhere.
			return Link{Result: symbol.Unknown, Kind: LinkNone, Reason: why + "; one of them exists outside this plan, so a connection managed elsewhere may join them"}
		}
		return Link{Result: symbol.False, Kind: LinkNone, Reason: why}
	}
	var unknown *Link
	var reasons []string
	for i := range links {
		switch links[i].Result {
		case symbol.True:
			return links[i]
		case symbol.Unknown:
			if unknown == nil {
				unknown = &links[i]
			}
		}
		reasons = append(reasons, links[i].Reason)
	}
	if unknown != nil {
		return *unknown
	}
	out := links[0]
	out.Reason = strings.Join(reasons, "; ")
	return out
}

// createdHere reports whether this plan creates the VPC (so nothing outside
// the plan can be attached to it yet).
func (p *Paths) createdHere(vpcID string) bool {
	x := p.vpcByID(vpcID)
	return x != nil && x.Inst != nil && x.Inst.Creates()
}

// attachmentAZs reports whether a transit gateway attachment has a subnet
// in the Availability Zone of every side: a transit gateway only forwards
// traffic from and to the AZs its attachment has a subnet in (E7).
func (p *Paths) attachmentAZs(a *TGWAttachment, sides []Side) (symbol.Tri, []string) {
	azs := map[string]bool{}
	known := true
	for _, id := range a.SubnetIDs {
		s := p.subnetByID(id)
		if s == nil || s.AZ == "" || symbol.Contains(s.AZ) {
			known = false
			continue
		}
		azs[s.AZ] = true
	}
	if len(a.SubnetIDs) == 0 {
		known = false
	}
	out := symbol.True
	var why []string
	for _, sd := range sides {
		switch {
		case azs[sd.AZ]:
		case sd.AZ == "" || symbol.Contains(sd.AZ) || !known:
			out = out.And(symbol.Unknown)
			why = append(why, fmt.Sprintf("whether %s has a subnet in the Availability Zone of %s is known only after apply (a transit gateway forwards only from and to AZs its attachment has a subnet in)", a.Address, sd.Name))
		default:
			out = symbol.False
			why = append(why, fmt.Sprintf("%s has no subnet in %s, the Availability Zone of %s, and a transit gateway forwards only from and to AZs its attachment has a subnet in", a.Address, sd.AZ, sd.Name))
		}
	}
	return out, why
}

// routesBothWays checks the routes of a path through a pcx or tgw.
func (p *Paths) routesBothWays(from Side, to []Side, target, name string, kind LinkKind) Link {
	l := Link{Result: symbol.True, Kind: kind}
	var why []string
	check := func(s Side, dest, destVPC string) {
		if !s.RoutesKnown {
			l.Result = l.Result.And(symbol.Unknown)
			why = append(why, fmt.Sprintf("the routes of %s are not in the plan", s.Table))
			return
		}
		if dest == "" {
			l.Result = l.Result.And(symbol.Unknown)
			why = append(why, "a destination range is not known")
			return
		}
		r, ok := netpath.RouteCovers(s.Routes, dest)
		switch ok {
		case symbol.Unknown:
			l.Result = l.Result.And(symbol.Unknown)
			why = append(why, fmt.Sprintf("whether %s routes %s through %s is known only after apply", s.Table, symbol.Display(dest), symbol.Display(target)))
			return
		case symbol.False:
			l.Result = symbol.False
			if r.Destination != "" {
				why = append(why, fmt.Sprintf("in %s the more specific route %s → %s takes part of %s", s.Table, symbol.Display(r.Destination), symbol.Display(r.Target), symbol.Display(dest)))
			} else {
				why = append(why, fmt.Sprintf("%s has no route for %s", s.Table, symbol.Display(dest)))
			}
			l.Missing = append(l.Missing, MissingRoute{Table: s.Table, TableRef: s.TableRef, Destination: dest, DestVPC: destVPC, Target: target, TargetKind: kind})
			return
		}
		switch Same(r.Target, target) {
		case symbol.True:
		case symbol.Unknown:
			l.Result = l.Result.And(symbol.Unknown)
			why = append(why, fmt.Sprintf("whether the route %s → %s in %s goes to %s is known only after apply", symbol.Display(r.Destination), symbol.Display(r.Target), s.Table, symbol.Display(target)))
		default:
			l.Result = symbol.False
			why = append(why, fmt.Sprintf("%s sends %s to %s, not to %s", s.Table, symbol.Display(dest), symbol.Display(r.Target), symbol.Display(target)))
			l.Missing = append(l.Missing, MissingRoute{Table: s.Table, TableRef: s.TableRef, Destination: dest, DestVPC: destVPC, Target: target, TargetKind: kind})
		}
	}
	for _, t := range to {
		for _, c := range orEmpty(t.CIDRs) {
			check(from, c, t.VPCID)
		}
		for _, c := range orEmpty(from.CIDRs) {
			check(t, c, from.VPCID)
		}
	}
	if l.Result == symbol.True {
		l.Reason = fmt.Sprintf("%s and the endpoint's VPC are joined by %s %s with routes both ways", from.Name, kind, name)
	} else {
		l.Reason = fmt.Sprintf("%s %s joins the VPCs, but %s", kind, name, strings.Join(dedupeStrings(why), "; "))
	}
	return l
}

func orEmpty(l []string) []string {
	if len(l) == 0 {
		return []string{""}
	}
	return l
}

func dedupeStrings(l []string) []string {
	var out []string
	for _, s := range l {
		out = appendNew(out, s)
	}
	return out
}

// Connection is a VPC joined to another one.
type Connection struct {
	VPCID string
	Kind  LinkKind
	Via   string
}

// ConnectedVPCs lists the VPCs joined to vpcID by peering or a shared
// transit gateway (routes not checked), and whether the list is certain.
func (p *Paths) ConnectedVPCs(vpcID string) ([]Connection, bool) {
	var out []Connection
	known := true
	for _, pc := range p.v.Peerings {
		a, b := Same(pc.VPCID, vpcID), Same(pc.PeerVPCID, vpcID)
		switch {
		case a == symbol.True:
			out = append(out, Connection{VPCID: pc.PeerVPCID, Kind: LinkPeering, Via: pc.Address})
		case b == symbol.True:
			out = append(out, Connection{VPCID: pc.VPCID, Kind: LinkPeering, Via: pc.Address})
		case a == symbol.Unknown || b == symbol.Unknown:
			known = false
		}
	}
	for _, a := range p.v.TGWAttachments {
		if Same(a.VPCID, vpcID) != symbol.True {
			continue
		}
		for _, b := range p.v.TGWAttachments {
			if b == a || Same(b.VPCID, vpcID) == symbol.True {
				continue
			}
			switch Same(a.TGWID, b.TGWID) {
			case symbol.True:
				out = append(out, Connection{VPCID: b.VPCID, Kind: LinkTGW, Via: b.Address})
			case symbol.Unknown:
				known = false
			}
		}
	}
	return out, known
}

func (p *Paths) vpcName(id string) string {
	if x := p.vpcByID(id); x != nil {
		return x.Address
	}
	return symbol.Display(id)
}

// VPCName names a VPC for messages: its address, else its id.
func (p *Paths) VPCName(id string) string { return p.vpcName(id) }

func nameOf(addr, id string) string {
	if addr != "" {
		return addr
	}
	return symbol.Display(id)
}

// tfRef renders an id as a Terraform expression: a reference for a token,
// a quoted string for a literal.
func tfRef(s string) string {
	if r, ok := symbol.Only(s); ok {
		return r.String()
	}
	return fmt.Sprintf("%q", symbol.Display(s))
}

// TFRef renders a possibly symbolic value as a Terraform expression:
// aws_security_group.x.id for a token, "sg-123" for a literal.
func TFRef(s string) string { return tfRef(s) }

// APIEndpointIDs returns the API's vpc_endpoint_ids. The provider plans the
// attribute unknown when endpoint_configuration does not set it; for an API
// this plan creates that means none (A3).
func (p *Paths) APIEndpointIDs(a *API) ([]string, bool) {
	if r, ok := p.apiIDs[a]; ok {
		return r.ids, r.known
	}
	ids, known := p.apiEndpointIDs(a)
	p.apiIDs[a] = apiIDs{ids, known}
	return ids, known
}

func (p *Paths) apiEndpointIDs(a *API) ([]string, bool) {
	if a.VPCEndpointIDsKnown || a.Inst == nil || p.m == nil {
		return a.VPCEndpointIDs, a.VPCEndpointIDsKnown
	}
	if r := configEndpointIDs(p.m, a.Inst); r.known {
		return r.ids, true
	}
	return a.VPCEndpointIDs, false
}

// configIDs caches per API instance what configEndpointIDs found: an
// instance's configuration never changes, and evaluating it is costly. The
// keys are weak, so the cache does not keep models alive.
var configIDs sync.Map // weak.Pointer[model.Instance] → apiIDs

// configEndpointIDs reads vpc_endpoint_ids from the API's configuration:
// unset on an API this plan creates means none (A3).
func configEndpointIDs(m *model.Model, inst *model.Instance) apiIDs {
	key := weak.Make(inst)
	if r, ok := configIDs.Load(key); ok {
		return r.(apiIDs)
	}
	var r apiIDs
	if objs, ok := Objects(m.ConfigValue(inst, "endpoint_configuration")); ok && len(objs) > 0 {
		cv := Get(objs[0], "vpc_endpoint_ids")
		switch ids, ok := Strs(cv); {
		case IsNull(cv) && inst.Creates():
			r = apiIDs{nil, true}
		case ok && !IsNull(cv):
			r = apiIDs{ids, true}
		}
	}
	if _, loaded := configIDs.LoadOrStore(key, r); !loaded {
		runtime.AddCleanup(inst, func(k weak.Pointer[model.Instance]) { configIDs.Delete(k) }, key)
	}
	return r
}

// Associated reports whether an endpoint is in the API's vpc_endpoint_ids.
func (p *Paths) Associated(a *API, e *Endpoint) symbol.Tri {
	ids, known := p.APIEndpointIDs(a)
	out := symbol.False
	for _, id := range ids {
		out = out.Or(Same(id, e.ID))
	}
	if !known && out != symbol.True {
		return symbol.Unknown
	}
	return out
}

// InvokeForms is how a client calls an API (D1–D4, D7).
type InvokeForms struct {
	// PrivateDNS: the client uses https://{api-id}.execute-api.{region}.amazonaws.com
	// (e.g. a stage's invoke_url). False when only other forms were found,
	// Unknown when no form was recognised.
	PrivateDNS symbol.Tri
	// Alias lists the endpoint ids of {api-id}-{vpce-id} names used.
	Alias []string
	// EndpointHost: the client uses an endpoint hostname (dns_entry, *.vpce.amazonaws.com).
	EndpointHost bool
	// Domains lists the custom domains used.
	Domains []*Domain
	// Evidence says where the private DNS name was found, e.g. "aws_api_gateway_stage.prod.invoke_url".
	Evidence string
}

var vpceIDPattern = regexp.MustCompile(`^vpce-[0-9a-z]+`)

// InvokeFormsOf finds the invoke-URL forms a client's configuration uses
// for an API: every string of its arguments (and of its launch template or
// task definition), with references resolved through locals, variables and
// module outputs where the .tf source is available.
func (p *Paths) InvokeFormsOf(c *Client, a *API) InvokeForms {
	k := formKey{c, a}
	if f, ok := p.forms[k]; ok {
		return f
	}
	f := p.invokeFormsOf(c, a)
	p.forms[k] = f
	return f
}

func (p *Paths) invokeFormsOf(c *Client, a *API) InvokeForms {
	if c.Inst == nil || p.m == nil {
		f := InvokeForms{PrivateDNS: symbol.Unknown}
		// Client.UsesPrivateDNSName is about the client as a whole; it
		// stands for this API only when the client calls no other.
		if c.UsesPrivateDNSName != symbol.Unknown && len(c.APIs) == 1 {
			f.PrivateDNS = c.UsesPrivateDNSName
			f.Evidence = c.Refs[a.Address]
		}
		return f
	}
	sc := p.NewFormScanner(a)
	for _, inst := range p.clientInstances(c) {
		for _, name := range p.m.ConfiguredNames(inst) {
			walkStrings(p.m.ConfigValue(inst, name), sc.Scan)
			for _, r := range p.m.Refs(inst, name) {
				sc.ScanRef(r)
			}
		}
	}
	f := sc.Forms()
	if f.PrivateDNS == symbol.Unknown && c.UsesPrivateDNSName == symbol.True && len(c.APIs) == 1 {
		f.PrivateDNS, f.Evidence = symbol.True, c.Refs[a.Address]
	}
	return f
}

// FormScanner classifies the strings of a client's configuration by the
// invoke-URL form of one API they use (D1–D4, D7).
type FormScanner struct {
	api       *API
	stages    map[string]bool
	endpoints map[string]bool
	domains   []*Domain
	f         InvokeForms
	other     bool
}

// NewFormScanner returns a scanner for API a.
func (p *Paths) NewFormScanner(a *API) *FormScanner {
	sc := &FormScanner{api: a, stages: map[string]bool{}, f: InvokeForms{PrivateDNS: symbol.Unknown}}
	for _, s := range a.Stages {
		sc.stages[s.Address] = true
	}
	for _, d := range a.Deployments {
		sc.stages[d.Address] = true // v5 deployments have an invoke_url too
	}
	for _, d := range p.v.Domains {
		for _, id := range d.APIIDs {
			if Same(id, a.ID) == symbol.True {
				sc.domains = appendDomain(sc.domains, d)
			}
		}
	}
	if p.endpointAddrs == nil {
		p.endpointAddrs = make(map[string]bool, len(p.v.Endpoints))
		for _, e := range p.v.Endpoints {
			p.endpointAddrs[e.Address] = true
		}
	}
	sc.endpoints = p.endpointAddrs
	return sc
}

// ScanRef notes a plain reference of the configuration (e.g.
// "aws_api_gateway_stage.prod.invoke_url").
func (sc *FormScanner) ScanRef(r string) {
	for addr := range sc.stages {
		if r == addr+".invoke_url" {
			sc.privateDNS(r)
		}
	}
}

func (sc *FormScanner) privateDNS(evidence string) {
	sc.f.PrivateDNS = symbol.True
	if sc.f.Evidence == "" {
		sc.f.Evidence = evidence
	}
}

// Scan classifies one string (tokens allowed).
func (sc *FormScanner) Scan(s string) {
	a := sc.api
	for _, r := range symbol.Refs(s) {
		switch {
		case sc.stages[r.Address] && r.Attr == "invoke_url":
			sc.privateDNS(r.String())
		case sc.endpoints[r.Address] && strings.HasPrefix(r.Attr, "dns_entry"):
			sc.f.EndpointHost, sc.other = true, true
		}
		for _, d := range sc.domains {
			if r.Address == d.Address && (r.Attr == "domain_name" || r.Attr == "id") {
				sc.f.Domains = appendDomain(sc.f.Domains, d)
				sc.other = true
			}
		}
	}
	if strings.Contains(s, ".vpce.amazonaws.com") {
		sc.f.EndpointHost, sc.other = true, true
	}
	for _, d := range sc.domains {
		if d.Name != "" && !symbol.Contains(d.Name) && strings.Contains(s, d.Name) {
			sc.f.Domains = appendDomain(sc.f.Domains, d)
			sc.other = true
		}
	}
	if a.ID == "" || (!symbol.Contains(a.ID) && len(a.ID) < 6) {
		return
	}
	for rest := s; ; {
		i := strings.Index(rest, a.ID)
		if i < 0 {
			break
		}
		rest = rest[i+len(a.ID):]
		switch {
		case strings.HasPrefix(rest, ".execute-api."):
			sc.privateDNS("the name " + symbol.Display(a.ID) + ".execute-api.…")
		case strings.HasPrefix(rest, "-"):
			tail := rest[1:]
			if r, ok := leadingToken(tail); ok {
				sc.f.Alias = appendNew(sc.f.Alias, r)
				sc.other = true
			} else if m := vpceIDPattern.FindString(tail); m != "" {
				sc.f.Alias = appendNew(sc.f.Alias, m)
				sc.other = true
			}
		}
	}
}

// Forms returns what was found: PrivateDNS is True when the private DNS
// name was seen, False when only other forms were, Unknown when none.
func (sc *FormScanner) Forms() InvokeForms {
	f := sc.f
	if f.PrivateDNS == symbol.Unknown && sc.other {
		f.PrivateDNS = symbol.False
	}
	return f
}

func appendDomain(l []*Domain, d *Domain) []*Domain {
	for _, x := range l {
		if x == d {
			return l
		}
	}
	return append(l, d)
}

// leadingToken returns the token s starts with.
func leadingToken(s string) (string, bool) {
	if !strings.HasPrefix(s, "⟦") {
		return "", false
	}
	j := strings.Index(s, "⟧")
	if j < 0 {
		return "", false
	}
	tok := s[:j+len("⟧")]
	_, ok := symbol.Only(tok)
	return tok, ok
}

// clientInstances lists the resources whose configuration makes up a
// client: itself, plus its launch template or task definition.
func (p *Paths) clientInstances(c *Client) []*model.Instance {
	out := []*model.Instance{c.Inst}
	switch c.Kind {
	case ClientASG:
		if objs, ok := Objects(p.m.Attr(c.Inst, "launch_template")); ok && len(objs) > 0 {
			id, _ := Str(Get(objs[0], "id"))
			for _, lt := range p.m.OfType("aws_launch_template") {
				if x, _ := Str(p.m.Attr(lt, "id")); id != "" && Same(x, id) == symbol.True {
					out = append(out, lt)
				}
			}
		}
	case ClientECS:
		td, _ := Str(p.m.Attr(c.Inst, "task_definition"))
		for _, inst := range p.m.OfType("aws_ecs_task_definition") {
			if x, _ := Str(p.m.Attr(inst, "arn")); td != "" && Same(x, td) == symbol.True {
				out = append(out, inst)
			}
		}
	}
	return out
}

// ZoneCovers reports whether a Route 53 private hosted zone associated with
// the VPC answers for name (the zone is name or a parent of it), or a
// Resolver rule associated with the VPC forwards it (D6).
func (p *Paths) ZoneCovers(vpcID, name string) symbol.Tri {
	if p.m == nil {
		return symbol.False
	}
	covers := func(zone string) bool {
		zone = strings.TrimSuffix(strings.ToLower(zone), ".")
		return zone != "" && (name == zone || strings.HasSuffix(name, "."+zone))
	}
	out := symbol.False
	zoneVPCs := map[string][]string{} // zone id -> vpc ids
	for _, inst := range p.m.OfType("aws_route53_zone") {
		if inst.Deleted() {
			continue
		}
		zn, _ := Str(p.m.Attr(inst, "name"))
		if !covers(zn) {
			continue
		}
		zid, _ := Str(p.m.Attr(inst, "zone_id"))
		if zid == "" {
			zid = symbol.Ref{Address: inst.Address, Attr: "zone_id"}.Token()
		}
		objs, _ := Objects(p.m.Attr(inst, "vpc"))
		for _, o := range objs {
			id, _ := Str(Get(o, "vpc_id"))
			zoneVPCs[zid] = append(zoneVPCs[zid], id)
		}
		for _, as := range p.m.OfType("aws_route53_zone_association") {
			z, _ := Str(p.m.Attr(as, "zone_id"))
			if Same(z, zid) == symbol.True {
				id, _ := Str(p.m.Attr(as, "vpc_id"))
				zoneVPCs[zid] = append(zoneVPCs[zid], id)
			}
		}
	}
	for _, ids := range zoneVPCs {
		for _, id := range ids {
			out = out.Or(Same(id, vpcID))
		}
	}
	for _, rule := range p.m.OfType("aws_route53_resolver_rule") {
		dn, _ := Str(p.m.Attr(rule, "domain_name"))
		if !covers(dn) {
			continue
		}
		rid, _ := Str(p.m.Attr(rule, "id"))
		for _, as := range p.m.OfType("aws_route53_resolver_rule_association") {
			r, _ := Str(p.m.Attr(as, "resolver_rule_id"))
			if Same(r, rid) == symbol.True {
				id, _ := Str(p.m.Attr(as, "vpc_id"))
				out = out.Or(Same(id, vpcID))
			}
		}
	}
	return out
}

// SortedAddresses returns the addresses sorted and without repeats.
func SortedAddresses(l []string) []string {
	out := dedupeStrings(l)
	sort.Strings(out)
	return out
}

// TGWGroupReferencing reports whether security group references work
// across the transit gateway tgwID (E5): the gateway's
// security_group_referencing_support must be "enable" (its default is
// "disable") and no attachment of it may disable it. Unknown when the
// gateway is not in the plan.
func (p *Paths) TGWGroupReferencing(tgwID string) symbol.Tri {
	if p.m == nil {
		return symbol.Unknown
	}
	out := symbol.Unknown
	for _, inst := range p.m.OfType("aws_ec2_transit_gateway") {
		if inst.Deleted() {
			continue
		}
		id, _ := Str(p.m.Attr(inst, "id"))
		if id == "" {
			id = symbol.Ref{Address: inst.Address, Attr: "id", Fresh: inst.Creates()}.Token()
		}
		if Same(id, tgwID) != symbol.True {
			continue
		}
		switch s, ok := Str(p.m.Attr(inst, "security_group_referencing_support")); {
		case ok && strings.EqualFold(s, "enable"):
			out = symbol.True
		case ok && strings.EqualFold(s, "disable"), !p.m.Configured(inst, "security_group_referencing_support"):
			out = symbol.False
		}
	}
	for _, inst := range p.m.OfType("aws_ec2_transit_gateway_vpc_attachment") {
		id, _ := Str(p.m.Attr(inst, "transit_gateway_id"))
		if Same(id, tgwID) != symbol.True {
			continue
		}
		if s, ok := Str(p.m.Attr(inst, "security_group_referencing_support")); ok && strings.EqualFold(s, "disable") {
			out = symbol.False
		}
	}
	return out
}
