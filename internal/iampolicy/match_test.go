package iampolicy

import (
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/symbol"
)

func TestGlobMatch(t *testing.T) {
	api := symbol.Ref{Address: "aws_api_gateway_rest_api.x", Attr: "id", Fresh: true}.Token()
	other := symbol.Ref{Address: "aws_api_gateway_rest_api.y", Attr: "id", Fresh: true}.Token()
	const (
		T = symbol.True
		F = symbol.False
		U = symbol.Unknown
	)
	prefix := "arn:aws:execute-api:us-east-1:123456789012:"
	tests := []struct {
		pattern, subject string
		fold             bool
		want             symbol.Tri
	}{
		{"*", "anything", false, T},
		{"a*c", "abbbc", false, T},
		{"a*c", "abbbd", false, F},
		{"a?c", "abc", false, T},
		{"a?c", "ac", false, F},
		{"*/GET/*", "x/prod/GET/pets", false, T},
		{"", "", false, T},
		{"", "a", false, F},
		{"a", "", false, F},
		{"**", "", false, T},
		{"execute-api:invoke", "execute-api:Invoke", true, T},
		{"Execute-API:*", "execute-api:Invoke", true, T},
		{"execute-api:invoke", "execute-api:Invoke", false, F},
		{"ä?", "Äb", true, T},

		// Tokens are atoms.
		{prefix + api + "/*", prefix + api + "/prod/GET/pets", false, T},
		{prefix + api + "/prod/*", prefix + api + "/dev/GET/pets", false, F},
		{prefix + api + "/*", prefix + other + "/prod/GET/pets", false, U},
		{prefix + api + "/*", prefix + "abc123/prod/GET/pets", false, U},
		{"arn:aws:execute-api:us-west-2:123456789012:" + api + "/*", prefix + api + "/prod/GET/pets", false, F},
		{prefix + "*/prod/*", prefix + api + "/prod/GET/x", false, T},
		{prefix + "a*", prefix + api + "/prod", false, U},
		{"?", api, false, U},
		{api, api, false, T},
		{api, "literal", false, F},
		{"x" + api, api + "x", false, U},
		{"*x", api, false, U},
		{"${aws:username}/*", "bob/x", false, U},

		// The API's account known only after apply is 12 digits: a literal
		// that is no digit never starts it.
		{"arn:aws:execute-api:us-east-1:############:*", "arn:aws:execute-api:us-east-1:" + accountToken + ":" + api + "/prod/GET/x", false, F},
		{"arn:aws:execute-api:us-east-1:1234*", "arn:aws:execute-api:us-east-1:" + accountToken + ":" + api + "/prod/GET/x", false, U},
		{"arn:aws:execute-api:us-east-1:*:*/*/*/*", "arn:aws:execute-api:us-east-1:" + accountToken + ":" + api + "/prod/GET/x", false, T},
		{"arn:aws:execute-api:us-east-1:?*", "arn:aws:execute-api:us-east-1:" + accountToken + ":" + api + "/prod/GET/x", false, U},
		{"arn:aws:apigateway:us-east-1::/restapis/*", "arn:aws:execute-api:us-east-1:" + accountToken + ":" + api + "/prod/GET/x", false, F},
		{"a", other, false, F},
	}
	for _, tt := range tests {
		if got := globMatch(tt.pattern, tt.subject, tt.fold); got != tt.want {
			t.Errorf("globMatch(%q, %q, %v) = %v, want %v", symbol.Display(tt.pattern), symbol.Display(tt.subject), tt.fold, got, tt.want)
		}
	}
}

func TestGlobMatchBudget(t *testing.T) {
	long := strings.Repeat("a*", 3000)
	if got := globMatch(long, long+"b", false); got != symbol.Unknown {
		t.Errorf("oversized match = %v, want unknown", got)
	}
	if got := globMatch(long, long, false); got != symbol.True {
		t.Errorf("identical oversized strings = %v, want true", got)
	}
}

func TestArnParts(t *testing.T) {
	tok := symbol.Ref{Address: `module.m["a:b"].aws_iam_role.r`, Attr: "arn"}.Token()
	got := arnParts("arn:aws:iam::" + tok + ":role/x:y")
	if len(got) != 6 || got[4] != tok || got[5] != "role/x:y" {
		t.Errorf("arnParts = %q", got)
	}
	if got := arnParts("not-an-arn"); len(got) != 1 {
		t.Errorf("arnParts = %q", got)
	}
}

func TestExpand(t *testing.T) {
	x := ExpandContext{Partition: "aws", Region: "us-east-1", Account: "123456789012", APIID: "abc123"}
	if got := x.Expand("execute-api:/*"); got != "arn:aws:execute-api:us-east-1:123456789012:abc123/*" {
		t.Error(got)
	}
	if got := x.Expand("execute-api:/prod/GET/pets"); got != "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/pets" {
		t.Error(got)
	}
	if got := x.Expand("arn:aws:execute-api:*"); got != "arn:aws:execute-api:*" {
		t.Error(got)
	}
	unknown := ExpandContext{Partition: "aws", Account: "123456789012", APIID: "abc123"}
	got := unknown.Expand("execute-api:/*")
	if !symbol.Contains(got) {
		t.Errorf("unknown region not marked: %s", got)
	}
	if m := globMatch(got, "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/GET/", false); m != symbol.Unknown {
		t.Errorf("match with unknown region = %v", m)
	}
}
