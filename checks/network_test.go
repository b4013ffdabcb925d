package checks

import (
	"slices"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/topology/topotest"
)

// The tests here start from the world (world_test.go) and change one
// thing at a time.

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
	v := worldPlan().view(t)
	for _, id := range []string{"PA101", "PA102", "PA103", "PA104", "PA110", "PA111", "PA112", "PA113", "PA114", "PA401", "PA402", "PA404", "PA405"} {
		for _, r := range run(t, id, v) {
			if r.Status != finding.Pass {
				t.Errorf("%s: %s at %s: %s", id, r.Status, r.Address, r.Message)
			}
		}
	}
}

// endpointIn is another execute-api endpoint, in vpc, with no subnets or
// groups set.
func endpointIn(addr, vpc, region string) *topotest.Resource {
	return created(addr, map[string]any{"service_name": "com.amazonaws." + region + ".execute-api", "vpc_endpoint_type": "Interface", "region": region},
		map[string][]string{"vpc_id": topotest.Ref(vpc, "id")})
}

// noEndpointIDs leaves the API's vpc_endpoint_ids unset.
func (w *world) noEndpointIDs() { w.unset(wAPI, "endpoint_configuration.0.vpc_endpoint_ids") }

func TestEndpointsFor(t *testing.T) {
	t.Run("vpc_endpoint_ids", func(t *testing.T) {
		w := worldPlan()
		w.add(created("aws_vpc.elsewhere", map[string]any{"cidr_block": "10.40.0.0/16"}, nil), endpointIn("aws_vpc_endpoint.other", "aws_vpc.elsewhere", wRegion))
		w.drop(wClient)
		v := w.view(t)
		refs := reach.EndpointsFor(v, apiAt(v, wAPI))
		if len(refs) != 1 || refs[0].Endpoint != endpointAt(v, wEP) || refs[0].Source != reach.FromAssociation || refs[0].Match != symbol.True {
			t.Errorf("EndpointsFor = %+v", refs)
		}
	})
	t.Run("client VPC", func(t *testing.T) {
		w := worldPlan()
		w.noEndpointIDs()
		v := w.view(t)
		refs := reach.EndpointsFor(v, apiAt(v, wAPI))
		if len(refs) != 1 || refs[0].Source != reach.FromClientVPC {
			t.Errorf("EndpointsFor = %+v", refs)
		}
	})
	t.Run("region fallback, unknown region may match", func(t *testing.T) {
		w := worldPlan()
		w.noEndpointIDs()
		w.drop(wClient)
		unknown := endpointIn("aws_vpc_endpoint.unknown", wVPC, wRegion)
		unknown.Unknown = append(unknown.Unknown, "region", "service_name")
		unknown.Refs["region"] = []string{"data.aws_region.shared.region", "data.aws_region.shared"}
		unknown.Refs["service_name"] = []string{"data.aws_region.shared.region", "data.aws_region.shared"}
		w.add(endpointIn("aws_vpc_endpoint.west", wVPC, "us-west-2"), unknown)
		v := w.view(t)
		refs := reach.EndpointsFor(v, apiAt(v, wAPI))
		got := map[string]symbol.Tri{}
		for _, r := range refs {
			if r.Source != reach.FromRegion {
				t.Errorf("%s source %s", r.Endpoint.Address, r.Source)
			}
			got[r.Endpoint.Address] = r.Match
		}
		if len(got) != 2 || got[wEP] != symbol.True || got["aws_vpc_endpoint.unknown"] != symbol.Unknown {
			t.Errorf("EndpointsFor = %v", got)
		}
	})
	t.Run("id known only after apply matches with Unknown", func(t *testing.T) {
		w := worldPlan()
		w.drop(wClient)
		// the id of an endpoint another stack shares, looked up by a data
		// source read only at apply time
		w.ref(wAPI, "endpoint_configuration.0.vpc_endpoint_ids", "data.aws_vpc_endpoint.shared.id", "data.aws_vpc_endpoint.shared")
		w.add(&topotest.Resource{Address: "data.aws_vpc_endpoint.shared", Actions: []string{"read"}, After: map[string]any{"service_name": "com.amazonaws.us-east-1.execute-api"},
			Unknown: []string{"id", "vpc_id"}, Refs: map[string][]string{"vpc_id": topotest.Ref(wVPC, "id")}})
		v := w.view(t)
		refs := reach.EndpointsFor(v, apiAt(v, wAPI))
		if len(refs) != 1 || refs[0].Match != symbol.Unknown {
			t.Errorf("EndpointsFor = %+v", refs)
		}
	})
	t.Run("declared endpoint", func(t *testing.T) {
		w := worldPlan()
		w.noEndpointIDs()
		w.drop(wClient, wEP)
		w.declared.Endpoints = []topology.DeclaredEndpoint{{Name: "shared", ID: "vpce-0123456789abcdef0", VPCID: "vpc-0123456789abcdef0",
			Region: "us-east-1", SecurityGroupIDs: []string{"sg-0123456789abcdef0"}, PrivateDNS: true}}
		v := w.view(t)
		refs := reach.EndpointsFor(v, apiAt(v, wAPI))
		if len(refs) != 1 || refs[0].Source != reach.FromDeclared {
			t.Errorf("EndpointsFor = %+v", refs)
		}
	})
}

