package model

import (
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"
)

// TestModuleInstanceString: module paths and instance keys render as
// Terraform writes addresses, also past the stack buffer.
func TestModuleInstanceString(t *testing.T) {
	key := func(v cty.Value) *cty.Value { return &v }
	long := strings.Repeat("n", 200)
	for _, tc := range []struct {
		mi   ModuleInstance
		want string
	}{
		{nil, ""},
		{ModuleInstance{{Name: "a"}}, "module.a"},
		{ModuleInstance{{Name: "a", Key: key(cty.StringVal("k"))}}, `module.a["k"]`},
		{ModuleInstance{{Name: "a", Key: key(cty.NumberIntVal(0))}, {Name: "b", Key: key(cty.StringVal(`x"y\z`))}}, `module.a[0].module.b["x\"y\\z"]`},
		{ModuleInstance{{Name: "a", Key: key(cty.NumberFloatVal(1.5))}}, "module.a[1.5]"},
		{ModuleInstance{{Name: "a", Key: key(cty.NumberIntVal(-3))}}, "module.a[-3]"},
		{ModuleInstance{{Name: "a", Key: key(cty.UnknownVal(cty.String))}}, "module.a[?]"},
		{ModuleInstance{{Name: "a", Key: key(cty.NullVal(cty.String))}}, "module.a[?]"},
		{ModuleInstance{{Name: "a", Key: key(cty.True)}}, "module.a[?]"},
		{ModuleInstance{{Name: long, Key: key(cty.StringVal("é"))}}, "module." + long + `["é"]`},
	} {
		if got := tc.mi.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
		wantPrefix := "aws_vpc.main"
		if tc.want != "" {
			wantPrefix = tc.want + ".aws_vpc.main"
		}
		if got := prefix(tc.mi, "aws_vpc.main"); got != wantPrefix {
			t.Errorf("prefix = %q, want %q", got, wantPrefix)
		}
		if len(tc.mi) == 1 && tc.mi[0].Key != nil {
			if got, want := keyString(*tc.mi[0].Key), strings.TrimPrefix(tc.want, "module."+tc.mi[0].Name); got != want {
				t.Errorf("keyString = %q, want %q", got, want)
			}
		}
	}
}
