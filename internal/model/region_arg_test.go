package model_test

import (
	"strings"

	"github.com/zclconf/go-cty/cty"
	"testing"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/topology/topotest"
)

// TestRegionArgumentUnknown: a resource whose own region argument (provider
// v6) is known only after apply is in an unknown region, not in its
// provider's; one that leaves region unset is in its provider's, and one
// that sets it is in that region.
func TestRegionArgumentUnknown(t *testing.T) {
	p := topotest.InRegion(topotest.Plan(
		topotest.Resource{Address: "aws_vpc_endpoint.unset", After: map[string]any{"service_name": "com.amazonaws.us-east-1.execute-api"}, Unknown: []string{"id"}},
		topotest.Resource{Address: "aws_vpc_endpoint.west", After: map[string]any{"service_name": "com.amazonaws.us-west-2.execute-api", "region": "us-west-2"}, Unknown: []string{"id"}},
		topotest.Resource{Address: "aws_vpc_endpoint.later", After: map[string]any{"service_name": "com.amazonaws.us-east-1.execute-api"}, Unknown: []string{"id", "region"},
			Refs: map[string][]string{"region": {"data.aws_region.shared.region", "data.aws_region.shared"}}},
	), "us-east-1")
	m := model.FromPlan(p, nil)
	for addr, want := range map[string]string{"aws_vpc_endpoint.unset": "us-east-1", "aws_vpc_endpoint.west": "us-west-2", "aws_vpc_endpoint.later": ""} {
		if got := m.Region(m.Instance(addr)); got != want {
			t.Errorf("%s: region %q, want %q", addr, got, want)
		}
	}
}

// TestPlanRefsResolve: without the .tf source, an argument whose plan
// configuration is one reference to another resource's id-like attribute
// holds that attribute's value: a list of ids from default_security_group_id,
// a parent_id from an API's root_resource_id, and the endpoint id of a
// domain name access association.
func TestPlanRefsResolve(t *testing.T) {
	m := model.FromPlan(topotest.Plan(
		topotest.Resource{Address: "aws_vpc.main", After: map[string]any{"cidr_block": "10.0.0.0/16"}, Unknown: []string{"id", "default_security_group_id"}},
		topotest.Resource{Address: "aws_vpc_endpoint.api", After: map[string]any{"service_name": "com.amazonaws.us-east-1.execute-api"}, Unknown: []string{"id"}},
		topotest.Resource{Address: "aws_instance.c", After: map[string]any{"ami": "ami-0abc"}, Unknown: []string{"id", "vpc_security_group_ids"},
			Refs: map[string][]string{"vpc_security_group_ids": topotest.Ref("aws_vpc.main", "default_security_group_id")}},
		topotest.Resource{Address: "aws_api_gateway_rest_api.api", After: map[string]any{"name": "api"}, Unknown: []string{"id", "root_resource_id"}},
		topotest.Resource{Address: "aws_api_gateway_resource.r", After: map[string]any{"path_part": "pets"}, Unknown: []string{"id", "parent_id"},
			Refs: map[string][]string{"parent_id": topotest.Ref("aws_api_gateway_rest_api.api", "root_resource_id")}},
		topotest.Resource{Address: "aws_api_gateway_domain_name_access_association.a", After: map[string]any{"access_association_source_type": "VPCE"},
			Unknown: []string{"id", "access_association_source"}, Refs: map[string][]string{"access_association_source": topotest.Ref("aws_vpc_endpoint.api", "id")}},
	), nil)
	sgs := m.Attr(m.Instance("aws_instance.c"), "vpc_security_group_ids")
	if !sgs.IsWhollyKnown() || sgs.LengthInt() != 1 || !strings.Contains(sgs.Index(cty.NumberIntVal(0)).AsString(), "aws_vpc.main#default_security_group_id") {
		t.Errorf("vpc_security_group_ids = %#v, want the VPC's default_security_group_id", sgs)
	}
	if p := m.Attr(m.Instance("aws_api_gateway_resource.r"), "parent_id"); !p.IsKnown() || !strings.Contains(p.AsString(), "aws_api_gateway_rest_api.api#root_resource_id") {
		t.Errorf("parent_id = %#v, want the API's root_resource_id", p)
	}
	src := m.Attr(m.Instance("aws_api_gateway_domain_name_access_association.a"), "access_association_source")
	if !src.IsKnown() || !strings.Contains(src.AsString(), "aws_vpc_endpoint.api#id") {
		t.Errorf("access_association_source = %#v, want the endpoint's id", src)
	}
}
