package topology_test

import (
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/topology/topotest"
)

var privateAPI = map[string]any{"id": "abc123", "name": "api",
	"endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}}}}

func with(m map[string]any, kv ...any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}

// TestAPIConfigured: Build records whether the configuration writes body
// and whether put_rest_api_mode is known only after apply.
func TestAPIConfigured(t *testing.T) {
	tests := []struct {
		name                 string
		api                  topotest.Resource
		bodyConfigured, mode bool
	}{
		{"no body, no mode", topotest.Resource{After: privateAPI}, false, false},
		{"constant body, mode merge", topotest.Resource{After: with(privateAPI, "body", `{"openapi":"3.0.1"}`, "put_rest_api_mode", "merge")}, true, false},
		{"body and mode from variables", topotest.Resource{After: privateAPI, Unknown: []string{"body", "put_rest_api_mode"},
			Refs: map[string][]string{"body": {"var.body"}, "put_rest_api_mode": {"var.mode"}}}, true, true},
		{"mode unknown but not configured (read back)", topotest.Resource{After: privateAPI, Unknown: []string{"put_rest_api_mode"}}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.api.Address = "aws_api_gateway_rest_api.api"
			v := topotest.View(t, tt.api)
			if len(v.APIs) != 1 {
				t.Fatalf("APIs: %+v", v.APIs)
			}
			a := v.APIs[0]
			if a.BodyConfigured != tt.bodyConfigured {
				t.Errorf("BodyConfigured = %v, want %v", a.BodyConfigured, tt.bodyConfigured)
			}
			if a.PutRestAPIModeUnknown != tt.mode {
				t.Errorf("PutRestAPIModeUnknown = %v, want %v (mode %q)", a.PutRestAPIModeUnknown, tt.mode, a.PutRestAPIMode)
			}
		})
	}
}

// TestMethodSettingsConfigured: Build records whether execution logging
// was on (INFO or ERROR, any case) before this plan.
func TestMethodSettingsConfigured(t *testing.T) {
	ms := map[string]any{"rest_api_id": "abc123", "stage_name": "prod", "method_path": "*/*"}
	tests := []struct {
		name               string
		ms                 topotest.Resource
		levelKnown, before bool
	}{
		{"settings unknown, not configured", topotest.Resource{After: ms, Unknown: []string{"settings"}}, false, false},
		{"settings from a variable", topotest.Resource{After: ms, Unknown: []string{"settings"}, Refs: map[string][]string{"settings": {"var.settings"}}}, false, false},
		{"settings known: nothing defaulted", topotest.Resource{After: with(ms, "settings", []any{map[string]any{"logging_level": "INFO"}})}, true, false},
		{"update from INFO", topotest.Resource{Actions: []string{"update"},
			Before: with(ms, "settings", []any{map[string]any{"logging_level": "INFO"}}),
			After:  with(ms, "settings", []any{map[string]any{"logging_level": "OFF"}})}, true, true},
		{"update from error (any case)", topotest.Resource{Actions: []string{"update"},
			Before: with(ms, "settings", []any{map[string]any{"logging_level": "error"}}),
			After:  with(ms, "settings", []any{map[string]any{"logging_level": "INFO"}})}, true, true},
		{"update from OFF", topotest.Resource{Actions: []string{"update"},
			Before: with(ms, "settings", []any{map[string]any{"logging_level": "OFF"}}),
			After:  with(ms, "settings", []any{map[string]any{"logging_level": "INFO"}})}, true, false},
		{"update from no settings", topotest.Resource{Actions: []string{"update"}, Before: ms,
			After: with(ms, "settings", []any{map[string]any{"logging_level": "INFO"}})}, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.ms.Address = "aws_api_gateway_method_settings.all"
			v := topotest.View(t, topotest.Resource{Address: "aws_api_gateway_rest_api.api", After: privateAPI}, tt.ms)
			if len(v.APIs) != 1 || len(v.APIs[0].MethodSettings) != 1 {
				t.Fatalf("APIs: %+v", v.APIs)
			}
			got := v.APIs[0].MethodSettings[0]
			if got.LevelKnown != tt.levelKnown {
				t.Fatalf("LevelKnown = %v, want %v (%+v)", got.LevelKnown, tt.levelKnown, got)
			}
			if got.LoggingBefore != tt.before {
				t.Errorf("LoggingBefore = %v, want %v", got.LoggingBefore, tt.before)
			}
		})
	}
}

// TestApplied: a view of a state says so; a plan's does not.
func TestApplied(t *testing.T) {
	st := &tfjson.State{FormatVersion: "1.0", Values: &tfjson.StateValues{RootModule: &tfjson.StateModule{
		Resources: []*tfjson.StateResource{{Address: "aws_api_gateway_rest_api.api", Mode: tfjson.ManagedResourceMode,
			Type: "aws_api_gateway_rest_api", Name: "api", AttributeValues: privateAPI}},
	}}}
	if v := topology.Build(model.FromState(st, nil)); !v.Applied || len(v.APIs) != 1 {
		t.Errorf("state: Applied = %v, APIs %d", v.Applied, len(v.APIs))
	}
	if v := topotest.View(t, topotest.Resource{Address: "aws_api_gateway_rest_api.api", After: privateAPI}); v.Applied {
		t.Error("plan: Applied = true")
	}
}

