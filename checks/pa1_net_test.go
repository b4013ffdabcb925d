package checks

import (
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// A small hand-built view: one VPC with an endpoint, a client, their
// groups; tests then change one thing at a time.

func tok(addr string) string { return symbol.Ref{Address: addr, Attr: "id", Fresh: true}.Token() }

type world struct {
	v        *topology.View
	main     *topology.VPC
	epSubs   []*topology.Subnet
	app      *topology.Subnet
	epSG     *topology.SecurityGroup
	clientSG *topology.SecurityGroup
	ep       *topology.Endpoint
	api      *topology.API
	client   *topology.Client
}

func created(addr string) topology.Node {
	return topology.Node{Address: addr, Actions: []string{"create"}}
}

func (w *world) vpc(addr, cidr string) *topology.VPC {
	x := &topology.VPC{Node: created(addr), ID: tok(addr), CIDRs: []string{cidr}, CIDRsKnown: true, DNSSupport: symbol.True, DNSHostnames: symbol.True, Region: "us-east-1"}
	w.v.VPCs = append(w.v.VPCs, x)
	return x
}

func (w *world) subnet(addr string, vpc *topology.VPC, cidr, az string) *topology.Subnet {
	s := &topology.Subnet{Node: topology.Node{Address: addr}, ID: tok(addr), VPCID: vpc.ID, CIDR: cidr, AZ: az}
	w.v.Subnets = append(w.v.Subnets, s)
	return s
}

func (w *world) sg(addr string, vpc *topology.VPC, rules ...topology.Rule) *topology.SecurityGroup {
	for i := range rules {
		rules[i].Known = true
		if rules[i].Origin == "" {
			rules[i].Origin = addr
		}
	}
	g := &topology.SecurityGroup{Node: topology.Node{Address: addr}, ID: tok(addr), VPCID: vpc.ID, Rules: rules, RulesKnown: true, Created: true}
	w.v.SecurityGroups = append(w.v.SecurityGroups, g)
	return g
}

func tcp443(egress bool, cidrs []string, groups ...string) topology.Rule {
	return topology.Rule{Egress: egress, Protocol: "tcp", FromPort: 443, ToPort: 443, CIDRs: cidrs, SecurityGroups: groups, Known: true, Origin: "aws_vpc_security_group_ingress_rule.r"}
}

// newWorld: aws_vpc.main 10.20.0.0/16, endpoint in two AZs with its own
// group admitting the client group, client in 10.20.10.0/24 with egress
// 443 to the endpoint group, calling the stage invoke URL.
func newWorld() *world {
	w := &world{v: &topology.View{}}
	w.main = w.vpc("aws_vpc.main", "10.20.0.0/16")
	w.epSubs = []*topology.Subnet{
		w.subnet("aws_subnet.endpoint[0]", w.main, "10.20.0.0/24", "us-east-1a"),
		w.subnet("aws_subnet.endpoint[1]", w.main, "10.20.1.0/24", "us-east-1b"),
	}
	w.app = w.subnet("aws_subnet.app", w.main, "10.20.10.0/24", "us-east-1a")
	w.clientSG = w.sg("aws_security_group.client", w.main)
	w.epSG = w.sg("aws_security_group.endpoint", w.main, tcp443(false, nil, w.clientSG.ID))
	w.clientSG.Rules = append(w.clientSG.Rules, topology.Rule{Egress: true, Protocol: "tcp", FromPort: 443, ToPort: 443, SecurityGroups: []string{w.epSG.ID}, Known: true, Origin: "aws_security_group.client"})
	w.ep = &topology.Endpoint{Node: topology.Node{Address: "aws_vpc_endpoint.execute_api"}, ID: tok("aws_vpc_endpoint.execute_api"),
		ServiceName: "com.amazonaws.us-east-1.execute-api", Region: "us-east-1", Type: "Interface", VPCID: w.main.ID,
		SubnetIDs: []string{w.epSubs[0].ID, w.epSubs[1].ID}, SubnetsKnown: true, SecurityGroupIDs: []string{w.epSG.ID}, SGKnown: true, PrivateDNS: symbol.True}
	w.v.Endpoints = []*topology.Endpoint{w.ep}
	w.api = &topology.API{Node: topology.Node{Address: "aws_api_gateway_rest_api.api"}, ID: tok("aws_api_gateway_rest_api.api"), Region: "us-east-1",
		Types: []string{"PRIVATE"}, Private: symbol.True, VPCEndpointIDs: []string{w.ep.ID}, VPCEndpointIDsKnown: true, DisableExecuteAPI: symbol.False,
		Stages: []*topology.Stage{{Node: topology.Node{Address: "aws_api_gateway_stage.prod"}, Name: "prod", NameKnown: true}}}
	w.v.APIs = []*topology.API{w.api}
	w.client = &topology.Client{Node: topology.Node{Address: "aws_instance.client"}, Kind: topology.ClientInstance, APIs: []string{w.api.Address},
		Refs: map[string]string{w.api.Address: "aws_api_gateway_stage.prod.invoke_url"}, UsesPrivateDNSName: symbol.True,
		SubnetIDs: []string{w.app.ID}, SubnetsKnown: true, SecurityGroupIDs: []string{w.clientSG.ID}, SGKnown: true}
	w.v.Clients = []*topology.Client{w.client}
	return w
}

// run runs one check and returns its results.
func run(t *testing.T, id string, v *topology.View) []finding.Result {
	t.Helper()
	c := Lookup(id)
	if c == nil {
		t.Fatalf("check %s not registered", id)
	}
	r := NewReporter(c)
	c.Run(v, r)
	for _, res := range r.Results() {
		if strings.Contains(res.Message, "⟦") || strings.Contains(res.Fix, "⟦") {
			t.Errorf("%s shows a raw token: %s / %s", id, res.Message, res.Fix)
		}
	}
	return r.Results()
}

// only expects exactly one result with the status (and severity).
func only(t *testing.T, rs []finding.Result, st finding.Status, addr string, contains ...string) finding.Result {
	t.Helper()
	if len(rs) != 1 {
		t.Fatalf("got %d results, want 1: %+v", len(rs), rs)
	}
	r := rs[0]
	if r.Status != st || (addr != "" && r.Address != addr) {
		t.Fatalf("got %s at %s (%s), want %s at %s", r.Status, r.Address, r.Message, st, addr)
	}
	for _, c := range contains {
		if !strings.Contains(r.Message+" "+r.Fix, c) {
			t.Errorf("message/fix lacks %q:\n%s\n%s", c, r.Message, r.Fix)
		}
	}
	return r
}

func TestWorldPasses(t *testing.T) {
	w := newWorld()
	for _, id := range []string{"PA101", "PA102", "PA103", "PA104", "PA110", "PA111", "PA112", "PA113", "PA114", "PA401", "PA402", "PA404", "PA405"} {
		for _, r := range run(t, id, w.v) {
			if r.Status != finding.Pass {
				t.Errorf("%s: %s at %s: %s", id, r.Status, r.Address, r.Message)
			}
		}
	}
}

func TestEndpointsFor(t *testing.T) {
	t.Run("vpc_endpoint_ids", func(t *testing.T) {
		w := newWorld()
		other := *w.ep
		other.Address, other.ID = "aws_vpc_endpoint.other", tok("aws_vpc_endpoint.other")
		other.VPCID = tok("aws_vpc.elsewhere")
		w.v.Endpoints = append(w.v.Endpoints, &other)
		w.v.Clients = nil
		refs := reach.EndpointsFor(w.v, w.api)
		if len(refs) != 1 || refs[0].Endpoint != w.ep || refs[0].Source != reach.FromAssociation || refs[0].Match != symbol.True {
			t.Errorf("EndpointsFor = %+v", refs)
		}
	})
	t.Run("client VPC", func(t *testing.T) {
		w := newWorld()
		w.api.VPCEndpointIDs = nil
		refs := reach.EndpointsFor(w.v, w.api)
		if len(refs) != 1 || refs[0].Source != reach.FromClientVPC {
			t.Errorf("EndpointsFor = %+v", refs)
		}
	})
	t.Run("region fallback, unknown region may match", func(t *testing.T) {
		w := newWorld()
		w.api.VPCEndpointIDs, w.v.Clients = nil, nil
		west := *w.ep
		west.Address, west.ID, west.Region, west.ServiceName = "aws_vpc_endpoint.west", tok("aws_vpc_endpoint.west"), "us-west-2", "com.amazonaws.us-west-2.execute-api"
		unknown := *w.ep
		unknown.Address, unknown.ID, unknown.Region, unknown.ServiceName = "aws_vpc_endpoint.unknown", tok("aws_vpc_endpoint.unknown"), "", "com.amazonaws.⟦var.region#⟧.execute-api"
		w.v.Endpoints = append(w.v.Endpoints, &west, &unknown)
		refs := reach.EndpointsFor(w.v, w.api)
		got := map[string]symbol.Tri{}
		for _, r := range refs {
			if r.Source != reach.FromRegion {
				t.Errorf("%s source %s", r.Endpoint.Address, r.Source)
			}
			got[r.Endpoint.Address] = r.Match
		}
		if len(got) != 2 || got["aws_vpc_endpoint.execute_api"] != symbol.True || got["aws_vpc_endpoint.unknown"] != symbol.Unknown {
			t.Errorf("EndpointsFor = %v", got)
		}
	})
	t.Run("id known only after apply matches with Unknown", func(t *testing.T) {
		w := newWorld()
		w.api.VPCEndpointIDs, w.v.Clients = []string{"⟦var.vpce_id#⟧"}, nil
		refs := reach.EndpointsFor(w.v, w.api)
		if len(refs) != 1 || refs[0].Match != symbol.Unknown {
			t.Errorf("EndpointsFor = %+v", refs)
		}
	})
	t.Run("declared endpoint", func(t *testing.T) {
		w := newWorld()
		w.api.VPCEndpointIDs, w.v.Clients = nil, nil
		w.ep.Declared = true
		refs := reach.EndpointsFor(w.v, w.api)
		if len(refs) != 1 || refs[0].Source != reach.FromDeclared {
			t.Errorf("EndpointsFor = %+v", refs)
		}
	})
}

func TestPairs(t *testing.T) {
	t.Run("no client: endpoint alone", func(t *testing.T) {
		w := newWorld()
		w.v.Clients = nil
		ps := reach.Pairs(w.v)
		if len(ps) != 1 || ps[0].Client != nil || ps[0].Endpoint != w.ep {
			t.Fatalf("Pairs = %+v", ps)
		}
		if s := pairSubject(ps[0], "aws_security_group.endpoint"); s.API != w.api || !strings.Contains(s.Describe, "no known client") {
			t.Errorf("Subject = %+v", s)
		}
	})
	t.Run("own VPC preferred over a peered one", func(t *testing.T) {
		w := newWorld()
		spoke := w.vpc("aws_vpc.spoke", "10.30.0.0/16")
		ss := w.subnet("aws_subnet.spoke", spoke, "10.30.0.0/24", "us-east-1a")
		remote := &topology.Endpoint{Node: topology.Node{Address: "aws_vpc_endpoint.spoke"}, ID: tok("aws_vpc_endpoint.spoke"), ServiceName: w.ep.ServiceName,
			Region: "us-east-1", Type: "Interface", VPCID: spoke.ID, SubnetIDs: []string{ss.ID}, SubnetsKnown: true, SGKnown: true}
		w.v.Endpoints = append(w.v.Endpoints, remote)
		w.api.VPCEndpointIDs = append(w.api.VPCEndpointIDs, remote.ID)
		p := &topology.Peering{Node: topology.Node{Address: "aws_vpc_peering_connection.p"}, ID: tok("aws_vpc_peering_connection.p"), VPCID: w.main.ID, PeerVPCID: spoke.ID}
		w.v.Peerings = append(w.v.Peerings, p)
		ps := reach.Pairs(w.v)
		if len(ps) != 1 || ps[0].Endpoint != w.ep || ps[0].Link.Kind != topology.LinkSameVPC {
			t.Errorf("Pairs = %+v", ps)
		}
	})
	t.Run("unreachable client makes no pair", func(t *testing.T) {
		w := newWorld()
		w.client.NoVPC, w.client.SubnetIDs = true, nil
		if ps := reach.Pairs(w.v); len(ps) != 0 {
			t.Errorf("Pairs = %+v", ps)
		}
	})
	t.Run("API that may be private is included", func(t *testing.T) {
		w := newWorld()
		w.api.Private = symbol.Unknown
		if ps := reach.Pairs(w.v); len(ps) != 1 {
			t.Errorf("Pairs = %+v", ps)
		}
		w.api.Private = symbol.False
		if ps := reach.Pairs(w.v); len(ps) != 0 {
			t.Errorf("public API in Pairs: %+v", ps)
		}
	})
}

func TestPA101(t *testing.T) {
	w := newWorld()
	w.ep.Type = "Gateway"
	only(t, run(t, "PA101", w.v), finding.Fail, w.api.Address, "type Gateway", "vpc_endpoint_type   = \"Interface\"")
	w.ep.Type = "⟦var.type#⟧"
	only(t, run(t, "PA101", w.v), finding.Unverified, w.api.Address)
	w.ep.Type = "Interface"
	w.api.Private = symbol.Unknown
	w.v.Endpoints = nil
	only(t, run(t, "PA101", w.v), finding.Unverified, w.api.Address, "PRIVATE is known only after apply")
}

func TestPA102(t *testing.T) {
	w := newWorld()
	w.ep.Type, w.ep.TypeDefaulted = "Gateway", true
	only(t, run(t, "PA102", w.v), finding.Fail, w.ep.Address, "default is \"Gateway\"", `vpc_endpoint_type = "Interface"`)
}

func TestPA103(t *testing.T) {
	w := newWorld()
	w.ep.Region, w.ep.ServiceName = "us-west-2", "com.amazonaws.us-west-2.execute-api"
	only(t, run(t, "PA103", w.v), finding.Fail, w.ep.Address, "us-west-2")
	w.ep.Region, w.ep.ServiceName = "us-east-1", "com.amazonaws.us-east-1.execute-api"
	w.ep.ServiceRegion = "eu-west-1"
	only(t, run(t, "PA103", w.v), finding.Fail, w.ep.Address, "service_region: eu-west-1")
	w.ep.ServiceRegion = ""
	w.api.Region = ""
	w.api.ExecutionARN = "arn:aws:execute-api:us-east-1:123456789012:abc123"
	only(t, run(t, "PA103", w.v), finding.Pass, w.ep.Address)
	w.api.ExecutionARN = ""
	only(t, run(t, "PA103", w.v), finding.Unverified, w.ep.Address)
}

func TestPA104(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(w *world)
		status finding.Status
		sev    finding.Severity
		says   string
	}{
		{"two AZs", func(w *world) {}, finding.Pass, finding.Error, ""},
		{"no subnets", func(w *world) { w.ep.SubnetIDs = nil }, finding.Fail, finding.Error, "no subnets"},
		{"subnets unknown", func(w *world) { w.ep.SubnetsKnown = false }, finding.Unverified, finding.Error, "known only after apply"},
		{"two subnets in one AZ", func(w *world) { w.epSubs[1].AZ = "us-east-1a" }, finding.Fail, finding.Error, "us-east-1a"},
		{"single AZ is info", func(w *world) { w.ep.SubnetIDs = w.ep.SubnetIDs[:1] }, finding.Fail, finding.Info, "single Availability Zone"},
		{"AZ unknown", func(w *world) { w.epSubs[1].AZ = "⟦aws_subnet.endpoint[1]#availability_zone⟧" }, finding.Unverified, finding.Error, "aws_subnet.endpoint[1]"},
		{"subnet of another stack", func(w *world) { w.ep.SubnetIDs = append(w.ep.SubnetIDs, "subnet-0abc") }, finding.Unverified, finding.Error, "subnet-0abc"},
		{"subnet of another VPC", func(w *world) { w.epSubs[1].VPCID = tok("aws_vpc.other") }, finding.Fail, finding.Error, "another VPC"},
		{"Gateway endpoints are PA102's", func(w *world) { w.ep.Type = "Gateway" }, "", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld()
			tc.change(w)
			rs := run(t, "PA104", w.v)
			if tc.status == "" {
				if len(rs) != 0 {
					t.Errorf("got %+v", rs)
				}
				return
			}
			r := only(t, rs, tc.status, w.ep.Address, tc.says)
			if r.Severity != tc.sev {
				t.Errorf("severity %v, want %v", r.Severity, tc.sev)
			}
		})
	}
}

