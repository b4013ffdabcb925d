package netpath

import (
	"fmt"
	"net/netip"

	"github.com/privapi/privapi/internal/symbol"
)

// ParseCIDR parses an IPv4 or IPv6 CIDR such as "10.0.0.0/16" or
// "2001:db8::/56". Host bits are cleared, as AWS canonicalises
// "10.0.0.7/16" to "10.0.0.0/16". Bare addresses, zones and symbolic values
// are errors.
func ParseCIDR(s string) (netip.Prefix, error) {
	if symbol.Contains(s) {
		return netip.Prefix{}, fmt.Errorf("netpath: CIDR %s is known only after apply", symbol.Display(s))
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("netpath: %w", err)
	}
	return p.Masked(), nil
}

// Range is one address range, such as a client subnet's CIDR. It is built
// from a string that may be a literal CIDR, a symbolic value (⟦addr#attr⟧)
// or anything else; only literal CIDRs are known, and comparisons involving
// an unknown range answer symbol.Unknown unless the two strings are equal
// (and not empty).
type Range struct {
	text   string
	prefix netip.Prefix // valid only when text is a literal CIDR
}

// NewRange wraps s. It never fails: an s that is not a literal CIDR makes
// an unknown range.
func NewRange(s string) Range {
	p, err := ParseCIDR(s)
	if err != nil {
		return Range{text: s}
	}
	return Range{text: s, prefix: p}
}

// Prefix returns the parsed CIDR and whether r is known.
func (r Range) Prefix() (netip.Prefix, bool) { return r.prefix, r.prefix.IsValid() }

// String returns the text r was made from.
func (r Range) String() string { return r.text }

// Contains reports whether every address of o lies in r.
func (r Range) Contains(o Range) symbol.Tri {
	if r.prefix.IsValid() && o.prefix.IsValid() {
		return symbol.FromBool(r.prefix.Bits() <= o.prefix.Bits() && r.prefix.Contains(o.prefix.Addr()))
	}
	if r.text == o.text && r.text != "" {
		return symbol.True
	}
	return symbol.Unknown
}

// Overlaps reports whether r and o share at least one address.
func (r Range) Overlaps(o Range) symbol.Tri {
	if r.prefix.IsValid() && o.prefix.IsValid() {
		return symbol.FromBool(r.prefix.Overlaps(o.prefix))
	}
	if r.text == o.text && r.text != "" {
		return symbol.True
	}
	return symbol.Unknown
}

// CIDRContains reports whether the possibly symbolic CIDR outer contains
// every address of inner.
func CIDRContains(outer, inner string) symbol.Tri { return NewRange(outer).Contains(NewRange(inner)) }

// CIDROverlaps reports whether the possibly symbolic CIDRs a and b share an
// address.
func CIDROverlaps(a, b string) symbol.Tri { return NewRange(a).Overlaps(NewRange(b)) }

// addrSpan is an inclusive interval of addresses of one family. Unlike a
// prefix it survives subtraction.
type addrSpan struct{ lo, hi netip.Addr }

func spanOf(p netip.Prefix) addrSpan {
	p = p.Masked()
	lo := p.Addr()
	b := lo.AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	hi, _ := netip.AddrFromSlice(b)
	return addrSpan{lo, hi}
}

// family returns the whole address space of a's family.
func (a addrSpan) family() addrSpan {
	if a.lo.Is4() {
		return spanOf(allV4)
	}
	return spanOf(allV6)
}

func (a addrSpan) intersect(o addrSpan) (addrSpan, bool) {
	if a.lo.Is4() != o.lo.Is4() {
		return addrSpan{}, false
	}
	i := addrSpan{a.lo, a.hi}
	if o.lo.Compare(i.lo) > 0 {
		i.lo = o.lo
	}
	if o.hi.Compare(i.hi) < 0 {
		i.hi = o.hi
	}
	return i, i.lo.Compare(i.hi) <= 0
}

// minus returns the parts of a outside o, at most two spans.
func (a addrSpan) minus(o addrSpan) []addrSpan {
	i, ok := a.intersect(o)
	if !ok {
		return []addrSpan{a}
	}
	var out []addrSpan
	if a.lo.Compare(i.lo) < 0 {
		out = append(out, addrSpan{a.lo, i.lo.Prev()})
	}
	if i.hi.Compare(a.hi) < 0 {
		out = append(out, addrSpan{i.hi.Next(), a.hi})
	}
	return out
}

// String renders a as a CIDR when it is one, else as "lo-hi".
func (a addrSpan) String() string {
	for bits := 0; bits <= a.lo.BitLen(); bits++ {
		p := netip.PrefixFrom(a.lo, bits)
		if p.Masked().Addr() == a.lo && spanOf(p).hi == a.hi {
			return p.String()
		}
	}
	return a.lo.String() + "-" + a.hi.String()
}

var (
	allV4 = netip.MustParsePrefix("0.0.0.0/0")
	allV6 = netip.MustParsePrefix("::/0")
)
