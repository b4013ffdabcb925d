package netpath

import (
	"net/netip"
	"testing"

	"github.com/privapi/privapi/internal/symbol"
)

var (
	tokVPC    = symbol.Ref{Address: "aws_vpc.main", Attr: "cidr_block"}.Token()
	tokSubnet = symbol.Ref{Address: "aws_subnet.client", Attr: "cidr_block"}.Token()
)

func TestParseCIDR(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"10.0.0.0/16", "10.0.0.0/16", false},
		{"10.0.0.7/16", "10.0.0.0/16", false}, // AWS canonicalises host bits
		{"0.0.0.0/0", "0.0.0.0/0", false},
		{"192.168.1.1/32", "192.168.1.1/32", false},
		{"2001:db8::/32", "2001:db8::/32", false},
		{"2001:DB8:0:1::5/64", "2001:db8:0:1::/64", false},
		{"::/0", "::/0", false},
		{"10.0.0.0", "", true},
		{"10.0.0.0/33", "", true},
		{"2001:db8::/129", "", true},
		{"fe80::1%eth0/64", "", true},
		{"", "", true},
		{"garbage", "", true},
		{tokVPC, "", true},
	}
	for _, tt := range tests {
		got, err := ParseCIDR(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseCIDR(%q) error = %v, want error %v", tt.in, err, tt.wantErr)
			continue
		}
		if err == nil && got.String() != tt.want {
			t.Errorf("ParseCIDR(%q) = %v, want %s", tt.in, got, tt.want)
		}
	}
}

func TestCIDRContains(t *testing.T) {
	tests := []struct {
		outer, inner string
		want         symbol.Tri
	}{
		{"10.0.0.0/16", "10.0.1.0/24", symbol.True},
		{"10.0.0.0/16", "10.0.0.0/16", symbol.True},
		{"10.0.1.0/24", "10.0.0.0/16", symbol.False},
		{"10.0.0.0/16", "10.1.0.0/24", symbol.False},
		{"0.0.0.0/0", "172.16.0.0/12", symbol.True},
		{"0.0.0.0/0", "2001:db8::/64", symbol.False}, // IPv4 never holds IPv6
		{"::/0", "10.0.0.0/8", symbol.False},
		{"2001:db8::/56", "2001:db8:0:1::/64", symbol.True},
		{"2001:db8::/64", "2001:db8::/56", symbol.False},
		{"::/0", "2001:db8::/64", symbol.True},
		{tokVPC, tokVPC, symbol.True},
		{tokVPC, "10.0.1.0/24", symbol.Unknown},
		{"10.0.0.0/16", tokSubnet, symbol.Unknown},
		{"0.0.0.0/0", tokSubnet, symbol.Unknown}, // family unknown
		{tokVPC, tokSubnet, symbol.Unknown},
		{"garbage", "10.0.0.0/8", symbol.Unknown},
		{"", "", symbol.Unknown},
	}
	for _, tt := range tests {
		if got := CIDRContains(tt.outer, tt.inner); got != tt.want {
			t.Errorf("CIDRContains(%q, %q) = %v, want %v", tt.outer, tt.inner, got, tt.want)
		}
	}
}

func TestCIDROverlaps(t *testing.T) {
	tests := []struct {
		a, b string
		want symbol.Tri
	}{
		{"10.0.0.0/16", "10.0.1.0/24", symbol.True},
		{"10.0.1.0/24", "10.0.0.0/16", symbol.True},
		{"10.0.0.0/24", "10.0.1.0/24", symbol.False},
		{"10.0.0.0/8", "2001:db8::/32", symbol.False},
		{"2001:db8::/32", "2001:db8:1::/48", symbol.True},
		{tokVPC, tokVPC, symbol.True},
		{tokVPC, "10.0.0.0/8", symbol.Unknown},
	}
	for _, tt := range tests {
		if got := CIDROverlaps(tt.a, tt.b); got != tt.want {
			t.Errorf("CIDROverlaps(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestRange(t *testing.T) {
	r := NewRange("10.0.1.7/24")
	if p, ok := r.Prefix(); !ok || p.String() != "10.0.1.0/24" {
		t.Errorf("Prefix() = %v, %v", p, ok)
	}
	if r.String() != "10.0.1.7/24" {
		t.Errorf("String() = %q", r.String())
	}
	if _, ok := NewRange(tokSubnet).Prefix(); ok {
		t.Error("a token must make an unknown range")
	}
}

func TestAddrSpan(t *testing.T) {
	tests := []struct {
		a, b string
		want []string
	}{
		{"10.0.0.0/16", "10.0.1.0/24", []string{"10.0.0.0/24", "10.0.2.0-10.0.255.255"}},
		{"10.0.0.0/16", "10.0.0.0/17", []string{"10.0.128.0/17"}},
		{"10.0.0.0/16", "10.0.0.0/8", nil},
		{"10.0.0.0/16", "2001:db8::/32", []string{"10.0.0.0/16"}},
		{"::/0", "::/1", []string{"8000::/1"}},
		{"0.0.0.0/0", "255.255.255.255/32", []string{"0.0.0.0-255.255.255.254"}},
	}
	for _, tt := range tests {
		a := spanOf(netip.MustParsePrefix(tt.a))
		b := spanOf(netip.MustParsePrefix(tt.b))
		var got []string
		for _, s := range a.minus(b) {
			got = append(got, s.String())
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s minus %s = %v, want %v", tt.a, tt.b, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s minus %s = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		}
	}
}

func FuzzParseCIDR(f *testing.F) {
	for _, s := range []string{"10.0.0.0/16", "10.0.0.7/16", "0.0.0.0/0", "255.255.255.255/32", "2001:db8::/32", "::/0",
		"::ffff:10.0.0.0/104", "fe80::1%eth0/64", "10.0.0.0", "", "/", tokVPC, "⟦x", "10.0.0.0/-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := NewRange(s) // never panics
		if got := r.Contains(r); got != symbol.True && s != "" {
			t.Fatalf("range %q does not contain itself: %v", s, got)
		}
		p, err := ParseCIDR(s)
		if err != nil {
			if _, ok := r.Prefix(); ok {
				t.Fatalf("NewRange(%q) known although ParseCIDR failed", s)
			}
			if CIDRContains("0.0.0.0/0", s) == symbol.True && CIDRContains("::/0", s) == symbol.True {
				t.Fatalf("unparseable %q contained in both families", s)
			}
			return
		}
		if !p.IsValid() || p != p.Masked() {
			t.Fatalf("ParseCIDR(%q) = %v, not a canonical prefix", s, p)
		}
		back, err := ParseCIDR(p.String())
		if err != nil || back != p {
			t.Fatalf("round trip %q → %v → %v, %v", s, p, back, err)
		}
		all := "0.0.0.0/0"
		if !p.Addr().Is4() {
			all = "::/0"
		}
		if CIDRContains(all, s) != symbol.True || CIDRContains(s, all) != symbol.FromBool(p.Bits() == 0) {
			t.Fatalf("%q vs %s containment wrong", s, all)
		}
		sp := spanOf(p)
		if !p.Contains(sp.lo) || !p.Contains(sp.hi) || sp.String() != p.String() {
			t.Fatalf("span of %v = %v", p, sp)
		}
	})
}
