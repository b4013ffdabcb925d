package reach_test

import (
	"maps"
	"slices"
	"testing"

	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology/topotest"
)

// peeredWorld is the plan of an API whose client sits in a VPC peered with
// the endpoint's, with routes both ways, calling the stage's invoke URL
// (the private DNS name), in us-east-1:
//
//	resource "aws_vpc" "main" { cidr_block = "10.20.0.0/16", enable_dns_support = true, enable_dns_hostnames = true }
//	resource "aws_vpc" "reporting" { cidr_block = "10.30.0.0/16" }
//	resource "aws_subnet" "endpoint" { vpc_id = aws_vpc.main.id, cidr_block = "10.20.0.0/24" }
//	resource "aws_subnet" "reporting" { vpc_id = aws_vpc.reporting.id, cidr_block = "10.30.1.0/24" }
//	resource "aws_vpc_peering_connection" "p" { vpc_id = aws_vpc.main.id, peer_vpc_id = aws_vpc.reporting.id, auto_accept = true }
//	resource "aws_route" "to_reporting" { route_table_id = aws_vpc.main.main_route_table_id, destination_cidr_block = "10.30.0.0/16", vpc_peering_connection_id = aws_vpc_peering_connection.p.id }
//	resource "aws_route" "to_main" { route_table_id = aws_vpc.reporting.main_route_table_id, destination_cidr_block = "10.20.0.0/16", vpc_peering_connection_id = aws_vpc_peering_connection.p.id }
//	resource "aws_vpc_endpoint" "execute_api" { vpc_id = aws_vpc.main.id, service_name = "com.amazonaws.us-east-1.execute-api", vpc_endpoint_type = "Interface", private_dns_enabled = true, subnet_ids = [aws_subnet.endpoint.id] }
//	resource "aws_api_gateway_rest_api" "api" { endpoint_configuration { types = ["PRIVATE"], vpc_endpoint_ids = [aws_vpc_endpoint.execute_api.id] } }
//	resource "aws_api_gateway_stage" "prod" { rest_api_id = aws_api_gateway_rest_api.api.id, stage_name = "prod" }
//	resource "aws_instance" "client" { subnet_id = aws_subnet.reporting.id, user_data = "curl ${aws_api_gateway_stage.prod.invoke_url}/health" }
func peeredWorld() map[string]*topotest.Resource {
	res := func(addr string, after map[string]any, refs map[string][]string, unknown ...string) *topotest.Resource {
		r := &topotest.Resource{Address: addr, After: after, Unknown: append([]string{"id"}, unknown...), Refs: map[string][]string{}}
		for k, v := range refs {
			r.Refs[k] = v
			if _, known := after[k]; !known {
				r.Unknown = append(r.Unknown, k)
			}
		}
		return r
	}
	ref := topotest.Ref
	w := map[string]*topotest.Resource{}
	for _, r := range []*topotest.Resource{
		res("aws_vpc.main", map[string]any{"cidr_block": "10.20.0.0/16", "enable_dns_support": true, "enable_dns_hostnames": true}, nil, "main_route_table_id"),
		res("aws_vpc.reporting", map[string]any{"cidr_block": "10.30.0.0/16", "enable_dns_support": true, "enable_dns_hostnames": true}, nil, "main_route_table_id"),
		res("aws_subnet.endpoint", map[string]any{"cidr_block": "10.20.0.0/24", "availability_zone": "us-east-1a"}, map[string][]string{"vpc_id": ref("aws_vpc.main", "id")}),
		res("aws_subnet.reporting", map[string]any{"cidr_block": "10.30.1.0/24", "availability_zone": "us-east-1a"}, map[string][]string{"vpc_id": ref("aws_vpc.reporting", "id")}),
		res("aws_vpc_peering_connection.p", map[string]any{"auto_accept": true}, map[string][]string{"vpc_id": ref("aws_vpc.main", "id"), "peer_vpc_id": ref("aws_vpc.reporting", "id")}),
		res("aws_route.to_reporting", map[string]any{"destination_cidr_block": "10.30.0.0/16"}, map[string][]string{
			"route_table_id": ref("aws_vpc.main", "main_route_table_id"), "vpc_peering_connection_id": ref("aws_vpc_peering_connection.p", "id")}),
		res("aws_route.to_main", map[string]any{"destination_cidr_block": "10.20.0.0/16"}, map[string][]string{
			"route_table_id": ref("aws_vpc.reporting", "main_route_table_id"), "vpc_peering_connection_id": ref("aws_vpc_peering_connection.p", "id")}),
		res("aws_vpc_endpoint.execute_api", map[string]any{"service_name": "com.amazonaws.us-east-1.execute-api", "vpc_endpoint_type": "Interface", "private_dns_enabled": true},
			map[string][]string{"vpc_id": ref("aws_vpc.main", "id"), "subnet_ids": ref("aws_subnet.endpoint", "id")}),
		res("aws_api_gateway_rest_api.api", map[string]any{"name": "api", "disable_execute_api_endpoint": false,
			"endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}}}},
			map[string][]string{"endpoint_configuration.0.vpc_endpoint_ids": ref("aws_vpc_endpoint.execute_api", "id")}),
		res("aws_api_gateway_stage.prod", map[string]any{"stage_name": "prod"}, map[string][]string{"rest_api_id": ref("aws_api_gateway_rest_api.api", "id")}, "invoke_url"),
		res("aws_instance.client", map[string]any{"ami": "ami-0abc"}, map[string][]string{
			"subnet_id": ref("aws_subnet.reporting", "id"), "user_data": ref("aws_api_gateway_stage.prod", "invoke_url")}),
	} {
		w[r.Address] = r
	}
	return w
}

// TestRemoteDNSWorld: PA405's rule on a client in a peered VPC, one input
// changed at a time; a deciding value known only after apply never passes.
func TestRemoteDNSWorld(t *testing.T) {
	tests := []struct {
		name   string
		change func(w map[string]*topotest.Resource)
		want   symbol.Tri
		rule   reach.RemoteDNSRule
		demote bool
	}{
		{"calls the private DNS name from the peered VPC", nil, symbol.False, reach.RemotePrivateName, false},
		{"a zone of the client's VPC answers for the name", func(w map[string]*topotest.Resource) {
			w["aws_route53_zone.execute_api"] = &topotest.Resource{Address: "aws_route53_zone.execute_api",
				After:   map[string]any{"name": "execute-api.us-east-1.amazonaws.com", "vpc": []any{map[string]any{}}},
				Unknown: []string{"id", "zone_id", "vpc.0.vpc_id"}, Refs: map[string][]string{"vpc.0.vpc_id": topotest.Ref("aws_vpc.reporting", "id")}}
		}, symbol.True, reach.RemoteZoneServes, false},
		{"whether a zone answers in the client's VPC is known only after apply", func(w map[string]*topotest.Resource) {
			w["data.aws_vpc.shared"] = &topotest.Resource{Address: "data.aws_vpc.shared", Actions: []string{"read"},
				After: map[string]any{"tags": map[string]any{"Name": "shared"}}, Unknown: []string{"id"}}
			w["aws_route53_zone.execute_api"] = &topotest.Resource{Address: "aws_route53_zone.execute_api",
				After:   map[string]any{"name": "execute-api.us-east-1.amazonaws.com", "vpc": []any{map[string]any{}}},
				Unknown: []string{"id", "zone_id", "vpc.0.vpc_id"}, Refs: map[string][]string{"vpc.0.vpc_id": topotest.Ref("data.aws_vpc.shared", "id")}}
		}, symbol.Unknown, reach.RemoteZoneUnknown, false},
		{"the client calls a name its configuration does not show", func(w map[string]*topotest.Resource) {
			c := w["aws_instance.client"]
			c.Refs["user_data"] = topotest.Ref("aws_api_gateway_rest_api.api", "id")
		}, symbol.Unknown, reach.RemoteNameUnknown, false},
		{"the client's VPC is known only after apply", func(w map[string]*topotest.Resource) {
			w["data.aws_subnet.app"] = &topotest.Resource{Address: "data.aws_subnet.app", Actions: []string{"read"},
				After: map[string]any{"tags": map[string]any{"Name": "app"}}, Unknown: []string{"id", "vpc_id", "cidr_block"}}
			w["aws_instance.client"].Refs["subnet_id"] = topotest.Ref("data.aws_subnet.app", "id")
		}, symbol.Unknown, reach.RemoteVPCUnknown, false},
		{"the API may not be PRIVATE", func(w map[string]*topotest.Resource) {
			api := w["aws_api_gateway_rest_api.api"]
			api.After["endpoint_configuration"] = []any{map[string]any{}}
			api.Unknown = append(api.Unknown, "endpoint_configuration.0.types")
			api.Refs["endpoint_configuration.0.types"] = topotest.Ref("data.aws_vpc.shared", "tags")
		}, symbol.Unknown, reach.RemotePrivateName, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := peeredWorld()
			if tt.change != nil {
				tt.change(w)
			}
			var rs []topotest.Resource
			for _, addr := range slices.Sorted(maps.Keys(w)) {
				rs = append(rs, *w[addr])
			}
			n := reach.NewNet(topotest.ViewIn(t, "us-east-1", rs...))
			api, c := onlyClient(t, n, "aws_instance.client")
			vd, ok := n.RemoteDNS(api, c)
			if !ok {
				t.Fatalf("RemoteDNS: the client has no path to use (%+v)", n.ClientPaths(api, c))
			}
			if vd.Result != tt.want || vd.Rule != tt.rule || vd.Demoted != tt.demote {
				t.Errorf("RemoteDNS = %v rule %d demoted %v; want %v rule %d demoted %v", vd.Result, vd.Rule, vd.Demoted, tt.want, tt.rule, tt.demote)
			}
		})
	}
}
