package checks

import (
	"testing"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology/topotest"
)

// TestPA115APIAddressType: a PRIVATE API set to ipv4 is an error;
// dualstack or unset is not judged.
func TestPA115APIAddressType(t *testing.T) {
	c := Lookup("PA115")
	for _, tc := range []struct {
		ipType string
		fails  bool
	}{{"ipv4", true}, {"dualstack", false}, {"", false}} {
		ec := map[string]any{"types": []any{"PRIVATE"}}
		if tc.ipType != "" {
			ec["ip_address_type"] = tc.ipType
		}
		v := topotest.View(t, topotest.Resource{Address: "aws_api_gateway_rest_api.api",
			After: map[string]any{"id": "abcdef1234", "name": "api", "endpoint_configuration": []any{ec}}})
		a := v.APIs[0]
		r := NewReporter(c)
		c.Run(v, r)
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
