package reach_test

import (
	"fmt"
	"testing"

	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/topology/topotest"
)

// denseRegion builds, through the constructor real runs use (a plan read
// by model.FromPlan, assembled by topology.Build), n private APIs and n
// execute-api endpoints in one region, none listing vpc_endpoint_ids;
// when named, API i's policy admits only endpoint i (aws:SourceVpce).
func denseRegion(t *testing.T, n int, named bool) *topology.View {
	t.Helper()
	rs := make([]topotest.Resource, 0, 3*n)
	for i := 0; i < n; i++ {
		vpce := fmt.Sprintf("vpce-%017x", i)
		rs = append(rs,
			topotest.Resource{Address: fmt.Sprintf("aws_vpc_endpoint.e[%d]", i), Actions: []string{"no-op"}, After: map[string]any{
				"id": vpce, "vpc_id": fmt.Sprintf("vpc-%017x", i), "service_name": "com.amazonaws.eu-west-1.execute-api",
				"vpc_endpoint_type": "Interface", "subnet_ids": []any{}, "security_group_ids": []any{}}},
			topotest.Resource{Address: fmt.Sprintf("aws_api_gateway_rest_api.a[%d]", i), Actions: []string{"no-op"}, After: map[string]any{
				"id": fmt.Sprintf("api%07d", i), "name": fmt.Sprintf("a%d", i),
				"execution_arn":          fmt.Sprintf("arn:aws:execute-api:eu-west-1:123456789012:api%07d", i),
				"endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}}}}, Computed: []string{"execution_arn"}},
		)
		if named {
			rs = append(rs, topotest.Resource{Address: fmt.Sprintf("aws_api_gateway_rest_api_policy.a[%d]", i), Actions: []string{"no-op"}, After: map[string]any{
				"id": fmt.Sprintf("api%07d", i), "rest_api_id": fmt.Sprintf("api%07d", i), "policy": fmt.Sprintf(
					`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"StringEquals":{"aws:SourceVpce":%q}}}]}`, vpce)}})
		}
	}
	v := topotest.ViewIn(t, "eu-west-1", rs...)
	if len(v.APIs) != n || len(v.Endpoints) != n {
		t.Fatalf("%d APIs and %d endpoints, want %d", len(v.APIs), len(v.Endpoints), n)
	}
	return v
}

// TestPairingStaysLinear: 5,000 APIs and 5,000 endpoints in one region make
// 5,000 pairings when each policy names its endpoint, and at most
// WideBudget when nothing names one — the APIs past the bound are reported
// (Unbounded), never left without a word.
func TestPairingStaysLinear(t *testing.T) {
	const n = 5000
	t.Run("policy names the endpoint", func(t *testing.T) {
		v := denseRegion(t, n, true)
		net := reach.NewNet(v)
		pairs := net.Pairs()
		if len(pairs) != n {
			t.Fatalf("%d pairings, want %d", len(pairs), n)
		}
		for i, p := range pairs {
			if p.Source != reach.FromPolicy || p.API.Address[len("aws_api_gateway_rest_api.a"):] != p.Endpoint.Address[len("aws_vpc_endpoint.e"):] {
				t.Fatalf("pair %d: %s via %s", i, p.Describe(), p.Source)
			}
		}
	})
	t.Run("nothing names an endpoint", func(t *testing.T) {
		v := denseRegion(t, n, false)
		net := reach.NewNet(v)
		pairs := net.Pairs()
		if len(pairs) > reach.WideBudget || len(pairs) == 0 {
			t.Fatalf("%d pairings, want 1..%d", len(pairs), reach.WideBudget)
		}
		linked, skipped := 0, 0
		for _, a := range v.APIs {
			if !net.Wide(a) {
				t.Fatalf("%s is not reported as unbound", a.Address)
			}
			switch {
			case net.Unbounded(a) == n:
				skipped++
			case len(net.EndpointsFor(a)) == n:
				linked++
			default:
				t.Fatalf("%s: %d endpoints, %d unlinked", a.Address, len(net.EndpointsFor(a)), net.Unbounded(a))
			}
		}
		if linked*n != len(pairs) || linked+skipped != n {
			t.Errorf("linked %d, skipped %d, pairs %d", linked, skipped, len(pairs))
		}
	})
}
