package topology_test

import (
	"testing"
)

// TestSensitiveStrings: Build lists what no message may show — sensitive
// values, what resolves from them, the forms a sensitive text is quoted in
// — and leaves out policy vocabulary and structure, longest first.
func TestSensitiveStrings(t *testing.T) {
	tests := []struct {
		scenario   string
		withSource bool
		want, not  []string
	}{
		{"secrets-sensitive", true, []string{"s3cr3t-do-not-print-7f3a", "Private REST API s3cr3t-do-not-print-7f3a", "10.20.137.0/24", "10.20.137.0/25"}, nil},
		{"secrets-sensitive", false, []string{"s3cr3t-do-not-print-7f3a", "10.20.137.0/24"}, nil},
		// a module output marked sensitive: its endpoint ids, whole document
		// only where the source rebuilds it
		{"secrets-module-sensitive", false, []string{"vpce-0m0dul3s3cr3t9c1", "vpce-0d3fau1t5ecret4a2"}, []string{"execute-api:Invoke", "aws:SourceVpce", "Allow"}},
		{"secrets-module-sensitive", true, []string{"vpce-0m0dul3s3cr3t9c1", "vpce-0d3fau1t5ecret4a2"}, []string{"execute-api:Invoke", "StringNotEquals"}},
		// a template read from a file: its lines and JSON strings, not the
		// policy language (element names, effects, operators, actions)
		{"policy-templatefile", true, []string{"DenyOutsideVpce", "AllowInvoke", `"Sid": "AllowInvoke",`},
			[]string{"Statement", "Sid", "Allow", "Deny", "StringNotEquals", "execute-api:Invoke", "2012-10-17", "aws:SourceVpce", "*"}},
		{"policy-templatefile", false, nil, []string{"DenyOutsideVpce"}},
		{"good-private-api", true, nil, []string{"10.0.0.0/16"}},
	}
	for _, tt := range tests {
		got := view(t, tt.scenario, tt.withSource).SensitiveStrings()
		has := map[string]bool{}
		for i, s := range got {
			has[s] = true
			if i > 0 && (len(got[i-1]) < len(s) || len(got[i-1]) == len(s) && got[i-1] > s) {
				t.Errorf("%s (source %v): not longest first at %q, %q", tt.scenario, tt.withSource, got[i-1], s)
			}
		}
		for _, w := range tt.want {
			if !has[w] {
				t.Errorf("%s (source %v): %q missing from %q", tt.scenario, tt.withSource, w, got)
			}
		}
		for _, n := range tt.not {
			if has[n] {
				t.Errorf("%s (source %v): %q listed as sensitive", tt.scenario, tt.withSource, n)
			}
		}
		if len(tt.want) == 0 && len(got) != 0 {
			t.Errorf("%s (source %v): want nothing sensitive, got %q", tt.scenario, tt.withSource, got)
		}
	}
}
