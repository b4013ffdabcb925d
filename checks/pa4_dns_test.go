package checks

import (
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

func TestDNSURLForms(t *testing.T) {
	w := newWorld()
	if got, want := dnsPrivateURL(w.api), "https://${aws_api_gateway_rest_api.api.id}.execute-api.us-east-1.amazonaws.com/prod"; got != want {
		t.Errorf("private DNS URL = %q, want %q", got, want)
	}
	if got, want := dnsAliasURL(w.api, w.ep), "https://${aws_api_gateway_rest_api.api.id}-${aws_vpc_endpoint.execute_api.id}.execute-api.us-east-1.amazonaws.com/prod"; got != want {
		t.Errorf("alias URL = %q, want %q", got, want)
	}
	// the view was built by hand: the endpoint has no instance, so its
	// hostname is written from its id
	if got := dnsEndpointURL(w.api, w.ep); !strings.Contains(got, "https://${aws_vpc_endpoint.execute_api.id}-{suffix}.execute-api.us-east-1.vpce.amazonaws.com/prod") ||
		!strings.Contains(got, "Host: ${aws_api_gateway_rest_api.api.id}.execute-api.us-east-1.amazonaws.com") || !strings.Contains(got, "x-apigw-api-id") {
		t.Errorf("endpoint URL = %q", got)
	}
	w.ep.Node = created(w.ep.Address)
	if got := dnsEndpointURL(w.api, w.ep); !strings.Contains(got, "https://${aws_vpc_endpoint.execute_api.dns_entry[0].dns_name}/prod") {
		t.Errorf("endpoint URL from dns_entry = %q", got)
	}
	// literal ids, China partition, several stages, unknown region
	a := &topology.API{ID: "a1b2c3d4e5", Region: "cn-north-1", Stages: []*topology.Stage{{Name: "prod"}, {Name: "test"}}}
	if got, want := dnsPrivateURL(a), "https://a1b2c3d4e5.execute-api.cn-north-1.amazonaws.com.cn/{stage}"; got != want {
		t.Errorf("private DNS URL = %q, want %q", got, want)
	}
	a.Region = ""
	if got := dnsPrivateURL(a); !strings.Contains(got, ".execute-api.${region}.") {
		t.Errorf("unknown region: %q", got)
	}
	a.ExecutionARN = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5"
	if got := dnsPrivateURL(a); !strings.Contains(got, ".execute-api.eu-west-1.amazonaws.com/") {
		t.Errorf("region from the execution ARN: %q", got)
	}
}

func works(urls []dnsURL) map[string]symbol.Tri {
	out := map[string]symbol.Tri{}
	for _, u := range urls {
		out[u.Form] = u.Works
	}
	return out
}

func TestDNSURLsWork(t *testing.T) {
	const dns, alias, host = "private DNS name", "{api-id}-{vpce-id} alias", "endpoint hostname with a Host or x-apigw-api-id header"
	for _, tc := range []struct {
		name   string
		change func(w *world)
		want   map[string]symbol.Tri
	}{
		{"everything on", func(w *world) {}, map[string]symbol.Tri{dns: symbol.True, alias: symbol.True, host: symbol.True}},
		{"private DNS off, not associated", func(w *world) { w.ep.PrivateDNS, w.api.VPCEndpointIDs = symbol.False, nil },
			map[string]symbol.Tri{dns: symbol.False, alias: symbol.False, host: symbol.True}},
		{"VPC DNS hostnames off", func(w *world) { w.main.DNSHostnames = symbol.False }, map[string]symbol.Tri{dns: symbol.False, alias: symbol.True, host: symbol.True}},
		{"private DNS unknown", func(w *world) { w.ep.PrivateDNS = symbol.Unknown }, map[string]symbol.Tri{dns: symbol.Unknown, alias: symbol.True, host: symbol.True}},
		{"client in another VPC", func(w *world) { w.app.VPCID = tok("aws_vpc.reporting") }, map[string]symbol.Tri{dns: symbol.False, alias: symbol.True, host: symbol.True}},
		{"execute-api endpoint disabled", func(w *world) { w.api.DisableExecuteAPI = symbol.True }, map[string]symbol.Tri{dns: symbol.False, alias: symbol.False, host: symbol.False}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld()
			tc.change(w)
			got := works(dnsURLs(reach.NewNet(w.v), w.api, w.ep, w.client))
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s works = %v, want %v", k, got[k], v)
				}
			}
			text := dnsURLText(dnsURLs(reach.NewNet(w.v), w.api, w.ep, w.client), "x")
			if !strings.HasPrefix(text, "Invoke URLs for x — ") {
				t.Errorf("text = %q", text)
			}
		})
	}
	w := newWorld()
	w.v.Domains = []*topology.Domain{{Node: topology.Node{Address: "aws_api_gateway_domain_name.d"}, Name: "api.internal.example.com", Private: symbol.True,
		APIIDs: []string{w.api.ID}, Associated: []string{w.ep.ID}}}
	w.api.DisableExecuteAPI = symbol.True
	got := dnsURLs(reach.NewNet(w.v), w.api, w.ep, w.client)
	if last := got[len(got)-1]; last.Form != "private custom domain" || last.Works != symbol.True || !strings.Contains(last.URL, "https://api.internal.example.com/") {
		t.Errorf("custom domain = %+v", last)
	}
}

