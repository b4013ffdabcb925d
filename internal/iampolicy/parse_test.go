package iampolicy

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func mustParse(t testing.TB, doc string) *Policy {
	t.Helper()
	p, err := Parse([]byte(doc))
	if err != nil {
		t.Fatalf("Parse(%s): %v", doc, err)
	}
	return p
}

func TestParseShapes(t *testing.T) {
	p := mustParse(t, `{
		"Version": "2012-10-17",
		"Id": "pol",
		"Statement": {
			"Sid": "One",
			"Effect": "Allow",
			"Principal": {"AWS": ["arn:aws:iam::111122223333:root", "444455556666"], "Service": "lambda.amazonaws.com"},
			"Action": "execute-api:Invoke",
			"Resource": ["execute-api:/*", "execute-api:/prod/GET/pets"],
			"Condition": {
				"Bool": {"aws:SecureTransport": true},
				"NumericLessThan": {"s:n": 10},
				"StringEquals": {"aws:SourceVpce": ["vpce-1", "vpce-2"]},
				"ForAnyValue:StringNotEqualsIfExists": {"aws:TagKeys": "k"}
			}
		}
	}`)
	want := &Policy{
		Version: "2012-10-17",
		ID:      "pol",
		Statements: []Statement{{
			Sid:    "One",
			Effect: Allow,
			Principal: &Principal{Values: map[string][]string{
				"AWS":     {"arn:aws:iam::111122223333:root", "444455556666"},
				"Service": {"lambda.amazonaws.com"},
			}},
			Action:   []string{"execute-api:Invoke"},
			Resource: []string{"execute-api:/*", "execute-api:/prod/GET/pets"},
			Conditions: []Condition{
				{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"true"}},
				{Operator: "ForAnyValue:StringNotEqualsIfExists", Key: "aws:TagKeys", Values: []string{"k"}},
				{Operator: "NumericLessThan", Key: "s:n", Values: []string{"10"}},
				{Operator: "StringEquals", Key: "aws:SourceVpce", Values: []string{"vpce-1", "vpce-2"}},
			},
		}},
	}
	for i := range want.Statements[0].Conditions {
		c := &want.Statements[0].Conditions[i]
		c.Op, _ = ParseOperator(c.Operator)
	}
	if !reflect.DeepEqual(p, want) {
		t.Errorf("got  %+v\nwant %+v", p, want)
	}
}

func TestParseNullIsAbsentAndWildcardPrincipal(t *testing.T) {
	p := mustParse(t, `{"Version":null,"Statement":[{"Sid":null,"Effect":"Deny","Principal":"*","NotAction":["s3:*"],"NotResource":"arn:aws:s3:::b","Condition":null}]}`)
	s := p.Statements[0]
	if p.Version != "" || s.Sid != "" || !s.Principal.Wildcard || s.NotAction[0] != "s3:*" || s.NotResource[0] != "arn:aws:s3:::b" || s.Conditions != nil {
		t.Errorf("unexpected %+v", s)
	}
}

func TestFromValueGoTypes(t *testing.T) {
	v := map[string]any{
		"Statement": []any{map[string]any{
			"Effect":    "Allow",
			"Principal": map[string]any{"AWS": float64(123456789012)},
			"Action":    "execute-api:Invoke",
			"Resource":  "*",
			"Condition": map[string]any{"NumericEquals": map[string]any{"k": []any{float64(1.5), json.Number("2"), 3, true}}},
		}},
	}
	p, err := FromValue(v)
	if err != nil {
		t.Fatal(err)
	}
	s := p.Statements[0]
	if got := s.Principal.Values["AWS"]; !reflect.DeepEqual(got, []string{"123456789012"}) {
		t.Errorf("principal %v", got)
	}
	if got := s.Conditions[0].Values; !reflect.DeepEqual(got, []string{"1.5", "2", "3", "true"}) {
		t.Errorf("values %v", got)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"not json", `{"Statement": [`, "policy is not JSON"},
		{"trailing", `{"Statement": []} {}`, "text after the document"},
		{"not object", `[1]`, "policy must be a JSON object, got a list"},
		{"no statement", `{"Version":"2012-10-17"}`, "policy has no Statement"},
		{"statement string", `{"Statement":"x"}`, `Statement must be a list or an object, got "x"`},
		{"statement number", `{"Statement":1}`, `Statement must be a list or an object, got a number`},
		{"statement item", `{"Statement":["x"]}`, `statement #1 must be an object, got "x"`},
		{"unknown top", `{"Statement":[],"Foo":1}`, `unknown policy element "Foo"`},
		{"version type", `{"Statement":[],"Version":1}`, `Version must be a string, got a number`},
		{"effect", `{"Statement":{"Effect":"allow","Action":"a","Resource":"*"}}`, `statement #1: unknown Effect "allow" (want "Allow" or "Deny")`},
		{"no effect", `{"Statement":{"Action":"a","Resource":"*"}}`, `statement #1: no Effect`},
		{"operator", `{"Statement":{"Effect":"Allow","Action":"a","Condition":{"Foo":{"k":"v"}}}}`, `unknown condition operator "Foo" (known: StringEquals, StringNotEquals`},
		{"set qualifier", `{"Statement":{"Effect":"Allow","Action":"a","Condition":{"ForSome:StringEquals":{"k":"v"}}}}`, `unknown set qualifier "ForSome"`},
		{"null ifexists", `{"Statement":{"Effect":"Allow","Action":"a","Condition":{"NullIfExists":{"k":"true"}}}}`, `Null cannot take IfExists`},
		{"action both", `{"Statement":{"Effect":"Allow","Action":"a","NotAction":"b"}}`, `statement #1: both Action and NotAction`},
		{"action neither", `{"Statement":[{"Effect":"Allow","Action":"a"},{"Effect":"Allow","Resource":"*"}]}`, `statement #2: neither Action nor NotAction`},
		{"resource both", `{"Statement":{"Effect":"Allow","Action":"a","Resource":"*","NotResource":"x"}}`, `both Resource and NotResource`},
		{"principal both", `{"Statement":{"Effect":"Allow","Action":"a","Principal":"*","NotPrincipal":"*"}}`, `both Principal and NotPrincipal`},
		{"unknown element", `{"Statement":{"Effect":"Allow","Action":"a","Conditions":{}}}`, `unknown statement element "Conditions"`},
		{"empty action", `{"Statement":{"Effect":"Allow","Action":[]}}`, `Action is an empty list`},
		{"action number", `{"Statement":{"Effect":"Allow","Action":[1]}}`, `Action[0] must be a string, got a number`},
		{"principal string", `{"Statement":{"Effect":"Allow","Action":"a","Principal":"arn:aws:iam::1:root"}}`, `Principal must be "*" or an object`},
		{"principal null id", `{"Statement":{"Effect":"Allow","Action":"a","Principal":{"AWS":null}}}`, `Principal.AWS must be a string, number, boolean or a list of them, got null`},
		{"condition object value", `{"Statement":{"Effect":"Allow","Action":"a","Condition":{"StringEquals":{"k":{"x":1}}}}}`, `Condition.StringEquals.k must be a string`},
		{"condition list value", `{"Statement":{"Effect":"Allow","Action":"a","Condition":{"StringEquals":{"k":[[1]]}}}}`, `Condition.StringEquals.k[0] must be a string, number or boolean, got a list`},
		{"condition block", `{"Statement":{"Effect":"Allow","Action":"a","Condition":{"StringEquals":"k"}}}`, `Condition.StringEquals must be an object of condition keys`},
		{"condition not object", `{"Statement":{"Effect":"Allow","Action":"a","Condition":[]}}`, `Condition must be an object, got a list`},
		{"sid type", `{"Statement":{"Sid":1,"Effect":"Allow","Action":"a"}}`, `Sid must be a string`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.doc))
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
		})
	}
}

