package topology

import (
	"reflect"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/model"
)

// TestWalkStringsOrder: walkStrings visits the known strings of a value in
// cty.Walk's order (attributes by name, elements by index), marked or not.
func TestWalkStringsOrder(t *testing.T) {
	v := cty.ObjectVal(map[string]cty.Value{
		"z": cty.StringVal("last"),
		"a": cty.TupleVal([]cty.Value{cty.StringVal("a0"), cty.UnknownVal(cty.String), cty.StringVal("a2").Mark(model.Sensitive)}),
		"m": cty.MapVal(map[string]cty.Value{"y": cty.StringVal("my"), "b": cty.StringVal("mb")}),
		"s": cty.SetVal([]cty.Value{cty.StringVal("s2"), cty.StringVal("s1")}),
		"n": cty.NullVal(cty.String),
		"o": cty.ObjectVal(map[string]cty.Value{"k": cty.ListVal([]cty.Value{cty.StringVal("l0"), cty.StringVal("l1")})}).Mark(model.Sensitive),
		"x": cty.NumberIntVal(3),
	})
	var want []string
	_ = cty.Walk(v, func(_ cty.Path, x cty.Value) (bool, error) {
		ux, _ := x.Unmark()
		if ux.IsKnown() && !ux.IsNull() && ux.Type() == cty.String {
			want = append(want, ux.AsString())
		}
		return true, nil
	})
	var got []string
	walkStrings(v, func(s string) { got = append(got, s) })
	if !reflect.DeepEqual(got, want) || len(want) != 9 {
		t.Errorf("walkStrings visits %q, cty.Walk %q", got, want)
	}
}
