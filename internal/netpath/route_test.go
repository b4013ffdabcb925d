package netpath

import (
	"testing"

	"github.com/privapi/privapi/internal/symbol"
)

func TestRouteCovers(t *testing.T) {
	peerVPC := symbol.Ref{Address: "aws_vpc.peer", Attr: "cidr_block"}.Token()
	local := Route{"10.0.0.0/16", "local"}
	pcx := Route{"10.1.0.0/16", "pcx-1"}
	tgw := Route{"10.0.0.0/8", "tgw-1"}
	igw := Route{"0.0.0.0/0", "igw-1"}
	v6 := Route{"2001:db8::/56", "local"}
	tests := []struct {
		name   string
		routes []Route
		dest   string
		want   Route
		result symbol.Tri
	}{
		{"local route", []Route{local, igw}, "10.0.5.0/24", local, symbol.True},
		{"longest prefix wins", []Route{igw, tgw, pcx, local}, "10.1.2.0/24", pcx, symbol.True},
		{"falls back to shorter", []Route{tgw, local}, "10.2.0.0/16", tgw, symbol.True},
		{"default route", []Route{local, igw}, "192.168.0.0/24", igw, symbol.True},
		{"exact destination", []Route{pcx}, "10.1.0.0/16", pcx, symbol.True},
		{"no route", []Route{local}, "10.1.0.0/24", Route{}, symbol.False},
		{"route holds only part", []Route{{"10.1.0.0/17", "pcx-1"}}, "10.1.0.0/16", Route{"10.1.0.0/17", "pcx-1"}, symbol.False},
		{"more specific route splits dest", []Route{tgw, {"10.1.128.0/17", "pcx-2"}}, "10.1.0.0/16", Route{"10.1.128.0/17", "pcx-2"}, symbol.False},
		{"family mismatch", []Route{igw}, "2001:db8::/64", Route{}, symbol.False},
		{"ipv6", []Route{local, v6}, "2001:db8:0:1::/64", v6, symbol.True},
		{"no routes", nil, "10.0.0.0/24", Route{}, symbol.False},
		{"symbolic route may be more specific", []Route{tgw, {peerVPC, "pcx-1"}}, "10.1.0.0/24", tgw, symbol.Unknown},
		{"symbolic route only", []Route{{peerVPC, "pcx-1"}}, "10.1.0.0/24", Route{}, symbol.Unknown},
		{"symbolic dest, same token", []Route{local, {peerVPC, "pcx-1"}}, peerVPC, Route{peerVPC, "pcx-1"}, symbol.True},
		{"symbolic dest, literal routes", []Route{local, igw}, peerVPC, Route{}, symbol.Unknown},
		{"symbolic dest, no routes", nil, peerVPC, Route{}, symbol.False},
		{"malformed dest", []Route{local}, "10.0.0.0", Route{}, symbol.Unknown},
	}
	for _, tt := range tests {
		got, res := RouteCovers(tt.routes, tt.dest)
		if got != tt.want || res != tt.result {
			t.Errorf("%s: RouteCovers(%v, %q) = %v, %v; want %v, %v", tt.name, tt.routes, tt.dest, got, res, tt.want, tt.result)
		}
	}
}
