package model_test

import (
	"sort"
	"strings"
	"testing"
)

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
		// module.spoke without an output name: every output of every instance
		{"for over module, plan only", false, api + "this", true, ownIDs},
		// the iteration variable hides the output name from hcl too
		{"for over module, source", true, api + "this", true, ownIDs},
		// the plan does not record locals
		{"local, plan only", false, api + "via_local", false, nil},
		{"local, source", true, api + "via_local", true, ownIDs},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := load(t, "model-foreach-stacks", tt.withSource)
			inst := m.Instance(tt.resource)
			if inst == nil {
				t.Fatalf("%s not in the model", tt.resource)
			}
			leaves, complete := m.Origins(inst, "endpoint_configuration")
			if complete != tt.complete {
				t.Fatalf("complete = %v, want %v", complete, tt.complete)
			}
			if !complete {
				return
			}
			var got []string
			for _, o := range leaves {
				got = append(got, o.Inst.Address+" "+o.Attr)
			}
			sort.Strings(got)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}
