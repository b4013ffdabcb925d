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
		got, ok := appendUnquoteASCII([]byte("x"), []byte(q))
		if ok && (werr != nil || string(got) != "x"+want) {
			t.Errorf("appendUnquoteASCII(x, %s) = %q, encoding/json %q (%v)", q, got, want, werr)
		}
		var s, buf []byte
		if werr == nil && (!jsonText([]byte(q), &s, &buf) || string(s) != want) {
			t.Errorf("jsonText(%s) = %q, want %q", q, s, want)
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
		if got, ok := appendUnquoteASCII(nil, []byte(q)); ok && string(got) != want {
			t.Fatalf("appendUnquoteASCII(%s) = %q, encoding/json %q", q, got, want)
		}
	})
}
