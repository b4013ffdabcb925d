package checks

import (
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/topology/topotest"
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

func TestPolicyChange(t *testing.T) {
	api := pa2Existing("aws_api_gateway_rest_api.api", map[string]any{"id": "abc123", "name": "api", "execution_arn": apiARN,
		"endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}}}}, "execution_arn")
	// pol is aws_api_gateway_rest_api_policy.api with the plan's actions,
	// its document before and after apply ("" for none, "?" for known only
	// after apply)
	pol := func(before, after string, actions ...string) topotest.Resource {
		r := topotest.Resource{Address: "aws_api_gateway_rest_api_policy.api", Actions: actions, Unknown: []string{}}
		if before != "" {
			r.Before = map[string]any{"id": "abc123", "rest_api_id": "abc123", "policy": before}
		}
		switch after {
		case "":
		case "?":
			r.After = map[string]any{"id": "abc123", "rest_api_id": "abc123"}
			r.Unknown = []string{"policy"}
			r.Refs = map[string][]string{"policy": {"module.policy.json", "module.policy"}}
		default:
			r.After = map[string]any{"id": "abc123", "rest_api_id": "abc123", "policy": after}
		}
		return r
	}
	tests := []struct {
		name    string
		ps      topotest.Resource
		changed bool
		why     string
	}{
		{"no-op", pol(policyOld, policyOld, "no-op"), false, ""},
		{"formatting-only update", pol(policyOld, strings.ReplaceAll(policyOld, apiARN+"/*", "execute-api:/*"), "update"), false, ""},
		{"real update", pol(policyOld, strings.ReplaceAll(policyOld, "vpce-1", "vpce-9"), "update"), true, "aws_api_gateway_rest_api_policy.api is updated: changes statement DenyOutside"},
		{"unknown after", pol(policyOld, "?", "update"), true, "aws_api_gateway_rest_api_policy.api is updated and its new document is known only after apply, so privapi cannot compare it with the current one"},
		{"created", pol("", policyOld, "create"), true, "aws_api_gateway_rest_api_policy.api is created"},
		{"destroyed", pol(policyOld, "", "delete"), true, "aws_api_gateway_rest_api_policy.api is destroyed, which removes the policy"},
	}
	for _, tt := range tests {
		v := topotest.ViewIn(t, "us-east-1", api, tt.ps)
		a := apiAt(v, "aws_api_gateway_rest_api.api")
		var ps *topology.PolicySource
		for _, p := range a.Policies {
			if p.Kind == topology.PolicyResource {
				ps = p
			}
		}
		if ps == nil {
			t.Fatalf("%s: no policy resource among %+v", tt.name, a.Policies)
		}
		changed, why := policyChange(a, ps)
		if changed != tt.changed || why != tt.why {
			t.Errorf("%s: got %v %q, want %v %q", tt.name, changed, why, tt.changed, tt.why)
		}
	}
}
