package checks

import (
	"testing"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// TestPA115APIAddressType: a PRIVATE API set to ipv4 is an error;
// dualstack or unset is not judged.
func TestPA115APIAddressType(t *testing.T) {
	c := Lookup("PA115")
	for _, tc := range []struct {
		ipType string
		fails  bool
	}{{"ipv4", true}, {"dualstack", false}, {"", false}} {
		a := &topology.API{Node: topology.Node{Address: "aws_api_gateway_rest_api.api"}, Private: symbol.True, Types: []string{"PRIVATE"}, IPAddressType: tc.ipType}
		r := NewReporter(c)
		c.Run(&topology.View{APIs: []*topology.API{a}}, r)
		failed := false
		for _, res := range r.Results() {
			if res.Status == finding.Fail && res.Address == a.Address && res.Severity == finding.Error {
				failed = true
			}
		}
		if failed != tc.fails {
			t.Errorf("ip_address_type %q: failed = %v, want %v (%+v)", tc.ipType, failed, tc.fails, r.Results())
		}
	}
}
