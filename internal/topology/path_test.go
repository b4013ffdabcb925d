package topology

import (
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/symbol"
)

// fresh is the id token of a resource this plan creates.
func fresh(addr string) string { return symbol.Ref{Address: addr, Attr: "id", Fresh: true}.Token() }

type net struct {
	v *View
}

func newNet() *net { return &net{v: &View{}} }

func (n *net) vpc(addr, cidr string) *VPC {
	x := &VPC{Node: node(&model.Instance{Address: addr, Actions: []string{"create"}}), ID: fresh(addr), CIDRs: []string{cidr}, CIDRsKnown: true,
		DNSSupport: symbol.True, DNSHostnames: symbol.True}
	n.v.VPCs = append(n.v.VPCs, x)
	return x
}

func (n *net) subnet(addr string, vpc *VPC, cidr, az string) *Subnet {
	s := &Subnet{Node: Node{Address: addr}, ID: fresh(addr), VPCID: vpc.ID, CIDR: cidr, AZ: az}
	n.v.Subnets = append(n.v.Subnets, s)
	return s
}

func (n *net) table(addr string, vpc *VPC, subnets []*Subnet, routes ...Route) *RouteTable {
	rt := &RouteTable{Node: Node{Address: addr}, ID: fresh(addr), VPCID: vpc.ID, Routes: routes}
	for _, s := range subnets {
		rt.SubnetIDs = append(rt.SubnetIDs, s.ID)
	}
	n.v.RouteTables = append(n.v.RouteTables, rt)
	return rt
}

func (n *net) peering(addr string, a, b *VPC) *Peering {
	p := &Peering{Node: Node{Address: addr}, ID: fresh(addr), VPCID: a.ID, PeerVPCID: b.ID}
	n.v.Peerings = append(n.v.Peerings, p)
	return p
}

func (n *net) tgw(addr, tgw string, vpc *VPC, subnets ...*Subnet) {
	a := &TGWAttachment{Node: Node{Address: addr}, TGWID: tgw, VPCID: vpc.ID}
	for _, s := range subnets {
		a.SubnetIDs = append(a.SubnetIDs, s.ID)
	}
	n.v.TGWAttachments = append(n.v.TGWAttachments, a)
}

func (n *net) endpoint(addr string, vpc *VPC, subnets ...*Subnet) *Endpoint {
	e := &Endpoint{Node: Node{Address: addr}, ID: fresh(addr), ServiceName: "com.amazonaws.us-east-1.execute-api", Region: "us-east-1",
		Type: "Interface", VPCID: vpc.ID, SubnetsKnown: true, SGKnown: true, PrivateDNS: symbol.True}
	for _, s := range subnets {
		e.SubnetIDs = append(e.SubnetIDs, s.ID)
	}
	n.v.Endpoints = append(n.v.Endpoints, e)
	return e
}

func (n *net) connect(from *Subnet, e *Endpoint) Link {
	p := n.v.Paths()
	to, _ := p.EndpointSides(e)
	return p.Connect(p.SubnetSide(from), to)
}