func TestPA401(t *testing.T) {
	w := newWorld()
	w.main.DNSHostnames = symbol.False
	only(t, run(t, "PA401", w.v), finding.Fail, w.ep.Address, "enable_dns_hostnames = false", "will work: {api-id}-{vpce-id} alias", "enable_dns_hostnames = true on aws_vpc.main")
	w.ep.PrivateDNS = symbol.False
	only(t, run(t, "PA401", w.v), finding.Pass, w.ep.Address)
	w.ep.PrivateDNS = symbol.Unknown
	only(t, run(t, "PA401", w.v), finding.Unverified, w.ep.Address)
	w.main.DNSHostnames = symbol.True
	only(t, run(t, "PA401", w.v), finding.Pass, w.ep.Address)
	w.ep.PrivateDNS = symbol.True
	w.v.VPCs = nil
	only(t, run(t, "PA401", w.v), finding.Unverified, w.ep.Address, "not in the plan")
}

func TestPA402(t *testing.T) {
	w := newWorld()
	w.ep.PrivateDNS, w.api.VPCEndpointIDs = symbol.False, nil
	r := only(t, run(t, "PA402", w.v), finding.Fail, w.api.Address, "only calls to the endpoint hostname", "aws_instance.client",
		"will work: endpoint hostname", "vpc_endpoint_ids of aws_api_gateway_rest_api.api")
	if r.Severity != finding.Warning {
		t.Errorf("severity %v", r.Severity)
	}
	w.ep.PrivateDNS = symbol.Unknown
	only(t, run(t, "PA402", w.v), finding.Unverified, w.api.Address, "private_dns_enabled")
	w.ep.PrivateDNS = symbol.False
	w.api.VPCEndpointIDs = []string{w.ep.ID}
	only(t, run(t, "PA402", w.v), finding.Pass, w.api.Address)
	// a private custom domain associated with the endpoint is a resolvable name
	w.api.VPCEndpointIDs = nil
	w.v.Domains = []*topology.Domain{{Node: topology.Node{Address: "aws_api_gateway_domain_name.d"}, Name: "api.example.com", Private: symbol.True,
		APIIDs: []string{w.api.ID}, Associated: []string{w.ep.ID}}}
	only(t, run(t, "PA402", w.v), finding.Pass, w.api.Address)
}

func TestPA403(t *testing.T) {
	w := newWorld()
	r := only(t, run(t, "PA403", w.v), finding.Fail, w.ep.Address, "*.execute-api.us-east-1.amazonaws.com", "will work: private DNS name")
	if r.Severity != finding.Info {
		t.Errorf("severity %v", r.Severity)
	}
	// a public API the client calls by its default hostname is named
	pub := &topology.API{Node: topology.Node{Address: "aws_api_gateway_rest_api.catalog"}, ID: tok("aws_api_gateway_rest_api.catalog"), Region: "us-east-1",
		Types: []string{"REGIONAL"}, Private: symbol.False}
	w.v.APIs = append(w.v.APIs, pub)
	w.client.APIs = append(w.client.APIs, pub.Address)
	w.client.Refs[pub.Address] = "aws_api_gateway_stage.catalog.invoke_url"
	// declared-style client: forms come from UsesPrivateDNSName only when it calls one API
	c2 := &topology.Client{Node: topology.Node{Address: "aws_instance.reporting"}, Kind: topology.ClientInstance, APIs: []string{pub.Address},
		Refs: map[string]string{pub.Address: "aws_api_gateway_stage.catalog.invoke_url"}, UsesPrivateDNSName: symbol.True,
		SubnetIDs: []string{w.app.ID}, SubnetsKnown: true}
	w.v.Clients = append(w.v.Clients, c2)
	only(t, run(t, "PA403", w.v), finding.Fail, w.ep.Address, "aws_instance.reporting calls REGIONAL API aws_api_gateway_rest_api.catalog", "custom domain")
	w.ep.PrivateDNS = symbol.False
	only(t, run(t, "PA403", w.v), finding.Pass, w.ep.Address)
}

