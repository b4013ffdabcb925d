package model

import "github.com/zclconf/go-cty/cty"

// indexKeys are the numbers 0..63 as cty values, made once.
var indexKeys = func() []cty.Value {
	out := make([]cty.Value, 64)
	for i := range out {
		out[i] = cty.NumberIntVal(int64(i))
	}
	return out
}()

// ContainsMarked reports whether v or any value nested in it carries a mark,
// as cty's Value.ContainsMarked does. cty's builds the path of every nested
// value on the way (a slice copied per step, an iterator per collection);
// this walks without paths and stops at the first mark.
func ContainsMarked(v cty.Value) bool {
	if v == cty.NilVal {
		return false
	}
	if v.IsMarked() {
		return true
	}
	if v.IsNull() {
		return false
	}
	ty := v.Type()
	if !v.IsKnown() {
		// an unknown value may hold nested marks only cty can see; it
		// visits nothing below it
		return !ty.IsPrimitiveType() && v.ContainsMarked()
	}
	switch {
	case ty.IsPrimitiveType():
		return false
	case ty.IsObjectType():
		for name := range ty.AttributeTypes() {
			if ContainsMarked(v.GetAttr(name)) {
				return true
			}
		}
		return false
	case (ty.IsListType() || ty.IsTupleType()) && v.LengthInt() <= len(indexKeys):
		// by index: cty's iterator makes a number value per element
		for i, n := 0, v.LengthInt(); i < n; i++ {
			if ContainsMarked(v.Index(indexKeys[i])) {
				return true
			}
		}
	case v.CanIterateElements():
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if ContainsMarked(e) {
				return true
			}
		}
	}
	return false
}
