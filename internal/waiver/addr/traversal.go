package addr

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// ParseTraversal parses an absolute traversal in the forms that Terraform
// instance addresses and plan references take — ASCII names joined by
// dots, [123] and ["key"] indexes (printable ASCII, no escapes or
// templates) — into the steps hclsyntax.ParseTraversalAbs would give,
// without source ranges and without its lexer (parsing every address of a
// large plan through hclsyntax was a tenth of the run). It reports false
// for anything else; callers that must accept every HCL traversal then ask
// hclsyntax.
func ParseTraversal(s string) (hcl.Traversal, bool) {
	i, ok := scanName(s, 0)
	if !ok {
		return nil, false
	}
	t := make(hcl.Traversal, 1, 1+strings.Count(s, ".")+strings.Count(s, "["))
	t[0] = hcl.TraverseRoot{Name: s[:i]}
	for i < len(s) {
		var step hcl.Traverser
		switch s[i] {
		case '.':
			end, ok := scanName(s, i+1)
			if !ok {
				return nil, false
			}
			step, i = hcl.TraverseAttr{Name: s[i+1 : end]}, end
		case '[':
			key, end, ok := scanIndex(s, i)
			if !ok {
				return nil, false
			}
			step, i = hcl.TraverseIndex{Key: key}, end
		default:
			return nil, false
		}
		t = append(t, step)
	}
	return t, true
}

// scanName reads an HCL identifier restricted to ASCII at s[i:] and
// returns where it ends.
func scanName(s string, i int) (int, bool) {
	if i >= len(s) || !(s[i] == '_' || isLetter(s[i])) {
		return 0, false
	}
	i++
	for i < len(s) && (s[i] == '_' || s[i] == '-' || isLetter(s[i]) || isDigit(s[i])) {
		i++
	}
	return i, true
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// scanIndex reads [123] or ["key"] at s[i:] (s[i] == '[').
func scanIndex(s string, i int) (cty.Value, int, bool) {
	end := strings.IndexByte(s[i:], ']')
	if end <= 1 {
		return cty.NilVal, 0, false
	}
	body := s[i+1 : i+end]
	next := i + end + 1
	if body[0] == '"' {
		if len(body) < 2 || body[len(body)-1] != '"' {
			return cty.NilVal, 0, false
		}
		k := body[1 : len(body)-1]
		for j := 0; j < len(k); j++ {
			if c := k[j]; c < 0x20 || c >= 0x7f || c == '\\' || c == '"' || c == '$' || c == '%' {
				return cty.NilVal, 0, false
			}
		}
		return cty.StringVal(k), next, true
	}
	if len(body) > 18 || body[0] == '0' && len(body) > 1 {
		return cty.NilVal, 0, false
	}
	n := int64(0)
	for j := 0; j < len(body); j++ {
		if !isDigit(body[j]) {
			return cty.NilVal, 0, false
		}
		n = n*10 + int64(body[j]-'0')
	}
	return cty.NumberIntVal(n), next, true
}
