package iampolicy

import (
	"bytes"
	"reflect"
	"testing"
)

func fuzzSeeds() []string {
	return []string{
		b12(`{"StringNotEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}`),
		b12(`{"StringNotEquals":{"aws:SourceVpc":"vpc-1a2b3c4d"}}`),
		b12(`{"IpAddress":{"aws:VpcSourceIp":["192.0.2.0/24","198.51.100.0/24"]}}`),
		b12(`{"StringNotEquals":{"aws:SourceVpce":"` + freshVpce + `"}}`),
		b12(`{"ForAnyValue:StringNotEqualsIfExists":{"aws:SourceVpce":["a",true,1.5e3]},"Null":{"aws:SourceVpc":"false"}}`),
		`{"Statement":{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"StringNotEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}}`,
		`{"Version":"2012-10-17","Id":"x","Statement":[{"Sid":"N","Effect":"Allow","NotPrincipal":{"AWS":["arn:aws:iam::1:root"],"Service":[]},"NotAction":"s3:*","NotResource":["a","b"]}]}`,
		b12(`{"StringNotLike":{"aws:SourceVpce":"vpce-*"}}`),
		b12(`{"StringNotLike":{"aws:SourceVpc":["vpc-????????*","x"]}}`),
		`{"Statement":{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:############:*/*/*/*","Condition":{"StringLike":{"aws:SourceVpce":"vpce-*"}}}}`,
		`{"Statement":[]}`,
		`{"Statement":{"Effect":"Allow","Action":"a","Condition":{}}}`,
		`{"Statement":{"Effect":"Allow","Action":"a","Condition":{"StringEquals":{}}}}`,
		`{"Statement":{"Effect":"Allow","Action":"a","Condition":{"StringEquals":{"k":[]}}}}`,
		`{"Statement":"x"}`,
		`not json`,
	}
}

// FuzzParse checks that Parse never panics and that every policy it
// accepts survives JSON and Parse unchanged; it also runs the evaluator and
// the lint helpers on it.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		p, err := Parse(doc)
		if err != nil {
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
		if !Equivalent(p, q, apiX) {
			t.Fatalf("not equivalent to its own rendering: %s", out)
		}
		req := anonymous(ctxMap{"aws:SourceVpce": {"vpce-1"}, "aws:VpcSourceIp": {"10.0.0.0/16"}})
		_ = p.Evaluate(req, apiX)
		_ = p.Evaluate(Request{Caller: Caller{PrincipalARN: roleARN}, Action: "s3:GetObject", Resource: freshVpce}, ExpandContext{})
		_ = p.ConditionUses()
		_ = p.AnonymousAllows()
		_ = p.VpcRestrictions(apiX)
		_ = p.VpcLiterals()
	})
}
