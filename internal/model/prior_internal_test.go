package model

import (
	"encoding/json"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// TestPrior: an instance keeps a value before apply only when it has one
// (or a mark on its null), and Before() is what it was with every field on
// the instance: null, marked null, or the decoded value.
func TestPrior(t *testing.T) {
	raw := func(s string) any { return json.RawMessage(s) }
	for _, tc := range []struct {
		name              string
		before, sensitive any
		kept              bool
		want              cty.Value
	}{
		{"absent", nil, nil, false, cty.NullVal(cty.DynamicPseudoType)},
		{"null, not sensitive", raw("null"), raw("false"), false, cty.NullVal(cty.DynamicPseudoType)},
		{"null text with spaces", raw(" null\n"), raw("null"), false, cty.NullVal(cty.DynamicPseudoType)},
		{"decoded null, false", nil, false, false, cty.NullVal(cty.DynamicPseudoType)},
		{"null, sensitive", raw("null"), raw("true"), true, cty.NullVal(cty.DynamicPseudoType).Mark(Sensitive)},
		{"object", raw(`{"id":"vpc-1"}`), raw("false"), true, cty.ObjectVal(map[string]cty.Value{"id": cty.StringVal("vpc-1")})},
		{"object, sensitive member", raw(`{"id":"vpc-1"}`), raw(`{"id":true}`), true,
			cty.ObjectVal(map[string]cty.Value{"id": cty.StringVal("vpc-1").Mark(Sensitive)})},
		{"decoded object", map[string]any{"id": "vpc-1"}, nil, true, cty.ObjectVal(map[string]cty.Value{"id": cty.StringVal("vpc-1")})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inst := &Instance{prior: newPrior(tc.before, tc.sensitive)}
			if got := inst.prior != nil; got != tc.kept {
				t.Errorf("kept = %v, want %v", got, tc.kept)
			}
			if got := inst.Before(); !got.RawEquals(tc.want) {
				t.Errorf("Before() = %#v, want %#v", got, tc.want)
			}
		})
	}
}
