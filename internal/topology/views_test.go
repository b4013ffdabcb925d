package topology_test

import (
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/topology/topotest"
)

// The tests here build their views through topotest, the constructor real
// runs use (model.FromPlan, topology.Build).

// existing is a resource the plan leaves as it is; computed lists the
// attributes its configuration does not set.
func existing(addr string, after map[string]any, computed ...string) topotest.Resource {
	return topotest.Resource{Address: addr, Actions: []string{"no-op"}, Before: after, After: after, Computed: computed}
}

func TestForDomain(t *testing.T) {
	v := topotest.ViewIn(t, "us-east-1",
		existing("aws_api_gateway_rest_api.api", map[string]any{"id": "a1b2c3d4e5", "name": "api",
			"execution_arn":          "arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5",
			"endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}}}}, "execution_arn"),
		topotest.Resource{Address: "aws_api_gateway_domain_name.orders", After: map[string]any{"domain_name": "orders.example.com",
			"endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}}}}, Unknown: []string{"id", "domain_name_id", "arn"}},
	)
	if len(v.APIs) != 1 || len(v.Domains) != 1 {
		t.Fatalf("%d APIs, %d domains; want 1 and 1", len(v.APIs), len(v.Domains))
	}
	api, d := v.APIs[0], v.Domains[0]
	if d.Name != "orders.example.com" || !strings.Contains(d.ID, "aws_api_gateway_domain_name.orders#domain_name_id") {
		t.Fatalf("domain %q, id %q", d.Name, d.ID)
	}
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

func TestForAPI(t *testing.T) {
	fresh := func(addr, attr string) string { return symbol.Ref{Address: addr, Attr: attr, Fresh: true}.Token() }
	// a (with a stage prod) and b created by this plan, c an existing API
	// of another region and account
	v := topotest.ViewIn(t, "us-east-1",
		topotest.Resource{Address: "aws_api_gateway_rest_api.a", After: map[string]any{"name": "a"}, Unknown: []string{"id", "execution_arn", "root_resource_id"}},
		topotest.Resource{Address: "aws_api_gateway_stage.prod", After: map[string]any{"stage_name": "prod"}, Unknown: []string{"id", "rest_api_id", "execution_arn", "invoke_url"},
			Refs: map[string][]string{"rest_api_id": topotest.Ref("aws_api_gateway_rest_api.a", "id")}},
		topotest.Resource{Address: "aws_api_gateway_rest_api.b", After: map[string]any{"name": "b"}, Unknown: []string{"id", "execution_arn", "root_resource_id"}},
		existing("aws_api_gateway_rest_api.c", map[string]any{"id": "abc123defg", "name": "c",
			"execution_arn": "arn:aws:execute-api:eu-west-1:111122223333:abc123defg"}, "execution_arn"),
	)
	if len(v.APIs) != 3 {
		t.Fatalf("%d APIs, want 3", len(v.APIs))
	}
	created, existing := v.APIs[0], v.APIs[2]
	if created.ID != fresh("aws_api_gateway_rest_api.a", "id") || len(created.Stages) != 1 || existing.ID != "abc123defg" {
		t.Fatalf("APIs: %+v, %+v", created, existing)
	}
	createdARN := "arn:aws:execute-api:us-east-1:" + symbol.Ref{Address: "unknown_expand_context", Attr: "account"}.Token() + ":" + created.ID
	tests := []struct {
		name     string
		api      *topology.API
		resource string
		want     []string
	}{
		// in parts, the unknown account a token: a pattern of another service or
		// with a malformed account field is decided against it
		{"shorthand, account unknown: in parts", created, "execute-api:/*", []string{createdARN + "/*"}},
		{"shorthand, known ARN", existing, "execute-api:/prod/GET/*", []string{"arn:aws:execute-api:eu-west-1:111122223333:abc123defg/prod/GET/*"}},
		{"own execution_arn in parts", created, created.ExecutionARN + "/*", []string{createdARN + "/*"}},
		{"stage execution_arn", created, fresh("aws_api_gateway_stage.prod", "execution_arn") + "/GET/*", []string{createdARN + "/prod/GET/*"}},
		{"literal id of another API dropped for a created API", created, "arn:aws:execute-api:us-east-1:111122223333:a1b2c3d4e5/*", []string{}},
		{"literal id of the API kept", existing, "arn:aws:execute-api:eu-west-1:111122223333:abc123defg/*", []string{"arn:aws:execute-api:eu-west-1:111122223333:abc123defg/*"}},
		{"wildcard id kept", created, "arn:aws:execute-api:us-east-1:111122223333:*/*", []string{"arn:aws:execute-api:us-east-1:111122223333:*/*"}},
		{"literal other id against a known id dropped", existing, "arn:aws:execute-api:eu-west-1:111122223333:zzz/*", []string{}},
		{"bare execution_arn kept (PA206 reports it)", existing, "arn:aws:execute-api:eu-west-1:111122223333:abc123defg", []string{"arn:aws:execute-api:eu-west-1:111122223333:abc123defg"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &iampolicy.Policy{Statements: []iampolicy.Statement{{Effect: "Allow", Action: []string{"execute-api:Invoke"}, Resource: []string{tt.resource}}}}
			got := v.ForAPI(p, tt.api).Statements[0].Resource
			if strings.Join(got, " ") != strings.Join(tt.want, " ") || got == nil {
				t.Errorf("got %q, want %q", symbol.Display(strings.Join(got, " ")), symbol.Display(strings.Join(tt.want, " ")))
			}
		})
	}
	if got := v.APIARN(existing); got != existing.ExecutionARN {
		t.Errorf("APIARN of a known API: %s", got)
	}
	if p, r, a := v.APIAccount(existing); p != "aws" || r != "eu-west-1" || a != "111122223333" {
		t.Errorf("APIAccount: %s %s %s", p, r, a)
	}
}

func TestKnownID(t *testing.T) {
	v := topotest.View(t,
		existing("aws_vpc_endpoint.old", map[string]any{"id": "vpce-0aaa", "vpc_id": "vpc-0aaa", "service_name": "com.amazonaws.us-east-1.execute-api", "vpc_endpoint_type": "Interface"}),
		topotest.Resource{Address: "aws_vpc_endpoint.new", After: map[string]any{"service_name": "com.amazonaws.us-east-1.execute-api", "vpc_endpoint_type": "Interface"},
			Unknown: []string{"id", "vpc_id"}, Refs: map[string][]string{"vpc_id": topotest.Ref("aws_vpc.main", "id")}},
		existing("aws_vpc.main", map[string]any{"id": "vpc-0bbb", "cidr_block": "10.0.0.0/16"}),
	)
	if len(v.Endpoints) != 2 || len(v.VPCs) != 1 {
		t.Fatalf("%d endpoints, %d VPCs; want 2 and 1", len(v.Endpoints), len(v.VPCs))
	}
	for id, want := range map[string]bool{"vpce-0aaa": true, "vpc-0aaa": true, "vpc-0bbb": true, "vpce-0ccc": false, "vpc-0ccc": false} {
		if _, ok := v.KnownID(id); ok != want {
			t.Errorf("KnownID(%s) = %v, want %v", id, ok, want)
		}
	}
}
