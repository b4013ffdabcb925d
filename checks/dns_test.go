package checks

import (
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/topology/topotest"
)

// known writes an argument that reads another resource's value known at
// plan time: the plan shows the value, the configuration the references.
func (w *world) known(addr, attr string, v any, refs ...string) {
	w.set(addr, attr, v)
	w.at(addr).Refs[attr] = refs
}

// privateDomain adds a private custom domain mapped to the API's stage
// (private is its endpoint types: known, or known only after apply), and,
// when associated, its access association with the endpoint.
func (w *world) privateDomain(name string, private symbol.Tri, associated bool) {
	const d = "aws_api_gateway_domain_name.d"
	types := map[string]any{"types": []any{"PRIVATE"}}
	dom := created(d, map[string]any{"domain_name": name, "endpoint_configuration": []any{types}}, nil)
	dom.Unknown = append(dom.Unknown, "arn", "domain_name_id")
	if private == symbol.Unknown {
		delete(types, "types")
		dom.Unknown = append(dom.Unknown, "endpoint_configuration.0.types")
		dom.Refs["endpoint_configuration.0.types"] = []string{"module.settings.domain_types", "module.settings"}
	}
	w.add(dom, created("aws_api_gateway_base_path_mapping.d", nil, map[string][]string{"api_id": topotest.Ref(wAPI, "id"),
		"domain_name_id": topotest.Ref(d, "domain_name_id")}))
	w.known("aws_api_gateway_base_path_mapping.d", "domain_name", name, topotest.Ref(d, "domain_name")...)
	w.known("aws_api_gateway_base_path_mapping.d", "stage_name", "prod", topotest.Ref(wStage, "stage_name")...)
	if associated {
		w.add(created("aws_api_gateway_domain_name_access_association.d", map[string]any{"access_association_source_type": "VPCE"},
			map[string][]string{"domain_name_arn": topotest.Ref(d, "arn"), "access_association_source": topotest.Ref(wEP, "id")}))
	}
}

