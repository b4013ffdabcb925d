package iampolicy

import (
	"net/netip"
	"sort"
	"strings"

	"github.com/privapi/privapi/internal/symbol"
)

// maxVariantWork bounds how many concrete requests a set of address ranges
// is split into, times the number of condition values each one is checked
// against; beyond it, ranges are compared as wholes.
const maxVariantWork = 1 << 20

// parseIPRange reads an address or a CIDR block as a masked prefix.
func parseIPRange(s string) (netip.Prefix, bool) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, false
		}
		if a := p.Addr(); a.Is4In6() && p.Bits() >= 96 {
			p = netip.PrefixFrom(a.Unmap(), p.Bits()-96)
		}
		return p.Masked(), true
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, false
	}
	a = a.WithZone("").Unmap()
	return netip.PrefixFrom(a, a.BitLen()), true
}

// ipMatch is IpAddress for one policy block p and one request value v. A
// request range inside p matches, one disjoint from p does not, and one
// that overlaps p only partly is Unknown. IPv4 never matches IPv6.
func ipMatch(p, v string) symbol.Tri {
	if symbol.Contains(p) || symbol.Contains(v) {
		return symbol.Unknown
	}
	pp, ok1 := parseIPRange(p)
	rv, ok2 := parseIPRange(v)
	if !ok1 || !ok2 || pp.Addr().Is4() != rv.Addr().Is4() {
		return symbol.False
	}
	switch {
	case pp.Bits() <= rv.Bits() && pp.Contains(rv.Addr()):
		return symbol.True
	case !pp.Overlaps(rv):
		return symbol.False
	}
	return symbol.Unknown
}

func lastAddr(p netip.Prefix) netip.Addr {
	b := p.Masked().Addr().AsSlice()
	for i := p.Bits(); i < len(b)*8; i++ {
		b[i/8] |= 0x80 >> (i % 8)
	}
	a, _ := netip.AddrFromSlice(b)
	return a
}

// addressVariant is the request with every range-valued IP key replaced by
// one address standing for a sub-range that every IP condition of the
// policy treats alike.
type addressVariant struct {
	ctx  requestContext
	note string
}

// rangeKey is a request key whose single value is a range of addresses,
// split at the boundaries of the policy's blocks for that key.
type rangeKey struct {
	key   string // lower case
	name  string // as the policy writes it
	whole netip.Prefix
	cuts  []netip.Addr
}

// addressVariants splits range-valued IP keys into sub-ranges on which each
// IP condition of p is constant, and returns one concrete request per
// combination, or nil when there is nothing to split or too much.
func (p *Policy) addressVariants(ctx requestContext) []addressVariant {
	var keys []rangeKey
	work := p.conditionValueCount() + 1
	for _, k := range sortedStrings(ctx) {
		rk, ok := p.rangeKey(k, ctx[k])
		if !ok {
			continue
		}
		keys = append(keys, rk)
		work *= len(rk.cuts)
		if work > maxVariantWork {
			return nil
		}
	}
	if len(keys) == 0 {
		return nil
	}
	variants := []addressVariant{{ctx: ctx}}
	for _, rk := range keys {
		variants = rk.split(variants)
	}
	return variants
}

func (p *Policy) conditionValueCount() int {
	n := 0
	for _, s := range p.Statements {
		for _, c := range s.Conditions {
			n += len(c.Values)
		}
	}
	return n
}

func (p *Policy) rangeKey(key string, vals []string) (rangeKey, bool) {
	if len(vals) != 1 || symbol.Contains(vals[0]) {
		return rangeKey{}, false
	}
	whole, ok := parseIPRange(vals[0])
	if !ok || whole.Bits() == whole.Addr().BitLen() {
		return rangeKey{}, false
	}
	rk := rangeKey{key: key, whole: whole}
	var blocks []netip.Prefix
	for _, s := range p.Statements {
		for _, c := range s.Conditions {
			if c.Op.Family != FamilyIP || strings.ToLower(c.Key) != key {
				continue
			}
			if rk.name == "" {
				rk.name = c.Key
			}
			for _, v := range c.Values {
				if b, ok := parseIPRange(v); ok && !symbol.Contains(v) {
					blocks = append(blocks, b)
				}
			}
		}
	}
	if rk.name == "" {
		return rangeKey{}, false
	}
	rk.cuts = cutPoints(whole, blocks)
	return rk, true
}

// cutPoints lists the first address of each sub-range of r bounded by the
// edges of blocks.
func cutPoints(r netip.Prefix, blocks []netip.Prefix) []netip.Addr {
	lo, hi := r.Addr(), lastAddr(r)
	cuts := []netip.Addr{lo}
	for _, b := range blocks {
		if b.Addr().Is4() != lo.Is4() || !b.Overlaps(r) {
			continue
		}
		if start := b.Addr(); start.Compare(lo) > 0 {
			cuts = append(cuts, start)
		}
		if end := lastAddr(b); end.Compare(hi) < 0 {
			cuts = append(cuts, end.Next())
		}
	}
	sort.Slice(cuts, func(i, j int) bool { return cuts[i].Less(cuts[j]) })
	out := cuts[:1]
	for _, c := range cuts[1:] {
		if c != out[len(out)-1] {
			out = append(out, c)
		}
	}
	return out
}

func (rk rangeKey) split(in []addressVariant) []addressVariant {
	out := make([]addressVariant, 0, len(in)*len(rk.cuts))
	for _, v := range in {
		for i, start := range rk.cuts {
			end := lastAddr(rk.whole)
			if i+1 < len(rk.cuts) {
				end = rk.cuts[i+1].Prev()
			}
			ctx := make(requestContext, len(v.ctx))
			for k, vals := range v.ctx {
				ctx[k] = vals
			}
			ctx[rk.key] = []string{start.String()}
			note := rk.name + " " + start.String()
			switch {
			case len(rk.cuts) == 1:
				note = "every address in " + rk.name + " " + rk.whole.String()
			case end != start:
				note += "–" + end.String() + " of " + rk.whole.String()
			default:
				note += " of " + rk.whole.String()
			}
			if v.note != "" {
				note = v.note + ", " + note
			}
			out = append(out, addressVariant{ctx: ctx, note: note})
		}
	}
	return out
}
