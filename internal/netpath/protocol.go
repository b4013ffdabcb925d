package netpath

import (
	"fmt"
	"strconv"
	"strings"
)

// Protocol is an IP protocol as AWS security group and network ACL rules
// name it: an IANA protocol number 0–255, or AllProtocols.
type Protocol int16

// Protocols with names. AWS also accepts any other IANA number.
const (
	AllProtocols Protocol = -1 // "-1" or "all": every protocol, every port (E4)
	ICMP         Protocol = 1
	TCP          Protocol = 6
	UDP          Protocol = 17
	ICMPv6       Protocol = 58
)

var protocolNames = map[string]Protocol{
	"all":    AllProtocols,
	"tcp":    TCP,
	"udp":    UDP,
	"icmp":   ICMP,
	"icmpv6": ICMPv6,
}

// ParseProtocol normalises the protocol forms AWS and the Terraform provider
// accept (E4): "-1", "all", "tcp", "udp", "icmp", "icmpv6" in any case, and
// IANA numbers ("6" is tcp, "17" udp, "1" icmp, "58" icmpv6).
func ParseProtocol(s string) (Protocol, error) {
	if p, ok := protocolNames[strings.ToLower(s)]; ok {
		return p, nil
	}
	if s == "-1" {
		return AllProtocols, nil
	}
	// Plain decimal digits only: strconv alone would also take "+6".
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return 0, fmt.Errorf("netpath: protocol %q: want -1, all, tcp, udp, icmp, icmpv6 or a number 0-255", s)
	}
	n, err := strconv.Atoi(s)
	if err != nil || n > 255 {
		return 0, fmt.Errorf("netpath: protocol %q: IANA protocol numbers are 0-255", s)
	}
	return Protocol(n), nil
}

// String returns the name AWS uses for p ("all", "tcp", …) or its number.
func (p Protocol) String() string {
	switch p {
	case AllProtocols:
		return "all"
	case TCP:
		return "tcp"
	case UDP:
		return "udp"
	case ICMP:
		return "icmp"
	case ICMPv6:
		return "icmpv6"
	}
	return strconv.Itoa(int(p))
}

// Covers reports whether a rule for p matches every packet of protocol q.
// AllProtocols covers everything; a single protocol covers only itself, and
// never AllProtocols.
func (p Protocol) Covers(q Protocol) bool {
	return p == AllProtocols || p == q
}

// hasPorts reports whether rules for p are limited by a port range (TCP,
// UDP) or an ICMP type (ICMP, ICMPv6). For every other protocol, and for
// AllProtocols, AWS allows all ports whatever range is written (E4).
func (p Protocol) hasPorts() bool {
	switch p {
	case TCP, UDP, ICMP, ICMPv6:
		return true
	}
	return false
}

// span returns the protocol numbers p stands for, for box arithmetic.
func (p Protocol) span() PortRange {
	if p == AllProtocols {
		return PortRange{0, 255}
	}
	return PortRange{int(p), int(p)}
}
