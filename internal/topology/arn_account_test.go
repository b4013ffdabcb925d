package topology

import (
	"strings"
	"testing"
)

// TestARNAccount checks arnAccount against the strings.SplitN reading it
// replaces.
func TestARNAccount(t *testing.T) {
	for _, arn := range []string{
		"arn:aws:execute-api:us-east-1:123456789012:abc123",
		"arn:aws-cn:execute-api:cn-north-1:123456789012:abc/prod/GET/x:y",
		"arn:aws:execute-api:us-east-1:123456789012:",
		"arn:aws:execute-api:us-east-1:123456789012",
		"arx:aws:execute-api:us-east-1:123456789012:abc",
		"::::::",
		"",
		"arn",
	} {
		p, r, a, ok := arnAccount(arn)
		parts := strings.SplitN(arn, ":", 6)
		want := len(parts) == 6 && parts[0] == "arn"
		if ok != want || ok && (p != parts[1] || r != parts[3] || a != parts[4]) {
			t.Errorf("arnAccount(%q) = %q, %q, %q, %v; SplitN gives %q", arn, p, r, a, ok, parts)
		}
	}
}
