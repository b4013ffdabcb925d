package topology

import (
	"math/big"

	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/symbol"
)

// Str returns a known string (tokens allowed) and whether it was known.
func Str(v cty.Value) (string, bool) {
	if v == cty.NilVal {
		return "", false
	}
	uv := plain(v)
	if !uv.IsKnown() || uv.IsNull() || uv.Type() != cty.String {
		return "", false
	}
	return uv.AsString(), true
}

// Strs returns a known list/set/tuple of strings.
func Strs(v cty.Value) ([]string, bool) {
	if v == cty.NilVal {
		return nil, false
	}
	uv := plain(v)
	if !uv.IsKnown() {
		return nil, false
	}
	if uv.IsNull() {
		return nil, true
	}
	if uv.Type() == cty.String {
		return []string{uv.AsString()}, true
	}
	if !uv.CanIterateElements() || uv.Type().IsObjectType() || uv.Type().IsMapType() {
		return nil, false
	}
	var out []string
	for _, e := range model.Elements(uv) {
		s, ok := Str(e)
		if !ok {
			return out, false
		}
		out = append(out, s)
	}
	return out, true
}

// Bool returns a three-valued boolean.
func Bool(v cty.Value) symbol.Tri {
	if v == cty.NilVal {
		return symbol.Unknown
	}
	uv := plain(v)
	if !uv.IsKnown() || uv.IsNull() {
		return symbol.Unknown
	}
	switch uv.Type() {
	case cty.Bool:
		return symbol.FromBool(uv.True())
	case cty.String:
		switch uv.AsString() {
		case "true":
			return symbol.True
		case "false":
			return symbol.False
		}
	}
	return symbol.Unknown
}

// Int returns a known integer.
func Int(v cty.Value) (int, bool) {
	if v == cty.NilVal {
		return 0, false
	}
	uv := plain(v)
	if !uv.IsKnown() || uv.IsNull() {
		return 0, false
	}
	switch uv.Type() {
	case cty.Number:
		i, acc := uv.AsBigFloat().Int64()
		if acc != big.Exact {
			return 0, false
		}
		return int(i), true
	case cty.String:
		f, _, err := big.ParseFloat(uv.AsString(), 10, 64, big.ToNearestEven)
		if err != nil {
			return 0, false
		}
		i, acc := f.Int64()
		return int(i), acc == big.Exact
	}
	return 0, false
}

// IsNull reports whether v is known null (unset).
func IsNull(v cty.Value) bool {
	if v == cty.NilVal {
		return true
	}
	uv := plain1(v)
	return uv.IsKnown() && uv.IsNull()
}

// Objects returns the elements of a known list of objects (nested blocks).
func Objects(v cty.Value) ([]cty.Value, bool) {
	if v == cty.NilVal {
		return nil, false
	}
	uv := plain(v)
	if !uv.IsKnown() {
		return nil, false
	}
	if uv.IsNull() {
		return nil, true
	}
	if !uv.CanIterateElements() || uv.Type().IsObjectType() {
		return nil, false
	}
	return model.Elements(uv), true
}

// Get returns attribute name of an object value (null when absent).
func Get(obj cty.Value, name string) cty.Value {
	if obj == cty.NilVal {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	uv := plain1(obj)
	if !uv.IsKnown() {
		return cty.DynamicVal
	}
	if uv.IsNull() || !uv.Type().IsObjectType() || !uv.Type().HasAttribute(name) {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	return plain(uv.GetAttr(name))
}

// plain returns v without marks. cty's UnmarkDeep rebuilds every nested
// value even when nothing inside is marked (most values): strip the
// top-level marks, and go deep only when something below is marked.
func plain(v cty.Value) cty.Value {
	v = plain1(v)
	if v.Type().IsPrimitiveType() || !v.IsKnown() || v.IsNull() || !model.ContainsMarked(v) {
		return v
	}
	v, _ = v.UnmarkDeep()
	return v
}

// plain1 strips the marks of v itself, not those nested inside it.
func plain1(v cty.Value) cty.Value {
	if v.IsMarked() {
		v, _ = v.Unmark()
	}
	return v
}

// IsSelf reports whether s is the token naming attr of addr itself: the
// value could not be resolved beyond "whatever it will be".
func IsSelf(s, addr, attr string) bool {
	r, ok := symbol.Only(s)
	return ok && r.Address == addr && r.Attr == attr
}
