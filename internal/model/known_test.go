package model

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// TestWhollyKnownMatchesCty: WhollyKnown and Elements answer as cty's
// IsWhollyKnown and ElementIterator do, on every kind of value.
func TestWhollyKnownMatchesCty(t *testing.T) {
	long := make([]cty.Value, len(indexKeys)+3)
	for i := range long {
		long[i] = cty.StringVal("x")
	}
	longUnknown := append(append([]cty.Value(nil), long...), cty.UnknownVal(cty.String))
	vals := map[string]cty.Value{
		"null":            cty.NullVal(cty.DynamicPseudoType),
		"unknown":         cty.DynamicVal,
		"string":          cty.StringVal("a"),
		"marked string":   cty.StringVal("a").Mark(Sensitive),
		"marked unknown":  cty.UnknownVal(cty.String).Mark(Sensitive),
		"object":          cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("x"), "b": cty.True}),
		"object unknown":  cty.ObjectVal(map[string]cty.Value{"a": cty.StringVal("x"), "b": cty.UnknownVal(cty.Bool)}),
		"nested marked":   cty.ObjectVal(map[string]cty.Value{"a": cty.TupleVal([]cty.Value{cty.UnknownVal(cty.String).Mark(Sensitive)})}),
		"tuple":           cty.TupleVal([]cty.Value{cty.StringVal("a"), cty.NumberIntVal(1)}),
		"empty tuple":     cty.EmptyTupleVal,
		"list":            cty.ListVal([]cty.Value{cty.StringVal("a"), cty.StringVal("b")}),
		"list unknown":    cty.ListVal([]cty.Value{cty.StringVal("a"), cty.UnknownVal(cty.String)}),
		"long tuple":      cty.TupleVal(long),
		"long unknown":    cty.TupleVal(longUnknown),
		"set":             cty.SetVal([]cty.Value{cty.StringVal("b"), cty.StringVal("a")}),
		"set unknown":     cty.SetVal([]cty.Value{cty.StringVal("b"), cty.UnknownVal(cty.String)}),
		"map":             cty.MapVal(map[string]cty.Value{"k": cty.StringVal("v"), "j": cty.StringVal("w")}),
		"map unknown":     cty.MapVal(map[string]cty.Value{"k": cty.UnknownVal(cty.String)}),
		"null object":     cty.NullVal(cty.Object(map[string]cty.Type{"a": cty.String})),
		"unknown list":    cty.UnknownVal(cty.List(cty.String)),
		"marked tuple":    cty.TupleVal([]cty.Value{cty.StringVal("a")}).Mark(Sensitive),
		"deep marked obj": cty.ObjectVal(map[string]cty.Value{"a": cty.ObjectVal(map[string]cty.Value{"b": cty.UnknownVal(cty.String)}).Mark(Sensitive)}),
	}
	for name, v := range vals {
		if got, want := WhollyKnown(v), v.IsWhollyKnown(); got != want {
			t.Errorf("%s: WhollyKnown = %v, cty says %v", name, got, want)
		}
		uv, _ := v.Unmark()
		if !uv.IsKnown() || uv.IsNull() || !uv.CanIterateElements() || uv.Type().IsObjectType() {
			continue
		}
		var want []cty.Value
		for it := uv.ElementIterator(); it.Next(); {
			_, e := it.Element()
			want = append(want, e)
		}
		got := Elements(uv)
		if len(got) != len(want) {
			t.Fatalf("%s: %d elements, want %d", name, len(got), len(want))
		}
		for i := range want {
			if !got[i].RawEquals(want[i]) {
				t.Errorf("%s: element %d = %#v, want %#v", name, i, got[i], want[i])
			}
		}
	}
}
