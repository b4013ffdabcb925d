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
	"sort"

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

// SortedAddresses returns the addresses sorted and without repeats.
func SortedAddresses(l []string) []string {
	out := dedupeStrings(l)
	sort.Strings(out)
	return out
}

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
