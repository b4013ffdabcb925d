package topology_test

import (
	"testing"

	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/topology/topotest"
)

func TestClientFamilies(t *testing.T) {
	T, F, U := symbol.True, symbol.False, symbol.Unknown
	tests := []struct {
		name    string
		subnet  map[string]any
		unknown []string
		want    topology.Families
	}{
		{"IPv4 only", map[string]any{"cidr_block": "10.0.1.0/24"}, nil, topology.Families{V4: T, V6: F}},
		{"dual-stack", map[string]any{"cidr_block": "10.0.1.0/24", "ipv6_cidr_block": "2600:1f18::/64"}, nil, topology.Families{V4: T, V6: T}},
		{"dual-stack, IPv6 block unknown", map[string]any{"cidr_block": "10.0.1.0/24", "assign_ipv6_address_on_creation": true}, []string{"ipv6_cidr_block"}, topology.Families{V4: T, V6: U}},
		{"IPv6-only", map[string]any{"ipv6_cidr_block": "2600:1f18::/64", "ipv6_native": true}, nil, topology.Families{V4: F, V6: T}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sub := map[string]any{"id": "subnet-01", "vpc_id": "vpc-1", "ipv6_native": false}
			for k, x := range tc.subnet {
				sub[k] = x
			}
			v := topotest.View(t,
				topotest.Resource{Address: "aws_subnet.a", After: sub, Unknown: tc.unknown},
				topotest.Resource{Address: "aws_api_gateway_rest_api.api", After: map[string]any{"id": "abcdef1234", "name": "api"}},
				topotest.Resource{Address: "aws_lambda_function.f", After: map[string]any{"function_name": "f",
					"environment": []any{map[string]any{"variables": map[string]any{"API": "https://abcdef1234.execute-api.eu-west-1.amazonaws.com/prod"}}},
					"vpc_config":  []any{map[string]any{"subnet_ids": []any{"subnet-01"}, "security_group_ids": []any{"sg-1"}}}}},
			)
			if len(v.Clients) != 1 {
				t.Fatalf("clients: %+v", v.Clients)
			}
			if got := v.ClientFamilies(v.Clients[0]); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	v := topotest.ViewWith(t, topology.Inputs{Declared: topology.Declarations{Clients: []topology.DeclaredClient{{Name: "d", CIDRs: []string{"10.1.0.0/24", "2600:1f18::/64"}, VPCID: "vpc-9"}}}},
		topotest.Resource{Address: "aws_api_gateway_rest_api.api", After: map[string]any{"id": "abcdef1234", "name": "api"}})
	if len(v.Clients) != 1 || !v.Clients[0].Declared {
		t.Fatalf("clients: %+v", v.Clients)
	}
	if got := v.ClientFamilies(v.Clients[0]); got != (topology.Families{V4: T, V6: T}) {
		t.Errorf("declared dual-stack client: got %v", got)
	}
}
