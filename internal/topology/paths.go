package topology

// Accessors for the network path between a client and an execute-api
// endpoint (see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html): the subnets, ranges and
// security groups of each side, the routes of a subnet, the link between
// two VPCs (same VPC, peering, transit gateway), and the invoke-URL forms a
// client uses. They read the view's index, which Build makes once with
// what the view does not carry itself (main route tables Terraform does
// not manage, the default security group of a VPC, nested configuration)
// read from the model. Every answer that can be unknown until apply says
// so; nothing is guessed.

import (
	"sort"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/symbol"
)

// Paths answers path questions about one view. Build indexes the view
// once, when it is complete, and reads from the model everything the
// answers need (main and default route tables, aws_route, the VPCs'
// default_security_group_id, hosted zones, transit gateways, the clients'
// configuration strings): after that nothing changes it, so questions may
// be asked concurrently. Ids are equal after apply exactly when
// symbol.Equal says True, that is when the strings are equal, so maps
// keyed by id give the same answers as the view's linear lookups.
type Paths struct {
	v *View

	subnets      map[string]*Subnet
	vpcs         map[string]*VPC
	groups       map[string]*SecurityGroup
	defaults     map[string]*SecurityGroup // managed default group by VPC id
	rtBySubnet   map[string]*RouteTable
	mainRT       map[string]*RouteTable // by VPC id
	naclBySubnet map[string]*NACL
	defaultNACL  map[string]*NACL // by VPC id
	subnetsByVPC map[string][]*Subnet
	// endpointAddrs holds the address of every endpoint (shared by the
	// form scanners).
	endpointAddrs map[string]bool
	// domains and privateDomains index the custom domains by the API ids
	// they map (domainsByAPIID; privateDomains for PrivateDomainsOf).
	domains, privateDomains map[string][]*Domain

	routes tables
	// mainTable is the id of each VPC's main route table (a token until
	// apply); vpcGroup the VPC's default_security_group_id by VPC id.
	mainTable map[*VPC]string
	vpcGroup  map[string]string
	stock     map[string]*SecurityGroup // stock default groups by VPC id
	aliases   map[string]string         // a VPC's default_security_group_id → VPC id
	// groupsUnset: the client's configuration names no security group.
	groupsUnset map[*Client]bool
	apiIDs      map[*API]apiIDs
	texts       map[*Client][]clientText
	forms       map[formKey]InvokeForms
	zones       []zone
	rules       []zone
	tgws        []tgwFact
}

type apiIDs struct {
	ids   []string
	known bool
}

type formKey struct {
	c *Client
	a *API
}

// newPaths indexes a complete view. Build calls it once (View.freeze).
func newPaths(v *View) *Paths {
	p := &Paths{v: v,
		subnets: map[string]*Subnet{}, vpcs: map[string]*VPC{}, groups: map[string]*SecurityGroup{}, defaults: map[string]*SecurityGroup{},
		rtBySubnet: map[string]*RouteTable{}, mainRT: map[string]*RouteTable{}, naclBySubnet: map[string]*NACL{}, defaultNACL: map[string]*NACL{},
		subnetsByVPC: map[string][]*Subnet{}, endpointAddrs: make(map[string]bool, len(v.Endpoints))}
	for _, x := range v.Subnets {
		setFirst(p.subnets, x.ID, x)
		p.subnetsByVPC[x.VPCID] = append(p.subnetsByVPC[x.VPCID], x)
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
	for _, e := range v.Endpoints {
		p.endpointAddrs[e.Address] = true
	}
	p.domains, p.privateDomains = domainsByAPIID(v.Domains, false), domainsByAPIID(v.Domains, true)
	p.indexVPCs(v.m)
	p.routes = indexRoutes(v, p.mainTable)
	p.indexGroups(v.m)
	p.indexAPIs(v.m)
	p.indexForms(v.m)
	if v.scanned != nil {
		// read once: the clients' texts stay in p.texts (a view without
		// any, e.g. assembled by hand, may be indexed concurrently: no write)
		v.scanned = nil
	}
	p.zones, p.rules = indexZones(v.m)
	p.tgws = indexTGWs(v.m)
	return p
}

// indexVPCs reads each VPC's main_route_table_id and
// default_security_group_id (tokens when they are known only after apply).
func (p *Paths) indexVPCs(m *model.Model) {
	p.mainTable = make(map[*VPC]string, len(p.v.VPCs))
	p.vpcGroup = make(map[string]string, len(p.vpcs))
	for _, x := range p.v.VPCs {
		id := ""
		if x.inst != nil && m != nil {
			id, _ = Str(m.Attr(x.inst, "main_route_table_id"))
		}
		if id == "" {
			id = symbol.Ref{Address: x.Address, Attr: "main_route_table_id"}.Token()
		}
		p.mainTable[x] = id
	}
	for id, x := range p.vpcs {
		if x.inst == nil || m == nil {
			continue
		}
		if s, ok := Str(m.Attr(x.inst, "default_security_group_id")); ok && s != "" {
			p.vpcGroup[id] = s
		} else {
			p.vpcGroup[id] = symbol.Ref{Address: x.Address, Attr: "default_security_group_id"}.Token()
		}
	}
}

// mainTableID is the id of a VPC's main route table (a token until apply).
func (p *Paths) mainTableID(x *VPC) string {
	if id, ok := p.mainTable[x]; ok {
		return id
	}
	return symbol.Ref{Address: x.Address, Attr: "main_route_table_id"}.Token()
}

func setFirst[T any](m map[string]T, k string, x T) {
	if _, ok := m[k]; !ok && k != "" {
		m[k] = x
	}
}

// View returns the indexed view.
func (p *Paths) View() *View { return p.v }

func (p *Paths) subnetByID(id string) *Subnet { return p.subnets[id] }

func (p *Paths) vpcByID(id string) *VPC { return p.vpcs[id] }

func (p *Paths) groupByID(id string) *SecurityGroup { return p.groups[id] }

func (p *Paths) managedDefault(vpcID string) *SecurityGroup { return p.defaults[vpcID] }

// routeTableOf is View.RouteTableOf, indexed.
func (p *Paths) routeTableOf(s *Subnet) *RouteTable {
	if rt, ok := p.rtBySubnet[s.ID]; ok {
		return rt
	}
	return p.mainRT[s.VPCID]
}

// NACLOf is View.NACLOf, indexed: the network ACL of a subnet (nil: the
// VPC's default NACL, unmanaged, which allows everything).
func (p *Paths) NACLOf(s *Subnet) *NACL {
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
func (p *Paths) SubnetsOfVPC(vpcID string) []*Subnet { return p.subnetsByVPC[vpcID] }