func TestConnect(t *testing.T) {
	type scenario struct {
		name    string
		build   func(n *net) (*Subnet, *Endpoint)
		want    symbol.Tri
		kind    LinkKind
		reason  string // substring of Reason
		missing int
	}
	twoVPCs := func(n *net) (*VPC, *VPC, *Subnet, *Subnet, *Endpoint) {
		main, spoke := n.vpc("aws_vpc.main", "10.20.0.0/16"), n.vpc("aws_vpc.spoke", "10.30.0.0/16")
		es := n.subnet("aws_subnet.endpoint", main, "10.20.0.0/24", "us-east-1a")
		cs := n.subnet("aws_subnet.client", spoke, "10.30.1.0/24", "us-east-1a")
		return main, spoke, es, cs, n.endpoint("aws_vpc_endpoint.e", main, es)
	}
	for _, sc := range []scenario{
		{
			name: "same VPC: local route",
			build: func(n *net) (*Subnet, *Endpoint) {
				main := n.vpc("aws_vpc.main", "10.20.0.0/16")
				es := n.subnet("aws_subnet.endpoint", main, "10.20.0.0/24", "us-east-1a")
				cs := n.subnet("aws_subnet.app", main, "10.20.10.0/24", "us-east-1a")
				return cs, n.endpoint("aws_vpc_endpoint.e", main, es)
			},
			want: symbol.True, kind: LinkSameVPC,
		},
		{
			name: "other VPC, nothing joins them",
			build: func(n *net) (*Subnet, *Endpoint) {
				_, _, _, cs, e := twoVPCs(n)
				return cs, e
			},
			want: symbol.False, kind: LinkNone, reason: "no VPC peering connection or transit gateway",
		},
		{
			name: "peering with routes both ways",
			build: func(n *net) (*Subnet, *Endpoint) {
				main, spoke, es, cs, e := twoVPCs(n)
				p := n.peering("aws_vpc_peering_connection.p", main, spoke)
				n.table("aws_route_table.spoke", spoke, []*Subnet{cs}, Route{Destination: "10.20.0.0/16", Target: p.ID})
				n.table("aws_route_table.main", main, []*Subnet{es}, Route{Destination: "10.30.0.0/16", Target: p.ID})
				return cs, e
			},
			want: symbol.True, kind: LinkPeering,
		},
		{
			name: "peering with the return route missing",
			build: func(n *net) (*Subnet, *Endpoint) {
				main, spoke, es, cs, e := twoVPCs(n)
				p := n.peering("aws_vpc_peering_connection.p", main, spoke)
				n.table("aws_route_table.spoke", spoke, []*Subnet{cs}, Route{Destination: "10.20.0.0/16", Target: p.ID})
				n.table("aws_route_table.main", main, []*Subnet{es})
				return cs, e
			},
			want: symbol.False, kind: LinkPeering, reason: "aws_route_table.main has no route for 10.30.1.0/24", missing: 1,
		},
		{
			name: "peering whose route goes elsewhere",
			build: func(n *net) (*Subnet, *Endpoint) {
				main, spoke, es, cs, e := twoVPCs(n)
				p := n.peering("aws_vpc_peering_connection.p", main, spoke)
				n.table("aws_route_table.spoke", spoke, []*Subnet{cs}, Route{Destination: "10.20.0.0/16", Target: "nat-0123"})
				n.table("aws_route_table.main", main, []*Subnet{es}, Route{Destination: "10.30.0.0/16", Target: p.ID})
				return cs, e
			},
			want: symbol.False, kind: LinkPeering, reason: "sends 10.20.0.0/24 to nat-0123", missing: 1,
		},
		{
			name: "a more specific route takes part of the endpoint range (longest prefix wins)",
			build: func(n *net) (*Subnet, *Endpoint) {
				main, spoke, es, cs, e := twoVPCs(n)
				p := n.peering("aws_vpc_peering_connection.p", main, spoke)
				n.table("aws_route_table.spoke", spoke, []*Subnet{cs},
					Route{Destination: "10.20.0.0/16", Target: p.ID}, Route{Destination: "10.20.0.0/25", Target: "tgw-other"})
				n.table("aws_route_table.main", main, []*Subnet{es}, Route{Destination: "10.30.0.0/16", Target: p.ID})
				return cs, e
			},
			want: symbol.False, kind: LinkPeering, reason: "more specific route", missing: 1,
		},
		{
			name: "peering declared the other way round",
			build: func(n *net) (*Subnet, *Endpoint) {
				main, spoke, es, cs, e := twoVPCs(n)
				p := n.peering("aws_vpc_peering_connection.p", spoke, main)
				n.table("aws_route_table.spoke", spoke, []*Subnet{cs}, Route{Destination: "10.20.0.0/16", Target: p.ID})
				n.table("aws_route_table.main", main, []*Subnet{es}, Route{Destination: "10.30.0.0/16", Target: p.ID})
				return cs, e
			},
			want: symbol.True, kind: LinkPeering,
		},
		{
			name: "transit gateway with routes both ways",
			build: func(n *net) (*Subnet, *Endpoint) {
				main, spoke, es, cs, e := twoVPCs(n)
				n.tgw("aws_ec2_transit_gateway_vpc_attachment.main", "tgw-1", main, es)
				n.tgw("aws_ec2_transit_gateway_vpc_attachment.spoke", "tgw-1", spoke, cs)
				n.table("aws_route_table.spoke", spoke, []*Subnet{cs}, Route{Destination: "10.0.0.0/8", Target: "tgw-1"})
				n.table("aws_route_table.main", main, []*Subnet{es}, Route{Destination: "10.30.0.0/16", Target: "tgw-1"})
				return cs, e
			},
			want: symbol.True, kind: LinkTGW,
		},
		{
			name: "transit gateway attachment without a subnet in the client's AZ",
			build: func(n *net) (*Subnet, *Endpoint) {
				main, spoke, es, cs, e := twoVPCs(n)
				other := n.subnet("aws_subnet.spoke_b", spoke, "10.30.2.0/24", "us-east-1b")
				n.tgw("aws_ec2_transit_gateway_vpc_attachment.main", "tgw-1", main, es)
				n.tgw("aws_ec2_transit_gateway_vpc_attachment.spoke", "tgw-1", spoke, other)
				n.table("aws_route_table.spoke", spoke, []*Subnet{cs}, Route{Destination: "10.0.0.0/8", Target: "tgw-1"})
				n.table("aws_route_table.main", main, []*Subnet{es}, Route{Destination: "10.30.0.0/16", Target: "tgw-1"})
				return cs, e
			},
			want: symbol.False, kind: LinkTGW, reason: "has no subnet in us-east-1a",
		},
		{
			name: "attachments to two different transit gateways",
			build: func(n *net) (*Subnet, *Endpoint) {
				main, spoke, es, cs, e := twoVPCs(n)
				n.tgw("aws_ec2_transit_gateway_vpc_attachment.main", "tgw-1", main)
				n.tgw("aws_ec2_transit_gateway_vpc_attachment.spoke", "tgw-2", spoke)
				n.table("aws_route_table.spoke", spoke, []*Subnet{cs}, Route{Destination: "10.20.0.0/16", Target: "tgw-2"})
				n.table("aws_route_table.main", main, []*Subnet{es}, Route{Destination: "10.30.0.0/16", Target: "tgw-1"})
				return cs, e
			},
			want: symbol.False, kind: LinkNone,
		},
		{
			name: "other VPC that exists outside this plan: a connection may be managed elsewhere",
			build: func(n *net) (*Subnet, *Endpoint) {
				_, spoke, _, cs, e := twoVPCs(n)
				spoke.inst.Actions = []string{"no-op"}
				spoke.Actions = spoke.inst.Actions
				return cs, e
			},
			want: symbol.Unknown, kind: LinkNone, reason: "managed elsewhere",
		},
		{
			name: "client VPC id not known",
			build: func(n *net) (*Subnet, *Endpoint) {
				_, _, _, cs, e := twoVPCs(n)
				cs.VPCID = "⟦var.vpc_id#⟧"
				return cs, e
			},
			want: symbol.Unknown,
		},
		{
			name: "route tables of a subnet of another stack",
			build: func(n *net) (*Subnet, *Endpoint) {
				main, spoke, es, cs, e := twoVPCs(n)
				n.peering("aws_vpc_peering_connection.p", main, spoke)
				_ = es
				spoke.inst, spoke.Actions = nil, nil // the VPC and its main table are not in the plan
				return cs, e
			},
			want: symbol.Unknown, kind: LinkPeering, reason: "not in the plan",
		},
	} {
		t.Run(sc.name, func(t *testing.T) {
			n := newNet()
			from, e := sc.build(n)
			l := n.connect(from, e)
			if l.Result != sc.want {
				t.Fatalf("Result = %v, want %v (%s)", l.Result, sc.want, l.Reason)
			}
			if sc.kind != "" && l.Kind != sc.kind {
				t.Errorf("Kind = %v, want %v", l.Kind, sc.kind)
			}
			if !strings.Contains(l.Reason, sc.reason) {
				t.Errorf("Reason %q lacks %q", l.Reason, sc.reason)
			}
			if len(l.Missing) != sc.missing {
				t.Errorf("Missing = %+v, want %d", l.Missing, sc.missing)
			}
			if strings.Contains(l.Reason, "⟦") {
				t.Errorf("Reason shows a raw token: %q", l.Reason)
			}
		})
	}
}

