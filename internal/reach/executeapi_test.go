package reach_test

import (
	"testing"

	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology/topotest"
)

// TestExecuteAPIServiceUnknown: an endpoint whose service name is known
// only after apply may or may not be for execute-api (Unknown, never True);
// one whose name is an execute-api name, its region a value known only
// after apply, is for execute-api.
func TestExecuteAPIServiceUnknown(t *testing.T) {
	v := topotest.ViewIn(t, "us-east-1",
		topotest.Resource{Address: "aws_vpc_endpoint.later", After: map[string]any{"vpc_endpoint_type": "Interface", "vpc_id": "vpc-1"}, Unknown: []string{"id", "service_name"},
			Refs: map[string][]string{"service_name": {"data.aws_vpc_endpoint_service.api.service_name", "data.aws_vpc_endpoint_service.api"}}},
		topotest.Resource{Address: "aws_vpc_endpoint.api", After: map[string]any{"vpc_endpoint_type": "Interface", "vpc_id": "vpc-1",
			"service_name": "com.amazonaws.us-east-1.execute-api"}, Unknown: []string{"id"}},
	)
	want := map[string]symbol.Tri{"aws_vpc_endpoint.later": symbol.Unknown, "aws_vpc_endpoint.api": symbol.True}
	if len(v.Endpoints) != 2 {
		t.Fatalf("endpoints: %+v", v.Endpoints)
	}
	for _, e := range v.Endpoints {
		if got := reach.ExecuteAPI(e); got != want[e.Address] {
			t.Errorf("%s: ExecuteAPI = %v, want %v", e.Address, got, want[e.Address])
		}
	}
}
