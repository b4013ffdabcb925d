package iampolicy

import (
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/symbol"
)

func TestBuildRendering(t *testing.T) {
	tests := []struct {
		name string
		doc  DocumentConfig
		want string
	}{
		{
			name: "B12 vpce shape with defaults",
			doc: DocumentConfig{Statements: []StatementConfig{
				{
					Principals: []PrincipalConfig{{Type: "*", Identifiers: []string{"*"}}},
					Actions:    []string{"execute-api:Invoke"},
					Resources:  []string{"execute-api:/*"},
				},
				{
					Sid:        "DenyOutsideVpce",
					Effect:     "Deny",
					Principals: []PrincipalConfig{{Type: "*", Identifiers: []string{"*", "*"}}},
					Actions:    []string{"execute-api:Invoke"},
					Resources:  []string{"execute-api:/*"},
					Conditions: []ConditionConfig{{Test: "StringNotEquals", Variable: "aws:SourceVpce", Values: []string{freshVpce}}},
				},
			}},
			want: `{"Version":"2012-10-17","Statement":[` +
				`{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"},` +
				`{"Sid":"DenyOutsideVpce","Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*",` +
				`"Condition":{"StringNotEquals":{"aws:SourceVpce":"` + freshVpce + `"}}}]}`,
		},
		{
			name: "AWS star stays a map, sets sorted in reverse",
			doc: DocumentConfig{PolicyID: "p1", Statements: []StatementConfig{{
				Principals: []PrincipalConfig{{Type: "AWS", Identifiers: []string{"*"}}},
				Actions:    []string{"execute-api:Invoke", "execute-api:InvalidateCache", "execute-api:Invoke"},
				Resources:  []string{"execute-api:/a/*", "execute-api:/b/*"},
			}}},
			want: `{"Version":"2012-10-17","Id":"p1","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},` +
				`"Action":["execute-api:Invoke","execute-api:InvalidateCache"],"Resource":["execute-api:/b/*","execute-api:/a/*"]}]}`,
		},
		{
			name: "principal blocks merge by type; star type among others",
			doc: DocumentConfig{Statements: []StatementConfig{{
				Principals: []PrincipalConfig{
					{Type: "AWS", Identifiers: []string{"arn:aws:iam::1:root"}},
					{Type: "Service", Identifiers: []string{"lambda.amazonaws.com"}},
					{Type: "AWS", Identifiers: []string{"arn:aws:iam::2:root", "arn:aws:iam::3:root"}},
				},
				NotActions: []string{"s3:*"},
			}, {
				NotPrincipals: []PrincipalConfig{{Type: "*", Identifiers: []string{"*"}}, {Type: "AWS", Identifiers: []string{"x"}}},
				Actions:       []string{"a"},
			}}},
			want: `{"Version":"2012-10-17","Statement":[` +
				`{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::1:root","arn:aws:iam::3:root","arn:aws:iam::2:root"],"Service":"lambda.amazonaws.com"},"NotAction":"s3:*"},` +
				`{"Effect":"Allow","NotPrincipal":{"*":"*","AWS":"x"},"Action":"a"}]}`,
		},
		{
			name: "conditions join, values keep order, &{ becomes ${",
			doc: DocumentConfig{Statements: []StatementConfig{{
				Actions:      []string{"s3:GetObject"},
				NotResources: []string{"arn:aws:s3:::b/&{aws:username}/*"},
				Conditions: []ConditionConfig{
					{Test: "StringEquals", Variable: "aws:SourceVpce", Values: []string{"vpce-b", "vpce-a"}},
					{Test: "StringEquals", Variable: "aws:SourceVpce", Values: []string{"vpce-c"}},
					{Test: "StringLike", Variable: "s3:prefix", Values: []string{"home/&{aws:username}/"}},
					{Test: "Bool", Variable: "aws:SecureTransport", Values: []string{"true"}},
				},
			}}},
			want: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","NotResource":"arn:aws:s3:::b/${aws:username}/*",` +
				`"Condition":{"Bool":{"aws:SecureTransport":"true"},"StringEquals":{"aws:SourceVpce":["vpce-b","vpce-a","vpce-c"]},"StringLike":{"s3:prefix":"home/${aws:username}/"}}}]}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := tt.doc.Build()
			if err != nil {
				t.Fatal(err)
			}
			if got := string(p.JSON()); got != tt.want {
				t.Errorf("JSON\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestBuildMerge(t *testing.T) {
	doc := DocumentConfig{
		SourcePolicyDocuments: []string{
			`{"Version":"2008-10-17","Id":"src","Statement":[{"Sid":"A","Effect":"Allow","Action":"a:1"},{"Sid":"B","Effect":"Allow","Action":"b:1"}]}`,
			`{"Statement":{"Effect":"Allow","Action":"nosid:1"}}`,
		},
		Statements: []StatementConfig{
			{Sid: "B", Effect: "Deny", Actions: []string{"b:2"}},
			{Actions: []string{"own:1"}},
			{Sid: "D", Actions: []string{"d:1"}},
		},
		OverridePolicyDocuments: []string{
			`{"Id":"over","Statement":[{"Sid":"A","Effect":"Deny","Action":"a:2"},{"Sid":"C","Effect":"Allow","Action":"c:1"}]}`,
			`{"Statement":[{"Sid":"D","Effect":"Deny","Action":"d:2"}]}`,
		},
	}
	p, err := doc.Build()
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Version":"2012-10-17","Id":"over","Statement":[` +
		`{"Sid":"A","Effect":"Deny","Action":"a:2"},` +
		`{"Sid":"B","Effect":"Deny","Action":"b:2"},` +
		`{"Effect":"Allow","Action":"nosid:1"},` +
		`{"Effect":"Allow","Action":"own:1"},` +
		`{"Sid":"D","Effect":"Deny","Action":"d:2"},` +
		`{"Sid":"C","Effect":"Allow","Action":"c:1"}]}`
	if got := string(p.JSON()); got != want {
		t.Errorf("JSON\n got %s\nwant %s", got, want)
	}
	for i, s := range p.Statements {
		if s.Index != i {
			t.Errorf("statement %d has Index %d", i, s.Index)
		}
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  DocumentConfig
		want string
	}{
		{"duplicate sid across sources", DocumentConfig{SourcePolicyDocuments: []string{
			`{"Statement":{"Sid":"A","Effect":"Allow","Action":"a"}}`, `{"Statement":{"Sid":"A","Effect":"Allow","Action":"b"}}`}},
			`source_policy_documents[1]: duplicate Sid "A"`},
		{"duplicate sid in blocks", DocumentConfig{Statements: []StatementConfig{{Sid: "A", Actions: []string{"a"}}, {Sid: "A", Actions: []string{"b"}}}},
			`statement #2: duplicate Sid "A"`},
		{"bad source", DocumentConfig{SourcePolicyDocuments: []string{`{`}}, "source_policy_documents[0]: policy is not JSON"},
		{"bad override", DocumentConfig{OverridePolicyDocuments: []string{`{"Statement":{"Effect":"Maybe","Action":"a"}}`}}, `override_policy_documents[0]: statement #1: unknown Effect "Maybe"`},
		{"bad effect", DocumentConfig{Statements: []StatementConfig{{Effect: "allow", Actions: []string{"a"}}}}, `statement #1: unknown Effect "allow"`},
		{"no actions", DocumentConfig{Statements: []StatementConfig{{Resources: []string{"*"}}}}, "statement #1: neither Action nor NotAction"},
		{"bad operator", DocumentConfig{Statements: []StatementConfig{{Actions: []string{"a"}, Conditions: []ConditionConfig{{Test: "StringEqual", Variable: "k", Values: []string{"v"}}}}}}, `unknown condition operator "StringEqual"`},
		{"old version with variable", DocumentConfig{Version: "2008-10-17", Statements: []StatementConfig{{Actions: []string{"a"}, Resources: []string{"&{aws:username}"}}}}, "not supported in document version 2008-10-17"},
		{"bad version", DocumentConfig{Version: "2020-01-01"}, `version "2020-01-01"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tt.doc.Build()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestBuildEvaluates(t *testing.T) {
	doc := DocumentConfig{Statements: []StatementConfig{
		{Principals: []PrincipalConfig{{Type: "*", Identifiers: []string{"*"}}}, Actions: []string{"execute-api:Invoke"}, Resources: []string{"execute-api:/*"}},
		{Effect: "Deny", Principals: []PrincipalConfig{{Type: "*", Identifiers: []string{"*"}}}, Actions: []string{"execute-api:Invoke"}, Resources: []string{"execute-api:/*"},
			Conditions: []ConditionConfig{{Test: "StringNotEquals", Variable: "aws:SourceVpce", Values: []string{freshVpce}}}},
	}}
	p, err := doc.Build()
	if err != nil {
		t.Fatal(err)
	}
	if d := p.Evaluate(anonymous(ctxMap{"aws:SourceVpce": {freshVpce}}), apiX); d.Allowed != symbol.True {
		t.Errorf("own endpoint: %+v", d)
	}
	if d := p.Evaluate(anonymous(ctxMap{"aws:SourceVpce": {otherVpce}}), apiX); d.Effect != ResultExplicitDeny {
		t.Errorf("other endpoint: %+v", d)
	}
}
