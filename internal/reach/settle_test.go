package reach_test

import (
	"testing"

	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// TestSettle: a fail about an API whose endpoint type is known only after
// apply is unverified (never a pass); nothing else changes.
func TestSettle(t *testing.T) {
	api := func(p symbol.Tri) *topology.API {
		a := &topology.API{Private: p}
		a.Address = "aws_api_gateway_rest_api.a"
		return a
	}
	tests := []struct {
		name    string
		t       symbol.Tri
		api     *topology.API
		want    symbol.Tri
		demoted bool
	}{
		{"fail of a private API", symbol.False, api(symbol.True), symbol.False, false},
		{"fail of a maybe-private API", symbol.False, api(symbol.Unknown), symbol.Unknown, true},
		{"fail of no API", symbol.False, nil, symbol.False, false},
		{"pass of a maybe-private API", symbol.True, api(symbol.Unknown), symbol.True, false},
		{"unknown of a maybe-private API", symbol.Unknown, api(symbol.Unknown), symbol.Unknown, false},
		{"unknown of a private API", symbol.Unknown, api(symbol.True), symbol.Unknown, false},
		{"fail of a non-private API", symbol.False, api(symbol.False), symbol.False, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, demoted := reach.Settle(tt.t, tt.api)
			if got != tt.want || demoted != tt.demoted {
				t.Errorf("Settle(%v) = %v, %v; want %v, %v", tt.t, got, demoted, tt.want, tt.demoted)
			}
			vd := reach.Verdict{Result: tt.t, Reason: "r"}.Settled(tt.api)
			if vd.Result != tt.want || (vd.Reason != "r") != tt.demoted {
				t.Errorf("Verdict.Settled = %v %q; want %v, note added %v", vd.Result, vd.Reason, tt.want, tt.demoted)
			}
		})
	}
}