func TestPA110(t *testing.T) {
	t.Run("Lambda without vpc_config", func(t *testing.T) {
		w := newWorld()
		w.client.Kind, w.client.NoVPC, w.client.SubnetIDs, w.client.SecurityGroupIDs = topology.ClientLambda, true, nil, nil
		only(t, run(t, "PA110", w.v), finding.Fail, "aws_instance.client", "no vpc_config", "vpc_config {")
	})
	t.Run("other VPC, not connected", func(t *testing.T) {
		w := newWorld()
		batch := w.vpc("aws_vpc.batch", "10.30.0.0/16")
		w.app.VPCID, w.app.CIDR = batch.ID, "10.30.1.0/24"
		only(t, run(t, "PA110", w.v), finding.Fail, "aws_instance.client", "aws_vpc.batch", "aws_vpc_peering_connection")
	})
	t.Run("peered VPC with a route one way only", func(t *testing.T) {
		w := newWorld()
		spoke := w.vpc("aws_vpc.spoke", "10.30.0.0/16")
		w.app.VPCID, w.app.CIDR = spoke.ID, "10.30.1.0/24"
		p := &topology.Peering{Node: topology.Node{Address: "aws_vpc_peering_connection.p"}, ID: tok("aws_vpc_peering_connection.p"), VPCID: w.main.ID, PeerVPCID: spoke.ID}
		w.v.Peerings = []*topology.Peering{p}
		w.v.RouteTables = []*topology.RouteTable{
			{Node: topology.Node{Address: "aws_route_table.spoke"}, ID: tok("aws_route_table.spoke"), VPCID: spoke.ID, SubnetIDs: []string{w.app.ID},
				Routes: []topology.Route{{Destination: "10.20.0.0/16", Target: p.ID}}},
			{Node: topology.Node{Address: "aws_route_table.main"}, ID: tok("aws_route_table.main"), VPCID: w.main.ID, SubnetIDs: []string{w.epSubs[0].ID, w.epSubs[1].ID}},
		}
		only(t, run(t, "PA110", w.v), finding.Fail, "aws_instance.client", "aws_route_table.main has no route for 10.30.1.0/24",
			"route_table_id            = aws_route_table.main.id", "vpc_peering_connection_id = aws_vpc_peering_connection.p.id")
		w.v.RouteTables[1].Routes = []topology.Route{{Destination: "10.30.0.0/16", Target: p.ID}}
		only(t, run(t, "PA110", w.v), finding.Pass, "aws_instance.client")
	})
	t.Run("subnets unknown", func(t *testing.T) {
		w := newWorld()
		w.client.SubnetIDs, w.client.SubnetsKnown = nil, false
		only(t, run(t, "PA110", w.v), finding.Unverified, "aws_instance.client")
	})
	t.Run("no endpoint at all", func(t *testing.T) {
		w := newWorld()
		w.v.Endpoints = nil
		only(t, run(t, "PA110", w.v), finding.Fail, "aws_instance.client", "PA101")
	})
}

