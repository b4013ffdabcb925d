package netpath

import "strconv"

// EphemeralFrom and EphemeralTo bound the return-traffic port range that
// network ACL checks require (E6, E8). NACLs are stateless, so the response
// to a client's request to the endpoint on 443 travels back to the client's
// source port, which the client's OS picks from its ephemeral range: Linux
// uses 32768–61000, Windows Server 2008 and later 49152–65535, and Lambda and
// NAT gateways 1024–65535. AWS recommends allowing 1024–65535 so that every
// kind of client works; a rule covering less may work for some clients and
// time out for others.
const EphemeralFrom, EphemeralTo = 1024, 65535

// AllPorts is every TCP/UDP port. Ephemeral is the return-traffic range.
var (
	AllPorts  = PortRange{0, 65535}
	Ephemeral = PortRange{EphemeralFrom, EphemeralTo}
)

// PortRange is an inclusive range of ports; From > To is empty. For ICMP and
// ICMPv6 the range holds ICMP types (see PortsFor).
type PortRange struct{ From, To int }

// PortsFor turns a rule's from_port/to_port into the range it matches, the
// way AWS reads them (E4):
//
//   - AllProtocols, and any protocol other than tcp, udp, icmp and icmpv6:
//     every port, whatever is written.
//   - tcp, udp: from..to; -1 on either end stands for the open end (0 or 65535).
//   - icmp, icmpv6: from is the ICMP type and to the ICMP code; type -1 is
//     every type. Codes are not modelled: a rule for one code of a type
//     counts as the whole type.
func PortsFor(proto Protocol, from, to int) PortRange {
	switch proto {
	case TCP, UDP:
		if from == -1 {
			from = 0
		}
		if to == -1 {
			to = 65535
		}
		return PortRange{from, to}
	case ICMP, ICMPv6:
		if from == -1 {
			return AllPorts
		}
		return PortRange{from, from}
	}
	return AllPorts
}

// Empty reports whether r holds no port.
func (r PortRange) Empty() bool { return r.From > r.To }

// Contains reports whether port lies in r.
func (r PortRange) Contains(port int) bool { return r.From <= port && port <= r.To }

// Covers reports whether every port of o lies in r. An empty o is covered.
func (r PortRange) Covers(o PortRange) bool {
	return o.Empty() || (r.From <= o.From && o.To <= r.To)
}

// Intersect returns the ports in both r and o, and whether there are any.
func (r PortRange) Intersect(o PortRange) (PortRange, bool) {
	i := PortRange{max(r.From, o.From), min(r.To, o.To)}
	return i, !i.Empty()
}

// String renders r as "443", "1024-65535" or "none".
func (r PortRange) String() string {
	switch {
	case r.Empty():
		return "none"
	case r.From == r.To:
		return strconv.Itoa(r.From)
	}
	return strconv.Itoa(r.From) + "-" + strconv.Itoa(r.To)
}

// minus returns the parts of r outside o, at most two ranges.
func (r PortRange) minus(o PortRange) []PortRange {
	if r.Empty() {
		return nil
	}
	i, ok := r.Intersect(o)
	if !ok {
		return []PortRange{r}
	}
	var out []PortRange
	if r.From < i.From {
		out = append(out, PortRange{r.From, i.From - 1})
	}
	if i.To < r.To {
		out = append(out, PortRange{i.To + 1, r.To})
	}
	return out
}
