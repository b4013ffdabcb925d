package model

import (
	"encoding/json"
	"fmt"
	"math/big"
	"sort"

	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/symbol"
)

// Sensitive marks values that Terraform marked sensitive. Such values are
// never printed: see Display.
const Sensitive = sensitiveMark("sensitive")

type sensitiveMark string

// FromJSON converts one value of plan JSON (as decoded with UseNumber) to
// cty, making leaves unknown where unknown says true and marking leaves
// sensitive where sensitive says true. unknown and sensitive are the
// matching parts of after_unknown / after_sensitive (nil when absent).
//
// Types come from the JSON itself (objects, tuples, strings, numbers,
// bools): privapi carries no provider schema. An unknown leaf has no JSON
// value, so it becomes cty.DynamicVal.
func FromJSON(v any, unknown any, sensitive any) cty.Value {
	if unknown == true {
		return mark(cty.DynamicVal, sensitive)
	}
	var out cty.Value
	switch x := v.(type) {
	case nil:
		out = nullOrUnknownContainer(unknown)
	case bool:
		out = cty.BoolVal(x)
	case string:
		out = cty.StringVal(x)
	case json.Number:
		out = numberVal(string(x))
	case float64:
		out = cty.NumberFloatVal(x)
	case int:
		out = cty.NumberIntVal(int64(x))
	case []any:
		if len(x) == 0 && unknownLen(unknown) == 0 {
			out = cty.EmptyTupleVal
			break
		}
		n := len(x)
		if l := unknownLen(unknown); l > n {
			n = l
		}
		elems := make([]cty.Value, n)
		for i := 0; i < n; i++ {
			var ev any
			if i < len(x) {
				ev = x[i]
			}
			elems[i] = FromJSON(ev, index(unknown, i), index(sensitive, i))
		}
		out = cty.TupleVal(elems)
	case map[string]any:
		attrs := make(map[string]cty.Value, len(x))
		for k, ev := range x {
			attrs[k] = FromJSON(ev, field(unknown, k), field(sensitive, k))
		}
		if um, ok := unknown.(map[string]any); ok {
			for k, uv := range um {
				if _, seen := x[k]; !seen && containsTrue(uv) {
					attrs[k] = FromJSON(nil, uv, field(sensitive, k))
				}
			}
		}
		out = cty.ObjectVal(attrs)
	default:
		out = cty.DynamicVal
	}
	return mark(out, sensitive)
}

func nullOrUnknownContainer(unknown any) cty.Value {
	switch u := unknown.(type) {
	case []any:
		if len(u) > 0 {
			return FromJSON([]any{}, u, nil)
		}
	case map[string]any:
		if len(u) > 0 && containsTrue(u) {
			return FromJSON(map[string]any{}, u, nil)
		}
	}
	return cty.NullVal(cty.DynamicPseudoType)
}

// containsTrue reports whether an after_unknown or *_sensitive fragment
// contains any true.
func containsTrue(u any) bool {
	switch x := u.(type) {
	case bool:
		return x
	case []any:
		for _, e := range x {
			if containsTrue(e) {
				return true
			}
		}
	case map[string]any:
		for _, e := range x {
			if containsTrue(e) {
				return true
			}
		}
	}
	return false
}

func unknownLen(u any) int {
	if l, ok := u.([]any); ok {
		return len(l)
	}
	return 0
}

func index(u any, i int) any {
	if l, ok := u.([]any); ok && i < len(l) {
		return l[i]
	}
	return nil
}

func field(u any, k string) any {
	if m, ok := u.(map[string]any); ok {
		return m[k]
	}
	return nil
}

func mark(v cty.Value, sensitive any) cty.Value {
	if sensitive == true {
		return v.Mark(Sensitive)
	}
	return v
}

func numberVal(s string) cty.Value {
	f, _, err := big.ParseFloat(s, 10, 512, big.ToNearestEven)
	if err != nil {
		return cty.DynamicVal
	}
	return cty.NumberVal(f)
}

// Display renders a value for messages: strings as they are (tokens shown as
// ${address.attr}), sensitive values as (sensitive), unknown ones as
// (known after apply). It never prints a sensitive value.
func Display(v cty.Value) string {
	if v == cty.NilVal {
		return "(unset)"
	}
	if ContainsMarked(v) {
		if _, m := v.UnmarkDeep(); len(m) > 0 {
			if _, ok := m[Sensitive]; ok {
				return "(sensitive)"
			}
		}
	}
	if !WhollyKnown(v) {
		return "(known after apply)"
	}
	if v.IsNull() {
		return "null"
	}
	switch {
	case v.Type() == cty.String:
		return displayString(v.AsString())
	case v.Type() == cty.Bool:
		return fmt.Sprint(v.True())
	case v.Type() == cty.Number:
		return v.AsBigFloat().Text('f', -1)
	case v.CanIterateElements():
		var parts []string
		it := v.ElementIterator()
		for it.Next() {
			_, e := it.Element()
			parts = append(parts, Display(e))
		}
		if v.Type().IsObjectType() || v.Type().IsMapType() {
			sort.Strings(parts)
		}
		return fmt.Sprint(parts)
	}
	return v.GoString()
}

func displayString(s string) string {
	return symbol.Display(s)
}

// NilValue is cty.NilVal, for callers comparing results.
func NilValue() cty.Value { return cty.NilVal }

func knownString(v cty.Value) (string, bool) {
	if v == cty.NilVal {
		return "", false
	}
	uv, _ := v.Unmark() // a string's marks are its own
	if !uv.IsKnown() || uv.IsNull() || uv.Type() != cty.String {
		return "", false
	}
	return uv.AsString(), true
}

func isSelfToken(s, addr, attr string) bool {
	r, ok := symbol.Only(s)
	return ok && r.Address == addr && r.Attr == attr
}