func TestPA111(t *testing.T) {
	t.Run("CIDR covering part of the client subnet", func(t *testing.T) {
		w := newWorld()
		w.epSG.Rules = []topology.Rule{tcp443(false, []string{"10.20.10.0/25"})}
		only(t, run(t, "PA111", w.v), finding.Fail, "aws_security_group.endpoint", "10.20.10.128/25",
			`resource "aws_vpc_security_group_ingress_rule"`, "referenced_security_group_id = aws_security_group.client.id")
	})
	t.Run("protocol forms and port ranges", func(t *testing.T) {
		for _, r := range []topology.Rule{
			{Protocol: "6", FromPort: 443, ToPort: 443, CIDRs: []string{"10.20.0.0/16"}},
			{Protocol: "TCP", FromPort: 0, ToPort: 1023, CIDRs: []string{"10.20.10.0/24"}},
			{Protocol: "-1", CIDRs: []string{"0.0.0.0/0"}},
			{Protocol: "all", SecurityGroups: []string{tok("aws_security_group.client")}},
		} {
			w := newWorld()
			r.Known, r.Origin = true, "rule"
			w.epSG.Rules = []topology.Rule{r}
			only(t, run(t, "PA111", w.v), finding.Pass, "aws_security_group.endpoint")
		}
		w := newWorld()
		w.epSG.Rules = []topology.Rule{{Protocol: "udp", FromPort: 443, ToPort: 443, CIDRs: []string{"0.0.0.0/0"}, Known: true}, {Protocol: "tcp", FromPort: 80, ToPort: 80, CIDRs: []string{"0.0.0.0/0"}, Known: true}}
		only(t, run(t, "PA111", w.v), finding.Fail, "aws_security_group.endpoint")
	})
	t.Run("self when the client shares the endpoint's group", func(t *testing.T) {
		w := newWorld()
		w.epSG.Rules = []topology.Rule{{Protocol: "tcp", FromPort: 443, ToPort: 443, Self: true, Known: true}}
		w.client.SecurityGroupIDs = []string{w.epSG.ID}
		only(t, run(t, "PA111", w.v), finding.Pass, "aws_security_group.endpoint")
	})
	t.Run("client CIDR known only after apply", func(t *testing.T) {
		w := newWorld()
		w.app.CIDR = "⟦aws_subnet.app#cidr_block⟧"
		w.epSG.Rules = []topology.Rule{tcp443(false, []string{"10.0.0.0/8"})}
		only(t, run(t, "PA111", w.v), finding.Unverified, "aws_security_group.endpoint", "${aws_subnet.app.cidr_block}")
	})
	t.Run("rules known only after apply never pass", func(t *testing.T) {
		w := newWorld()
		w.epSG.Rules, w.epSG.RulesKnown = nil, false
		only(t, run(t, "PA111", w.v), finding.Unverified, "aws_security_group.endpoint")
	})
	t.Run("endpoint on the VPC's stock default group, client too", func(t *testing.T) {
		w := newWorld()
		w.ep.SecurityGroupIDs = nil
		dg := w.v.Paths().DefaultGroup(w.main.ID).ID
		w.client.SecurityGroupIDs = []string{dg}
		only(t, run(t, "PA111", w.v), finding.Pass, w.ep.Address)
	})
	t.Run("no client: admitted from inside the VPC", func(t *testing.T) {
		w := newWorld()
		w.v.Clients = nil
		w.epSG.Rules = []topology.Rule{tcp443(false, []string{"10.20.0.0/16"})}
		only(t, run(t, "PA111", w.v), finding.Pass, "aws_security_group.endpoint")
		w.epSG.Rules = []topology.Rule{tcp443(false, []string{"192.168.0.0/16"})}
		only(t, run(t, "PA111", w.v), finding.Fail, "aws_security_group.endpoint", "192.168.0.0/16", "cidr_ipv4         = aws_vpc.main.cidr_block")
		w.epSG.Rules = []topology.Rule{tcp443(false, nil, tok("aws_security_group.anyone"))}
		only(t, run(t, "PA111", w.v), finding.Pass, "aws_security_group.endpoint")
	})
	t.Run("no client: a connected VPC counts", func(t *testing.T) {
		w := newWorld()
		w.v.Clients = nil
		spoke := w.vpc("aws_vpc.spoke", "192.168.0.0/16")
		w.v.Peerings = []*topology.Peering{{Node: topology.Node{Address: "aws_vpc_peering_connection.p"}, ID: tok("aws_vpc_peering_connection.p"), VPCID: w.main.ID, PeerVPCID: spoke.ID}}
		w.epSG.Rules = []topology.Rule{tcp443(false, []string{"192.168.4.0/24"})}
		only(t, run(t, "PA111", w.v), finding.Pass, "aws_security_group.endpoint")
	})
	t.Run("group reference across a transit gateway", func(t *testing.T) {
		w := newWorld()
		spoke := w.vpc("aws_vpc.spoke", "10.30.0.0/16")
		w.app.VPCID, w.app.CIDR = spoke.ID, "10.30.1.0/24"
		w.v.TGWAttachments = []*topology.TGWAttachment{
			{Node: topology.Node{Address: "aws_ec2_transit_gateway_vpc_attachment.main"}, TGWID: "tgw-1", VPCID: w.main.ID, SubnetIDs: []string{w.epSubs[0].ID, w.epSubs[1].ID}},
			{Node: topology.Node{Address: "aws_ec2_transit_gateway_vpc_attachment.spoke"}, TGWID: "tgw-1", VPCID: spoke.ID, SubnetIDs: []string{w.app.ID}},
		}
		w.v.RouteTables = []*topology.RouteTable{
			{Node: topology.Node{Address: "aws_route_table.spoke"}, ID: tok("aws_route_table.spoke"), VPCID: spoke.ID, SubnetIDs: []string{w.app.ID}, Routes: []topology.Route{{Destination: "10.20.0.0/16", Target: "tgw-1"}}},
			{Node: topology.Node{Address: "aws_route_table.main"}, ID: tok("aws_route_table.main"), VPCID: w.main.ID, SubnetIDs: []string{w.epSubs[0].ID, w.epSubs[1].ID}, Routes: []topology.Route{{Destination: "10.30.0.0/16", Target: "tgw-1"}}},
		}
		only(t, run(t, "PA110", w.v), finding.Pass, "aws_instance.client")
		// the gateway is not in the plan: whether group references work is unknown
		only(t, run(t, "PA111", w.v), finding.Unverified, "aws_security_group.endpoint", "security_group_referencing_support", `cidr_ipv4         = "10.30.1.0/24"`)
		w.epSG.Rules = append(w.epSG.Rules, tcp443(false, []string{"10.30.0.0/16"}))
		only(t, run(t, "PA111", w.v), finding.Pass, "aws_security_group.endpoint")
	})
}

