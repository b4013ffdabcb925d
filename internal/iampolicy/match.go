package iampolicy

import (
	"strings"
	"unicode"

	"github.com/privapi/privapi/internal/symbol"
)

// atom is one unit of a possibly symbolic string: a literal rune, or a whole
// token standing for a non-empty string known only after apply.
type atom struct {
	r   rune
	tok string
}

func atoms(s string, fold bool) []atom {
	var out []atom
	for _, part := range symbol.Split(s) {
		if part.Ref != nil {
			out = append(out, atom{tok: part.Ref.Token()})
			continue
		}
		for _, r := range part.Text {
			if fold {
				r = unicode.ToLower(r)
			}
			out = append(out, atom{r: r})
		}
	}
	return out
}

// maxGlobCells bounds the work of one wildcard match (pattern length times
// subject length); a larger match, far beyond any real policy, is Unknown.
const maxGlobCells = 1 << 22

func hasWildcard(pattern string) bool { return strings.ContainsAny(pattern, "*?") }

// hasPolicyVariable reports a ${...} policy variable, whose value comes from
// the request and is not modelled.
func hasPolicyVariable(s string) bool { return strings.Contains(s, "${") }

// globMatch matches subject against pattern, where * matches any run of
// characters and ? exactly one. Tokens are opaque: identical tokens in the
// same place match, and a comparison that depends on a token's text is
// Unknown. With fold set, literal text compares case-insensitively.
func globMatch(pattern, subject string, fold bool) symbol.Tri {
	if pattern == subject || pattern == "*" {
		return symbol.True
	}
	if hasPolicyVariable(pattern) {
		return symbol.Unknown
	}
	if !hasWildcard(pattern) {
		return equalText(pattern, subject, fold)
	}
	if (len(pattern)+1)*(len(subject)+1) > maxGlobCells {
		return symbol.Unknown
	}
	return globAtoms(atoms(pattern, fold), atoms(subject, fold))
}

// equalText is symbol.Equal, with literal text folded when fold is set.
func equalText(a, b string, fold bool) symbol.Tri {
	if fold {
		a, b = foldLiteral(a), foldLiteral(b)
	}
	return symbol.Equal(a, b)
}

// foldLiteral lower-cases the literal parts of s and leaves tokens alone.
func foldLiteral(s string) string {
	if !symbol.Contains(s) {
		return strings.ToLower(s)
	}
	var b strings.Builder
	for _, part := range symbol.Split(s) {
		if part.Ref != nil {
			b.WriteString(part.Ref.Token())
		} else {
			b.WriteString(strings.ToLower(part.Text))
		}
	}
	return b.String()
}

// globAtoms decides the match by dynamic programming over suffixes:
// row i holds the answers for pattern[i:] against every subject[j:].
func globAtoms(p, s []atom) symbol.Tri {
	n, m := len(p), len(s)
	next := make([]symbol.Tri, m+1) // answers for pattern[i+1:]
	cur := make([]symbol.Tri, m+1)
	for j := range next {
		next[j] = symbol.False
	}
	next[m] = symbol.True
	for i := n - 1; i >= 0; i-- {
		cur[m] = symbol.False
		if p[i].tok == "" && p[i].r == '*' {
			cur[m] = next[m]
		}
		for j := m - 1; j >= 0; j-- {
			cur[j] = stepAtom(p[i], s[j], next[j], next[j+1], cur[j+1])
		}
		next, cur = cur, next
	}
	return next[0]
}

// stepAtom is the answer for pattern atom pa heading pattern[i:] against
// subject atom sa heading subject[j:], given the answers for
// (pattern[i+1:], subject[j:]), (pattern[i+1:], subject[j+1:]) and
// (pattern[i:], subject[j+1:]).
func stepAtom(pa, sa atom, skipPattern, skipBoth, skipSubject symbol.Tri) symbol.Tri {
	switch {
	case pa.tok == "" && pa.r == '*':
		// * matches nothing, or swallows the subject atom (a whole token
		// included); a partly swallowed token shows up as Unknown on the
		// next pattern atom.
		return skipPattern.Or(skipSubject)
	case sa.tok != "":
		if pa.tok == sa.tok {
			return skipBoth
		}
		if pa.tok == "" && pa.r != '?' && tokenCannotStartWith(sa.tok, pa.r) {
			return symbol.False
		}
		return symbol.Unknown
	case pa.tok != "":
		return symbol.Unknown
	case pa.r == '?' || pa.r == sa.r:
		return skipBoth
	}
	return symbol.False
}

// arnMatch matches an ARN against an ARN pattern the way the Arn* condition
// operators do: each of the six colon-separated components separately, the
// last one taking the rest. Strings that are not six-part ARNs are matched
// whole.
func arnMatch(pattern, subject string) symbol.Tri {
	pp, sp := arnParts(pattern), arnParts(subject)
	if len(pp) != 6 || len(sp) != 6 {
		return globMatch(pattern, subject, false)
	}
	res := symbol.True
	for i := range pp {
		res = res.And(globMatch(pp[i], sp[i], false))
		if res == symbol.False {
			break
		}
	}
	return res
}

// SplitARN splits an ARN (tokens allowed) into its six colon-separated
// parts, the last one taking the rest; fewer parts when s is no ARN.
func SplitARN(s string) []string { return arnParts(s) }

// arnParts splits s on colons outside tokens into at most six parts.
func arnParts(s string) []string {
	var parts []string
	var cur strings.Builder
	for _, part := range symbol.Split(s) {
		if part.Ref != nil {
			cur.WriteString(part.Ref.Token())
			continue
		}
		text := part.Text
		for len(parts) < 5 {
			i := strings.IndexByte(text, ':')
			if i < 0 {
				break
			}
			cur.WriteString(text[:i])
			parts = append(parts, cur.String())
			cur.Reset()
			text = text[i+1:]
		}
		cur.WriteString(text)
	}
	return append(parts, cur.String())
}
