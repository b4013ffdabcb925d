package netpath

import (
	"slices"
	"testing"
)

func TestPortsFor(t *testing.T) {
	tests := []struct {
		proto    Protocol
		from, to int
		want     PortRange
	}{
		{TCP, 443, 443, PortRange{443, 443}},
		{TCP, 0, 65535, AllPorts},
		{TCP, -1, -1, AllPorts},
		{UDP, 53, 53, PortRange{53, 53}},
		{AllProtocols, 0, 0, AllPorts},
		{AllProtocols, -1, -1, AllPorts},
		{AllProtocols, 443, 443, AllPorts}, // aws_security_group_rule with -1 still opens all ports
		{Protocol(50), 0, 0, AllPorts},     // other protocols ignore ports
		{ICMP, -1, -1, AllPorts},
		{ICMP, 8, -1, PortRange{8, 8}},
		{ICMP, 3, 4, PortRange{3, 3}}, // type 3; codes not modelled
		{ICMPv6, -1, -1, AllPorts},
	}
	for _, tt := range tests {
		if got := PortsFor(tt.proto, tt.from, tt.to); got != tt.want {
			t.Errorf("PortsFor(%v, %d, %d) = %v, want %v", tt.proto, tt.from, tt.to, got, tt.want)
		}
	}
}

func TestPortRange(t *testing.T) {
	r := PortRange{1024, 65535}
	contains := []struct {
		port int
		want bool
	}{{1023, false}, {1024, true}, {443, false}, {65535, true}, {65536, false}}
	for _, tt := range contains {
		if got := r.Contains(tt.port); got != tt.want {
			t.Errorf("%v.Contains(%d) = %v", r, tt.port, got)
		}
	}
	covers := []struct {
		o    PortRange
		want bool
	}{
		{PortRange{1024, 65535}, true},
		{PortRange{32768, 61000}, true},
		{PortRange{1000, 2000}, false},
		{AllPorts, false},
		{PortRange{5, 4}, true}, // empty
	}
	for _, tt := range covers {
		if got := r.Covers(tt.o); got != tt.want {
			t.Errorf("%v.Covers(%v) = %v", r, tt.o, got)
		}
	}
	inter := []struct {
		a, b PortRange
		want PortRange
		ok   bool
	}{
		{PortRange{0, 100}, PortRange{50, 200}, PortRange{50, 100}, true},
		{PortRange{0, 100}, PortRange{100, 200}, PortRange{100, 100}, true},
		{PortRange{0, 100}, PortRange{101, 200}, PortRange{}, false},
	}
	for _, tt := range inter {
		got, ok := tt.a.Intersect(tt.b)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("%v.Intersect(%v) = %v, %v", tt.a, tt.b, got, ok)
		}
	}
	minus := []struct {
		a, b PortRange
		want []PortRange
	}{
		{PortRange{0, 100}, PortRange{50, 60}, []PortRange{{0, 49}, {61, 100}}},
		{PortRange{0, 100}, PortRange{0, 60}, []PortRange{{61, 100}}},
		{PortRange{0, 100}, PortRange{0, 100}, nil},
		{PortRange{0, 100}, PortRange{200, 300}, []PortRange{{0, 100}}},
	}
	for _, tt := range minus {
		if got := tt.a.minus(tt.b); !slices.Equal(got, tt.want) {
			t.Errorf("%v.minus(%v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
	strs := map[PortRange]string{{443, 443}: "443", {1024, 65535}: "1024-65535", {2, 1}: "none"}
	for r, want := range strs {
		if got := r.String(); got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
	}
	if !Ephemeral.Covers(PortRange{32768, 61000}) || !Ephemeral.Covers(PortRange{49152, 65535}) {
		t.Error("Ephemeral must cover the Linux and Windows ranges")
	}
}