func TestPA112(t *testing.T) {
	w := newWorld()
	w.clientSG.Rules = []topology.Rule{{Protocol: "tcp", FromPort: 22, ToPort: 22, CIDRs: []string{"10.0.0.0/8"}, Known: true, Origin: "aws_security_group.client"}}
	r := only(t, run(t, "PA112", w.v), finding.Fail, "aws_security_group.client", "Terraform removes AWS's default allow-all egress")
	if !strings.Contains(r.Fix, "egress block to aws_security_group.client") || !strings.Contains(r.Fix, "security_groups = [aws_security_group.endpoint.id]") {
		t.Errorf("fix for an inline group: %s", r.Fix)
	}
	// a CIDR that holds only one of the endpoint subnets is not enough
	w.clientSG.Rules = []topology.Rule{{Egress: true, Protocol: "tcp", FromPort: 443, ToPort: 443, CIDRs: []string{"10.20.0.0/24"}, Known: true, Origin: "aws_vpc_security_group_egress_rule.x"}}
	only(t, run(t, "PA112", w.v), finding.Fail, "aws_security_group.client", "10.20.1.0/24")
	w.clientSG.Rules[0].CIDRs = []string{"10.20.0.0/23"}
	only(t, run(t, "PA112", w.v), finding.Pass, "aws_security_group.client")
	// client groups unknown until apply
	w.client.SecurityGroupIDs, w.client.SGKnown = nil, false
	only(t, run(t, "PA112", w.v), finding.Unverified, "aws_instance.client")
}

