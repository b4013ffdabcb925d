// Package symbol represents values that Terraform only knows after apply but
// that privapi can still name: "the id of aws_vpc_endpoint.x".
//
// A symbolic value is carried as a token embedded in an ordinary string:
//
//	⟦aws_vpc_endpoint.x#id⟧            the id of an existing or read resource
//	⟦+aws_vpc_endpoint.x#id⟧           the same, for a resource created in this plan (a fresh value)
//
// Tokens are plain text on purpose. A cty mark on an unknown value is lost as
// soon as the value flows through a string template, jsonencode() or a JSON
// policy document; a token survives all of them, so a policy built with
// jsonencode({... aws:SourceVpce = aws_vpc_endpoint.x.id ...}) can still be
// decoded and judged, and two occurrences of the same reference compare equal
// as strings. Values that are unknown and cannot be named stay cty unknowns.
//
// Tokens never reach users: Display rewrites them as ${address.attr}.
package symbol

import (
	"strings"
)

const (
	open  = "⟦"
	close = "⟧"
	sep   = "#"
	fresh = "+"
)

// Ref names one attribute of one resource instance (or another addressable
// object such as a variable that has no value).
type Ref struct {
	// Address is the absolute address of the resource instance, e.g.
	// module.ep["a"].aws_vpc_endpoint.this[0].
	Address string
	// Attr is the attribute path inside it, e.g. "id" or "dns_entry[0].dns_name".
	Attr string
	// Fresh is true when the value is a computed identity of a resource that
	// this plan creates: it will differ from every literal and from every
	// other fresh value.
	Fresh bool
}

// String renders the reference the way Terraform users write it.
func (r Ref) String() string {
	if r.Attr == "" {
		return r.Address
	}
	return r.Address + "." + r.Attr
}

// Token returns the in-string token for r.
func (r Ref) Token() string {
	f := ""
	if r.Fresh {
		f = fresh
	}
	return open + f + r.Address + sep + r.Attr + close
}

// Contains reports whether s holds at least one token.
func Contains(s string) bool { return strings.Contains(s, open) }

// Part is a piece of a string: either literal text or a reference.
type Part struct {
	Text string
	Ref  *Ref
}

// Split cuts s into literal and symbolic parts. A string without tokens is a
// single literal part.
func Split(s string) []Part {
	var parts []Part
	for len(s) > 0 {
		i := strings.Index(s, open)
		if i < 0 {
			parts = append(parts, Part{Text: s})
			break
		}
		j := strings.Index(s[i:], close)
		if j < 0 {
			parts = append(parts, Part{Text: s})
			break
		}
		if i > 0 {
			parts = append(parts, Part{Text: s[:i]})
		}
		ref, ok := parseToken(s[i+len(open) : i+j])
		if ok {
			parts = append(parts, Part{Ref: &ref})
		} else {
			parts = append(parts, Part{Text: s[i : i+j+len(close)]})
		}
		s = s[i+j+len(close):]
	}
	return parts
}

func parseToken(body string) (Ref, bool) {
	var r Ref
	if strings.HasPrefix(body, fresh) {
		r.Fresh = true
		body = body[len(fresh):]
	}
	k := strings.LastIndex(body, sep)
	if k < 0 {
		return Ref{}, false
	}
	r.Address, r.Attr = body[:k], body[k+len(sep):]
	return r, r.Address != ""
}

// Only returns the reference when s is exactly one token.
func Only(s string) (Ref, bool) {
	if !strings.HasPrefix(s, open) || !strings.HasSuffix(s, close) {
		return Ref{}, false
	}
	// one part as Split cuts it: the first close ends s
	j := strings.Index(s, close)
	if j+len(close) != len(s) {
		return Ref{}, false
	}
	if r, ok := parseToken(s[len(open):j]); ok {
		return r, true
	}
	return Ref{}, false
}

