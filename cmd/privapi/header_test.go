package main

import (
	"bytes"
	"strings"
	"testing"
)

// A plan's file name comes from the repository: in the Markdown heading of
// several plans it must stay text (no HTML, no mention, no link).
func TestWriteHeaderMarkdownIsInert(t *testing.T) {
	for _, name := range []string{
		"infra/<img src=x onerror=alert(1)>.tfplan.json",
		"@octocat/tfplan.json",
		"https://evil.example/tfplan.json",
		"a\n## forged heading/tfplan.json",
	} {
		var out bytes.Buffer
		writeHeader([]output{{name: "markdown"}}, name, 0, 2, streams{Out: &out})
		got := out.String()
		for _, bad := range []string{"<img", "\n## forged", "https://evil", " @octocat"} {
			if strings.Contains(got, bad) {
				t.Errorf("header for %q = %q: contains %q", name, got, bad)
			}
		}
		if !strings.HasPrefix(got, "## ") || !strings.HasSuffix(got, "(plan 1 of 2)\n\n") {
			t.Errorf("header for %q = %q: not one heading line", name, got)
		}
	}
}