func TestPA113(t *testing.T) {
	w := newWorld()
	only(t, run(t, "PA113", w.v), finding.Pass, w.ep.Address)
	w.ep.SecurityGroupIDs, w.ep.DefaultSG = nil, true
	r := only(t, run(t, "PA113", w.v), finding.Fail, w.ep.Address, "stock rules")
	if r.Severity != finding.Warning {
		t.Errorf("severity %v", r.Severity)
	}
	managed := &topology.SecurityGroup{Node: topology.Node{Address: "aws_default_security_group.default"}, ID: tok("aws_default_security_group.default"), VPCID: w.main.ID, Default: true, RulesKnown: true}
	w.v.SecurityGroups = append(w.v.SecurityGroups, managed)
	only(t, run(t, "PA113", w.v), finding.Fail, w.ep.Address, "aws_default_security_group.default manages that group")
	// and the lockdown leaves nothing admitted
	only(t, run(t, "PA111", w.v), finding.Fail, "aws_default_security_group.default")
	w.ep.SGKnown = false
	only(t, run(t, "PA113", w.v), finding.Unverified, w.ep.Address)
}

func TestPA114(t *testing.T) {
	nacl := func(w *world, rules ...topology.ACLRule) *topology.NACL {
		for i := range rules {
			rules[i].Known = true
			rules[i].Origin = "aws_network_acl_rule.r"
		}
		n := &topology.NACL{Node: topology.Node{Address: "aws_network_acl.endpoint"}, ID: tok("aws_network_acl.endpoint"), VPCID: w.main.ID,
			SubnetIDs: []string{w.epSubs[0].ID, w.epSubs[1].ID}, Rules: rules, RulesKnown: true}
		w.v.NACLs = []*topology.NACL{n}
		return n
	}
	allowIn443 := topology.ACLRule{Number: 100, Protocol: "tcp", FromPort: 443, ToPort: 443, CIDR: "10.20.0.0/16", Allow: true}
	allowOutEph := topology.ACLRule{Number: 100, Egress: true, Protocol: "tcp", FromPort: 1024, ToPort: 65535, CIDR: "10.20.0.0/16", Allow: true}
	t.Run("default NACLs allow all", func(t *testing.T) {
		w := newWorld()
		only(t, run(t, "PA114", w.v), finding.Pass, w.ep.Address)
	})
	t.Run("both directions allowed", func(t *testing.T) {
		w := newWorld()
		nacl(w, allowIn443, allowOutEph)
		only(t, run(t, "PA114", w.v), finding.Pass, "aws_network_acl.endpoint")
	})
	t.Run("a deny numbered first wins", func(t *testing.T) {
		w := newWorld()
		deny := topology.ACLRule{Number: 90, Protocol: "tcp", FromPort: 443, ToPort: 443, CIDR: "10.20.8.0/21"}
		nacl(w, allowIn443, deny, allowOutEph)
		only(t, run(t, "PA114", w.v), finding.Fail, "aws_network_acl.endpoint", "rule 90", "rule_number    = 89")
	})
	t.Run("no ephemeral return ports", func(t *testing.T) {
		w := newWorld()
		nacl(w, allowIn443, topology.ACLRule{Number: 100, Egress: true, Protocol: "tcp", FromPort: 443, ToPort: 443, CIDR: "10.20.0.0/16", Allow: true})
		only(t, run(t, "PA114", w.v), finding.Fail, "aws_network_acl.endpoint", "1024-65535", "from_port      = 1024")
	})
	t.Run("client side NACL", func(t *testing.T) {
		w := newWorld()
		w.v.NACLs = []*topology.NACL{{Node: topology.Node{Address: "aws_network_acl.app"}, ID: tok("aws_network_acl.app"), VPCID: w.main.ID, SubnetIDs: []string{w.app.ID}, RulesKnown: true,
			Rules: []topology.ACLRule{{Number: 100, Egress: true, Protocol: "-1", CIDR: "0.0.0.0/0", Allow: true, Known: true, Origin: "aws_network_acl.app"}}}}
		only(t, run(t, "PA114", w.v), finding.Fail, "aws_network_acl.app", "inbound replies", "ingress {")
	})
	t.Run("rules known only after apply", func(t *testing.T) {
		w := newWorld()
		n := nacl(w, allowIn443, allowOutEph)
		n.RulesKnown = false
		only(t, run(t, "PA114", w.v), finding.Unverified, "aws_network_acl.endpoint")
	})
	t.Run("no client: some range of the VPC must pass", func(t *testing.T) {
		w := newWorld()
		w.v.Clients = nil
		nacl(w, topology.ACLRule{Number: 100, Protocol: "tcp", FromPort: 443, ToPort: 443, CIDR: "10.20.10.0/24", Allow: true},
			topology.ACLRule{Number: 100, Egress: true, Protocol: "tcp", FromPort: 1024, ToPort: 65535, CIDR: "10.20.10.0/24", Allow: true})
		only(t, run(t, "PA114", w.v), finding.Pass, "aws_network_acl.endpoint")
		nacl(w, allowIn443)
		only(t, run(t, "PA114", w.v), finding.Fail, "aws_network_acl.endpoint")
	})
}