func TestDefaultGroup(t *testing.T) {
	n := newNet()
	main := n.vpc("aws_vpc.main", "10.20.0.0/16")
	dg := n.v.Paths().DefaultGroup(main.ID)
	if dg.Address != "" || !dg.Default || !dg.RulesKnown {
		t.Fatalf("stock default group of a created VPC: %+v", dg)
	}
	var in, out bool
	for _, r := range dg.Rules {
		if !r.Egress && r.Self && r.Protocol == "-1" {
			in = true
		}
		if r.Egress && r.Protocol == "-1" && len(r.CIDRs) == 2 {
			out = true
		}
	}
	if !in || !out {
		t.Errorf("stock rules = %+v, want ingress all from self and egress all", dg.Rules)
	}
	main.inst.Actions = []string{"no-op"}
	main.Actions = main.inst.Actions
	if n.v.Paths().DefaultGroup(main.ID).RulesKnown {
		t.Errorf("stock rules of an existing VPC's unmanaged default group must not be known")
	}
	managed := &SecurityGroup{Node: Node{Address: "aws_default_security_group.d"}, ID: fresh("aws_default_security_group.d"), VPCID: main.ID, Default: true, RulesKnown: true}
	n.v.SecurityGroups = append(n.v.SecurityGroups, managed)
	if got := n.v.Paths().DefaultGroup(main.ID); got != managed {
		t.Errorf("DefaultGroup = %+v, want the managed aws_default_security_group", got)
	}
	if got := n.v.Paths().ResolveGroup(managed.ID); got != managed {
		t.Errorf("ResolveGroup(managed id) = %v", got)
	}
}

