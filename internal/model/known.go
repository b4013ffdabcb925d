package model

import "github.com/zclconf/go-cty/cty"

// cty's ElementIterator allocates an iterator per collection and, per
// element, a key value (a cty number for each tuple or list element, a
// cty string for each object attribute); IsWhollyKnown walks with it.
// The model and the view ask "wholly known?" and "which elements?" of
// every attribute they read, so these walk objects by attribute name and
// lists and tuples by index instead (sets and maps still go through cty).

// IndexKey returns i as a cty number: from a table made once for small i.
func IndexKey(i int) cty.Value {
	if i >= 0 && i < len(indexKeys) {
		return indexKeys[i]
	}
	return cty.NumberIntVal(int64(i))
}

// WhollyKnown reports what v.IsWhollyKnown() does: v and every value
// nested in it are known.
func WhollyKnown(v cty.Value) bool {
	if v.IsMarked() {
		v, _ = v.Unmark()
	}
	if !v.IsKnown() {
		return false
	}
	if v.IsNull() {
		return true
	}
	ty := v.Type()
	switch {
	case ty.IsPrimitiveType():
		return true
	case ty.IsObjectType():
		for name := range ty.AttributeTypes() {
			if !WhollyKnown(v.GetAttr(name)) {
				return false
			}
		}
		return true
	case ty.IsTupleType() || ty.IsListType():
		for i, n := 0, v.LengthInt(); i < n; i++ {
			if !WhollyKnown(v.Index(IndexKey(i))) {
				return false
			}
		}
		return true
	}
	return v.IsWhollyKnown()
}

// Elements returns the elements of a known, unmarked, non-null list, tuple
// or set in the order cty's ElementIterator gives them.
func Elements(v cty.Value) []cty.Value {
	n := v.LengthInt()
	if n == 0 {
		return nil
	}
	out := make([]cty.Value, n)
	if ty := v.Type(); ty.IsTupleType() || ty.IsListType() {
		for i := range out {
			out[i] = v.Index(IndexKey(i))
		}
		return out
	}
	out = out[:0]
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		out = append(out, e)
	}
	return out
}
