package topology

import (
	"testing"

	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
)

func TestForDomain(t *testing.T) {
	api := &API{Node: Node{Address: "aws_api_gateway_rest_api.api"}, ID: "a1b2c3d4e5", Region: "us-east-1",
		ExecutionARN: "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5"}
	d := &Domain{Node: Node{Address: "aws_api_gateway_domain_name.orders"}, Name: "orders.example.com",
		ID: symbol.Ref{Address: "aws_api_gateway_domain_name.orders", Attr: "domain_name_id"}.Token()}
	v := &View{APIs: []*API{api}}
	apiRef := symbol.Ref{Address: "aws_api_gateway_rest_api.api", Attr: "execution_arn"}.Token()
	tests := []struct {
		resource  string
		want      symbol.Tri
		shorthand bool
	}{
		{"execute-api:/*", symbol.True, false},
		{"*", symbol.True, false},
		{"arn:aws:execute-api:us-east-1:123456789012:/domainnames/*", symbol.True, false},
		{"arn:aws:execute-api:*:*:/domainnames/orders.example.com+*", symbol.True, false},
		{"arn:aws:execute-api:us-east-1:123456789012:/domainnames/other.example.com+*", symbol.False, false},
		{"arn:aws:apigateway:us-east-1:123456789012:/domainnames/*", symbol.False, false},
		{apiRef + "/*", symbol.False, false},
		{"arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*", symbol.False, false},
		{"execute-api:/prod/GET/*", symbol.False, true},
	}
	arn := v.DomainInvokeARN(d, api)
	if want := "arn:aws:execute-api:us-east-1:123456789012:/domainnames/orders.example.com+" + d.ID; arn != want {
		t.Fatalf("DomainInvokeARN = %q, want %q", arn, want)
	}
	for _, tc := range tests {
		t.Run(tc.resource, func(t *testing.T) {
			p := &iampolicy.Policy{Version: "2012-10-17", Statements: []iampolicy.Statement{{
				Effect: "Allow", Principal: &iampolicy.Principal{Wildcard: true}, Action: []string{"execute-api:Invoke"}, Resource: []string{tc.resource},
			}}}
			got, sh := v.ForDomain(p, d, api)
			if (len(sh) > 0) != tc.shorthand {
				t.Fatalf("shorthands %v, want %v", sh, tc.shorthand)
			}
			dec := got.Evaluate(iampolicy.Request{Caller: iampolicy.Caller{Anonymous: true}, Action: "execute-api:Invoke", Resource: arn}, iampolicy.ExpandContext{})
			if dec.Allowed != tc.want {
				t.Errorf("allowed = %v, want %v (%s)", dec.Allowed, tc.want, dec.Reason)
			}
		})
	}
}
