package topology_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/topology"
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

// TestOrigins: the walk lists the resource instances a value may be drawn
// from, per module instance: a for expression over a module call without
// an output name reads every output of every instance of the call; a local
// is followed only with the .tf source.
func TestOrigins(t *testing.T) {
	const api = `module.stack["a"].aws_api_gateway_rest_api.`
	ep := func(spoke, attr string) string {
		return `module.stack["a"].module.spoke["` + spoke + `"].` + attr
	}
	ownIDs := []string{
		ep("billing", "aws_subnet.endpoint id"), ep("billing", "aws_vpc.this id"), ep("billing", "aws_vpc_endpoint.execute_api id"),
		ep("orders", "aws_subnet.endpoint id"), ep("orders", "aws_vpc.this id"), ep("orders", "aws_vpc_endpoint.execute_api id"),
	}
	tests := []struct {
		name       string
		withSource bool
		resource   string
		complete   bool
		want       []string
	}{
		{"for over module, plan only", false, api + "this", true, ownIDs},
		// the iteration variable hides the output name from hcl too
		{"for over module, source", true, api + "this", true, ownIDs},
		// the plan does not record locals
		{"local, plan only", false, api + "via_local", false, nil},
		{"local, source", true, api + "via_local", true, ownIDs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := view(t, "model-foreach-stacks", tt.withSource)
			a := v.APIByAddress(tt.resource)
			if a == nil || !a.InPlan() {
				t.Fatalf("%s not in the view", tt.resource)
			}
			got, complete := topology.OriginsOf(v, a, "endpoint_configuration")
			if complete != tt.complete {
				t.Fatalf("complete = %v, want %v", complete, tt.complete)
			}
			if !complete {
				return
			}
			sort.Strings(got)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}
