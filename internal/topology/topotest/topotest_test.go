package topotest_test

import (
	"testing"

	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology/topotest"
)

// TestViewGoesThroughBuild: the view has what the builder derives (the
// documented defaults of arguments the configuration leaves unset, links
// by id), not only what the test wrote.
func TestViewGoesThroughBuild(t *testing.T) {
	v := topotest.View(t,
		topotest.Resource{Address: "aws_vpc.main", After: map[string]any{"id": "vpc-1", "cidr_block": "10.0.0.0/16"}},
		topotest.Resource{Address: "aws_subnet.a", After: map[string]any{"id": "subnet-1", "vpc_id": "vpc-1", "cidr_block": "10.0.1.0/24"}},
		topotest.Resource{Address: "aws_vpc_endpoint.api", After: map[string]any{"id": "vpce-1", "vpc_id": "vpc-1",
			"service_name": "com.amazonaws.eu-west-1.execute-api", "vpc_endpoint_type": "Interface", "subnet_ids": []any{"subnet-1"}},
			Unknown: []string{"private_dns_enabled", "security_group_ids"}, Computed: []string{"security_group_ids"}},
		topotest.Resource{Address: "aws_api_gateway_rest_api.api", After: map[string]any{"id": "abcdef1234", "name": "api",
			"endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}, "vpc_endpoint_ids": []any{"vpce-1"}}}}},
	)
	if len(v.APIs) != 1 || v.APIs[0].Private != symbol.True {
		t.Fatalf("APIs: %+v", v.APIs)
	}
	if len(v.Endpoints) != 1 {
		t.Fatalf("endpoints: %+v", v.Endpoints)
	}
	e := v.Endpoints[0]
	if e.PrivateDNS != symbol.False {
		t.Errorf("private_dns_enabled unset and unknown: got %v, want the provider default false", e.PrivateDNS)
	}
	if !e.DefaultSG {
		t.Errorf("no security group set: the endpoint should use the VPC's default group")
	}
	if e.IPAddressType != "ipv4" {
		t.Errorf("ip_address_type unset: got %q, want ipv4", e.IPAddressType)
	}
	if subs, known := v.EndpointSubnets(e); !known || len(subs) != 1 || subs[0].Address != "aws_subnet.a" {
		t.Errorf("endpoint subnets: %v %v", subs, known)
	}
	if v.Associated(v.APIs[0], e) != symbol.True {
		t.Errorf("the API lists the endpoint in vpc_endpoint_ids")
	}
}

// TestNestedUnknown: a path in Unknown and Refs writes after_unknown and
// the configuration as a plan does for an argument of a nested block
// known only after apply, and the builder reads it as unknown.
func TestNestedUnknown(t *testing.T) {
	r := topotest.Resource{Address: "aws_api_gateway_rest_api.api",
		After:   map[string]any{"name": "api", "endpoint_configuration": []any{map[string]any{"vpc_endpoint_ids": []any{"vpce-0aaa"}}}},
		Unknown: []string{"id", "endpoint_configuration.0.types"},
		Refs:    map[string][]string{"endpoint_configuration.0.types": {"var.endpoint_types"}}}
	p := topotest.Plan(r)
	au := p.ResourceChanges[0].Change.AfterUnknown.(map[string]any)
	if l, ok := au["endpoint_configuration"].([]any); !ok || len(l) != 1 || l[0].(map[string]any)["types"] != true || au["id"] != true {
		t.Fatalf("after_unknown = %v", au)
	}
	ec := p.Config.RootModule.Resources[0].Expressions["endpoint_configuration"]
	if ec == nil || len(ec.NestedBlocks) != 1 || ec.NestedBlocks[0]["types"] == nil || ec.NestedBlocks[0]["types"].References[0] != "var.endpoint_types" {
		t.Fatalf("configuration: %+v", ec)
	}
	if v := topotest.View(t, r); len(v.APIs) != 1 || v.APIs[0].Private != symbol.Unknown {
		t.Errorf("private = %v, want unknown", v.APIs[0].Private)
	}
}
