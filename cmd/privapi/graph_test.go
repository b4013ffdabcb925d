package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestGraphCommand: privapi graph writes the path of each API in Mermaid
// (default) or DOT, marks broken hops, writes to a file with -o, says on
// standard error what a cap left out, and refuses bad flags with exit 2.
func TestGraphCommand(t *testing.T) {
	bad := "../../fixtures/net-endpoint-sg-no-443/plan.json"
	stacks := "../../fixtures/model-foreach-stacks/plan.json"
	out := filepath.Join(t.TempDir(), "g.dot")
	tests := []struct {
		name           string
		args           []string
		code           exitCode
		stdoutHas      []string
		stderrHas      string // "" = empty
		stdoutIsEmpty  bool
		writesDOTtoOut bool
	}{
		{name: "mermaid", args: []string{"graph", bad}, stdoutHas: []string{"flowchart LR\n", "endpoint security groups<br/>aws_security_group.endpoint<br/>#10007; broken: PA111", "class n3 broken"}},
		{name: "dot", args: []string{"graph", "--format", "dot", bad}, stdoutHas: []string{"digraph privapi {\n", `label="endpoint security groups\naws_security_group.endpoint\n&#10007; broken: PA111", color="#d00000"`}},
		{name: "to a file", args: []string{"graph", "-f", "dot", "-o", out, bad}, stdoutIsEmpty: true, writesDOTtoOut: true},
		{name: "capped", args: []string{"graph", "--max-apis", "1", stacks}, stdoutHas: []string{"more APIs not drawn\n"}, stderrHas: "privapi: warning: 3 more APIs not drawn (--max-apis 1)\n"},
		{name: "bad format", args: []string{"graph", "-f", "svg", bad}, code: exitInput, stdoutIsEmpty: true, stderrHas: `privapi: unknown format "svg" for graph: use mermaid or dot` + "\n"},
		{name: "negative cap", args: []string{"graph", "--max-apis", "-1", bad}, code: exitInput, stdoutIsEmpty: true, stderrHas: "privapi: --max-apis and --max-clients must be 0 (no limit) or more\n"},
		{name: "bad input", args: []string{"graph", "../../fixtures/bad/truncated.json"}, code: exitInput, stdoutIsEmpty: true, stderrHas: "privapi: ../../fixtures/bad/truncated.json: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, "", tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.code, stderr)
			}
			for _, s := range tt.stdoutHas {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
			if tt.stdoutIsEmpty && stdout != "" {
				t.Errorf("stdout not empty: %q", stdout)
			}
			if tt.stderrHas == "" && stderr != "" || !strings.HasPrefix(stderr, tt.stderrHas) || strings.Count(stderr, "\n") > 1 {
				t.Errorf("stderr %q, want one line starting %q", stderr, tt.stderrHas)
			}
			if tt.writesDOTtoOut {
				b, err := os.ReadFile(out)
				if err != nil || !strings.HasPrefix(string(b), "digraph privapi {\n") {
					t.Errorf("%s: %v %.80q", out, err, b)
				}
			}
		})
	}
}

// TestReportPaths: the markdown report and the GitHub step summary draw
// the path with the broken hop; text, JSON and the annotations do not.
func TestReportPaths(t *testing.T) {
	plan := "../../fixtures/net-endpoint-sg-no-443/plan.json"
	const broken = "n3[\"endpoint security groups<br/>aws_security_group.endpoint<br/>#10007; broken: PA111\"]"

	_, md, _ := runCLI(t, "", "check", "-f", "markdown", plan)
	if !strings.Contains(md, "### Paths\n\nAPI <code>aws_api_gateway_rest_api.api</code>, its path, with the broken hops in red:\n\n~~~mermaid\nflowchart LR\n") ||
		!strings.Contains(md, broken) || !strings.Contains(md, "  class n3 broken\n~~~\n") {
		t.Errorf("markdown does not draw the broken path:\n%s", md)
	}

	summary := filepath.Join(t.TempDir(), "summary.md")
	t.Setenv("GITHUB_STEP_SUMMARY", summary)
	_, gh, _ := runCLI(t, "", "check", "-f", "github", plan)
	b, err := os.ReadFile(summary)
	if err != nil || !strings.Contains(string(b), "~~~mermaid\n") || !strings.Contains(string(b), broken) {
		t.Errorf("step summary does not draw the path (%v):\n%s", err, b)
	}
	t.Setenv("GITHUB_STEP_SUMMARY", "")
	for name, out := range map[string]string{"github": gh} {
		if strings.Contains(out, "mermaid") {
			t.Errorf("%s output draws the path:\n%s", name, out)
		}
	}
	for _, f := range []string{"text", "json", "sarif", "junit"} {
		_, out, _ := runCLI(t, "", "check", "-f", f, plan)
		if strings.Contains(out, "flowchart") {
			t.Errorf("%s output draws the path", f)
		}
	}
}
