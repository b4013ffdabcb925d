package topology_test

import (
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

// TestFromState: a view of a state says so; a plan's does not.
func TestFromState(t *testing.T) {
	st := &tfjson.State{FormatVersion: "1.0", Values: &tfjson.StateValues{RootModule: &tfjson.StateModule{
		Resources: []*tfjson.StateResource{{Address: "aws_api_gateway_rest_api.api", Mode: tfjson.ManagedResourceMode,
			Type: "aws_api_gateway_rest_api", Name: "api", AttributeValues: privateAPI}},
	}}}
	if v := topology.Build(model.FromState(st, nil)); !v.FromState || len(v.APIs) != 1 {
		t.Errorf("state: FromState = %v, APIs %d", v.FromState, len(v.APIs))
	}
	if v := topotest.View(t, topotest.Resource{Address: "aws_api_gateway_rest_api.api", After: privateAPI}); v.FromState {
		t.Error("plan: FromState = true")
	}
}