// Refs lists the references in s in order of appearance.
func Refs(s string) []Ref {
	if !Contains(s) {
		return nil
	}
	// the tokens as Split cuts them, without its parts
	var out []Ref
	for {
		i := strings.Index(s, open)
		if i < 0 {
			return out
		}
		j := strings.Index(s[i:], close)
		if j < 0 {
			return out
		}
		if ref, ok := parseToken(s[i+len(open) : i+j]); ok {
			out = append(out, ref)
		}
		s = s[i+j+len(close):]
	}
}

// Display rewrites every token in s as ${address.attr}, the form users know.
// It cuts s as Split does, written straight into one buffer (checks call
// it for every id they show).
func Display(s string) string {
	if !Contains(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for len(s) > 0 {
		i := strings.Index(s, open)
		if i < 0 {
			b.WriteString(s)
			break
		}
		j := strings.Index(s[i:], close)
		if j < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		if ref, ok := parseToken(s[i+len(open) : i+j]); ok {
			b.WriteString("${")
			b.WriteString(ref.Address)
			if ref.Attr != "" {
				b.WriteByte('.')
				b.WriteString(ref.Attr)
			}
			b.WriteByte('}')
		} else {
			b.WriteString(s[i : i+j+len(close)])
		}
		s = s[i+j+len(close):]
	}
	return b.String()
}

// Tri is a three-valued truth: the answer may be unknown until apply.
type Tri int8

const (
	False Tri = iota
	True
	Unknown
)

func (t Tri) String() string {
	switch t {
	case True:
		return "true"
	case False:
		return "false"
	}
	return "unknown"
}

// Not negates t.
func (t Tri) Not() Tri {
	switch t {
	case True:
		return False
	case False:
		return True
	}
	return Unknown
}

// And combines with Kleene logic.
func (t Tri) And(o Tri) Tri {
	if t == False || o == False {
		return False
	}
	if t == True && o == True {
		return True
	}
	return Unknown
}

// Or combines with Kleene logic.
func (t Tri) Or(o Tri) Tri {
	if t == True || o == True {
		return True
	}
	if t == False && o == False {
		return False
	}
	return Unknown
}

// FromBool converts a Go bool.
func FromBool(b bool) Tri {
	if b {
		return True
	}
	return False
}

// Equal decides whether two possibly symbolic strings are equal after apply.
//
// Equal strings are equal. Two literals that differ are different. A fresh
// reference (a computed identity of a resource this plan creates) differs
// from any literal and from any other reference's value when the other side
// is also fresh. Anything else is Unknown.
func Equal(a, b string) Tri {
	if a == b {
		return True
	}
	ca, cb := Contains(a), Contains(b)
	if !ca && !cb {
		return False
	}
	ra, oka := Only(a)
	rb, okb := Only(b)
	switch {
	case oka && okb:
		if ra.Fresh && rb.Fresh {
			return False
		}
	case oka && !cb:
		if ra.Fresh {
			return False
		}
	case okb && !ca:
		if rb.Fresh {
			return False
		}
	}
	return equalParts(Split(a), Split(b))
}

// equalParts compares two composite strings whose tokens do not decide the
// answer alone: identical leading and trailing parts (same text, same
// reference) are removed; when what is left on both sides is plain text,
// that text decides. Otherwise the answer is Unknown.
func equalParts(pa, pb []Part) Tri {
	same := func(x, y Part) bool {
		if (x.Ref == nil) != (y.Ref == nil) {
			return false
		}
		if x.Ref != nil {
			return *x.Ref == *y.Ref
		}
		return x.Text == y.Text
	}
	for len(pa) > 0 && len(pb) > 0 && same(pa[0], pb[0]) {
		pa, pb = pa[1:], pb[1:]
	}
	for len(pa) > 0 && len(pb) > 0 && same(pa[len(pa)-1], pb[len(pb)-1]) {
		pa, pb = pa[:len(pa)-1], pb[:len(pb)-1]
	}
	text := func(ps []Part) (string, bool) {
		var b strings.Builder
		for _, p := range ps {
			if p.Ref != nil {
				return "", false
			}
			b.WriteString(p.Text)
		}
		return b.String(), true
	}
	ta, oka := text(pa)
	tb, okb := text(pb)
	if oka && okb {
		return FromBool(ta == tb)
	}
	return Unknown
}