func TestPairs(t *testing.T) {
	t.Run("no client: endpoint alone", func(t *testing.T) {
		w := worldPlan()
		w.drop(wClient)
		v := w.view(t)
		ps := reach.Pairs(v)
		if len(ps) != 1 || ps[0].Client != nil || ps[0].Endpoint != endpointAt(v, wEP) {
			t.Fatalf("Pairs = %+v", ps)
		}
		if s := pairSubject(ps[0], wEPSG); s.API != apiAt(v, wAPI) || !strings.Contains(s.describe(), "no known client") {
			t.Errorf("Subject = %+v", s)
		}
	})
	t.Run("own VPC preferred over a peered one", func(t *testing.T) {
		w := worldPlan()
		spoke := endpointIn("aws_vpc_endpoint.spoke", "aws_vpc.spoke", wRegion)
		spoke.Unknown = append(spoke.Unknown, "subnet_ids")
		spoke.Refs["subnet_ids"] = topotest.Ref("aws_subnet.spoke", "id")
		w.add(created("aws_vpc.spoke", map[string]any{"cidr_block": "10.30.0.0/16"}, nil),
			subnet("aws_subnet.spoke", "aws_vpc.spoke", "10.30.0.0/24", "us-east-1a"), spoke, peering("aws_vpc_peering_connection.p", wVPC, "aws_vpc.spoke"))
		w.ref(wAPI, "endpoint_configuration.0.vpc_endpoint_ids", append(topotest.Ref(wEP, "id"), topotest.Ref("aws_vpc_endpoint.spoke", "id")...)...)
		v := w.view(t)
		ps := reach.Pairs(v)
		if len(ps) != 1 || ps[0].Endpoint != endpointAt(v, wEP) || ps[0].Link.Kind != topology.LinkSameVPC {
			t.Errorf("Pairs = %+v", ps)
		}
	})
	t.Run("unreachable client makes no pair", func(t *testing.T) {
		w := worldPlan()
		// a Lambda function outside any VPC
		w.drop(wClient)
		w.add(created("aws_lambda_function.client", map[string]any{"function_name": "client"},
			map[string][]string{"environment.0.variables": topotest.Ref(wStage, "invoke_url")}))
		w.at("aws_lambda_function.client").After["environment"] = []any{map[string]any{}}
		if ps := reach.Pairs(w.view(t)); len(ps) != 0 {
			t.Errorf("Pairs = %+v", ps)
		}
	})
	t.Run("API that may be private is included", func(t *testing.T) {
		w := worldPlan()
		w.typesUnknown()
		if ps := reach.Pairs(w.view(t)); len(ps) != 1 {
			t.Errorf("Pairs = %+v", ps)
		}
		w.set(wAPI, "endpoint_configuration", []any{map[string]any{"types": []any{"REGIONAL"}}})
		if ps := reach.Pairs(w.view(t)); len(ps) != 0 {
			t.Errorf("public API in Pairs: %+v", ps)
		}
	})
}

// typesUnknown makes the API's endpoint types known only after apply (a
// module output that reads a resource this plan creates).
func (w *world) typesUnknown() {
	w.ref(wAPI, "endpoint_configuration.0.types", "module.settings.endpoint_types", "module.settings")
}

func peering(addr, vpc, peer string) *topotest.Resource {
	return created(addr, map[string]any{"auto_accept": true}, map[string][]string{"vpc_id": topotest.Ref(vpc, "id"), "peer_vpc_id": topotest.Ref(peer, "id")})
}

