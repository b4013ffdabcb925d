package netpath

import "strings"

// box is a block of traffic: protocols × addresses × ports, every bound
// inclusive. Network ACL evaluation and security-group CIDR coverage both
// work by subtracting rule boxes from the boxes still to be decided.
type box struct {
	protos PortRange // protocol numbers, 0–255
	addr   addrSpan
	ports  PortRange
}

func (b box) overlaps(o box) bool {
	_, ok1 := b.protos.Intersect(o.protos)
	_, ok2 := b.addr.intersect(o.addr)
	_, ok3 := b.ports.Intersect(o.ports)
	return ok1 && ok2 && ok3
}

func (b box) intersect(o box) (box, bool) {
	p, ok1 := b.protos.Intersect(o.protos)
	a, ok2 := b.addr.intersect(o.addr)
	q, ok3 := b.ports.Intersect(o.ports)
	return box{p, a, q}, ok1 && ok2 && ok3
}

// minus returns b without o as disjoint boxes (at most six): it peels off,
// one dimension at a time, the slices of b outside o, then narrows b to o in
// that dimension.
func (b box) minus(o box) []box {
	if !b.overlaps(o) {
		return []box{b}
	}
	var out []box
	for _, p := range b.protos.minus(o.protos) {
		out = append(out, box{p, b.addr, b.ports})
	}
	b.protos, _ = b.protos.Intersect(o.protos)
	for _, a := range b.addr.minus(o.addr) {
		out = append(out, box{b.protos, a, b.ports})
	}
	b.addr, _ = b.addr.intersect(o.addr)
	for _, q := range b.ports.minus(o.ports) {
		out = append(out, box{b.protos, b.addr, q})
	}
	return out
}

// subtract removes o from every box of bs.
func subtract(bs []box, o box) []box {
	var out []box
	for _, b := range bs {
		out = append(out, b.minus(o)...)
	}
	return out
}

// describe renders b for a reason: "tcp 443 from 10.0.0.0/24". A non-empty
// addr replaces the address text.
func (b box) describe(egress bool, addr string) string {
	var s strings.Builder
	switch {
	case b.protos == AllProtocols.span():
		s.WriteString("all traffic")
	case b.protos.From == b.protos.To:
		p := Protocol(b.protos.From)
		s.WriteString(p.String())
		if p.hasPorts() && b.ports != AllPorts {
			if p == ICMP || p == ICMPv6 {
				s.WriteString(" type")
			}
			s.WriteString(" " + b.ports.String())
		}
	default:
		s.WriteString("protocols " + b.protos.String())
	}
	if egress {
		s.WriteString(" to ")
	} else {
		s.WriteString(" from ")
	}
	if addr == "" {
		addr = b.addr.String()
	}
	s.WriteString(addr)
	return s.String()
}
