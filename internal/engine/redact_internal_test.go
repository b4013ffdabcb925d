package engine

import (
	"encoding/json"
	"fmt"
	"html"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/finding"
)

// TestRedactEscapedForms: a message that quotes a sensitive value with %q
// (or %+q, or JSON- or HTML-escapes it) shows it in an escaped form, which
// the exact-string safety net used to miss. Every form must be redacted.
func TestRedactEscapedForms(t *testing.T) {
	secrets := []string{`vpce-"quoted"-s3cr3t`, "tab\tand\\backslash-s3cr3t", "<b>&amp-s3cr3t</b>", "ünïcode-s3cr3t"}
	for _, secret := range secrets {
		jsonForm, _ := json.Marshal(secret)
		forms := map[string]string{
			"%s":   secret,
			"%q":   fmt.Sprintf("%q", secret),
			"%+q":  fmt.Sprintf("%+q", secret),
			"json": string(jsonForm),
			"html": html.EscapeString(secret),
		}
		for name, form := range forms {
			rs := []finding.Result{{Message: "the policy names " + form + " here", Fix: "remove " + form, Subject: form}}
			redact(rs, []string{secret})
			for _, got := range []string{rs[0].Message, rs[0].Fix, rs[0].Subject} {
				if strings.Contains(got, "s3cr3t") {
					t.Errorf("%q in form %s: not redacted: %q", secret, name, got)
				}
			}
		}
	}
}