func TestPA101(t *testing.T) {
	w := worldPlan()
	w.set(wEP, "vpc_endpoint_type", "Gateway")
	only(t, run(t, "PA101", w.view(t)), finding.Fail, wAPI, "type Gateway", "vpc_endpoint_type   = \"Interface\"")
	w.ref(wEP, "vpc_endpoint_type", "module.settings.endpoint_type", "module.settings")
	only(t, run(t, "PA101", w.view(t)), finding.Unverified, wAPI)
	w.set(wEP, "vpc_endpoint_type", "Interface")
	w.typesUnknown()
	w.noEndpointIDs()
	w.drop(wEP)
	only(t, run(t, "PA101", w.view(t)), finding.Unverified, wAPI, "PRIVATE is known only after apply")
}

func TestPA102(t *testing.T) {
	w := worldPlan()
	w.computed(wEP, "vpc_endpoint_type", "Gateway")
	only(t, run(t, "PA102", w.view(t)), finding.Fail, wEP, "default is \"Gateway\"", `vpc_endpoint_type = "Interface"`)
}

func TestPA103(t *testing.T) {
	w := worldPlan()
	w.set(wEP, "region", "us-west-2")
	w.set(wEP, "service_name", "com.amazonaws.us-west-2.execute-api")
	only(t, run(t, "PA103", w.view(t)), finding.Fail, wEP, "us-west-2")
	w.unset(wEP, "region")
	w.set(wEP, "service_name", "com.amazonaws.us-east-1.execute-api")
	w.set(wEP, "service_region", "eu-west-1")
	only(t, run(t, "PA103", w.view(t)), finding.Fail, wEP, "service_region: eu-west-1")
	w.unset(wEP, "service_region")
	// The provider configuration sets no region. The hand-built view this
	// test once used had an API with no region and a known execution ARN,
	// which a plan never gives: the model reads an existing API's region
	// from its ARN, and a created API's region is the provider's, unknown.
	w.regionless = true
	w.set(wEP, "region", "us-east-1")
	// an API that exists, now given the endpoint: its region is read from
	// its ARN
	api := w.at(wAPI)
	api.Actions = []string{"update"}
	api.After["arn"] = "arn:aws:apigateway:us-east-1::/restapis/abc123"
	api.After["execution_arn"] = "arn:aws:execute-api:us-east-1:123456789012:abc123"
	api.Computed = append(api.Computed, "arn", "execution_arn")
	api.Before = map[string]any{"id": "abc123", "name": "api", "arn": api.After["arn"], "execution_arn": api.After["execution_arn"],
		"endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}, "vpc_endpoint_ids": []any{}}}}
	w.set(wAPI, "id", "abc123")
	only(t, run(t, "PA103", w.view(t)), finding.Pass, wEP)
	// the API's own region argument is known only after apply
	w = worldPlan()
	w.ref(wAPI, "region", "data.aws_region.shared.region", "data.aws_region.shared")
	only(t, run(t, "PA103", w.view(t)), finding.Unverified, wEP)
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
		{"no subnets", func(w *world) { w.set(wEP, "subnet_ids", []any{}) }, finding.Fail, finding.Error, "no subnets"},
		{"subnets unknown", func(w *world) { w.ref(wEP, "subnet_ids", "module.network.subnet_ids", "module.network") }, finding.Unverified, finding.Error, "known only after apply"},
		{"two subnets in one AZ", func(w *world) { w.set(wEPSub1, "availability_zone", "us-east-1a") }, finding.Fail, finding.Error, "us-east-1a"},
		{"single AZ is info", func(w *world) { w.ref(wEP, "subnet_ids", topotest.Ref(wEPSub0, "id")...) }, finding.Fail, finding.Info, "single Availability Zone"},
		{"AZ unknown", func(w *world) { w.ref(wEPSub1, "availability_zone") }, finding.Unverified, finding.Error, "aws_subnet.endpoint[1]"},
		{"subnet of another stack", func(w *world) {
			w.vars = map[string]any{"shared_subnet_id": "subnet-0abc"}
			w.ref(wEP, "subnet_ids", "aws_subnet.endpoint", "var.shared_subnet_id")
		}, finding.Unverified, finding.Error, "subnet-0abc"},
		{"subnet of another VPC", func(w *world) {
			w.add(created("aws_vpc.other", map[string]any{"cidr_block": "10.20.0.0/16"}, nil), subnet("aws_subnet.other", "aws_vpc.other", "10.20.1.0/24", "us-east-1b"))
			w.ref(wEP, "subnet_ids", append(topotest.Ref(wEPSub0, "id"), topotest.Ref("aws_subnet.other", "id")...)...)
		}, finding.Fail, finding.Error, "another VPC"},
		{"Gateway endpoints are PA102's", func(w *world) { w.set(wEP, "vpc_endpoint_type", "Gateway") }, "", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := worldPlan()
			tc.change(w)
			rs := run(t, "PA104", w.view(t))
			if tc.status == "" {
				if len(rs) != 0 {
					t.Errorf("got %+v", rs)
				}
				return
			}
			r := only(t, rs, tc.status, wEP, tc.says)
			if r.Severity != tc.sev {
				t.Errorf("severity %v, want %v", r.Severity, tc.sev)
			}
		})
	}
}

