package topology_test

import (
	"testing"

	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology/topotest"
)

// TestZoneCovers: a private hosted zone or Resolver rule answers in the
// VPCs it is associated with — inline, by an association resource with a
// literal id, or by one that references the zone created in this plan.
func TestZoneCovers(t *testing.T) {
	const host = "abc123.execute-api.eu-west-1.amazonaws.com"
	v := topotest.View(t,
		topotest.Resource{Address: "aws_route53_zone.api", After: map[string]any{
			"name": "execute-api.eu-west-1.amazonaws.com", "vpc": []any{map[string]any{"vpc_id": "vpc-inline"}},
		}, Unknown: []string{"zone_id"}},
		topotest.Resource{Address: "aws_route53_zone_association.ref", After: map[string]any{"vpc_id": "vpc-byref"},
			Unknown: []string{"zone_id"}, Refs: map[string][]string{"zone_id": {"aws_route53_zone.api.zone_id", "aws_route53_zone.api"}}},
		topotest.Resource{Address: "aws_route53_zone.other", After: map[string]any{
			"name": "example.internal", "zone_id": "Z0THER", "vpc": []any{map[string]any{"vpc_id": "vpc-other"}},
		}},
		topotest.Resource{Address: "aws_route53_zone_association.literal", After: map[string]any{"vpc_id": "vpc-literal", "zone_id": "Z0THER"}},
		topotest.Resource{Address: "aws_route53_resolver_rule.fwd", After: map[string]any{"domain_name": "amazonaws.com", "id": "rslvr-rr-1"}},
		topotest.Resource{Address: "aws_route53_resolver_rule_association.a", After: map[string]any{"vpc_id": "vpc-rule", "resolver_rule_id": "rslvr-rr-1"}},
		topotest.Resource{Address: "aws_route53_resolver_rule_association.b", After: map[string]any{"vpc_id": "vpc-norule", "resolver_rule_id": "rslvr-rr-2"}},
	)
	tests := []struct {
		vpc, name string
		want      symbol.Tri
	}{
		{"vpc-inline", host, symbol.True},
		{"vpc-byref", host, symbol.True},
		{"vpc-rule", host, symbol.True},
		{"vpc-norule", host, symbol.False},
		{"vpc-literal", host, symbol.False},
		{"vpc-literal", "svc.example.internal", symbol.True},
		{"vpc-other", "svc.example.internal", symbol.True},
		{"vpc-inline", "svc.example.internal", symbol.False},
		{"vpc-nowhere", host, symbol.False},
	}
	for _, tc := range tests {
		if got := v.ZoneCovers(tc.vpc, tc.name); got != tc.want {
			t.Errorf("ZoneCovers(%s, %s) = %v, want %v", tc.vpc, tc.name, got, tc.want)
		}
	}
}
