package topology_test

import (
	"testing"

	"github.com/privapi/privapi/internal/topology/topotest"
)

// TestEndpointTypeDefault: an endpoint whose configuration leaves
// vpc_endpoint_type unset takes the provider's default, Gateway, whether the
// plan shows that default (as the provider plans it) or leaves it unknown;
// one that sets it to a value known only after apply has an unknown type,
// not the default.
func TestEndpointTypeDefault(t *testing.T) {
	ep := func(addr string) topotest.Resource {
		return topotest.Resource{Address: addr, After: map[string]any{"service_name": "com.amazonaws.us-east-1.execute-api", "vpc_id": "vpc-1"},
			Unknown: []string{"id"}, Refs: map[string][]string{}}
	}
	shown, unknown, later, set := ep("aws_vpc_endpoint.shown"), ep("aws_vpc_endpoint.unknown"), ep("aws_vpc_endpoint.later"), ep("aws_vpc_endpoint.set")
	shown.After["vpc_endpoint_type"] = "Gateway"
	shown.Computed = []string{"vpc_endpoint_type"}
	unknown.Unknown = append(unknown.Unknown, "vpc_endpoint_type")
	later.Unknown = append(later.Unknown, "vpc_endpoint_type")
	later.Refs["vpc_endpoint_type"] = []string{"module.settings.endpoint_type", "module.settings"}
	set.After["vpc_endpoint_type"] = "Gateway"
	v := topotest.ViewIn(t, "us-east-1", shown, unknown, later, set)
	want := map[string]bool{"aws_vpc_endpoint.shown": true, "aws_vpc_endpoint.unknown": true, "aws_vpc_endpoint.later": false, "aws_vpc_endpoint.set": false}
	for _, e := range v.Endpoints {
		if e.TypeDefaulted != want[e.Address] {
			t.Errorf("%s: type %q, defaulted %v, want defaulted %v", e.Address, e.Type, e.TypeDefaulted, want[e.Address])
		}
		if e.Address == "aws_vpc_endpoint.later" && e.Type == "Gateway" {
			t.Errorf("%s: a type known only after apply became Gateway", e.Address)
		}
	}
}