func TestEndpointGroups(t *testing.T) {
	n := newNet()
	main := n.vpc("aws_vpc.main", "10.20.0.0/16")
	e := n.endpoint("aws_vpc_endpoint.e", main)
	ids, known, def := n.v.Paths().EndpointGroups(e)
	if !known || !def || len(ids) != 1 || ids[0] != n.v.Paths().DefaultGroup(main.ID).ID {
		t.Errorf("no groups: got %v %v %v, want the VPC's default group", ids, known, def)
	}
	e.SecurityGroupIDs = []string{"sg-1"}
	if ids, known, def := n.v.Paths().EndpointGroups(e); !known || def || ids[0] != "sg-1" {
		t.Errorf("own group: got %v %v %v", ids, known, def)
	}
	e.SGKnown = false
	if _, known, _ := n.v.Paths().EndpointGroups(e); known {
		t.Errorf("unknown groups reported known")
	}
}

func TestEndpointSidesWithoutSubnets(t *testing.T) {
	n := newNet()
	main := n.vpc("aws_vpc.main", "10.20.0.0/16")
	e := n.endpoint("aws_vpc_endpoint.e", main)
	app := n.subnet("aws_subnet.app", main, "10.20.10.0/24", "us-east-1a")
	if l := n.connect(app, e); l.Result != symbol.True || l.Kind != LinkSameVPC {
		t.Errorf("an endpoint with no subnet still sits in its VPC: %+v", l)
	}
}

func TestConnectedVPCs(t *testing.T) {
	n := newNet()
	a, b, c := n.vpc("aws_vpc.a", "10.1.0.0/16"), n.vpc("aws_vpc.b", "10.2.0.0/16"), n.vpc("aws_vpc.c", "10.3.0.0/16")
	n.peering("aws_vpc_peering_connection.ab", a, b)
	n.tgw("aws_ec2_transit_gateway_vpc_attachment.a", "tgw-1", a)
	n.tgw("aws_ec2_transit_gateway_vpc_attachment.c", "tgw-1", c)
	conns, known := n.v.Paths().ConnectedVPCs(a.ID)
	if !known || len(conns) != 2 {
		t.Fatalf("ConnectedVPCs = %+v %v", conns, known)
	}
	got := map[string]LinkKind{}
	for _, cn := range conns {
		got[cn.VPCID] = cn.Kind
	}
	if got[b.ID] != LinkPeering || got[c.ID] != LinkTGW {
		t.Errorf("ConnectedVPCs = %+v", got)
	}
}

func TestAssociated(t *testing.T) {
	n := newNet()
	main := n.vpc("aws_vpc.main", "10.20.0.0/16")
	e := n.endpoint("aws_vpc_endpoint.e", main)
	other := n.endpoint("aws_vpc_endpoint.other", main)
	a := &API{Node: Node{Address: "aws_api_gateway_rest_api.api"}, VPCEndpointIDs: []string{e.ID}, VPCEndpointIDsKnown: true}
	if got := n.v.Paths().Associated(a, e); got != symbol.True {
		t.Errorf("listed endpoint: %v", got)
	}
	if got := n.v.Paths().Associated(a, other); got != symbol.False {
		t.Errorf("other fresh endpoint: %v", got)
	}
	a.VPCEndpointIDs = []string{"⟦var.vpce#⟧"}
	if got := n.v.Paths().Associated(a, e); got != symbol.Unknown {
		t.Errorf("id known after apply: %v", got)
	}
	a.VPCEndpointIDs, a.VPCEndpointIDsKnown = nil, false
	if got := n.v.Paths().Associated(a, e); got != symbol.Unknown {
		t.Errorf("unknown list: %v", got)
	}
}

