package addr

import (
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// sameTraversal compares two traversals step by step, ignoring source ranges.
func sameTraversal(a, b hcl.Traversal) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		switch x := a[i].(type) {
		case hcl.TraverseRoot:
			y, ok := b[i].(hcl.TraverseRoot)
			if !ok || x.Name != y.Name {
				return false
			}
		case hcl.TraverseAttr:
			y, ok := b[i].(hcl.TraverseAttr)
			if !ok || x.Name != y.Name {
				return false
			}
		case hcl.TraverseIndex:
			y, ok := b[i].(hcl.TraverseIndex)
			if !ok || !x.Key.Type().Equals(y.Key.Type()) || !x.Key.Equals(y.Key).True() {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// checkTraversal: where ParseTraversal accepts s, hclsyntax parses it to
// the same steps.
func checkTraversal(t *testing.T, s string) {
	t.Helper()
	fast, ok := ParseTraversal(s)
	if !ok {
		return
	}
	slow, diags := hclsyntax.ParseTraversalAbs([]byte(s), "", hcl.Pos{Line: 1, Column: 1})
	if diags.HasErrors() {
		t.Fatalf("%q: fast parser accepts what hclsyntax rejects: %s", s, diags.Error())
	}
	if !sameTraversal(fast, slow) {
		t.Fatalf("%q: fast %#v, hclsyntax %#v", s, fast, slow)
	}
}

func TestParseTraversal(t *testing.T) {
	tests := []struct {
		in   string
		fast bool // taken by the fast path
	}{
		{`aws_vpc.main`, true},
		{`module.a["k"].aws_x.y[0].id`, true},
		{`module.spoke["orders-1"].module.b[12].data.aws_iam_policy_document.x.json`, true},
		{`var.vpc_endpoint_ids`, true},
		{`aws_x.y[0]`, true},
		{`a["with space"]`, true},
		{`a["esc\"aped"]`, false},
		{`a["${x}"]`, false},
		{`a["ünïcode"]`, false},
		{`a[01]`, false},
		{`a[-1]`, false},
		{`a.1b`, false},
		{`a..b`, false},
		{`a.`, false},
		{`a[`, false},
		{`a[]`, false},
		{`a["k"`, false},
		{`a[0][1].b`, true},
		{`a.b-c_d.E9`, true},
		{`a[1234567890123456789]`, false},
		{`a["a]b"]`, false},
		{`ü.x`, false},
		{``, false},
	}
	for _, tt := range tests {
		_, ok := ParseTraversal(tt.in)
		if ok != tt.fast {
			t.Errorf("%q: accepted %v, want %v", tt.in, ok, tt.fast)
		}
		checkTraversal(t, tt.in)
		if !tt.fast && !hclAccepts(tt.in) {
			continue
		}
		if !hclAccepts(tt.in) {
			t.Errorf("%q: hclsyntax rejects it", tt.in)
		}
	}
}

func hclAccepts(s string) bool {
	_, diags := hclsyntax.ParseTraversalAbs([]byte(s), "", hcl.Pos{Line: 1, Column: 1})
	return !diags.HasErrors()
}

func FuzzParseTraversal(f *testing.F) {
	for _, s := range []string{`aws_vpc.main`, `module.a["k"].aws_x.y[0].id`, `a["b c"][3].d`, `a[0][1]`, `x_y-z.w`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkTraversal(t, s) })
}