func TestDNSURLForms(t *testing.T) {
	v := worldPlan().view(t)
	api, ep := apiAt(v, wAPI), endpointAt(v, wEP)
	if got, want := dnsPrivateURL(api), "https://${aws_api_gateway_rest_api.api.id}.execute-api.us-east-1.amazonaws.com/prod"; got != want {
		t.Errorf("private DNS URL = %q, want %q", got, want)
	}
	if got, want := dnsAliasURL(api, ep), "https://${aws_api_gateway_rest_api.api.id}-${aws_vpc_endpoint.execute_api.id}.execute-api.us-east-1.amazonaws.com/prod"; got != want {
		t.Errorf("alias URL = %q, want %q", got, want)
	}
	// an endpoint of the plan: its hostname is its dns_entry
	if got := dnsEndpointURL(api, ep); !strings.Contains(got, "https://${aws_vpc_endpoint.execute_api.dns_entry[0].dns_name}/prod") ||
		!strings.Contains(got, "Host: ${aws_api_gateway_rest_api.api.id}.execute-api.us-east-1.amazonaws.com") || !strings.Contains(got, "x-apigw-api-id") {
		t.Errorf("endpoint URL = %q", got)
	}
	// an endpoint declared in .privapi.hcl: its hostname is written from its id
	w := worldPlan()
	w.noEndpointIDs()
	w.drop(wEP)
	w.declared.Endpoints = []topology.DeclaredEndpoint{{Name: "shared", ID: "vpce-0123456789abcdef0", VPCID: "vpc-0123456789abcdef0",
		Region: "us-east-1", SecurityGroupIDs: []string{"sg-0123456789abcdef0"}, PrivateDNS: true}}
	v = w.view(t)
	if got := dnsEndpointURL(apiAt(v, wAPI), endpointAt(v, "endpoint.shared")); !strings.Contains(got, "https://vpce-0123456789abcdef0-{suffix}.execute-api.us-east-1.vpce.amazonaws.com/prod") {
		t.Errorf("declared endpoint URL = %q", got)
	}
	// literal ids, China partition, several stages
	cn := topotest.ViewIn(t, "cn-north-1",
		topotest.Resource{Address: "aws_api_gateway_rest_api.cn", Actions: []string{"no-op"}, After: map[string]any{"id": "a1b2c3d4e5", "name": "cn",
			"endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}}}}},
		topotest.Resource{Address: "aws_api_gateway_stage.prod", Actions: []string{"no-op"}, After: map[string]any{"rest_api_id": "a1b2c3d4e5", "stage_name": "prod"}},
		topotest.Resource{Address: "aws_api_gateway_stage.test", Actions: []string{"no-op"}, After: map[string]any{"rest_api_id": "a1b2c3d4e5", "stage_name": "test"}},
	)
	a := apiAt(cn, "aws_api_gateway_rest_api.cn")
	if got, want := dnsPrivateURL(a), "https://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn/{stage}"; got != want {
		t.Errorf("private DNS URL = %q, want %q", got, want)
	}
	// the API's own region argument known only after apply
	w = worldPlan()
	w.ref(wAPI, "region", "data.aws_region.shared.region", "data.aws_region.shared")
	if got := dnsPrivateURL(apiAt(w.view(t), wAPI)); !strings.Contains(got, ".execute-api.${region}.") {
		t.Errorf("unknown region: %q", got)
	}
}

func works(urls []dnsURL) map[string]symbol.Tri {
	out := map[string]symbol.Tri{}
	for _, u := range urls {
		out[u.Form] = u.Works
	}
	return out
}

// dnsURLsOf lists the world's invoke URLs for its client.
func dnsURLsOf(v *topology.View) []dnsURL {
	return dnsURLs(reach.NewNet(v), apiAt(v, wAPI), endpointAt(v, wEP), clientAt(v, wClient))
}

func TestDNSURLsWork(t *testing.T) {
	const dns, alias, host = "private DNS name", "{api-id}-{vpce-id} alias", "endpoint hostname with a Host or x-apigw-api-id header"
	for _, tc := range []struct {
		name   string
		change func(w *world)
		want   map[string]symbol.Tri
	}{
		{"everything on", func(w *world) {}, map[string]symbol.Tri{dns: symbol.True, alias: symbol.True, host: symbol.True}},
		{"private DNS off, not associated", func(w *world) { w.set(wEP, "private_dns_enabled", false); w.noEndpointIDs() },
			map[string]symbol.Tri{dns: symbol.False, alias: symbol.False, host: symbol.True}},
		{"VPC DNS hostnames off", func(w *world) { w.set(wVPC, "enable_dns_hostnames", false) }, map[string]symbol.Tri{dns: symbol.False, alias: symbol.True, host: symbol.True}},
		{"private DNS unknown", func(w *world) { w.privateDNSUnknown() }, map[string]symbol.Tri{dns: symbol.Unknown, alias: symbol.True, host: symbol.True}},
		{"client in another VPC", func(w *world) { w.spoke("aws_vpc.reporting") }, map[string]symbol.Tri{dns: symbol.False, alias: symbol.True, host: symbol.True}},
		{"execute-api endpoint disabled", func(w *world) { w.set(wAPI, "disable_execute_api_endpoint", true) }, map[string]symbol.Tri{dns: symbol.False, alias: symbol.False, host: symbol.False}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := worldPlan()
			tc.change(w)
			urls := dnsURLsOf(w.view(t))
			got := works(urls)
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s works = %v, want %v", k, got[k], v)
				}
			}
			if text := dnsURLText(urls, "x"); !strings.HasPrefix(text, "Invoke URLs for x — ") {
				t.Errorf("text = %q", text)
			}
		})
	}
	w := worldPlan()
	w.privateDomain("api.internal.example.com", symbol.True, true)
	w.set(wAPI, "disable_execute_api_endpoint", true)
	got := dnsURLsOf(w.view(t))
	if last := got[len(got)-1]; last.Form != "private custom domain" || last.Works != symbol.True || !strings.Contains(last.URL, "https://api.internal.example.com/") {
		t.Errorf("custom domain = %+v", last)
	}
}

// privateDNSUnknown makes the endpoint's private_dns_enabled known only
// after apply.
func (w *world) privateDNSUnknown() {
	w.ref(wEP, "private_dns_enabled", "module.settings.private_dns", "module.settings")
}

