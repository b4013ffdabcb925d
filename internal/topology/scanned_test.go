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

// TestLaunchTemplateForms: an auto scaling group's forms include what its
// launch template's configuration says.
func TestLaunchTemplateForms(t *testing.T) {
	v := topotest.ViewIn(t, "us-east-1",
		existing("aws_api_gateway_rest_api.api", map[string]any{"id": "a1b2c3d4e5", "name": "api",
			"endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}}}}),
		existing("aws_launch_template.lt", map[string]any{"id": "lt-0123456789abcdef0",
			"user_data": "curl https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod/items"}),
		topotest.Resource{Address: "aws_autoscaling_group.asg", After: map[string]any{
			"vpc_zone_identifier": []any{"subnet-0123456789abcdef0"},
			"launch_template":     []any{map[string]any{"id": "lt-0123456789abcdef0", "version": "$Latest"}}}},
	)
	if len(v.Clients) != 1 || len(v.APIs) != 1 {
		t.Fatalf("%d clients, %d APIs; want 1 and 1", len(v.Clients), len(v.APIs))
	}
	c, a := v.Clients[0], v.APIs[0]
	if c.Kind != topology.ClientASG {
		t.Fatalf("client %s is %s", c.Address, c.Kind)
	}
	for name, p := range map[string]*topology.Paths{"built": v.Paths(), "fresh": topology.FreshPaths(v)} {
		if f := p.InvokeFormsOf(c, a); f.PrivateDNS != symbol.True {
			t.Errorf("%s: forms %+v; want the private DNS name (the launch template's user_data)", name, f)
		}
	}
}
