package model

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// TestIDTupleIsAppendIDs checks resolveIDList's shortcut: where idTuple
// accepts a value, the value itself is what the list built by appendIDs
// would be, marks included; where it declines, building the list changes
// the value.
func TestIDTupleIsAppendIDs(t *testing.T) {
	sub := func(id string) cty.Value {
		return cty.ObjectVal(map[string]cty.Value{"id": cty.StringVal(id), "cidr_block": cty.StringVal("10.0.0.0/24")})
	}
	tests := []struct {
		name     string
		v        cty.Value
		shortcut bool
	}{
		{"strings", cty.TupleVal([]cty.Value{cty.StringVal("subnet-a"), cty.StringVal("subnet-b")}), true},
		{"one string", cty.TupleVal([]cty.Value{cty.StringVal("subnet-a")}), true},
		{"unknown element", cty.TupleVal([]cty.Value{cty.StringVal("subnet-a"), cty.UnknownVal(cty.String)}), true},
		{"dynamic element", cty.TupleVal([]cty.Value{cty.DynamicVal, cty.StringVal("subnet-b")}), true},
		{"marked element", cty.TupleVal([]cty.Value{cty.StringVal("subnet-a").Mark(Sensitive), cty.StringVal("subnet-b")}), true},
		{"null element", cty.TupleVal([]cty.Value{cty.NullVal(cty.String), cty.StringVal("subnet-b")}), true},
		{"mixed types", cty.TupleVal([]cty.Value{cty.StringVal("subnet-a"), cty.NumberIntVal(1)}), true},
		{"object without id", cty.TupleVal([]cty.Value{cty.ObjectVal(map[string]cty.Value{"arn": cty.StringVal("x")})}), true},
		{"objects with id", cty.TupleVal([]cty.Value{sub("subnet-a"), sub("subnet-b")}), false},
		{"string then object with id", cty.TupleVal([]cty.Value{cty.StringVal("subnet-a"), sub("subnet-b")}), false},
		{"marked object with id", cty.TupleVal([]cty.Value{sub("subnet-a").Mark(Sensitive)}), false},
		{"empty tuple", cty.EmptyTupleVal, false},
		{"list", cty.ListVal([]cty.Value{cty.StringVal("subnet-a")}), false},
		{"set", cty.SetVal([]cty.Value{cty.StringVal("subnet-a")}), false},
		{"string", cty.StringVal("subnet-a"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := idTuple(tt.v); got != tt.shortcut {
				t.Fatalf("idTuple = %v, want %v", got, tt.shortcut)
			}
			elems, ok := appendIDs(nil, tt.v, tt.v)
			if !ok {
				t.Fatalf("appendIDs declined %#v", tt.v)
			}
			built := cty.TupleVal(elems)
			if tt.shortcut && !built.RawEquals(tt.v) {
				t.Fatalf("shortcut returns %#v, the list built is %#v", tt.v, built)
			}
		})
	}
}
