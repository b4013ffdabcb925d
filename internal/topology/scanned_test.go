package topology_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/topology/topotest"
)

// TestScannedTextsMatchModel: the invoke-URL forms Build finds from the
// strings the client scan read are those found by reading every client's
// configuration from the model again, for every fixture, with and without
// its source.
func TestScannedTextsMatchModel(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "fixtures", "*", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	pairs := 0
	for _, p := range dirs {
		scenario := filepath.Base(filepath.Dir(p))
		if _, err := os.Stat(filepath.Join(filepath.Dir(p), "main.tf")); err != nil {
			continue
		}
		for _, withSource := range []bool{true, false} {
			v := view(t, scenario, withSource)
			fresh := topology.FreshPaths(v)
			for _, c := range v.Clients {
				for _, a := range v.APIs {
					got, want := v.InvokeFormsOf(c, a), fresh.InvokeFormsOf(c, a)
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%s (source %v): %s → %s: forms %+v, from the model %+v", scenario, withSource, c.Address, a.Address, got, want)
					}
					pairs++
				}
			}
		}
	}
	if pairs < 20 {
		t.Fatalf("only %d client-API pairs in the fixtures", pairs)
	}
}

// TestLaunchTemplateForms: the forms of an auto scaling group or ECS
// service include what its own launch template or task definition says,
// not another's.
func TestLaunchTemplateForms(t *testing.T) {
	url := "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/items"
	alias := "https://a1b2c3d4e5-vpce-0123456789abcdef0.execute-api.us-east-1.amazonaws.com/prod/items"
	v := topotest.ViewIn(t, "us-east-1",
		existing("aws_api_gateway_rest_api.api", map[string]any{"id": "a1b2c3d4e5", "name": "api",
			"endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}}}}),
		existing("aws_launch_template.dns", map[string]any{"id": "lt-00000000000000001", "user_data": "curl " + url}),
		existing("aws_launch_template.alias", map[string]any{"id": "lt-00000000000000002", "user_data": "curl " + alias}),
		topotest.Resource{Address: "aws_autoscaling_group.dns", After: map[string]any{
			"vpc_zone_identifier": []any{"subnet-0123456789abcdef0"},
			"launch_template":     []any{map[string]any{"id": "lt-00000000000000001", "version": "$Latest"}}}},
		topotest.Resource{Address: "aws_autoscaling_group.alias", After: map[string]any{
			"vpc_zone_identifier": []any{"subnet-0123456789abcdef0"},
			"launch_template":     []any{map[string]any{"id": "lt-00000000000000002", "version": "$Latest"}}}},
		existing("aws_ecs_task_definition.td", map[string]any{"arn": "arn:aws:ecs:us-east-1:123456789012:task-definition/td:1",
			"family": "td", "container_definitions": `[{"name":"app","environment":[{"name":"API","value":"` + alias + `"}]}]`}),
		topotest.Resource{Address: "aws_ecs_service.svc", After: map[string]any{"name": "svc",
			"task_definition":       "arn:aws:ecs:us-east-1:123456789012:task-definition/td:1",
			"network_configuration": []any{map[string]any{"subnets": []any{"subnet-0123456789abcdef0"}}}}},
	)
	want := map[string]symbol.Tri{"aws_autoscaling_group.dns": symbol.True, "aws_autoscaling_group.alias": symbol.False, "aws_ecs_service.svc": symbol.False}
	if len(v.Clients) != len(want) || len(v.APIs) != 1 {
		t.Fatalf("%d clients, %d APIs; want %d and 1", len(v.Clients), len(v.APIs), len(want))
	}
	a := v.APIs[0]
	for _, c := range v.Clients {
		for name, p := range map[string]*topology.Paths{"built": v.Paths(), "fresh": topology.FreshPaths(v)} {
			f := p.InvokeFormsOf(c, a)
			if f.PrivateDNS != want[c.Address] {
				t.Errorf("%s: %s: forms %+v; want private DNS %v (its own launch template or task definition)", name, c.Address, f, want[c.Address])
			}
			if aliased := len(f.Alias) > 0; aliased != (want[c.Address] == symbol.False) {
				t.Errorf("%s: %s: aliases %v", name, c.Address, f.Alias)
			}
		}
	}
}
