package topology

import (
	"strings"
	"testing"
)

// TestRefText: Address and String render as the concatenations they
// replaced, for every kind of reference and module depth.
func TestRefText(t *testing.T) {
	oldPath := func(calls []string) string {
		s := ""
		for _, c := range calls {
			s += "module." + c + "."
		}
		return s
	}
	for _, mod := range [][]string{nil, {"a"}, {"a", "b_c"}} {
		for _, r := range []Ref{
			{Kind: RefResource, Name: "aws_x.y"},
			{Kind: RefResource, Name: "aws_x.y", Index: `["k"]`, Attr: "dns_entry[0].dns_name"},
			{Kind: RefData, Name: "data.aws_iam_policy_document.p", Attr: "json"},
			{Kind: RefLocal, Name: "local.n"},
			{Kind: RefOutput, Name: "module.c.out", Index: "[0]", Attr: "id"},
			{Kind: RefOutput, Name: "module.c.out"},
		} {
			r.Module = mod
			addr := oldPath(mod) + r.Name
			str := addr + r.Index
			if r.Kind == RefOutput && r.Index != "" {
				i := strings.LastIndex(r.Name, ".")
				str = oldPath(mod) + r.Name[:i] + r.Index + r.Name[i:]
			}
			if r.Attr != "" {
				str += "." + r.Attr
			}
			if got := r.Address(); got != addr {
				t.Errorf("Address() = %q, want %q", got, addr)
			}
			if got := r.String(); got != str {
				t.Errorf("String() = %q, want %q", got, str)
			}
			if got := modulePath(mod); got != oldPath(mod) {
				t.Errorf("modulePath(%q) = %q", mod, got)
			}
		}
	}
}