func TestFormScanner(t *testing.T) {
	v := &View{}
	api := &API{Node: Node{Address: "aws_api_gateway_rest_api.api"}, ID: fresh("aws_api_gateway_rest_api.api"),
		Stages: []*Stage{{Node: Node{Address: "aws_api_gateway_stage.prod"}, Name: "prod"}}}
	e := &Endpoint{Node: Node{Address: "aws_vpc_endpoint.e"}, ID: fresh("aws_vpc_endpoint.e"), ServiceName: "com.amazonaws.us-east-1.execute-api"}
	d := &Domain{Node: Node{Address: "aws_api_gateway_domain_name.d"}, Name: "api.internal.example.com", APIIDs: []string{api.ID}, Private: symbol.True}
	v.APIs, v.Endpoints, v.Domains = []*API{api}, []*Endpoint{e}, []*Domain{d}
	invoke := symbol.Ref{Address: "aws_api_gateway_stage.prod", Attr: "invoke_url"}.Token()
	dns := symbol.Ref{Address: "aws_vpc_endpoint.e", Attr: "dns_entry[0].dns_name"}.Token()
	for _, tc := range []struct {
		name     string
		strs     []string
		refs     []string
		private  symbol.Tri
		alias    int
		host     bool
		domains  int
		evidence string
	}{
		{name: "stage invoke_url", strs: []string{"URL=" + invoke + "/orders"}, private: symbol.True, evidence: "aws_api_gateway_stage.prod.invoke_url"},
		{name: "plain reference", refs: []string{"aws_api_gateway_stage.prod.invoke_url"}, private: symbol.True},
		{name: "private DNS name built from the id", strs: []string{"https://" + api.ID + ".execute-api.us-east-1.amazonaws.com/prod"}, private: symbol.True},
		{name: "alias with the endpoint id", strs: []string{"https://" + api.ID + "-" + e.ID + ".execute-api.us-east-1.amazonaws.com/prod"}, private: symbol.False, alias: 1},
		{name: "alias with a literal vpce id", strs: []string{"https://" + api.ID + "-vpce-0abc123.execute-api.us-east-1.amazonaws.com"}, private: symbol.False, alias: 1},
		{name: "endpoint hostname with a Host header", strs: []string{"https://" + dns + "/prod", "Host: x"}, private: symbol.False, host: true},
		{name: "custom domain", strs: []string{"https://api.internal.example.com/v1"}, private: symbol.False, domains: 1},
		{name: "only the API id", strs: []string{"API_ID=" + api.ID}, private: symbol.Unknown},
		{name: "private DNS wins over another form", strs: []string{invoke, "https://" + dns}, private: symbol.True, host: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sc := v.Paths().NewFormScanner(api)
			for _, s := range tc.strs {
				sc.Scan(s)
			}
			for _, r := range tc.refs {
				sc.ScanRef(r)
			}
			f := sc.Forms()
			if f.PrivateDNS != tc.private || len(f.Alias) != tc.alias || f.EndpointHost != tc.host || len(f.Domains) != tc.domains {
				t.Errorf("forms = %+v", f)
			}
			if tc.evidence != "" && f.Evidence != tc.evidence {
				t.Errorf("Evidence = %q, want %q", f.Evidence, tc.evidence)
			}
		})
	}
}

func TestRoutesOfAssociatedTable(t *testing.T) {
	n := newNet()
	main := n.vpc("aws_vpc.main", "10.20.0.0/16")
	s := n.subnet("aws_subnet.a", main, "10.20.1.0/24", "us-east-1a")
	n.table("aws_route_table.a", main, []*Subnet{s}, Route{Destination: "0.0.0.0/0", Target: "igw-1"})
	routes, table, ref, known := n.v.Paths().RoutesOf(s)
	if !known || table != "aws_route_table.a" || ref != "aws_route_table.a.id" {
		t.Fatalf("RoutesOf = %v %q %q %v", routes, table, ref, known)
	}
	if len(routes) != 2 || routes[0].Target != "local" || routes[0].Destination != "10.20.0.0/16" {
		t.Errorf("routes = %+v, want the local route first", routes)
	}
	orphan := n.subnet("aws_subnet.b", main, "10.20.2.0/24", "us-east-1b")
	if _, _, _, known := n.v.Paths().RoutesOf(orphan); known {
		t.Errorf("the main table of a VPC is not known without the model")
	}
}

func TestTFRef(t *testing.T) {
	if got := TFRef(fresh("aws_security_group.client")); got != "aws_security_group.client.id" {
		t.Errorf("TFRef(token) = %q", got)
	}
	if got := TFRef("sg-123"); got != `"sg-123"` {
		t.Errorf("TFRef(literal) = %q", got)
	}
}
