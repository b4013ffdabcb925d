package topotest_test

import (
	"slices"
	"testing"

	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
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

// TestWithVariables: a configuration argument that reads a variable
// resolves to the variable's value in the plan.
func TestWithVariables(t *testing.T) {
	p := topotest.Plan(
		topotest.Resource{Address: "aws_vpc.main", After: map[string]any{"cidr_block": "10.0.0.0/16"}, Unknown: []string{"id"}},
		topotest.Resource{Address: "aws_vpc_endpoint.api", After: map[string]any{"service_name": "com.amazonaws.eu-west-1.execute-api", "vpc_endpoint_type": "Interface"},
			Unknown: []string{"id", "vpc_id", "subnet_ids"},
			Refs:    map[string][]string{"vpc_id": topotest.Ref("aws_vpc.main", "id"), "subnet_ids": {"var.subnet_ids"}}},
	)
	v := topotest.ViewOf(t, topotest.WithVariables(p, map[string]any{"subnet_ids": []any{"subnet-0abc"}}), topology.Inputs{})
	if len(v.Endpoints) != 1 {
		t.Fatalf("endpoints: %+v", v.Endpoints)
	}
	if e := v.Endpoints[0]; !e.SubnetsKnown || len(e.SubnetIDs) != 1 || e.SubnetIDs[0] != "subnet-0abc" {
		t.Errorf("subnet_ids = %v (known %v), want the variable's [subnet-0abc]", e.SubnetIDs, e.SubnetsKnown)
	}
}

// TestCountArguments: the instances of one resource block share its
// configuration, so an argument they set differently is an expression
// that reads count.index (and their references), not the first
// instance's constant: a value of one instance known only after apply
// stays unknown.
func TestCountArguments(t *testing.T) {
	sub := func(i, az string) topotest.Resource {
		return topotest.Resource{Address: "aws_subnet.a[" + i + "]", After: map[string]any{"vpc_id": "vpc-1", "cidr_block": "10.0." + i + ".0/24", "availability_zone": az}, Unknown: []string{"id"}}
	}
	a0, a1 := sub("0", "us-east-1a"), sub("1", "")
	delete(a1.After, "availability_zone")
	a1.Unknown = append(a1.Unknown, "availability_zone")
	p := topotest.Plan(a0, a1)
	if n := len(p.Config.RootModule.Resources); n != 1 {
		t.Fatalf("%d configuration blocks, want 1", n)
	}
	ex := p.Config.RootModule.Resources[0].Expressions
	if e := ex["availability_zone"]; e == nil || e.ConstantValue != nil || !slices.Contains(e.References, "count.index") {
		t.Errorf("availability_zone: %+v, want a reference to count.index", e)
	}
	if e := ex["vpc_id"]; e == nil || e.ConstantValue != "vpc-1" {
		t.Errorf("vpc_id, alike in both: %+v, want the constant", e)
	}
	v := topotest.View(t, a0, a1)
	for _, s := range v.Subnets {
		if s.Address == "aws_subnet.a[1]" && s.AZ == "us-east-1a" {
			t.Errorf("aws_subnet.a[1] took aws_subnet.a[0]'s zone")
		}
	}
}

// TestNoValues: a resource written with no values is planned as an
// object all of whose values are known only after apply (as a plan writes
// it), so a reference to its id resolves to that id.
func TestNoValues(t *testing.T) {
	v := topotest.View(t,
		topotest.Resource{Address: "aws_network_acl.a", Unknown: []string{"id"}},
		topotest.Resource{Address: "aws_network_acl_rule.r", After: map[string]any{"rule_number": 100, "egress": false, "protocol": "tcp",
			"cidr_block": "10.0.0.0/16", "from_port": 443, "to_port": 443, "rule_action": "allow"},
			Unknown: []string{"id", "network_acl_id"}, Refs: map[string][]string{"network_acl_id": topotest.Ref("aws_network_acl.a", "id")}},
	)
	if len(v.NACLs) != 1 || len(v.NACLs[0].Rules) != 1 {
		t.Fatalf("NACLs: %+v", v.NACLs)
	}
}
