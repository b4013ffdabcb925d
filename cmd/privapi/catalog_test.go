package main

import (
	"strings"
	"testing"
)

// TestCatalogListsEveryID: every check ID that an output can carry is
// listed by `privapi checks` and explained by `privapi explain`, and the
// listing names every severity a check can report.
func TestCatalogListsEveryID(t *testing.T) {
	code, out, _ := runCLI(t, "", "checks")
	if code != exitOK {
		t.Fatalf("checks: exit %d", code)
	}
	for _, want := range []string{"PA901", "waiver-expired", "PA902", "waiver-unused", "error (or info)"} {
		if !strings.Contains(out, want) {
			t.Errorf("privapi checks does not list %q:\n%s", want, out)
		}
	}
	for _, tc := range []struct{ id, has string }{
		{"PA901", "expires"},
		{"PA902", "matches no finding"},
		{"PA104", "Severity: error; info when every subnet of the endpoint is in one Availability Zone"},
	} {
		code, out, _ := runCLI(t, "", "explain", tc.id)
		if code != exitOK || !strings.Contains(out, tc.has) {
			t.Errorf("explain %s: exit %d, want %q in:\n%s", tc.id, code, tc.has, out)
		}
	}
}
