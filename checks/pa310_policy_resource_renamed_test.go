package checks

import (
	"testing"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology/topotest"
)

func TestPA310(t *testing.T) {
	const doc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}]}`
	pol := func(name string, actions ...string) topotest.Resource {
		r := topotest.Resource{Address: "aws_api_gateway_rest_api_policy." + name, Actions: actions}
		values := map[string]any{"id": "abcdef1234", "rest_api_id": "abcdef1234", "policy": doc}
		if len(actions) > 1 || actions[0] != "create" {
			r.Before = values
		}
		if len(actions) > 1 || actions[0] != "delete" {
			r.After = values
		}
		return r
	}
	api := topotest.Resource{Address: "aws_api_gateway_rest_api.api", Actions: []string{"no-op"}, After: map[string]any{"id": "abcdef1234", "name": "api",
		"endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}}}}}
	api.Before = api.After
	const (
		p    = "aws_api_gateway_rest_api_policy."
		self = "aws_api_gateway_rest_api.api"
	)
	tests := []struct {
		name     string
		policies []topotest.Resource
		status   finding.Status
		sev      finding.Severity
		addr     string
	}{
		{"unchanged", []topotest.Resource{pol("a", "no-op")}, finding.Pass, finding.Warning, self},
		{"renamed", []topotest.Resource{pol("a", "delete"), pol("b", "create")}, finding.Fail, finding.Warning, p + "b"},
		{"only deleted", []topotest.Resource{pol("a", "delete")}, finding.Pass, finding.Warning, self},
		{"replaced destroy first", []topotest.Resource{pol("a", "delete", "create")}, finding.Pass, finding.Warning, self},
		{"replaced create first", []topotest.Resource{pol("a", "create", "delete")}, finding.Fail, finding.Error, p + "a"},
	}
	c := Lookup("PA310")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := topotest.View(t, append([]topotest.Resource{api}, tc.policies...)...)
			r := NewReporter(c)
			c.Run(v, r)
			res := r.Results()
			if len(res) != 1 {
				t.Fatalf("got %d results: %+v", len(res), res)
			}
			if res[0].Status != tc.status || res[0].Address != tc.addr || (tc.status == finding.Fail && res[0].Severity != tc.sev) {
				t.Errorf("got %s %s at %s, want %s %s at %s", res[0].Status, res[0].Severity, res[0].Address, tc.status, tc.sev, tc.addr)
			}
		})
	}
}
