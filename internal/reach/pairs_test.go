package reach_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/planfile"
	"github.com/privapi/privapi/internal/reach"
)

// TestEndpointsForBoundedByReferences: an API whose vpc_endpoint_ids the
// plan alone cannot resolve (a for expression over a module call) is bound
// only to the endpoints its configuration references, not to every
// endpoint of its region — the other stack's endpoints have fresh ids that
// its expression cannot name. Through a local (not recorded in the plan),
// the bound cannot be proven and the API stays paired region-wide.
func TestEndpointsForBoundedByReferences(t *testing.T) {
	const dir = "../../fixtures/model-foreach-stacks"
	ep := func(stack, spoke string) string {
		return fmt.Sprintf("module.stack[%q].module.spoke[%q].aws_vpc_endpoint.execute_api", stack, spoke)
	}
	own := func(stack string, src reach.EndpointSource) []string {
		return []string{ep(stack, "billing") + " " + string(src), ep(stack, "orders") + " " + string(src)}
	}
	all := []string{
		ep("a", "billing") + " " + string(reach.FromRegion), ep("a", "orders") + " " + string(reach.FromRegion),
		ep("b", "billing") + " " + string(reach.FromRegion), ep("b", "orders") + " " + string(reach.FromRegion),
	}
	api := func(stack, name string) string {
		return fmt.Sprintf("module.stack[%q].aws_api_gateway_rest_api.%s", stack, name)
	}
	tests := []struct {
		name   string
		source string
		want   map[string][]string
	}{
		{"plan only", "", map[string][]string{
			api("a", "this"):      own("a", reach.FromReference),
			api("b", "this"):      own("b", reach.FromReference),
			api("a", "via_local"): all,
			api("b", "via_local"): all,
		}},
		{"with source", dir, map[string][]string{
			api("a", "this"):      own("a", reach.FromAssociation),
			api("b", "this"):      own("b", reach.FromAssociation),
			api("a", "via_local"): own("a", reach.FromAssociation),
			api("b", "via_local"): own("b", reach.FromAssociation),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := planfile.Load(dir+"/plan.json", planfile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			a, err := engine.Analyze(doc, tt.source)
			if err != nil {
				t.Fatal(err)
			}
			n := reach.NewNet(a.View)
			if len(a.View.APIs) != len(tt.want) {
				t.Fatalf("%d APIs, want %d", len(a.View.APIs), len(tt.want))
			}
			for _, x := range a.View.APIs {
				var got []string
				for _, r := range n.EndpointsFor(x) {
					got = append(got, r.Endpoint.Address+" "+string(r.Source))
				}
				sort.Strings(got)
				want := tt.want[x.Address]
				if strings.Join(got, "\n") != strings.Join(want, "\n") {
					t.Errorf("%s:\n got  %s\n want %s", x.Address, strings.Join(got, "\n      "), strings.Join(want, "\n      "))
				}
			}
		})
	}
}

// TestEndpointsForKeepsExistingEndpoints: the bound keeps every endpoint
// whose id is not fresh — an existing endpoint's literal id could be
// written in the expression, which the plan's configuration does not show.
func TestEndpointsForKeepsExistingEndpoints(t *testing.T) {
	const dir = "../../fixtures/model-foreach-existing-endpoint"
	doc, err := planfile.Load(dir+"/plan.json", planfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := engine.Analyze(doc, "")
	if err != nil {
		t.Fatal(err)
	}
	n := reach.NewNet(a.View)
	ep := func(spoke string) string {
		return fmt.Sprintf("module.stack[\"a\"].module.spoke[%q].aws_vpc_endpoint.execute_api", spoke)
	}
	want := map[string][]string{
		`module.stack["a"].aws_api_gateway_rest_api.this`: {
			"aws_vpc_endpoint.legacy " + string(reach.FromRegion),
			ep("billing") + " " + string(reach.FromReference),
			ep("orders") + " " + string(reach.FromReference),
		},
		// through a local: unbounded, every endpoint of the region
		`module.stack["a"].aws_api_gateway_rest_api.via_local`: {
			"aws_vpc_endpoint.legacy " + string(reach.FromRegion),
			ep("billing") + " " + string(reach.FromRegion),
			ep("orders") + " " + string(reach.FromRegion),
		},
	}
	for _, x := range a.View.APIs {
		var got []string
		for _, r := range n.EndpointsFor(x) {
			got = append(got, r.Endpoint.Address+" "+string(r.Source))
		}
		if strings.Join(got, "\n") != strings.Join(want[x.Address], "\n") {
			t.Errorf("%s:\n got  %s\n want %s", x.Address, strings.Join(got, "\n      "), strings.Join(want[x.Address], "\n      "))
		}
	}
}
