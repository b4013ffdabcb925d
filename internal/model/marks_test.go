package model

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

func TestContainsMarkedAgreesWithCty(t *testing.T) {
	s := cty.StringVal("x")
	m := s.Mark(Sensitive)
	unknownIndex := cty.ListVal([]cty.Value{m}).Index(cty.UnknownVal(cty.Number))
	cases := map[string]cty.Value{
		"string":              s,
		"marked string":       m,
		"null":                cty.NullVal(cty.String),
		"marked null":         cty.NullVal(cty.String).Mark(Sensitive),
		"unknown":             cty.UnknownVal(cty.String),
		"dynamic":             cty.DynamicVal,
		"marked unknown":      cty.DynamicVal.Mark(Sensitive),
		"unknown index":       unknownIndex,
		"empty object":        cty.EmptyObjectVal,
		"object":              cty.ObjectVal(map[string]cty.Value{"a": s, "b": cty.NumberIntVal(1)}),
		"object marked attr":  cty.ObjectVal(map[string]cty.Value{"a": s, "b": m}),
		"deep":                cty.ObjectVal(map[string]cty.Value{"a": cty.TupleVal([]cty.Value{s, cty.ObjectVal(map[string]cty.Value{"c": cty.ListVal([]cty.Value{s, m})})})}),
		"deep clean":          cty.ObjectVal(map[string]cty.Value{"a": cty.TupleVal([]cty.Value{s, cty.ObjectVal(map[string]cty.Value{"c": cty.ListVal([]cty.Value{s, s})})})}),
		"map marked":          cty.MapVal(map[string]cty.Value{"k": m}),
		"map":                 cty.MapVal(map[string]cty.Value{"k": s}),
		"set marked":          cty.SetVal([]cty.Value{m}),
		"set":                 cty.SetVal([]cty.Value{s}),
		"empty tuple":         cty.EmptyTupleVal,
		"unknown object":      cty.UnknownVal(cty.Object(map[string]cty.Type{"a": cty.String})),
		"object with unknown": cty.ObjectVal(map[string]cty.Value{"a": cty.UnknownVal(cty.String), "b": cty.NullVal(cty.String).Mark(Sensitive)}),
		"nil":                 cty.NilVal,
	}
	for name, v := range cases {
		want := v != cty.NilVal && v.ContainsMarked()
		if got := ContainsMarked(v); got != want {
			t.Errorf("%s: ContainsMarked = %v, cty says %v", name, got, want)
		}
	}
}

// TestContainsMarkedLongLists: lists and tuples longer than the keys kept
// for walking by index are walked too.
func TestContainsMarkedLongLists(t *testing.T) {
	for _, n := range []int{1, len(indexKeys), len(indexKeys) + 1, 3 * len(indexKeys)} {
		for _, at := range []int{0, n - 1} {
			elems := make([]cty.Value, n)
			for i := range elems {
				elems[i] = cty.StringVal("x")
			}
			elems[at] = elems[at].Mark(Sensitive)
			for _, v := range []cty.Value{cty.ListVal(elems), cty.TupleVal(elems)} {
				if !ContainsMarked(v) {
					t.Errorf("%d elements, marked at %d: no mark found in %s", n, at, v.Type().FriendlyName())
				}
			}
			elems[at], _ = elems[at].Unmark()
			if ContainsMarked(cty.ListVal(elems)) {
				t.Errorf("%d elements: a mark found in a clean list", n)
			}
		}
	}
}
