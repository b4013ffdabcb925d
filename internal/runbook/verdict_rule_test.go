package runbook

import (
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/topology/topotest"
)

// TestCheckVerdictSettles: the runbook settles a check's verdict by the
// rule privapi check reports it by (reach.Settle): a fail about an API that
// may not be PRIVATE is "cannot decide", with the reason; nothing else
// changes.
func TestCheckVerdictSettles(t *testing.T) {
	// api is aws_api_gateway_rest_api.a, PRIVATE or with endpoint types
	// known only after apply
	api := func(p symbol.Tri) *topology.API {
		ec := map[string]any{"types": []any{"PRIVATE"}}
		r := topotest.Resource{Address: "aws_api_gateway_rest_api.a", After: map[string]any{"name": "a", "endpoint_configuration": []any{ec}}, Unknown: []string{"id"}}
		if p == symbol.Unknown {
			delete(ec, "types")
			r.Unknown = append(r.Unknown, "endpoint_configuration.0.types")
			r.Refs = map[string][]string{"endpoint_configuration.0.types": {"module.settings.endpoint_types", "module.settings"}}
		}
		a := topotest.View(t, r).APIByAddress(r.Address)
		if a == nil || a.Private != p {
			t.Fatalf("API %+v, want private %v", a, p)
		}
		return a
	}
	tests := []struct {
		name string
		t    symbol.Tri
		api  *topology.API
		want symbol.Tri
		text string // substring of the item's text
	}{
		{"fail, private", symbol.False, api(symbol.True), symbol.False, "privapi check PA501 fails on `s`: why."},
		{"fail, maybe private", symbol.False, api(symbol.Unknown), symbol.Unknown, "cannot decide on `s` before apply: why (whether aws_api_gateway_rest_api.a is PRIVATE is known only after apply"},
		{"fail, no API", symbol.False, nil, symbol.False, "fails on `s`"},
		{"pass, maybe private", symbol.True, api(symbol.Unknown), symbol.True, "passes on `s`: why."},
		{"unknown, private", symbol.Unknown, api(symbol.True), symbol.Unknown, "cannot decide on `s` before apply: why."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			it := checkVerdict("PA501", "s", tt.t, "why", tt.api)
			if it.Result != tt.want || it.Check != "PA501" || it.Address != "s" || !strings.Contains(it.Text, tt.text) {
				t.Errorf("checkVerdict = %v %q; want %v with %q", it.Result, it.Text, tt.want, tt.text)
			}
		})
	}
}
