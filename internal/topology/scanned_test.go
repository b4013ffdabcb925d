package topology_test

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
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
	pairs, other := 0, 0
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
					if all, ok := topology.FormsFromAllTexts(v, c, a); ok {
						if !reflect.DeepEqual(got, all) {
							t.Errorf("%s (source %v): %s → %s: forms %+v, from every text %+v", scenario, withSource, c.Address, a.Address, got, all)
						}
						if !slices.Contains(c.APIs, a.Address) {
							other++ // answered from the texts kept
						}
					}
					pairs++
				}
			}
		}
	}
	if pairs < 20 {
		t.Fatalf("only %d client-API pairs in the fixtures", pairs)
	}
	t.Logf("%d pairs, %d of a client and an API it does not call", pairs, other)
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

// TestKeptTextsForOtherAPIs: for an API a client does not call, the forms
// come from the texts indexForms keeps (only those a scanner can find
// something in) and equal those found in every text.
func TestKeptTextsForOtherAPIs(t *testing.T) {
	api := func(name string) topotest.Resource {
		return topotest.Resource{Address: "aws_api_gateway_rest_api." + name, After: map[string]any{"name": name,
			"endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}}}}, Unknown: []string{"id", "execution_arn", "root_resource_id"}}
	}
	stage := func(name string) topotest.Resource {
		return topotest.Resource{Address: "aws_api_gateway_stage." + name, After: map[string]any{"stage_name": "prod"},
			Unknown: []string{"id", "invoke_url", "rest_api_id"}, Refs: map[string][]string{"rest_api_id": topotest.Ref("aws_api_gateway_rest_api."+name, "id")}}
	}
	v := topotest.ViewIn(t, "us-east-1", api("a"), api("b"), stage("a"), stage("b"),
		topotest.Resource{Address: "aws_lambda_function.fn", After: map[string]any{"function_name": "fn", "handler": "index.handler",
			"environment": []any{map[string]any{"variables": map[string]any{
				"HOST": "https://vpce-0123456789abcdef0-abcdefgh.execute-api.us-east-1.vpce.amazonaws.com/prod",
				"URL":  "unknown"}}}},
			Unknown: []string{"environment.0.variables.URL"},
			Refs:    map[string][]string{"environment.0.variables.URL": topotest.Ref("aws_api_gateway_stage.a", "invoke_url")}},
	)
	if len(v.Clients) != 1 || len(v.APIs) != 2 {
		t.Fatalf("%d clients, %d APIs; want 1 and 2", len(v.Clients), len(v.APIs))
	}
	c := v.Clients[0]
	other := 0
	for _, a := range v.APIs {
		got := v.InvokeFormsOf(c, a)
		all, ok := topology.FormsFromAllTexts(v, c, a)
		if !ok || !reflect.DeepEqual(got, all) {
			t.Errorf("%s → %s: forms %+v, from every text %+v", c.Address, a.Address, got, all)
		}
		if !slices.Contains(c.APIs, a.Address) {
			other++
			if !got.EndpointHost {
				t.Errorf("%s → %s: forms %+v; want the endpoint hostname", c.Address, a.Address, got)
			}
		}
	}
	if other != 1 {
		t.Fatalf("client calls %v; want one of the two APIs", c.APIs)
	}
}