// lambdaClient replaces the client instance by a Lambda function that
// calls the stage's invoke URL, outside any VPC.
func (w *world) lambdaClient() string {
	const addr = "aws_lambda_function.client"
	w.drop(wClient)
	w.add(created(addr, map[string]any{"function_name": "client", "environment": []any{map[string]any{}}},
		map[string][]string{"environment.0.variables": topotest.Ref(wStage, "invoke_url")}))
	return addr
}

// route adds an aws_route to a route table through a peering connection
// or a transit gateway (target "tgw-…").
func route(addr, table, dest, target string) *topotest.Resource {
	after := map[string]any{"destination_cidr_block": dest}
	refs := map[string][]string{"route_table_id": topotest.Ref(table, "id")}
	if strings.HasPrefix(target, "tgw-") {
		after["transit_gateway_id"] = target
	} else {
		refs["vpc_peering_connection_id"] = topotest.Ref(target, "id")
	}
	return created(addr, after, refs)
}

// routeTable is a route table of vpc associated with subnets.
func routeTable(addr, vpc string, subnets ...string) []*topotest.Resource {
	rs := []*topotest.Resource{created(addr, nil, map[string][]string{"vpc_id": topotest.Ref(vpc, "id")})}
	rs[0].Unknown = append(rs[0].Unknown, "route")
	for i, s := range subnets {
		rs = append(rs, created(addr+"_assoc"+string(rune('0'+i)), nil,
			map[string][]string{"route_table_id": topotest.Ref(addr, "id"), "subnet_id": topotest.Ref(s, "id")}))
	}
	for _, r := range rs[1:] {
		r.Address = strings.Replace(r.Address, "aws_route_table.", "aws_route_table_association.", 1)
	}
	return rs
}

// spoke moves the client's subnet into a second VPC, 10.30.0.0/16.
func (w *world) spoke(addr string) {
	w.add(created(addr, map[string]any{"cidr_block": "10.30.0.0/16"}, nil))
	w.set(wApp, "cidr_block", "10.30.1.0/24")
	w.ref(wApp, "vpc_id", topotest.Ref(addr, "id")...)
}

func TestPA110(t *testing.T) {
	t.Run("Lambda without vpc_config", func(t *testing.T) {
		w := worldPlan()
		// (the hand-built view had a Lambda at aws_instance.client)
		addr := w.lambdaClient()
		only(t, run(t, "PA110", w.view(t)), finding.Fail, addr, "no vpc_config", "vpc_config {")
	})
	t.Run("other VPC, not connected", func(t *testing.T) {
		w := worldPlan()
		w.spoke("aws_vpc.batch")
		only(t, run(t, "PA110", w.view(t)), finding.Fail, wClient, "aws_vpc.batch", "aws_vpc_peering_connection")
	})
	t.Run("peered VPC with a route one way only", func(t *testing.T) {
		w := worldPlan()
		w.spoke("aws_vpc.spoke")
		w.add(peering("aws_vpc_peering_connection.p", wVPC, "aws_vpc.spoke"))
		w.add(routeTable("aws_route_table.spoke", "aws_vpc.spoke", wApp)...)
		w.add(routeTable("aws_route_table.main", wVPC, wEPSub0, wEPSub1)...)
		w.add(route("aws_route.spoke_to_main", "aws_route_table.spoke", "10.20.0.0/16", "aws_vpc_peering_connection.p"))
		only(t, run(t, "PA110", w.view(t)), finding.Fail, wClient, "aws_route_table.main has no route for 10.30.1.0/24",
			"route_table_id            = aws_route_table.main.id", "vpc_peering_connection_id = aws_vpc_peering_connection.p.id")
		w.add(route("aws_route.main_to_spoke", "aws_route_table.main", "10.30.0.0/16", "aws_vpc_peering_connection.p"))
		only(t, run(t, "PA110", w.view(t)), finding.Pass, wClient)
	})
	t.Run("subnets unknown", func(t *testing.T) {
		w := worldPlan()
		w.ref(wClient, "subnet_id", "module.network.app_subnet_id", "module.network")
		only(t, run(t, "PA110", w.view(t)), finding.Unverified, wClient)
	})
	t.Run("no endpoint at all", func(t *testing.T) {
		w := worldPlan()
		w.noEndpointIDs()
		w.drop(wEP)
		only(t, run(t, "PA110", w.view(t)), finding.Fail, wClient, "PA101")
	})
}

