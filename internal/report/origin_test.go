package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/finding"
)

// TestBaselineOrigin: a finding a --baseline file hides is a suppression
// with origin "baseline" (as the README says), in the json report (valid
// against the schema) and in the text one; config and inline waivers keep
// theirs.
func TestBaselineOrigin(t *testing.T) {
	r := cleanReport()
	for _, origin := range []string{"baseline", "config", "inline"} {
		r.Results = append(r.Results, finding.Result{CheckID: "PA111", Name: "endpoint-sg-ingress", Severity: finding.Error, Status: finding.Fail,
			Address: "aws_security_group." + origin, API: apiMain, Message: "m",
			Waiver: &finding.Waiver{CheckID: "PA111", Address: "aws_security_group." + origin, Pattern: "aws_security_group." + origin,
				Reason: "r", Origin: origin}})
	}
	out := render(t, "json", r)
	if err := validateJSON(t, reportSchema(t, true), out); err != nil {
		t.Fatalf("json does not validate: %v", err)
	}
	var doc struct {
		Suppressions []struct{ Address, Origin string }
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Suppressions) != 3 {
		t.Fatalf("%d suppressions, want 3", len(doc.Suppressions))
	}
	for _, s := range doc.Suppressions {
		if want := strings.TrimPrefix(s.Address, "aws_security_group."); s.Origin != want {
			t.Errorf("%s: origin %q, want %q", s.Address, s.Origin, want)
		}
	}
	if text := string(render(t, "text", r)); !strings.Contains(text, "aws_security_group.baseline — r (baseline)") {
		t.Errorf("the text report does not say the baseline hid the finding:\n%s", text)
	}
}