func TestParseOperator(t *testing.T) {
	tests := []struct {
		in   string
		want Operator
	}{
		{"StringEquals", Operator{Base: "StringEquals"}},
		{"stringnotequalsignorecase", Operator{Base: "StringNotEqualsIgnoreCase", Negated: true, IgnoreCase: true}},
		{"ForAnyValue:StringNotEqualsIfExists", Operator{Base: "StringNotEquals", Negated: true, IfExists: true, Set: ForAnyValue}},
		{"ForAllValues:StringLike", Operator{Base: "StringLike", Like: true, Set: ForAllValues}},
		{"NotIpAddressIfExists", Operator{Base: "NotIpAddress", Family: FamilyIP, Negated: true, IfExists: true}},
		{"ArnEquals", Operator{Base: "ArnEquals", Family: FamilyARN, Like: true}},
		{"ArnNotLike", Operator{Base: "ArnNotLike", Family: FamilyARN, Like: true, Negated: true}},
		{"NumericGreaterThanEquals", Operator{Base: "NumericGreaterThanEquals", Family: FamilyNumeric, order: orderGreaterEqual}},
		{"DateLessThan", Operator{Base: "DateLessThan", Family: FamilyDate, order: orderLess}},
		{"BoolIfExists", Operator{Base: "Bool", Family: FamilyBool, IfExists: true}},
		{"BinaryEquals", Operator{Base: "BinaryEquals", Family: FamilyBinary}},
		{"Null", Operator{Base: "Null", Family: FamilyNull}},
	}
	for _, tt := range tests {
		got, err := ParseOperator(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseOperator(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "IfExists", "StringEqualsIfExistsIfExists", "ForAnyValue:", ":StringEquals", "Foo:Bar:StringEquals"} {
		if _, err := ParseOperator(bad); err == nil {
			t.Errorf("ParseOperator(%q): no error", bad)
		}
	}
}

func TestJSONCanonical(t *testing.T) {
	p := mustParse(t, `{
	  "Statement": [
	    {"Condition": {"StringNotEquals": {"aws:SourceVpce": ["vpce-b", "vpce-a"]}, "Bool": {"x": "true"}},
	     "Resource": ["execute-api:/*"], "Action": "execute-api:Invoke", "Principal": {"AWS": ["*"]}, "Effect": "Deny", "Sid": "D"},
	    {"Effect": "Allow", "Principal": "*", "Action": ["a", "b"], "Resource": "<&>"}
	  ],
	  "Version": "2012-10-17"
	}`)
	want := `{"Version":"2012-10-17","Statement":[` +
		`{"Sid":"D","Effect":"Deny","Principal":{"AWS":"*"},"Action":"execute-api:Invoke","Resource":"execute-api:/*","Condition":{"Bool":{"x":"true"},"StringNotEquals":{"aws:SourceVpce":["vpce-b","vpce-a"]}}},` +
		`{"Effect":"Allow","Principal":"*","Action":["a","b"],"Resource":"<&>"}]}`
	if got := string(p.JSON()); got != want {
		t.Errorf("JSON\n got %s\nwant %s", got, want)
	}
	again := mustParse(t, string(p.JSON()))
	if !reflect.DeepEqual(again, p) {
		t.Errorf("round trip changed the policy:\n%+v\n%+v", again, p)
	}
}

func TestStatementRefString(t *testing.T) {
	if got := (StatementRef{Sid: "DenyOutsideVpce", Index: 1}).String(); got != "DenyOutsideVpce" {
		t.Error(got)
	}
	if got := (StatementRef{Index: 1}).String(); got != "statement #2" {
		t.Error(got)
	}
}
