package engine_test

import (
	"reflect"
	"testing"

	"github.com/privapi/privapi/internal/config"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/topology"
)

func ptr(b bool) *bool { return &b }

func TestDeclarations(t *testing.T) {
	pos := func(line int) config.Pos { return config.Pos{File: "stack/.privapi.hcl", Line: line, Column: 3} }
	fullEndpoint := config.Endpoint{
		Name: "shared", ID: "vpce-0123", VPCID: "vpc-0a", Region: "eu-west-1",
		SecurityGroupIDs: []string{"sg-01"}, PrivateDNS: true,
		SubnetCIDRs: []string{"10.0.1.0/24"}, VPCCIDRs: []string{"10.0.0.0/16"},
		IngressHTTPSFrom: []string{"10.1.0.0/16", "sg-02"}, NACLsAllowHTTPS: ptr(false),
		Subnets: []config.Subnet{{CIDR: "10.0.1.0/24", AZ: "eu-west-1a", Pos: pos(9)}},
		Policy:  `{"Statement":[]}`, PolicyFile: "p.json", PolicyPath: "stack/p.json",
		DNSSupport: ptr(true), DNSHostnames: ptr(false),
		Pos: pos(2), EndLine: 14, Attrs: map[string]config.Pos{"id": pos(3), "policy_file": pos(8)},
	}
	fullClient := config.Client{
		Name: "batch", CIDRs: []string{"10.1.0.0/24"}, SecurityGroupIDs: []string{"sg-02"}, VPCID: "vpc-0b",
		APIs: []string{"aws_api_gateway_rest_api.api"}, EgressHTTPSTo: []string{"sg-01"}, NACLsAllowHTTPS: ptr(true),
		URLForm: config.URLFormAlias, AliasEndpointID: "vpce-0123", CustomDomain: "api.example.internal",
		SignsRequests: ptr(true), PrincipalARN: "arn:aws:iam::123456789012:role/batch", OrganizationID: "o-abcdefghij",
		Links: []string{"pcx-01"},
		Pos:   pos(16), EndLine: 30, Attrs: map[string]config.Pos{"url_form": pos(20)},
	}
	tests := []struct {
		name string
		cfg  *config.Config
		want topology.Declarations
	}{
		{"no configuration", nil, topology.Declarations{}},
		{"nothing declared", &config.Config{Path: ".privapi.hcl"}, topology.Declarations{}},
		{"every attribute", &config.Config{Endpoints: []config.Endpoint{fullEndpoint}, Clients: []config.Client{fullClient}},
			topology.Declarations{
				Endpoints: []topology.DeclaredEndpoint{{
					Name: "shared", ID: "vpce-0123", VPCID: "vpc-0a", Region: "eu-west-1",
					SecurityGroupIDs: []string{"sg-01"}, PrivateDNS: true,
					SubnetCIDRs: []string{"10.0.1.0/24"}, VPCCIDRs: []string{"10.0.0.0/16"},
					IngressHTTPSFrom: []string{"10.1.0.0/16", "sg-02"}, NACLsAllowHTTPS: ptr(false),
					Subnets: []topology.DeclaredSubnet{{CIDR: "10.0.1.0/24", AZ: "eu-west-1a"}},
					Policy:  `{"Statement":[]}`, DNSSupport: ptr(true), DNSHostnames: ptr(false),
					At: &topology.Declaration{File: "stack/.privapi.hcl", Line: 2, EndLine: 14, Attrs: map[string]int{"id": 3, "policy_file": 8}},
				}},
				Clients: []topology.DeclaredClient{{
					Name: "batch", CIDRs: []string{"10.1.0.0/24"}, SecurityGroupIDs: []string{"sg-02"}, VPCID: "vpc-0b",
					APIs: []string{"aws_api_gateway_rest_api.api"}, EgressHTTPSTo: []string{"sg-01"}, NACLsAllowHTTPS: ptr(true),
					URLForm: topology.URLFormAlias, AliasEndpointID: "vpce-0123", CustomDomain: "api.example.internal",
					SignsRequests: ptr(true), PrincipalARN: "arn:aws:iam::123456789012:role/batch", OrganizationID: "o-abcdefghij",
					Links: []string{"pcx-01"},
					At:    &topology.Declaration{File: "stack/.privapi.hcl", Line: 16, EndLine: 30, Attrs: map[string]int{"url_form": 20}},
				}},
			}},
		{"policy = \"default\" is the full-access policy", &config.Config{Endpoints: []config.Endpoint{{Name: "e", Policy: config.PolicyDefault}}},
			topology.Declarations{Endpoints: []topology.DeclaredEndpoint{{Name: "e", DefaultPolicy: true}}}},
		{"no policy: any policy", &config.Config{Endpoints: []config.Endpoint{{Name: "e", PolicyFile: "unread.json"}}},
			topology.Declarations{Endpoints: []topology.DeclaredEndpoint{{Name: "e"}}}},
		{"a block without a position is nowhere", &config.Config{
			Endpoints: []config.Endpoint{{Name: "e", Pos: config.Pos{Line: 4}, EndLine: 9}},
			Clients:   []config.Client{{Name: "c", Pos: config.Pos{File: "x.hcl"}, EndLine: 9}}},
			topology.Declarations{Endpoints: []topology.DeclaredEndpoint{{Name: "e"}}, Clients: []topology.DeclaredClient{{Name: "c"}}}},
		{"a block ends on or after its first line", &config.Config{Clients: []config.Client{{Name: "c", Pos: pos(7)}}},
			topology.Declarations{Clients: []topology.DeclaredClient{{Name: "c", At: &topology.Declaration{File: "stack/.privapi.hcl", Line: 7, EndLine: 7}}}}},
		{"apis = [] calls none, no apis calls every API", &config.Config{Clients: []config.Client{{Name: "none", APIs: []string{}}, {Name: "every"}}},
			topology.Declarations{Clients: []topology.DeclaredClient{{Name: "none", APIs: []string{}}, {Name: "every"}}}},
		{"endpoints and clients keep the file's order", &config.Config{
			Endpoints: []config.Endpoint{{Name: "b"}, {Name: "a"}}, Clients: []config.Client{{Name: "z"}, {Name: "y"}}},
			topology.Declarations{Endpoints: []topology.DeclaredEndpoint{{Name: "b"}, {Name: "a"}}, Clients: []topology.DeclaredClient{{Name: "z"}, {Name: "y"}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := engine.Declarations(tc.cfg); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
	t.Run("every field of a block is carried", func(t *testing.T) {
		// A field added to the configuration's blocks must reach the domain
		// (or be named here as the configuration's own).
		own := map[string]bool{"PolicyFile": true, "PolicyPath": true, "Pos": true, "EndLine": true, "Attrs": true}
		for _, v := range []any{fullEndpoint, fullClient} {
			rv := reflect.ValueOf(v)
			for i := 0; i < rv.NumField(); i++ {
				if rv.Field(i).IsZero() {
					t.Errorf("%s.%s is not set in the test's full block", rv.Type().Name(), rv.Type().Field(i).Name)
				}
			}
		}
		d := engine.Declarations(&config.Config{Endpoints: []config.Endpoint{fullEndpoint}, Clients: []config.Client{fullClient}})
		for _, pair := range []struct{ from, to any }{{fullEndpoint, d.Endpoints[0]}, {fullClient, d.Clients[0]}} {
			to := reflect.ValueOf(pair.to)
			ft := reflect.TypeOf(pair.from)
			for i := 0; i < ft.NumField(); i++ {
				name := ft.Field(i).Name
				if own[name] {
					continue
				}
				if f := to.FieldByName(name); !f.IsValid() || f.IsZero() {
					t.Errorf("%s.%s does not reach topology.%s", ft.Name(), name, to.Type().Name())
				}
			}
		}
	})
	forms := map[string]topology.URLForm{
		"":                             topology.URLFormUnsaid,
		config.URLFormInvokeURL:        topology.URLFormInvokeURL,
		config.URLFormAlias:            topology.URLFormAlias,
		config.URLFormEndpointHostname: topology.URLFormEndpointHostname,
		config.URLFormCustomDomain:     topology.URLFormCustomDomain,
	}
	for in, want := range forms {
		got := engine.Declarations(&config.Config{Clients: []config.Client{{URLForm: in}}}).Clients[0].URLForm
		if got != want {
			t.Errorf("url_form %q: got %q, want %q", in, got, want)
		}
	}
}
