package planfile

import (
	"encoding/json"
	"testing"
)

func TestUnquoteASCIIMatchesJSON(t *testing.T) {
	for _, q := range []string{
		`""`, `"a"`, `"module.api[\"s0001\"].aws_api_gateway_rest_api.this"`, `"a\\b"`, `"a\/b"`, `"\\\""`,
		`"\n"`, `"\u0041"`, `"é"`, `"tab\there"`, `"\\"`, `"x\"`,
	} {
		var want string
		werr := json.Unmarshal([]byte(q), &want)
		got, ok := unquoteASCII([]byte(q))
		if ok && (werr != nil || got != want) {
			t.Errorf("unquoteASCII(%s) = %q, encoding/json %q (%v)", q, got, want, werr)
		}
		var s string
		if werr == nil && (!jsonString([]byte(q), &s) || s != want) {
			t.Errorf("jsonString(%s) = %q, want %q", q, s, want)
		}
	}
}

func FuzzUnquoteASCII(f *testing.F) {
	f.Add(`"module.api[\"s0001\"].x"`)
	f.Add(`"a\\b\/c"`)
	f.Fuzz(func(t *testing.T, q string) {
		var want string
		if len(q) < 2 || q[0] != '"' || q[len(q)-1] != '"' || json.Unmarshal([]byte(q), &want) != nil {
			return
		}
		if got, ok := unquoteASCII([]byte(q)); ok && got != want {
			t.Fatalf("unquoteASCII(%s) = %q, encoding/json %q", q, got, want)
		}
	})
}