func TestPA404(t *testing.T) {
	w := newWorld()
	only(t, run(t, "PA404", w.v), finding.Pass, w.api.Address)
	w.api.DisableExecuteAPI = symbol.True
	only(t, run(t, "PA404", w.v), finding.Fail, w.api.Address, "no invoke URL will work", "disable_execute_api_endpoint = false")
	w.v.Domains = []*topology.Domain{{Node: topology.Node{Address: "aws_api_gateway_domain_name.d"}, Name: "api.example.com", Private: symbol.Unknown, APIIDs: []string{w.api.ID}}}
	only(t, run(t, "PA404", w.v), finding.Unverified, w.api.Address, "aws_api_gateway_domain_name.d")
	w.v.Domains[0].Private = symbol.True
	// a mapped private domain with no access association reaches no endpoint
	only(t, run(t, "PA404", w.v), finding.Fail, w.api.Address, "no access association", "aws_api_gateway_domain_name.d")
	w.v.Domains[0].Associated = []string{w.ep.ID}
	only(t, run(t, "PA404", w.v), finding.Pass, w.api.Address)
	w.v.Domains = nil
	w.api.DisableExecuteAPI = symbol.Unknown
	only(t, run(t, "PA404", w.v), finding.Unverified, w.api.Address)
	w.api.DisableExecuteAPI, w.api.Private = symbol.True, symbol.Unknown
	only(t, run(t, "PA404", w.v), finding.Unverified, w.api.Address, "PRIVATE is known only after apply")
}

func TestPA405(t *testing.T) {
	peered := func() *world {
		w := newWorld()
		rep := w.vpc("aws_vpc.reporting", "10.30.0.0/16")
		w.app.VPCID, w.app.CIDR = rep.ID, "10.30.1.0/24"
		p := &topology.Peering{Node: topology.Node{Address: "aws_vpc_peering_connection.p"}, ID: tok("aws_vpc_peering_connection.p"), VPCID: w.main.ID, PeerVPCID: rep.ID}
		w.v.Peerings = []*topology.Peering{p}
		w.v.RouteTables = []*topology.RouteTable{
			{Node: topology.Node{Address: "aws_route_table.rep"}, ID: tok("aws_route_table.rep"), VPCID: rep.ID, SubnetIDs: []string{w.app.ID}, Routes: []topology.Route{{Destination: "10.20.0.0/16", Target: p.ID}}},
			{Node: topology.Node{Address: "aws_route_table.main"}, ID: tok("aws_route_table.main"), VPCID: w.main.ID, SubnetIDs: []string{w.epSubs[0].ID, w.epSubs[1].ID}, Routes: []topology.Route{{Destination: "10.30.0.0/16", Target: p.ID}}},
		}
		w.epSG.Rules = []topology.Rule{tcp443(false, []string{"10.30.1.0/24"})}
		w.clientSG.Rules = []topology.Rule{tcp443(true, []string{"10.20.0.0/16"})}
		return w
	}
	t.Run("remote client on the private DNS name", func(t *testing.T) {
		w := peered()
		for _, id := range []string{"PA110", "PA111", "PA112"} {
			only(t, run(t, id, w.v), finding.Pass, "")
		}
		r := only(t, run(t, "PA405", w.v), finding.Fail, "aws_instance.client", "answers only inside aws_vpc.main", "aws_vpc_peering_connection.p",
			"will work: {api-id}-{vpce-id} alias", "will not work: private DNS name")
		if r.Severity != finding.Warning {
			t.Errorf("severity %v", r.Severity)
		}
	})
	t.Run("remote client, URL form unknown", func(t *testing.T) {
		w := peered()
		w.client.UsesPrivateDNSName = symbol.Unknown
		only(t, run(t, "PA405", w.v), finding.Unverified, "aws_instance.client")
	})
	t.Run("remote client on the alias", func(t *testing.T) {
		w := peered()
		w.client.UsesPrivateDNSName = symbol.False
		only(t, run(t, "PA405", w.v), finding.Pass, "aws_instance.client")
	})
	t.Run("local client", func(t *testing.T) {
		w := newWorld()
		only(t, run(t, "PA405", w.v), finding.Pass, "aws_instance.client")
	})
	t.Run("client with no path is PA110's", func(t *testing.T) {
		w := newWorld()
		w.app.VPCID = w.vpc("aws_vpc.batch", "10.30.0.0/16").ID
		if rs := run(t, "PA405", w.v); len(rs) != 0 {
			t.Errorf("got %+v", rs)
		}
	})
}