// sgRule is an aws_security_group_rule admitting to the endpoint's group.
func sgRule(addr, protocol string, from, to int, cidrs []any, source string) *topotest.Resource {
	after := map[string]any{"type": "ingress", "protocol": protocol, "from_port": from, "to_port": to}
	refs := map[string][]string{"security_group_id": topotest.Ref(wEPSG, "id")}
	if cidrs != nil {
		after["cidr_blocks"] = cidrs
	}
	if source != "" {
		refs["source_security_group_id"] = topotest.Ref(source, "id")
	}
	return created(addr, after, refs)
}

// endpointIngress replaces the endpoint group's rule by rs.
func (w *world) endpointIngress(rs ...*topotest.Resource) {
	w.drop(wEPRule)
	w.add(rs...)
}

func TestPA111(t *testing.T) {
	t.Run("CIDR covering part of the client subnet", func(t *testing.T) {
		w := worldPlan()
		w.endpointIngress(ingress443(wEPRule, wEPSG, "10.20.10.0/25", ""))
		only(t, run(t, "PA111", w.view(t)), finding.Fail, wEPSG, "10.20.10.128/25",
			`resource "aws_vpc_security_group_ingress_rule"`, "referenced_security_group_id = aws_security_group.client.id")
	})
	t.Run("protocol forms and port ranges", func(t *testing.T) {
		for _, r := range []*topotest.Resource{
			sgRule("aws_security_group_rule.r", "6", 443, 443, []any{"10.20.0.0/16"}, ""),
			sgRule("aws_security_group_rule.r", "TCP", 0, 1023, []any{"10.20.10.0/24"}, ""),
			sgRule("aws_security_group_rule.r", "-1", 0, 0, []any{"0.0.0.0/0"}, ""),
			sgRule("aws_security_group_rule.r", "all", 0, 0, nil, wClientSG),
		} {
			w := worldPlan()
			w.endpointIngress(r)
			only(t, run(t, "PA111", w.view(t)), finding.Pass, wEPSG)
		}
		w := worldPlan()
		w.endpointIngress(sgRule("aws_security_group_rule.udp", "udp", 443, 443, []any{"0.0.0.0/0"}, ""),
			sgRule("aws_security_group_rule.http", "tcp", 80, 80, []any{"0.0.0.0/0"}, ""))
		only(t, run(t, "PA111", w.view(t)), finding.Fail, wEPSG)
	})
	t.Run("self when the client shares the endpoint's group", func(t *testing.T) {
		w := worldPlan()
		self := sgRule("aws_security_group_rule.self", "tcp", 443, 443, nil, "")
		self.After["self"] = true
		w.endpointIngress(self)
		w.ref(wClient, "vpc_security_group_ids", topotest.Ref(wEPSG, "id")...)
		only(t, run(t, "PA111", w.view(t)), finding.Pass, wEPSG)
	})
	t.Run("client CIDR known only after apply", func(t *testing.T) {
		w := worldPlan()
		w.ref(wApp, "cidr_block", "aws_vpc_ipam_preview_next_cidr.app.cidr", "aws_vpc_ipam_preview_next_cidr.app")
		w.endpointIngress(ingress443(wEPRule, wEPSG, "10.0.0.0/8", ""))
		only(t, run(t, "PA111", w.view(t)), finding.Unverified, wEPSG, "${aws_subnet.app.cidr_block}")
	})
	t.Run("rules known only after apply never pass", func(t *testing.T) {
		w := worldPlan()
		w.drop(wEPRule)
		w.ref(wEPSG, "ingress", "module.network.endpoint_ingress", "module.network")
		only(t, run(t, "PA111", w.view(t)), finding.Unverified, wEPSG)
	})
	t.Run("endpoint on the VPC's stock default group, client too", func(t *testing.T) {
		w := worldPlan()
		w.unsetComputed(wEP, "security_group_ids")
		w.ref(wClient, "vpc_security_group_ids", topotest.Ref(wVPC, "default_security_group_id")...)
		only(t, run(t, "PA111", w.view(t)), finding.Pass, wEP)
	})
	t.Run("no client: admitted from inside the VPC", func(t *testing.T) {
		w := worldPlan()
		w.drop(wClient)
		w.endpointIngress(ingress443(wEPRule, wEPSG, "10.20.0.0/16", ""))
		only(t, run(t, "PA111", w.view(t)), finding.Pass, wEPSG)
		w.endpointIngress(ingress443(wEPRule, wEPSG, "192.168.0.0/16", ""))
		only(t, run(t, "PA111", w.view(t)), finding.Fail, wEPSG, "192.168.0.0/16", "cidr_ipv4         = aws_vpc.main.cidr_block")
		w.add(group("aws_security_group.anyone", wVPC))
		w.endpointIngress(ingress443(wEPRule, wEPSG, "", "aws_security_group.anyone"))
		only(t, run(t, "PA111", w.view(t)), finding.Pass, wEPSG)
	})
	t.Run("no client: a connected VPC counts", func(t *testing.T) {
		w := worldPlan()
		w.drop(wClient)
		w.add(created("aws_vpc.spoke", map[string]any{"cidr_block": "192.168.0.0/16"}, nil), peering("aws_vpc_peering_connection.p", wVPC, "aws_vpc.spoke"))
		w.endpointIngress(ingress443(wEPRule, wEPSG, "192.168.4.0/24", ""))
		only(t, run(t, "PA111", w.view(t)), finding.Pass, wEPSG)
	})
	t.Run("group reference across a transit gateway", func(t *testing.T) {
		w := worldPlan()
		w.spoke("aws_vpc.spoke")
		const tgw = "tgw-0123456789abcdef0" // a gateway of another stack
		w.add(created("aws_ec2_transit_gateway_vpc_attachment.main", map[string]any{"transit_gateway_id": tgw},
			map[string][]string{"vpc_id": topotest.Ref(wVPC, "id"), "subnet_ids": {"aws_subnet.endpoint"}}))
		w.add(created("aws_ec2_transit_gateway_vpc_attachment.spoke", map[string]any{"transit_gateway_id": tgw},
			map[string][]string{"vpc_id": topotest.Ref("aws_vpc.spoke", "id"), "subnet_ids": topotest.Ref(wApp, "id")}))
		w.add(routeTable("aws_route_table.spoke", "aws_vpc.spoke", wApp)...)
		w.add(routeTable("aws_route_table.main", wVPC, wEPSub0, wEPSub1)...)
		w.add(route("aws_route.spoke_to_main", "aws_route_table.spoke", "10.20.0.0/16", tgw),
			route("aws_route.main_to_spoke", "aws_route_table.main", "10.30.0.0/16", tgw))
		only(t, run(t, "PA110", w.view(t)), finding.Pass, wClient)
		// the gateway is not in the plan: whether group references work is unknown
		only(t, run(t, "PA111", w.view(t)), finding.Unverified, wEPSG, "security_group_referencing_support", `cidr_ipv4         = "10.30.1.0/24"`)
		w.add(ingress443("aws_vpc_security_group_ingress_rule.spoke", wEPSG, "10.30.0.0/16", ""))
		only(t, run(t, "PA111", w.view(t)), finding.Pass, wEPSG)
	})
}