func TestPA401(t *testing.T) {
	w := worldPlan()
	w.set(wVPC, "enable_dns_hostnames", false)
	only(t, run(t, "PA401", w.view(t)), finding.Fail, wEP, "enable_dns_hostnames = false", "will work: {api-id}-{vpce-id} alias", "enable_dns_hostnames = true on aws_vpc.main")
	w.set(wEP, "private_dns_enabled", false)
	only(t, run(t, "PA401", w.view(t)), finding.Pass, wEP)
	w.privateDNSUnknown()
	only(t, run(t, "PA401", w.view(t)), finding.Unverified, wEP)
	w.set(wVPC, "enable_dns_hostnames", true)
	only(t, run(t, "PA401", w.view(t)), finding.Pass, wEP)
	// the endpoint is in a VPC of another stack
	w = worldPlan()
	w.drop(wVPC)
	for _, addr := range []string{wEPSub0, wEPSub1, wApp, wClientSG, wEPSG, wEP} {
		w.set(addr, "vpc_id", "vpc-0123456789abcdef0")
	}
	only(t, run(t, "PA401", w.view(t)), finding.Unverified, wEP, "not in the plan")
}

func TestPA402(t *testing.T) {
	w := worldPlan()
	w.set(wEP, "private_dns_enabled", false)
	w.noEndpointIDs()
	r := only(t, run(t, "PA402", w.view(t)), finding.Fail, wAPI, "only calls to the endpoint hostname", wClient,
		"will work: endpoint hostname", "vpc_endpoint_ids of aws_api_gateway_rest_api.api")
	if r.Severity != finding.Warning {
		t.Errorf("severity %v", r.Severity)
	}
	w.privateDNSUnknown()
	only(t, run(t, "PA402", w.view(t)), finding.Unverified, wAPI, "private_dns_enabled")
	w.set(wEP, "private_dns_enabled", false)
	w.ref(wAPI, "endpoint_configuration.0.vpc_endpoint_ids", topotest.Ref(wEP, "id")...)
	only(t, run(t, "PA402", w.view(t)), finding.Pass, wAPI)
	// a private custom domain associated with the endpoint is a resolvable name
	w.noEndpointIDs()
	w.privateDomain("api.example.com", symbol.True, true)
	only(t, run(t, "PA402", w.view(t)), finding.Pass, wAPI)
}

func TestPA403(t *testing.T) {
	w := worldPlan()
	r := only(t, run(t, "PA403", w.view(t)), finding.Fail, wEP, "*.execute-api.us-east-1.amazonaws.com", "will work: private DNS name")
	if r.Severity != finding.Info {
		t.Errorf("severity %v", r.Severity)
	}
	// a public API the clients call by its default hostname is named
	const pub, pubStage = "aws_api_gateway_rest_api.catalog", "aws_api_gateway_stage.catalog"
	w.add(created(pub, map[string]any{"name": "catalog", "endpoint_configuration": []any{map[string]any{"types": []any{"REGIONAL"}}}}, nil),
		created(pubStage, map[string]any{"stage_name": "catalog"}, map[string][]string{"rest_api_id": topotest.Ref(pub, "id")}))
	w.ref(wClient, "user_data", append(topotest.Ref(wStage, "invoke_url"), topotest.Ref(pubStage, "invoke_url")...)...)
	w.add(created("aws_instance.reporting", map[string]any{"ami": "ami-0abc"}, map[string][]string{"subnet_id": topotest.Ref(wApp, "id"),
		"user_data": topotest.Ref(pubStage, "invoke_url")}))
	only(t, run(t, "PA403", w.view(t)), finding.Fail, wEP, "aws_instance.reporting calls REGIONAL API aws_api_gateway_rest_api.catalog", "custom domain")
	w.set(wEP, "private_dns_enabled", false)
	only(t, run(t, "PA403", w.view(t)), finding.Pass, wEP)
}

