package topology_test

import (
	"testing"

	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/topology/topotest"
)

// TestDeclaredFacts builds views with declared endpoints and clients: a
// fact the declaration leaves out is Unknown, never false.
func TestDeclaredFacts(t *testing.T) {
	yes, no := true, false
	tests := []struct {
		name       string
		said       *bool
		want       symbol.Tri
		policy     string
		defaultPol bool
		policies   int
		known      bool
	}{
		{"nothing said", nil, symbol.Unknown, "", false, 1, false},
		{"said true, default policy", &yes, symbol.True, "", true, 0, false},
		{"said false, a policy", &no, symbol.False, `{"Statement":[]}`, false, 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := topotest.ViewWith(t, topology.Inputs{Declared: topology.Declarations{
				Endpoints: []topology.DeclaredEndpoint{{Name: "e", ID: "vpce-01", Region: "eu-west-1", NACLsAllowHTTPS: tc.said,
					DNSSupport: tc.said, DNSHostnames: tc.said, Policy: tc.policy, DefaultPolicy: tc.defaultPol}},
				Clients: []topology.DeclaredClient{{Name: "c", NACLsAllowHTTPS: tc.said, SignsRequests: tc.said}},
			}}, topotest.Resource{Address: "aws_api_gateway_rest_api.api", After: map[string]any{"id": "abcdef1234", "name": "api"}})
			if len(v.Endpoints) != 1 || len(v.Clients) != 1 {
				t.Fatalf("endpoints %+v, clients %+v", v.Endpoints, v.Clients)
			}
			e, c := v.Endpoints[0], v.Clients[0]
			if e.NACLsAllowHTTPS != tc.want || c.NACLsAllowHTTPS != tc.want {
				t.Errorf("NACLsAllowHTTPS: endpoint %v, client %v, want %v", e.NACLsAllowHTTPS, c.NACLsAllowHTTPS, tc.want)
			}
			if e.VPCDNSSupport != tc.want || e.VPCDNSHostnames != tc.want || c.SignsRequests != tc.want {
				t.Errorf("DNS %v/%v, signs %v, want %v", e.VPCDNSSupport, e.VPCDNSHostnames, c.SignsRequests, tc.want)
			}
			if len(e.Policies) != tc.policies || tc.policies > 0 && (e.Policies[0].Kind != topology.PolicyDeclared || e.Policies[0].Known != tc.known || e.Policies[0].JSON != tc.policy) {
				t.Errorf("policies %+v", e.Policies)
			}
			if !e.Declared || e.Address != "endpoint.e" || !c.Declared || c.Address != "client.c" || len(c.APIs) != 1 {
				t.Errorf("endpoint %+v, client %+v", e, c)
			}
		})
	}
	forms := []struct {
		form topology.URLForm
		dns  symbol.Tri
		host bool
	}{{topology.URLFormInvokeURL, symbol.True, false}, {topology.URLFormEndpointHostname, symbol.False, true}, {topology.URLFormAlias, symbol.False, false}}
	for _, f := range forms {
		v := topotest.ViewWith(t, topology.Inputs{Declared: topology.Declarations{Clients: []topology.DeclaredClient{{Name: "c", URLForm: f.form, AliasEndpointID: "vpce-01"}}}},
			topotest.Resource{Address: "aws_api_gateway_rest_api.api", After: map[string]any{"id": "abcdef1234", "name": "api"}})
		d := v.Clients[0].DeclaredForms
		if d == nil || d.PrivateDNS != f.dns || d.EndpointHost != f.host || (f.form == topology.URLFormAlias) != (len(d.Alias) == 1) {
			t.Errorf("url_form %s: forms %+v", f.form, d)
		}
	}
	v := topotest.ViewWith(t, topology.Inputs{Declared: topology.Declarations{Clients: []topology.DeclaredClient{{Name: "c"}}}})
	if v.Clients[0].DeclaredForms != nil {
		t.Errorf("no url_form: forms %+v", v.Clients[0].DeclaredForms)
	}
}
