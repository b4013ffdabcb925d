package topology_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestEndpointConfigReads: Build records what each API's
// endpoint_configuration reads when the plan leaves vpc_endpoint_ids
// unknown. A for expression over a module call reads the endpoints of its
// own module instance only (not the other stack's); through a local, which
// the plan does not record, the walk is incomplete and nothing bounds the
// ids. With the .tf source the ids are known: nothing is read.
func TestEndpointConfigReads(t *testing.T) {
	api := func(stack, name string) string {
		return fmt.Sprintf("module.stack[%q].aws_api_gateway_rest_api.%s", stack, name)
	}
	own := func(stack string) string {
		ep := func(spoke string) string {
			return fmt.Sprintf("module.stack[%q].module.spoke[%q].aws_vpc_endpoint.execute_api", stack, spoke)
		}
		return "bounded 2: " + ep("billing") + " " + ep("orders")
	}
	tests := []struct {
		withSource bool
		want       map[string]string
	}{
		{false, map[string]string{
			api("a", "this"): own("a"), api("b", "this"): own("b"),
			api("a", "via_local"): "unbounded", api("b", "via_local"): "unbounded",
		}},
		// the source resolves the ids themselves: nothing to bound
		{true, map[string]string{
			api("a", "this"): "not read", api("b", "this"): "not read",
			api("a", "via_local"): "not read", api("b", "via_local"): "not read",
		}},
	}
	for _, tt := range tests {
		v := view(t, "model-foreach-stacks", tt.withSource)
		got := map[string]string{}
		for _, a := range v.APIs {
			r := a.EndpointConfigReads
			switch {
			case r == nil:
				got[a.Address] = "not read"
			case !r.Bounded:
				got[a.Address] = "unbounded"
			default:
				var eps []string
				for _, e := range r.Endpoints {
					eps = append(eps, e.Address)
				}
				got[a.Address] = fmt.Sprintf("bounded %d: %s", r.Resources, strings.Join(eps, " "))
			}
		}
		for addr, want := range tt.want {
			if got[addr] != want {
				t.Errorf("source %v: %s: %q, want %q", tt.withSource, addr, got[addr], want)
			}
		}
	}
}
