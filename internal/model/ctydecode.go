package model

import (
	"encoding/json"

	"github.com/zclconf/go-cty/cty"
)

// Reading one attribute (Model.Attr → attrAfter) decoded the member's JSON
// text into map[string]any / []any / json.Number and then converted that
// tree to cty (FromJSON): two trees built for one value, the first thrown
// away at once. ctyFromText builds the cty value straight from the text,
// with FromJSON's rules (unknown and sensitive fragments applied on the
// way), in one pass. Anything its scanner does not handle exactly as
// fastDecode does (escapes in keys, deep nesting, a syntax error) makes it
// fall back to FromJSON(normalizeJSON(text)), the reference
// (TestCtyFromText and FuzzCtyFromText compare both).

// ctyFromText is FromJSON(normalizeJSON(text), unknown, sensitive).
func ctyFromText(text json.RawMessage, unknown, sensitive any) cty.Value {
	if unknown == true {
		return mark(cty.DynamicVal, sensitive)
	}
	d := ctyDecoder{fastDecoder{data: text}}
	d.ws()
	v, ok := d.value(0, unknown, sensitive)
	if ok {
		d.ws()
		ok = d.i == len(d.data)
	}
	if !ok {
		return FromJSON(normalizeJSON(text), unknown, sensitive)
	}
	return v
}

// ctyDecoder reads JSON text into cty values as FromJSON converts the
// decoded tree.
type ctyDecoder struct {
	fastDecoder
}

func (d *ctyDecoder) value(depth int, unknown, sensitive any) (cty.Value, bool) {
	if d.i >= len(d.data) || depth > fastMaxDepth {
		return cty.NilVal, false
	}
	if unknown == true {
		// FromJSON does not look at the value: skip it
		s := jsonSkipper{data: d.data, i: d.i}
		if !s.value(depth) {
			return cty.NilVal, false
		}
		d.i = s.i
		return mark(cty.DynamicVal, sensitive), true
	}
	var out cty.Value
	var ok bool
	switch c := d.data[d.i]; {
	case c == '{':
		out, ok = d.object(depth+1, unknown, sensitive)
	case c == '[':
		out, ok = d.array(depth+1, unknown, sensitive)
	case c == '"':
		var s string
		s, ok = d.str()
		out = cty.StringVal(s)
	case c == 't':
		out, ok = cty.True, d.lit("true")
	case c == 'f':
		out, ok = cty.False, d.lit("false")
	case c == 'n':
		out, ok = nullOrUnknownContainer(unknown), d.lit("null")
	case c == '-' || (c >= '0' && c <= '9'):
		start := d.i
		if _, ok = d.number(); ok {
			out = numberVal(string(d.data[start:d.i]))
		}
	}
	if !ok {
		return cty.NilVal, false
	}
	return mark(out, sensitive), true
}

func (d *ctyDecoder) object(depth int, unknown, sensitive any) (cty.Value, bool) {
	d.i++ // {
	attrs := attrMap()
	d.ws()
	if d.i < len(d.data) && d.data[d.i] == '}' {
		d.i++
		return d.objectVal(attrs, unknown, sensitive), true
	}
	for {
		if d.i >= len(d.data) || d.data[d.i] != '"' {
			return cty.NilVal, false
		}
		k, ok := d.plainStr()
		if !ok {
			return cty.NilVal, false
		}
		d.ws()
		if d.i >= len(d.data) || d.data[d.i] != ':' {
			return cty.NilVal, false
		}
		d.i++
		d.ws()
		v, ok := d.value(depth, field(unknown, k), field(sensitive, k))
		if !ok {
			return cty.NilVal, false
		}
		attrs[k] = v // the last of duplicate keys, as encoding/json keeps it
		done, ok := d.separator('}')
		if !ok {
			return cty.NilVal, false
		}
		if done {
			return d.objectVal(attrs, unknown, sensitive), true
		}
	}
}

// objectVal adds the attributes unknown names that the value lacks.
func (d *ctyDecoder) objectVal(attrs map[string]cty.Value, unknown, sensitive any) cty.Value {
	if um, ok := unknown.(map[string]any); ok {
		for k, uv := range um {
			if _, seen := attrs[k]; !seen && containsTrue(uv) {
				attrs[k] = FromJSON(nil, uv, field(sensitive, k))
			}
		}
	}
	return objectVal(attrs)
}

func (d *ctyDecoder) array(depth int, unknown, sensitive any) (cty.Value, bool) {
	d.i++ // [
	var elems []cty.Value
	d.ws()
	if d.i < len(d.data) && d.data[d.i] == ']' {
		d.i++
		return tupleVal(elems, unknown, sensitive), true
	}
	for {
		i := len(elems)
		v, ok := d.value(depth, index(unknown, i), index(sensitive, i))
		if !ok {
			return cty.NilVal, false
		}
		elems = append(elems, v)
		done, ok := d.separator(']')
		if !ok {
			return cty.NilVal, false
		}
		if done {
			return tupleVal(elems, unknown, sensitive), true
		}
	}
}

// tupleVal adds the elements unknown lists beyond the value's.
func tupleVal(elems []cty.Value, unknown, sensitive any) cty.Value {
	for i := len(elems); i < unknownLen(unknown); i++ {
		elems = append(elems, FromJSON(nil, index(unknown, i), index(sensitive, i)))
	}
	if len(elems) == 0 {
		return cty.EmptyTupleVal
	}
	return cty.TupleVal(elems)
}
