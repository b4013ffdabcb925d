package checks

import (
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

const (
	apiARN    = "arn:aws:execute-api:us-east-1:123456789012:abc123"
	policyOld = `{"Version":"2012-10-17","Statement":[{"Sid":"Allow","Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"` + apiARN + `/*"},{"Sid":"DenyOutside","Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"` + apiARN + `/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1"}}}]}`
)

func TestSamePolicy(t *testing.T) {
	x := iampolicy.ExpandContext{Partition: "aws", Region: "us-east-1", Account: "123456789012", APIID: "abc123"}
	tests := []struct {
		name, after string
		same        bool
		diff        string
	}{
		{"identical", policyOld, true, ""},
		{"formatting, key order, one-element lists", `{
		  "Statement": [
		    {"Resource": ["` + apiARN + `/*"], "Action": ["execute-api:Invoke"], "Effect": "Allow", "Principal": "*", "Sid": "Allow"},
		    {"Condition": {"StringNotEquals": {"aws:SourceVpce": ["vpce-1"]}}, "Sid": "DenyOutside", "Effect": "Deny", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "` + apiARN + `/*"}
		  ],
		  "Version": "2012-10-17"}`, true, ""},
		{"shorthand expansion", strings.ReplaceAll(policyOld, apiARN+"/*", "execute-api:/*"), true, ""},
		{"statement added", strings.TrimSuffix(policyOld, "]}") + `,{"Sid":"DenyDelete","Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"` + apiARN + `/*/DELETE/*"}]}`, false, "adds statement DenyDelete"},
		{"condition changed", strings.ReplaceAll(policyOld, "vpce-1", "vpce-2"), false, "changes statement DenyOutside"},
		{"statement removed", `{"Version":"2012-10-17","Statement":[{"Sid":"Allow","Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"` + apiARN + `/*"}]}`, false, "removes statement DenyOutside"},
		{"symbolic endpoint id", strings.ReplaceAll(policyOld, "vpce-1", symbol.Ref{Address: "aws_vpc_endpoint.x", Attr: "id", Fresh: true}.Token()), false, "changes statement DenyOutside"},
	}
	for _, tt := range tests {
		same, diff := samePolicy(policyOld, tt.after, x)
		if same != tt.same || diff != tt.diff {
			t.Errorf("%s: got %v %q, want %v %q", tt.name, same, diff, tt.same, tt.diff)
		}
	}
}

func inst(addr string, actions ...string) topology.Node {
	return topology.Node{Address: addr, Actions: actions}
}

func TestPolicyChange(t *testing.T) {
	a := &topology.API{Node: inst("aws_api_gateway_rest_api.api", "no-op"), ExecutionARN: apiARN, Region: "us-east-1", ID: "abc123"}
	res := func(actions ...string) topology.Node {
		return inst("aws_api_gateway_rest_api_policy.api", actions...)
	}
	tests := []struct {
		name    string
		ps      *topology.PolicySource
		changed bool
		why     string
	}{
		{"no-op", &topology.PolicySource{Kind: topology.PolicyResource, Node: res("no-op"), JSON: policyOld, Known: true, BeforeJSON: policyOld, BeforeKnown: true}, false, ""},
		{"formatting-only update", &topology.PolicySource{Kind: topology.PolicyResource, Node: res("update"), Changes: true, JSON: strings.ReplaceAll(policyOld, apiARN+"/*", "execute-api:/*"), Known: true, BeforeJSON: policyOld, BeforeKnown: true}, false, ""},
		{"real update", &topology.PolicySource{Kind: topology.PolicyResource, Node: res("update"), Changes: true, JSON: strings.ReplaceAll(policyOld, "vpce-1", "vpce-9"), Known: true, BeforeJSON: policyOld, BeforeKnown: true}, true, "aws_api_gateway_rest_api_policy.api is updated: changes statement DenyOutside"},
		{"unknown after", &topology.PolicySource{Kind: topology.PolicyResource, Node: res("update"), Changes: true, BeforeJSON: policyOld, BeforeKnown: true}, true, "aws_api_gateway_rest_api_policy.api is updated and its new document is known only after apply, so privapi cannot compare it with the current one"},
		{"created", &topology.PolicySource{Kind: topology.PolicyResource, Node: res("create"), Changes: true, JSON: policyOld, Known: true}, true, "aws_api_gateway_rest_api_policy.api is created"},
		{"destroyed", &topology.PolicySource{Kind: topology.PolicyResource, Node: res("delete"), Changes: true, Deleted: true}, true, "aws_api_gateway_rest_api_policy.api is destroyed, which removes the policy"},
	}
	for _, tt := range tests {
		changed, why := policyChange(a, tt.ps)
		if changed != tt.changed || why != tt.why {
			t.Errorf("%s: got %v %q, want %v %q", tt.name, changed, why, tt.changed, tt.why)
		}
	}
}
