package topology

import (
	"sort"
	"strings"
	"testing"
)

// TestOriginsEachAndVariables: Origins follows each.value to the for_each
// of the resource (or of the module call, for a variable), and module
// variables to the call's argument in the parent; each.* in a local, where
// no for_each defines it, leaves the walk incomplete.
func TestOriginsEachAndVariables(t *testing.T) {
	files := map[string]string{
		"main.tf": `
resource "aws_vpc_endpoint" "e" {
  vpc_id = "vpc-1"
}
resource "aws_vpc_endpoint" "other" {
  vpc_id = "vpc-1"
}
resource "aws_api_gateway_rest_api" "each" {
  for_each = { x = aws_vpc_endpoint.e.id }
  name     = each.key
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = [each.value]
  }
}
locals {
  ids = [each.value]
}
resource "aws_api_gateway_rest_api" "noeach" {
  for_each = { z = aws_vpc_endpoint.e.id }
  name     = "n"
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = local.ids
  }
}
module "m" {
  source   = "./m"
  for_each = { y = aws_vpc_endpoint.other.id }
  ep       = each.value
}
`,
		"m/main.tf": `
variable "ep" {}
resource "aws_api_gateway_rest_api" "a" {
  name = "m"
  endpoint_configuration {
    types            = ["PRIVATE"]
    vpc_endpoint_ids = [var.ep]
  }
}
`,
	}
	v := buildView(t, files, []change{
		{addr: "aws_vpc_endpoint.e", actions: []string{"create"}, after: map[string]any{}, unknown: []string{"id"}},
		{addr: "aws_vpc_endpoint.other", actions: []string{"create"}, after: map[string]any{}, unknown: []string{"id"}},
		{addr: `aws_api_gateway_rest_api.each["x"]`, actions: []string{"create"}, after: map[string]any{"name": "x"}},
		{addr: `aws_api_gateway_rest_api.noeach["z"]`, actions: []string{"create"}, after: map[string]any{"name": "n"}},
		{addr: `module.m["y"].aws_api_gateway_rest_api.a`, module: `module.m["y"]`, actions: []string{"create"}, after: map[string]any{"name": "m"}},
	})
	for _, tt := range []struct {
		inst     string
		complete bool
		want     string
	}{
		{`aws_api_gateway_rest_api.each["x"]`, true, "aws_vpc_endpoint.e id"},
		{`aws_api_gateway_rest_api.noeach["z"]`, false, ""},
		{`module.m["y"].aws_api_gateway_rest_api.a`, true, "aws_vpc_endpoint.other id"},
	} {
		inst := v.m.Instance(tt.inst)
		if inst == nil {
			t.Fatalf("%s not in the model", tt.inst)
		}
		leaves, complete := v.origins(inst, "endpoint_configuration")
		if complete != tt.complete {
			t.Errorf("%s: complete = %v, want %v", tt.inst, complete, tt.complete)
			continue
		}
		if !complete {
			continue
		}
		var got []string
		for _, o := range leaves {
			got = append(got, o.inst.Address+" "+o.Attr)
		}
		sort.Strings(got)
		if g := strings.Join(got, ", "); g != tt.want {
			t.Errorf("%s: %q, want %q", tt.inst, g, tt.want)
		}
	}
}