func TestServiceNameRegion(t *testing.T) {
	for in, want := range map[string]string{
		"com.amazonaws.us-east-1.execute-api":     "us-east-1",
		"cn.com.amazonaws.cn-north-1.execute-api": "cn-north-1",
		"com.amazonaws.us-east-1.s3":              "",
		"com.amazonaws.⟦var.r#⟧.execute-api":      "",
	} {
		if got := reach.ServiceNameRegion(in); got != want {
			t.Errorf("ServiceNameRegion(%q) = %q, want %q", in, got, want)
		}
	}
}

// An endpoint whose service name is known only after apply may be an
// execute-api endpoint: its problems are unverified, never dropped.
func TestServiceNameUnknown(t *testing.T) {
	w := newWorld()
	w.ep.ServiceName = "⟦data.aws_vpc_endpoint_service.api#service_name⟧"
	if got := reach.ExecuteAPI(w.ep); got != symbol.Unknown {
		t.Fatalf("ExecuteAPI = %v", got)
	}
	w.ep.Type, w.ep.TypeDefaulted = "Gateway", true
	only(t, run(t, "PA102", w.v), finding.Unverified, w.ep.Address, "service_name ${data.aws_vpc_endpoint_service.api.service_name} is known only after apply")
	w.ep.Type = "Interface"
	w.ep.SubnetIDs = nil
	only(t, run(t, "PA104", w.v), finding.Unverified, w.ep.Address, "no subnets")
	w.ep.Region = "us-west-2"
	only(t, run(t, "PA103", w.v), finding.Unverified, w.ep.Address, "us-west-2", "is an execute-api endpoint")
	w.ep.ServiceName = "com.amazonaws.us-east-1.s3"
	if got := reach.ExecuteAPI(w.ep); got != symbol.False {
		t.Errorf("ExecuteAPI(s3) = %v", got)
	}
}
