package model

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// TestReplaceParts: the parts go where fill's paths say, in order (a part
// at a path covers what earlier parts put below it), and a path that does
// not fit the value's shape fails.
func TestReplaceParts(t *testing.T) {
	a, b, c := cty.StringVal("a"), cty.StringVal("b"), cty.StringVal("c")
	obj := cty.ObjectVal(map[string]cty.Value{"x": a, "xs": a, "l": cty.TupleVal([]cty.Value{a, a})})
	v := cty.TupleVal([]cty.Value{obj, obj})
	objWith := func(x, xs, l0, l1 cty.Value) cty.Value {
		return cty.ObjectVal(map[string]cty.Value{"x": x, "xs": xs, "l": cty.TupleVal([]cty.Value{l0, l1})})
	}
	tests := []struct {
		name  string
		parts []valuePart
		want  cty.Value
		ok    bool
	}{
		{"none", nil, v, true},
		{"root", []valuePart{{"", b}}, b, true},
		{"one leaf", []valuePart{{"[1].x", b}}, cty.TupleVal([]cty.Value{obj, objWith(b, a, a, a)}), true},
		{"a name and its longer twin", []valuePart{{"[0].xs", b}, {"[0].x", c}}, cty.TupleVal([]cty.Value{objWith(c, b, a, a), obj}), true},
		{"leaves of one object", []valuePart{{"[0].l[1]", b}, {"[1].x", c}, {"[0].x", c}}, cty.TupleVal([]cty.Value{objWith(c, a, a, b), objWith(c, a, a, a)}), true},
		{"later covers earlier", []valuePart{{"[0].l[0]", b}, {"[0].l", c}}, cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"x": a, "xs": a, "l": c}), obj}), true},
		{"earlier under a later root", []valuePart{{"[0].x", b}, {"", c}}, c, true},
		{"below a later root", []valuePart{{"", v}, {"[1].x", b}}, cty.TupleVal([]cty.Value{obj, objWith(b, a, a, a)}), true},
		{"index out of range", []valuePart{{"[2].x", b}}, cty.NilVal, false},
		{"no such attribute", []valuePart{{"[0].y", b}}, cty.NilVal, false},
		{"attribute of a tuple", []valuePart{{".x", b}}, cty.NilVal, false},
		{"below a string", []valuePart{{"[0].x.y", b}}, cty.NilVal, false},
	}
	for _, tt := range tests {
		got, ok := replaceParts(v, tt.parts)
		if ok != tt.ok || ok && !got.RawEquals(tt.want) {
			t.Errorf("%s: replaceParts = %#v, %v; want %#v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
	if _, ok := replaceParts(v.Mark(Sensitive), []valuePart{{"[0].x", b}}); ok {
		t.Error("replaceParts went into a marked value")
	}
}

// TestSymbolizeRecordsTokens: a watched resolution records each token
// symbolize makes with its path and marks, and symbolToken makes the same
// token from them (what a later instance's replay puts there, named after
// it).
func TestSymbolizeRecordsTokens(t *testing.T) {
	m := &Model{}
	inst := &Instance{Address: "module.a.aws_lambda_function.f", Actions: []string{"create"}}
	tr := &attrTrace{}
	m.trace = tr
	unknown := cty.ObjectVal(map[string]cty.Value{
		"vpc_id":     cty.UnknownVal(cty.String).Mark(Sensitive),
		"subnet_ids": cty.UnknownVal(cty.List(cty.String)),
	})
	got := m.symbolize(inst, "vpc_config[0]", unknown)
	m.trace = nil
	if len(tr.tokens) != 1 || tr.tokens[0].path != "vpc_config[0].vpc_id" || !tr.tokens[0].marks.Has(Sensitive) {
		t.Fatalf("recorded %#v, want the sensitive vpc_config[0].vpc_id", tr.tokens)
	}
	if tok := symbolToken(inst, tr.tokens[0].path, tr.tokens[0].marks); !got.GetAttr("vpc_id").RawEquals(tok) {
		t.Errorf("symbolToken = %#v, symbolize put %#v", tok, got.GetAttr("vpc_id"))
	}
}
