package netpath

import (
	"github.com/privapi/privapi/internal/symbol"
)

// Route is one route table entry.
type Route struct {
	Destination string // CIDR, possibly symbolic
	Target      string // "local", "pcx-…", "tgw-…", a token, …
}

// RouteCovers finds the route that traffic to every address of dest takes
// (E7): the longest-prefix route whose destination contains all of dest.
//
// The answer is True with that route when no other route is more specific
// for part of dest. When one is, dest is split between targets: the answer
// is False and the route returned is the one claiming the part. With no
// route containing dest the answer is False and the Route zero. Symbolic
// destinations make the answer Unknown, except that a route whose
// destination is the very same string as dest covers it (the route table is
// assumed not to split a range it names).
func RouteCovers(routes []Route, dest string) (Route, symbol.Tri) {
	d, known := NewRange(dest).Prefix()
	if !known {
		for _, r := range routes {
			if r.Destination == dest && dest != "" {
				return r, symbol.True
			}
		}
		if len(routes) == 0 {
			return Route{}, symbol.False
		}
		return Route{}, symbol.Unknown
	}
	var best Route
	bestBits, unknown := -1, false
	for _, r := range routes {
		p, ok := NewRange(r.Destination).Prefix()
		switch {
		case !ok:
			unknown = true
		case p.Bits() <= d.Bits() && p.Contains(d.Addr()):
			if p.Bits() > bestBits {
				best, bestBits = r, p.Bits()
			}
		case p.Overlaps(d): // more specific than dest, inside it
			return r, symbol.False
		}
	}
	switch {
	case unknown:
		return best, symbol.Unknown
	case bestBits < 0:
		return Route{}, symbol.False
	}
	return best, symbol.True
}
