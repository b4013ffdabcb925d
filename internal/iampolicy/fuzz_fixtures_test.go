package iampolicy

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/fixturejson"
)

// fixturePolicies returns every policy document found in the plans and
// states under fixtures/ (any string value that is a JSON object with a
// Statement), in a stable order, plus the .tf-free hostile shapes of the
// hostile-policy-* scenarios.
func fixturePolicies(f *testing.F) []string {
	f.Helper()
	seen := map[string]bool{}
	var out []string
	fixturejson.Each(f, "../..", func(_ string, doc map[string]any) {
		fixturejson.Walk(doc, func(v any) {
			x, ok := v.(string)
			if !ok || seen[x] || !strings.Contains(x, "Statement") {
				return
			}
			var obj map[string]any
			if json.Unmarshal([]byte(x), &obj) == nil && obj["Statement"] != nil {
				seen[x] = true
				out = append(out, x)
			}
		})
	})
	if len(out) == 0 {
		f.Fatal("no policy documents in the fixtures")
	}
	return out
}

var fixtureAPI = ExpandContext{Partition: "aws", Region: "us-east-1", Account: "123456789012", APIID: "abc123"}

// FuzzParseFixturePolicies is FuzzParse seeded with every policy document of
// the fixtures (resource policies, endpoint policies, rendered
// aws_iam_policy_document json, trust policies): Parse never panics, an
// accepted policy survives rendering and parsing unchanged, and the
// evaluator and lint helpers run on it.
func FuzzParseFixturePolicies(f *testing.F) {
	for _, p := range fixturePolicies(f) {
		f.Add([]byte(p))
	}
	f.Add([]byte(`{"Statement":{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":["execute-api:/*"],"Condition":{"IpAddress":{"aws:VpcSourceIp":"10.20.0.0/16"}}}}`))
	f.Add([]byte(`{"Statement":[{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"NotIpAdress":{"aws:VpcSourceIp":"10.20.0.0/16"}}}]}`))
	f.Add([]byte(`Version: 2012-10-17 { Statement: Allow execute-api:Invoke unless aws:SourceVpce != vpce-1`))
	f.Fuzz(func(t *testing.T, doc []byte) {
		p, err := Parse(doc)
		if err != nil {
			if strings.ContainsAny(err.Error(), "\n\r") {
				t.Fatalf("error is not one line: %q", err)
			}
			return
		}
		out := p.JSON()
		q, err := Parse(out)
		if err != nil {
			t.Fatalf("Parse(JSON(p)) failed: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(p, q) {
			t.Fatalf("round trip changed the policy:\n%#v\n%#v", p, q)
		}
		if again := q.JSON(); !bytes.Equal(again, out) {
			t.Fatalf("JSON not stable:\n%s\n%s", out, again)
		}
		if !Equivalent(p, q, fixtureAPI) {
			t.Fatalf("not equivalent to its own rendering: %s", out)
		}
		for _, req := range []Request{
			{Caller: Caller{Anonymous: true}, Action: "execute-api:Invoke", Resource: "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/hello",
				Context: map[string][]string{"aws:SourceVpce": {"vpce-0123456789abcdef0"}, "aws:SourceVpc": {"vpc-1"}, "aws:VpcSourceIp": {"10.20.0.0/24"}}},
			{Caller: Caller{PrincipalARN: "arn:aws:iam::123456789012:role/r"}, Action: "execute-api:Invoke", Resource: "arn:aws:execute-api:us-east-1:123456789012:abc123/*"},
		} {
			d := p.Evaluate(req, fixtureAPI)
			switch d.Effect {
			case ResultAllow, ResultExplicitDeny, ResultImplicitDeny, ResultUnknown:
			default:
				t.Fatalf("Evaluate gave effect %q", d.Effect)
			}
		}
		_ = p.ConditionUses()
		_ = p.AnonymousAllows()
		_ = p.VpcRestrictions(fixtureAPI)
		_ = p.VpcLiterals()
	})
}
