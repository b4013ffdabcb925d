package iampolicy_test

import (
	"encoding/json"
	"testing"

	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
)

// A typical private API resource policy (the shape of AWS's examples,
// https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-examples.html, as
// data.aws_iam_policy_document renders it): Allow everyone, Deny unless the
// call comes through the endpoint, whose id is unknown until apply (a
// symbol token), plus an IP-restricted statement for the CIDR splitting.
var (
	vpceToken = symbol.Ref{Address: `module.stack["s0000"].aws_vpc_endpoint.execute_api`, Attr: "id", Fresh: true}.Token()
	apiToken  = symbol.Ref{Address: `module.stack["s0000"].aws_api_gateway_rest_api.api`, Attr: "execution_arn", Fresh: true}.Token()

	typicalPolicy = mustJSON(map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{
			map[string]any{"Sid": "AllowInvokeFromVpce", "Effect": "Allow", "Principal": map[string]any{"AWS": "*"},
				"Action": "execute-api:Invoke", "Resource": apiToken + "/*"},
			map[string]any{"Sid": "DenyOutsideVpce", "Effect": "Deny", "Principal": map[string]any{"AWS": "*"},
				"Action": "execute-api:Invoke", "Resource": apiToken + "/*",
				"Condition": map[string]any{"StringNotEquals": map[string]any{"aws:SourceVpce": vpceToken}}},
			map[string]any{"Sid": "DenyOutsideRanges", "Effect": "Deny", "Principal": "*",
				"Action": "execute-api:Invoke", "Resource": "execute-api:/*/POST/*",
				"Condition": map[string]any{"NotIpAddress": map[string]any{"aws:VpcSourceIp": []any{"10.20.0.0/24", "10.20.1.0/24"}}}},
		},
	})
	expand = iampolicy.ExpandContext{Partition: "aws", Region: "us-east-1", Account: "123456789012", APIID: "abc123defg"}
)

func mustJSON(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		panic(err)
	}
	return string(b)
}

// BenchmarkStagePolicy measures policy parsing and evaluation of the
// requests the checks ask about.
func BenchmarkStagePolicy(b *testing.B) {
	b.Run("parse", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := iampolicy.Parse([]byte(typicalPolicy)); err != nil {
				b.Fatal(err)
			}
		}
	})
	p, err := iampolicy.Parse([]byte(typicalPolicy))
	if err != nil {
		b.Fatal(err)
	}
	requests := map[string]iampolicy.Request{
		"through-endpoint": {Caller: iampolicy.Caller{Anonymous: true}, Action: "execute-api:Invoke",
			Resource: apiToken + "/prod/GET/hello", Context: map[string][]string{"aws:SourceVpce": {vpceToken}}},
		"other-endpoint": {Caller: iampolicy.Caller{Anonymous: true}, Action: "execute-api:Invoke",
			Resource: apiToken + "/prod/GET/hello", Context: map[string][]string{"aws:SourceVpce": {"vpce-0a1b2c3d4e5f60718"}}},
		"post-from-cidr": {Caller: iampolicy.Caller{PrincipalARN: "arn:aws:iam::123456789012:role/app"}, Action: "execute-api:Invoke",
			Resource: "arn:aws:execute-api:us-east-1:123456789012:abc123defg/prod/POST/items",
			Context:  map[string][]string{"aws:SourceVpce": {vpceToken}, "aws:VpcSourceIp": {"10.20.0.0/23"}}},
	}
	for _, name := range []string{"through-endpoint", "other-endpoint", "post-from-cidr"} {
		req := requests[name]
		b.Run("evaluate/"+name, func(b *testing.B) {
			b.ReportAllocs()
			var d iampolicy.Decision
			for i := 0; i < b.N; i++ {
				d = p.Evaluate(req, expand)
			}
			if d.Effect == "" {
				b.Fatal("no decision")
			}
		})
	}
}
