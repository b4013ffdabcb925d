package reach_test

import (
	"testing"

	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// TestRemoteDNS is PA405's rule, the one privapi check and the runbook
// both report, on the fixtures' clients: a client outside the endpoint's
// VPC that calls the private DNS name fails; one whose name or VPC is not
// known is unverified, never a pass.
func TestRemoteDNS(t *testing.T) {
	tests := []struct {
		fixture, client string
		ok              bool
		want            symbol.Tri
		rule            reach.RemoteDNSRule
	}{
		{"good-private-api", "aws_instance.client", true, symbol.True, reach.RemoteLocal},
		{"net-client-peered", "aws_instance.client", true, symbol.True, reach.RemoteOtherName},
		{"net-client-tgw", "aws_instance.client", true, symbol.True, reach.RemoteOtherName},
		{"dns-remote-client-url-unknown", "aws_instance.client", true, symbol.Unknown, reach.RemoteNameUnknown},
		{"dns-remote-client-private-dns", "aws_instance.client", true, symbol.False, reach.RemotePrivateName},
		{"dns-remote-client-private-zone", "aws_instance.client", true, symbol.True, reach.RemoteZoneServes},
		// no path the client can use: PA110 judges it, not PA405
		{"net-lambda-no-vpc", "aws_lambda_function.caller", false, symbol.Unknown, 0},
		{"net-client-peered-one-way", "aws_instance.client", false, symbol.Unknown, 0},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			n := netOf(t, tt.fixture)
			api, c := onlyClient(t, n, tt.client)
			vd, ok := n.RemoteDNS(api, c)
			if ok != tt.ok {
				t.Fatalf("RemoteDNS ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			if vd.Result != tt.want || vd.Rule != tt.rule || vd.Demoted {
				t.Errorf("RemoteDNS = %v rule %d demoted %v; want %v rule %d", vd.Result, vd.Rule, vd.Demoted, tt.want, tt.rule)
			}
			if len(vd.Paths) == 0 {
				t.Error("RemoteDNS lists no path the client uses")
			}
			if vd.Result != symbol.True && vd.Path.Endpoint == nil {
				t.Error("RemoteDNS does not say which path decided")
			}
		})
	}
}

// onlyClient finds the private API of a fixture whose client is addr.
func onlyClient(t *testing.T, n *reach.Net, addr string) (*topology.API, *topology.Client) {
	t.Helper()
	for _, a := range reach.PrivateAPIs(n.V) {
		for _, c := range n.ClientsOf(a) {
			if c.Address == addr {
				return a, c
			}
		}
	}
	t.Fatalf("no private API with client %s", addr)
	return nil, nil
}

// TestPrivateDNSHost: the name zones are matched against, in the API's
// partition, with ${region} where the region is not known.
func TestPrivateDNSHost(t *testing.T) {
	api := func(id, region string) *topology.API {
		a := &topology.API{ID: id, Region: region}
		a.Address = "aws_api_gateway_rest_api.a"
		return a
	}
	tests := []struct {
		api  *topology.API
		want string
	}{
		{api("abc123", "eu-west-1"), "abc123.execute-api.eu-west-1.amazonaws.com"},
		{api("abc123", "cn-north-1"), "abc123.execute-api.cn-north-1.amazonaws.com.cn"},
		{api("abc123", ""), "abc123.execute-api.${region}.amazonaws.com"},
	}
	for _, tt := range tests {
		if got := reach.PrivateDNSHost(tt.api); got != tt.want {
			t.Errorf("PrivateDNSHost(%s, %q) = %q, want %q", tt.api.ID, tt.api.Region, got, tt.want)
		}
	}
}