// unsetComputed leaves an Optional+Computed argument unset: the plan
// shows it known only after apply.
func (w *world) unsetComputed(addr, attr string) {
	w.unset(addr, attr)
	r := w.at(addr)
	r.Unknown = append(r.Unknown, attr)
	r.Computed = append(r.Computed, attr)
}

func TestPA112(t *testing.T) {
	w := worldPlan()
	// inline ingress only: no egress at all
	w.set(wClientSG, "ingress", []any{map[string]any{"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": []any{"10.0.0.0/8"},
		"ipv6_cidr_blocks": []any{}, "prefix_list_ids": []any{}, "security_groups": []any{}, "self": false}})
	w.unsetComputed(wClientSG, "egress")
	r := only(t, run(t, "PA112", w.view(t)), finding.Fail, wClientSG, "Terraform removes AWS's default allow-all egress")
	if !strings.Contains(r.Fix, "egress block to aws_security_group.client") || !strings.Contains(r.Fix, "security_groups = [aws_security_group.endpoint.id]") {
		t.Errorf("fix for an inline group: %s", r.Fix)
	}
	// a CIDR that holds only one of the endpoint subnets is not enough
	w.unsetComputed(wClientSG, "ingress")
	egress := created("aws_vpc_security_group_egress_rule.x", map[string]any{"ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv4": "10.20.0.0/24"},
		map[string][]string{"security_group_id": topotest.Ref(wClientSG, "id")})
	w.add(egress)
	only(t, run(t, "PA112", w.view(t)), finding.Fail, wClientSG, "10.20.1.0/24")
	egress.After["cidr_ipv4"] = "10.20.0.0/23"
	only(t, run(t, "PA112", w.view(t)), finding.Pass, wClientSG)
	// client groups unknown until apply
	w.ref(wClient, "vpc_security_group_ids", "module.network.client_group_ids", "module.network")
	only(t, run(t, "PA112", w.view(t)), finding.Unverified, wClient)
}