func TestPA404(t *testing.T) {
	w := worldPlan()
	only(t, run(t, "PA404", w.view(t)), finding.Pass, wAPI)
	w.set(wAPI, "disable_execute_api_endpoint", true)
	only(t, run(t, "PA404", w.view(t)), finding.Fail, wAPI, "no invoke URL will work", "disable_execute_api_endpoint = false")
	withDomain := func(private symbol.Tri, associated bool) *topology.View {
		d := *w
		d.rs = append([]*topotest.Resource(nil), w.rs...)
		d.privateDomain("api.example.com", private, associated)
		return d.view(t)
	}
	only(t, run(t, "PA404", withDomain(symbol.Unknown, false)), finding.Unverified, wAPI, "aws_api_gateway_domain_name.d")
	// a mapped private domain with no access association reaches no endpoint
	only(t, run(t, "PA404", withDomain(symbol.True, false)), finding.Fail, wAPI, "no access association", "aws_api_gateway_domain_name.d")
	only(t, run(t, "PA404", withDomain(symbol.True, true)), finding.Pass, wAPI)
	w.ref(wAPI, "disable_execute_api_endpoint", "module.settings.disable_default_endpoint", "module.settings")
	only(t, run(t, "PA404", w.view(t)), finding.Unverified, wAPI)
	w.set(wAPI, "disable_execute_api_endpoint", true)
	w.typesUnknown()
	only(t, run(t, "PA404", w.view(t)), finding.Unverified, wAPI, "PRIVATE is known only after apply")
}

func TestPA405(t *testing.T) {
	// peered: the client in aws_vpc.reporting, joined to aws_vpc.main by
	// a peering connection with routes both ways, and groups that admit
	// the VPCs' ranges
	peered := func() *world {
		w := worldPlan()
		w.spoke("aws_vpc.reporting")
		w.add(peering("aws_vpc_peering_connection.p", wVPC, "aws_vpc.reporting"))
		w.add(routeTable("aws_route_table.rep", "aws_vpc.reporting", wApp)...)
		w.add(routeTable("aws_route_table.main", wVPC, wEPSub0, wEPSub1)...)
		w.add(route("aws_route.rep_to_main", "aws_route_table.rep", "10.20.0.0/16", "aws_vpc_peering_connection.p"),
			route("aws_route.main_to_rep", "aws_route_table.main", "10.30.0.0/16", "aws_vpc_peering_connection.p"))
		w.endpointIngress(ingress443(wEPRule, wEPSG, "10.30.1.0/24", ""))
		w.set(wClientSG, "egress", []any{map[string]any{"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": []any{"10.20.0.0/16"},
			"ipv6_cidr_blocks": []any{}, "prefix_list_ids": []any{}, "security_groups": []any{}, "self": false}})
		return w
	}
	t.Run("remote client on the private DNS name", func(t *testing.T) {
		v := peered().view(t)
		for _, id := range []string{"PA110", "PA111", "PA112"} {
			only(t, run(t, id, v), finding.Pass, "")
		}
		r := only(t, run(t, "PA405", v), finding.Fail, wClient, "answers only inside aws_vpc.main", "aws_vpc_peering_connection.p",
			"will work: {api-id}-{vpce-id} alias", "will not work: private DNS name")
		if r.Severity != finding.Warning {
			t.Errorf("severity %v", r.Severity)
		}
	})
	t.Run("remote client, URL form unknown", func(t *testing.T) {
		w := peered()
		// it reads the API's id only
		w.ref(wClient, "user_data", topotest.Ref(wAPI, "id")...)
		only(t, run(t, "PA405", w.view(t)), finding.Unverified, wClient)
	})
	t.Run("remote client on the alias", func(t *testing.T) {
		w := peered()
		// an API that exists (its id is known) gets the endpoint; the
		// client calls the {api-id}-{vpce-id} name
		api := w.at(wAPI)
		api.Actions = []string{"update"}
		api.Before = map[string]any{"id": "a1b2c3d4e5", "name": "api", "endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}, "vpc_endpoint_ids": []any{}}}}
		w.set(wAPI, "id", "a1b2c3d4e5")
		w.set(wClient, "user_data", "curl https://a1b2c3d4e5-vpce-0123456789abcdef0.execute-api.us-east-1.amazonaws.com/prod/health")
		only(t, run(t, "PA405", w.view(t)), finding.Pass, wClient)
	})
	t.Run("local client", func(t *testing.T) {
		only(t, run(t, "PA405", worldPlan().view(t)), finding.Pass, wClient)
	})
	t.Run("client with no path is PA110's", func(t *testing.T) {
		w := worldPlan()
		w.spoke("aws_vpc.batch")
		if rs := run(t, "PA405", w.view(t)); len(rs) != 0 {
			t.Errorf("got %+v", rs)
		}
	})
}