// TestBodySame: the body compares as JSON with the body before this plan;
// an API without a known body before and after is never "same".
func TestBodySame(t *testing.T) {
	const body = `{"openapi":"3.0.1","paths":{"/":{"get":{}}}}`
	tests := []struct {
		name string
		api  topotest.Resource
		want bool
	}{
		{"created", topotest.Resource{After: with(privateAPI, "body", body)}, false},
		{"unchanged text", topotest.Resource{Actions: []string{"update"}, Before: with(privateAPI, "body", body), After: with(privateAPI, "body", body)}, true},
		{"reformatted", topotest.Resource{Actions: []string{"update"}, Before: with(privateAPI, "body", body),
			After: with(privateAPI, "body", "{\n  \"paths\": {\"/\": {\"get\": {}}},\n  \"openapi\": \"3.0.1\"\n}")}, true},
		{"changed", topotest.Resource{Actions: []string{"update"}, Before: with(privateAPI, "body", body),
			After: with(privateAPI, "body", `{"openapi":"3.0.1","paths":{"/":{"post":{}}}}`)}, false},
		{"no body before or after", topotest.Resource{Actions: []string{"update"}, Before: privateAPI, After: with(privateAPI, "name", "renamed")}, true},
		{"set now", topotest.Resource{Actions: []string{"update"}, Before: privateAPI, After: with(privateAPI, "body", body)}, false},
		{"not JSON, changed", topotest.Resource{Actions: []string{"update"}, Before: with(privateAPI, "body", "openapi: 3.0.1"), After: with(privateAPI, "body", "openapi: 3.0.2")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.api.Address = "aws_api_gateway_rest_api.api"
			v := topotest.View(t, tt.api)
			if len(v.APIs) != 1 {
				t.Fatalf("APIs: %+v", v.APIs)
			}
			if got := v.APIs[0].BodySame; got != tt.want {
				t.Errorf("BodySame = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestDefinitionChanges: each changed definition resource is listed with
// what apply does to it; unchanged ones are not.
func TestDefinitionChanges(t *testing.T) {
	res := func(name string, actions ...string) topotest.Resource {
		r := topotest.Resource{Address: "aws_api_gateway_method." + name, Actions: actions}
		vals := map[string]any{"rest_api_id": "abc123", "http_method": "GET", "authorization": "NONE", "resource_id": "r1"}
		if len(actions) == 0 || actions[0] != "delete" || len(actions) > 1 {
			r.After = vals
		}
		if len(actions) > 0 && actions[0] != "create" || len(actions) > 1 {
			r.Before = vals
		}
		return r
	}
	v := topotest.View(t, topotest.Resource{Address: "aws_api_gateway_rest_api.api", Actions: []string{"no-op"}, Before: privateAPI, After: privateAPI},
		res("a_new", "create"),
		res("b_same", "no-op"),
		res("c_edit", "update"),
		res("d_gone", "delete"),
		res("e_cbd", "create", "delete"),
		res("f_dbc", "delete", "create"),
	)
	if len(v.APIs) != 1 {
		t.Fatalf("APIs: %+v", v.APIs)
	}
	var got []string
	for _, c := range v.APIs[0].DefinitionChanges {
		got = append(got, c.Address+" "+c.Action)
	}
	want := []string{"aws_api_gateway_method.a_new created", "aws_api_gateway_method.c_edit updated", "aws_api_gateway_method.d_gone destroyed",
		"aws_api_gateway_method.e_cbd replaced", "aws_api_gateway_method.f_dbc replaced"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("DefinitionChanges:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDeploymentConfigured: SourceKnown follows whether the .tf source is
// read; ReadBackReads lists trigger reads of an API argument the
// configuration does not set (the API's policy comes from a separate
// aws_api_gateway_rest_api_policy in deploy-trigger-api-policy-attr).
func TestDeploymentConfigured(t *testing.T) {
	tests := []struct {
		scenario string
		readBack []string
	}{
		{"deploy-trigger-api-policy-attr", []string{"aws_api_gateway_rest_api.api.policy"}},
		{"deploy-good", nil},
		{"deploy-policy-change-no-redeploy", nil},
	}
	for _, tt := range tests {
		for _, withSource := range []bool{true, false} {
			v := view(t, tt.scenario, withSource)
			var reads []string
			n := 0
			for _, a := range v.APIs {
				for _, d := range a.Deployments {
					n++
					if d.SourceKnown != withSource {
						t.Errorf("%s (source %v): %s SourceKnown = %v", tt.scenario, withSource, d.Address, d.SourceKnown)
					}
					for _, rr := range d.ReadBackReads {
						reads = append(reads, rr.String())
					}
				}
			}
			if n == 0 {
				t.Fatalf("%s: no deployment", tt.scenario)
			}
			if strings.Join(reads, ",") != strings.Join(tt.readBack, ",") {
				t.Errorf("%s (source %v): ReadBackReads = %v, want %v", tt.scenario, withSource, reads, tt.readBack)
			}
		}
	}
}

// TestTypeAt: the type of the instance a token's address names.
func TestTypeAt(t *testing.T) {
	v := topotest.View(t,
		topotest.Resource{Address: "aws_vpc.main", After: map[string]any{"id": "vpc-1", "cidr_block": "10.0.0.0/16"}},
		topotest.Resource{Address: "aws_vpc_endpoint.api[0]", After: map[string]any{"id": "vpce-1", "vpc_id": "vpc-1", "service_name": "com.amazonaws.eu-west-1.execute-api"}},
	)
	for addr, want := range map[string]string{
		"aws_vpc.main":            "aws_vpc",
		"aws_vpc_endpoint.api[0]": "aws_vpc_endpoint",
		"aws_vpc_endpoint.api":    "", // a configuration address, not an instance
		"aws_subnet.nope":         "",
	} {
		if got := v.TypeAt(addr); got != want {
			t.Errorf("TypeAt(%q) = %q, want %q", addr, got, want)
		}
	}
}