func TestPA113(t *testing.T) {
	w := worldPlan()
	only(t, run(t, "PA113", w.view(t)), finding.Pass, wEP)
	w.unsetComputed(wEP, "security_group_ids")
	r := only(t, run(t, "PA113", w.view(t)), finding.Fail, wEP, "stock rules")
	if r.Severity != finding.Warning {
		t.Errorf("severity %v", r.Severity)
	}
	managed := created("aws_default_security_group.default", nil, map[string][]string{"vpc_id": topotest.Ref(wVPC, "id")})
	managed.Unknown = append(managed.Unknown, "ingress", "egress")
	w.add(managed)
	only(t, run(t, "PA113", w.view(t)), finding.Fail, wEP, "aws_default_security_group.default manages that group")
	// and the lockdown leaves nothing admitted
	only(t, run(t, "PA111", w.view(t)), finding.Fail, "aws_default_security_group.default")
	w.ref(wEP, "security_group_ids", "module.network.endpoint_group_ids", "module.network")
	only(t, run(t, "PA113", w.view(t)), finding.Unverified, wEP)
}

// aclRule is one rule of a network ACL.
type aclRule struct {
	number         int
	egress         bool
	protocol, cidr string
	from, to       int
	allow          bool
}

func TestPA114(t *testing.T) {
	// nacl replaces the endpoint subnets' network ACL: its rules are
	// aws_network_acl_rule resources.
	nacl := func(w *world, rules ...aclRule) *topotest.Resource {
		w.rs = slices.DeleteFunc(w.rs, func(r *topotest.Resource) bool {
			return r.Address == "aws_network_acl.endpoint" || strings.HasPrefix(r.Address, "aws_network_acl_rule.r[")
		})
		n := created("aws_network_acl.endpoint", nil, map[string][]string{"vpc_id": topotest.Ref(wVPC, "id"), "subnet_ids": {"aws_subnet.endpoint"}})
		n.Unknown = append(n.Unknown, "ingress", "egress")
		w.add(n)
		for i, r := range rules {
			action := "deny"
			if r.allow {
				action = "allow"
			}
			w.add(created("aws_network_acl_rule.r["+string(rune('0'+i))+"]", map[string]any{"rule_number": r.number, "egress": r.egress, "protocol": r.protocol,
				"cidr_block": r.cidr, "from_port": r.from, "to_port": r.to, "rule_action": action},
				map[string][]string{"network_acl_id": topotest.Ref("aws_network_acl.endpoint", "id")}))
		}
		return n
	}
	allowIn443 := aclRule{number: 100, protocol: "tcp", from: 443, to: 443, cidr: "10.20.0.0/16", allow: true}
	allowOutEph := aclRule{number: 100, egress: true, protocol: "tcp", from: 1024, to: 65535, cidr: "10.20.0.0/16", allow: true}
	t.Run("default NACLs allow all", func(t *testing.T) {
		only(t, run(t, "PA114", worldPlan().view(t)), finding.Pass, wEP)
	})
	t.Run("both directions allowed", func(t *testing.T) {
		w := worldPlan()
		nacl(w, allowIn443, allowOutEph)
		only(t, run(t, "PA114", w.view(t)), finding.Pass, "aws_network_acl.endpoint")
	})
	t.Run("a deny numbered first wins", func(t *testing.T) {
		w := worldPlan()
		nacl(w, allowIn443, aclRule{number: 90, protocol: "tcp", from: 443, to: 443, cidr: "10.20.8.0/21"}, allowOutEph)
		only(t, run(t, "PA114", w.view(t)), finding.Fail, "aws_network_acl.endpoint", "rule 90", "rule_number    = 89")
	})
	t.Run("no ephemeral return ports", func(t *testing.T) {
		w := worldPlan()
		nacl(w, allowIn443, aclRule{number: 100, egress: true, protocol: "tcp", from: 443, to: 443, cidr: "10.20.0.0/16", allow: true})
		only(t, run(t, "PA114", w.view(t)), finding.Fail, "aws_network_acl.endpoint", "1024-65535", "from_port      = 1024")
	})
	t.Run("client side NACL", func(t *testing.T) {
		w := worldPlan()
		app := created("aws_network_acl.app", map[string]any{"egress": []any{map[string]any{"rule_no": 100, "protocol": "-1", "cidr_block": "0.0.0.0/0",
			"action": "allow", "from_port": 0, "to_port": 0, "ipv6_cidr_block": "", "icmp_code": 0, "icmp_type": 0}}},
			map[string][]string{"vpc_id": topotest.Ref(wVPC, "id"), "subnet_ids": topotest.Ref(wApp, "id")})
		app.Unknown = append(app.Unknown, "ingress")
		w.add(app)
		only(t, run(t, "PA114", w.view(t)), finding.Fail, "aws_network_acl.app", "inbound replies", "ingress {")
	})
	t.Run("rules known only after apply", func(t *testing.T) {
		w := worldPlan()
		nacl(w, allowIn443, allowOutEph)
		w.ref("aws_network_acl.endpoint", "ingress", "module.network.acl_ingress", "module.network")
		only(t, run(t, "PA114", w.view(t)), finding.Unverified, "aws_network_acl.endpoint")
	})
	t.Run("no client: some range of the VPC must pass", func(t *testing.T) {
		w := worldPlan()
		w.drop(wClient)
		nacl(w, aclRule{number: 100, protocol: "tcp", from: 443, to: 443, cidr: "10.20.10.0/24", allow: true},
			aclRule{number: 100, egress: true, protocol: "tcp", from: 1024, to: 65535, cidr: "10.20.10.0/24", allow: true})
		only(t, run(t, "PA114", w.view(t)), finding.Pass, "aws_network_acl.endpoint")
		nacl(w, allowIn443)
		only(t, run(t, "PA114", w.view(t)), finding.Fail, "aws_network_acl.endpoint")
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
	w := worldPlan()
	w.ref(wEP, "service_name", "data.aws_vpc_endpoint_service.api.service_name", "data.aws_vpc_endpoint_service.api")
	w.add(&topotest.Resource{Address: "data.aws_vpc_endpoint_service.api", Actions: []string{"read"}, After: map[string]any{"service": "execute-api"},
		Unknown: []string{"id", "service_name"}, Refs: map[string][]string{"service_type": {"var.endpoint_type"}}})
	if got := reach.ExecuteAPI(endpointAt(w.view(t), wEP)); got != symbol.Unknown {
		t.Fatalf("ExecuteAPI = %v", got)
	}
	w.computed(wEP, "vpc_endpoint_type", "Gateway")
	// A plan's configuration lists only the references of service_name:
	// without the .tf source its value is the endpoint's own attribute (the
	// hand-built view this test once used named the data source's).
	only(t, run(t, "PA102", w.view(t)), finding.Unverified, wEP, "service_name ${aws_vpc_endpoint.execute_api.service_name} is known only after apply")
	w.set(wEP, "vpc_endpoint_type", "Interface")
	w.set(wEP, "subnet_ids", []any{})
	only(t, run(t, "PA104", w.view(t)), finding.Unverified, wEP, "no subnets")
	w.set(wEP, "region", "us-west-2")
	only(t, run(t, "PA103", w.view(t)), finding.Unverified, wEP, "us-west-2", "is an execute-api endpoint")
	// an endpoint for another service is not in the view at all
	w.set(wEP, "service_name", "com.amazonaws.us-east-1.s3")
	if e := endpointAt(w.view(t), wEP); e != nil {
		t.Errorf("an s3 endpoint is in the view: %+v", e)
	}
}
