package topology

import (
	"github.com/privapi/privapi/internal/netpath"
	"github.com/privapi/privapi/internal/symbol"
)

// Families says which IP families something can use: each is True, False
// or Unknown until apply.
type Families struct{ V4, V6 symbol.Tri }

// And is the families both sides can use.
func (f Families) And(g Families) Families { return Families{f.V4.And(g.V4), f.V6.And(g.V6)} }

// Any reports whether some family is usable.
func (f Families) Any() symbol.Tri { return f.V4.Or(f.V6) }

// String names the families for messages: "IPv4", "IPv6", "IPv4 and IPv6".
func (f Families) String() string {
	switch {
	case f.V4 == symbol.True && f.V6 == symbol.True:
		return "IPv4 and IPv6"
	case f.V4 == symbol.True && f.V6 == symbol.False:
		return "IPv4 only"
	case f.V4 == symbol.False && f.V6 == symbol.True:
		return "IPv6 only"
	case f.V4 == symbol.False && f.V6 == symbol.False:
		return "no IP family"
	}
	return "IP families known only after apply"
}

func typeFamilies(t string) Families {
	switch t {
	case "ipv4":
		return Families{symbol.True, symbol.False}
	case "dualstack":
		return Families{symbol.True, symbol.True}
	case "ipv6":
		return Families{symbol.False, symbol.True}
	}
	return Families{symbol.Unknown, symbol.Unknown}
}

// EndpointFamilies is what a client can reach the endpoint over: the
// families its network interfaces have (ip_address_type) that its DNS
// records also give out (dns_options.dns_record_ip_type).
func EndpointFamilies(e *Endpoint) Families {
	f := typeFamilies(e.IPAddressType)
	if e.DNSRecordIPType != "" {
		f = f.And(typeFamilies(e.DNSRecordIPType))
	}
	return f
}

// ClientFamilies is what a client can connect over: IPv4 unless its
// subnets are IPv6-only (ipv6_native), IPv6 when its subnets have an IPv6
// block. A declared client uses the families of its CIDRs.
func (v *View) ClientFamilies(c *Client) Families {
	if c.Declared {
		f := Families{symbol.False, symbol.False}
		for _, cidr := range c.CIDRs {
			if p, err := netpath.ParseCIDR(cidr); err == nil {
				if p.Addr().Is4() {
					f.V4 = symbol.True
				} else {
					f.V6 = symbol.True
				}
			}
		}
		return f
	}
	// asked for every (client, endpoint) pair by the checks: look the
	// subnets up in an index of the view (a scan per client was quadratic)
	subs, known := v.paths().ClientSubnets(c)
	if len(subs) == 0 {
		return Families{symbol.Unknown, symbol.Unknown}
	}
	f := Families{symbol.True, symbol.True}
	for _, s := range subs {
		f.V4 = f.V4.And(s.IPv6Native.Not())
		switch {
		case s.IPv6CIDR == "":
			f.V6 = symbol.False
		case symbol.Contains(s.IPv6CIDR):
			f.V6 = f.V6.And(symbol.Unknown)
		}
	}
	if !known {
		f.V4 = unknownUnlessFalse(f.V4)
		f.V6 = unknownUnlessFalse(f.V6)
	}
	return f
}

// unknownUnlessFalse: with some subnets unknown, a family all known
// subnets have may still be missing from the others.
func unknownUnlessFalse(t symbol.Tri) symbol.Tri {
	if t == symbol.False {
		return t
	}
	return symbol.Unknown
}

// UsableFamilies is what client c and endpoint e have in common.
func (v *View) UsableFamilies(c *Client, e *Endpoint) Families {
	return v.ClientFamilies(c).And(EndpointFamilies(e))
}

// OfFamilies keeps the CIDRs of families that are not proven unusable;
// symbolic ranges (family unknown) are kept. With no family usable at all
// every CIDR is kept: that mismatch is reported on its own.
func OfFamilies(cidrs []string, f Families) []string {
	if f.Any() == symbol.False {
		return cidrs
	}
	var out []string
	for _, c := range cidrs {
		p, err := netpath.ParseCIDR(c)
		switch {
		case err != nil:
			out = append(out, c)
		case p.Addr().Is4() && f.V4 != symbol.False:
			out = append(out, c)
		case !p.Addr().Is4() && f.V6 != symbol.False:
			out = append(out, c)
		}
	}
	return out
}
