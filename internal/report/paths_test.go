package report

import (
	"bytes"
	"strings"
	"testing"
)

// TestMarkdownPaths: the markdown report draws each path in a mermaid code
// block, says what was left out, and never writes a drawing that could end
// its code block.
func TestMarkdownPaths(t *testing.T) {
	r := &Report{Tool: Tool{Name: "privapi", Version: "test"}}
	var without bytes.Buffer
	if err := writeMarkdown(&without, r); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(without.String(), "### Paths") {
		t.Errorf("a report without paths has a Paths section:\n%s", without.String())
	}

	r.Paths = []PathDiagram{
		{API: "aws_api_gateway_rest_api.a", State: "broken", Mermaid: "flowchart LR\n  n1[\"a\"]\n"},
		{API: "aws_api_gateway_rest_api.b", State: "ok", Mermaid: "flowchart LR\n  n2[\"b\"]\n"},
		{API: "aws_api_gateway_rest_api.c", State: "unverified", Mermaid: "flowchart LR\n  n3[\"~~~\"]\n"},
	}
	r.PathsOmitted = 2
	var b bytes.Buffer
	if err := writeMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	want := "### Paths\n\n" +
		"API <code>aws_api_gateway_rest_api.a</code>, its path, with the broken hops in red:\n\n~~~mermaid\nflowchart LR\n  n1[\"a\"]\n~~~\n\n" +
		"API <code>aws_api_gateway_rest_api.b</code>, its path:\n\n~~~mermaid\nflowchart LR\n  n2[\"b\"]\n~~~\n\n" +
		"2 more APIs are not drawn here; `privapi graph` draws every one.\n\n"
	if !strings.Contains(out, want) {
		t.Errorf("markdown lacks the Paths section\n%s\nin:\n%s", want, out)
	}
	if strings.Contains(out, "rest_api.c") {
		t.Errorf("a drawing holding a backtick was written:\n%s", out)
	}
	if n := strings.Count(out, "~~~"); n != 4 {
		t.Errorf("%d code fences, want 4:\n%s", n, out)
	}
	if strings.Contains(out, "```") {
		t.Errorf("a backtick fence would end the diff block Atlantis wraps the output in:\n%s", out)
	}
}
