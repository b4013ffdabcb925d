package netpath

import (
	"strings"
	"testing"
)

func TestParseProtocol(t *testing.T) {
	tests := []struct {
		in      string
		want    Protocol
		wantErr bool
	}{
		{"-1", AllProtocols, false},
		{"all", AllProtocols, false},
		{"ALL", AllProtocols, false},
		{"All", AllProtocols, false},
		{"tcp", TCP, false},
		{"TCP", TCP, false},
		{"6", TCP, false},
		{"udp", UDP, false},
		{"UDP", UDP, false},
		{"17", UDP, false},
		{"icmp", ICMP, false},
		{"1", ICMP, false},
		{"icmpv6", ICMPv6, false},
		{"ICMPv6", ICMPv6, false},
		{"58", ICMPv6, false},
		{"50", Protocol(50), false},
		{"0", Protocol(0), false},
		{"255", Protocol(255), false},
		{"256", 0, true},
		{"-2", 0, true},
		{"+6", 0, true},
		{" tcp", 0, true},
		{"", 0, true},
		{"sctp", 0, true},
		{"99999999999999999999", 0, true},
		{"⟦var.proto#⟧", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseProtocol(tt.in)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseProtocol(%q) = %v, %v; want %v, err %v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestProtocolString(t *testing.T) {
	tests := []struct {
		p    Protocol
		want string
	}{
		{AllProtocols, "all"}, {TCP, "tcp"}, {UDP, "udp"}, {ICMP, "icmp"}, {ICMPv6, "icmpv6"}, {Protocol(50), "50"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%d.String() = %q, want %q", int(tt.p), got, tt.want)
		}
	}
}

func TestProtocolCovers(t *testing.T) {
	tests := []struct {
		p, q Protocol
		want bool
	}{
		{AllProtocols, TCP, true},
		{AllProtocols, AllProtocols, true},
		{AllProtocols, Protocol(50), true},
		{TCP, TCP, true},
		{TCP, UDP, false},
		{TCP, AllProtocols, false},
		{ICMP, ICMPv6, false},
	}
	for _, tt := range tests {
		if got := tt.p.Covers(tt.q); got != tt.want {
			t.Errorf("%v.Covers(%v) = %v, want %v", tt.p, tt.q, got, tt.want)
		}
	}
}

func FuzzParseProtocol(f *testing.F) {
	for _, s := range []string{"-1", "all", "ALL", "tcp", "TCP", "6", "udp", "17", "icmp", "1", "icmpv6", "58", "255", "256", "", "+6", "06", "-0", "ⓣcp"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParseProtocol(s)
		if err != nil {
			return
		}
		if p < AllProtocols || p > 255 {
			t.Fatalf("ParseProtocol(%q) = %d, out of range", s, p)
		}
		back, err := ParseProtocol(p.String())
		if err != nil || back != p {
			t.Fatalf("round trip %q → %v → %v, %v", s, p, back, err)
		}
		for _, v := range []string{strings.ToUpper(s), strings.ToLower(s)} {
			if q, err := ParseProtocol(v); err != nil || q != p {
				t.Fatalf("ParseProtocol(%q) = %v, %v; want %v (case-insensitive)", v, q, err, p)
			}
		}
		if !p.Covers(p) || !AllProtocols.Covers(p) {
			t.Fatalf("%v does not cover itself or is not covered by all", p)
		}
	})
}
