package topology

import (
	"reflect"
	"testing"

	"github.com/privapi/privapi/internal/symbol"
)

func TestEndpointFamilies(t *testing.T) {
	T, F, U := symbol.True, symbol.False, symbol.Unknown
	tests := []struct {
		ipType, dnsType string
		want            Families
	}{
		{"ipv4", "", Families{T, F}},
		{"dualstack", "", Families{T, T}},
		{"ipv6", "", Families{F, T}},
		{"", "", Families{U, U}},
		{"dualstack", "ipv4", Families{T, F}},
		{"dualstack", "ipv6", Families{F, T}},
		{"ipv4", "dualstack", Families{T, F}},
	}
	for _, tc := range tests {
		if got := EndpointFamilies(&Endpoint{IPAddressType: tc.ipType, DNSRecordIPType: tc.dnsType}); got != tc.want {
			t.Errorf("%q/%q: got %v, want %v", tc.ipType, tc.dnsType, got, tc.want)
		}
	}
}

func TestOfFamilies(t *testing.T) {
	T, F := symbol.True, symbol.False
	all := []string{"10.0.1.0/24", "2600:1f18::/64", "⟦aws_subnet.a#cidr_block⟧"}
	for _, tc := range []struct {
		f    Families
		want []string
	}{
		{Families{T, F}, []string{"10.0.1.0/24", "⟦aws_subnet.a#cidr_block⟧"}},
		{Families{F, T}, []string{"2600:1f18::/64", "⟦aws_subnet.a#cidr_block⟧"}},
		{Families{T, T}, all},
		{Families{F, F}, all}, // no family in common: reported on its own
	} {
		if got := OfFamilies(all, tc.f); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%v: got %v, want %v", tc.f, got, tc.want)
		}
	}
}
