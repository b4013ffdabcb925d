package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// The runbook's content is tested with golden files in internal/runbook;
// these tests cover the command: input handling, flags and exit codes.

func TestRunbookCommand(t *testing.T) {
	good := "../../fixtures/good-private-api/plan.json"
	state := "../../fixtures/model-applied-state/state.json"
	tests := []struct {
		name   string
		stdin  string
		args   []string
		want   exitCode
		outHas []string
		errHas string
	}{
		{name: "text", args: []string{"runbook", good}, want: exitOK,
			outHas: []string{"nslookup '<api-id of aws_api_gateway_rest_api.api>.execute-api.us-east-1.amazonaws.com'", "curl -v", "nc -vz", "traceroute -n -T -p 443", "API-Gateway-Execution-Logs_"}},
		{name: "markdown", args: []string{"runbook", "--format", "markdown", good}, want: exitOK,
			outHas: []string{"<!-- privapi-runbook -->", "```sh"}},
		{name: "md alias", args: []string{"runbook", "-f", "md", good}, want: exitOK, outHas: []string{"<!-- privapi-runbook -->"}},
		{name: "stdin", stdin: mustRead(t, good), args: []string{"runbook", "-"}, want: exitOK, outHas: []string{"Input: plan standard input"}},
		{name: "state", args: []string{"runbook", state}, want: exitOK,
			outHas: []string{"nslookup sxs3jlwfy5.execute-api.us-east-1.amazonaws.com", "10.20.0.50, 10.20.1.30"}},
		{name: "bad format", args: []string{"runbook", "--format", "sarif", good}, want: exitInput, errHas: "unknown format"},
		{name: "missing file", args: []string{"runbook", "does-not-exist.json"}, want: exitInput, errHas: "cannot open"},
		{name: "not json", stdin: "hello", args: []string{"runbook", "-"}, want: exitInput, errHas: "JSON"},
		{name: "two inputs", args: []string{"runbook", good, state}, want: exitInput, errHas: "accepts at most 1 arg"},
		{name: "bad source dir", args: []string{"runbook", "--source", "nowhere", good}, want: exitInput, errHas: "--source"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.stdin, tt.args...)
			if code != tt.want {
				t.Fatalf("exit code %d, want %d\nstderr: %s", code, tt.want, errOut)
			}
			for _, s := range tt.outHas {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
			if strings.Contains(out, "⟦") {
				t.Errorf("raw symbol token in the output:\n%s", out)
			}
			if tt.errHas != "" && !strings.Contains(errOut, tt.errHas) {
				t.Errorf("stderr %q lacks %q", errOut, tt.errHas)
			}
		})
	}
}

func TestRunbookOutputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "RUNBOOK.md")
	code, out, errOut := runCLI(t, "", "runbook", "-f", "markdown", "-o", path, "../../fixtures/good-private-api/plan.json")
	if code != exitOK {
		t.Fatalf("exit code %d: %s", code, errOut)
	}
	if out != "" {
		t.Errorf("standard output should be empty with --output, got %q", out)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "<!-- privapi-runbook -->") {
		t.Errorf("unexpected file content:\n%s", b)
	}
}

// TestAtlantisExample runs scripts/atlantis-example.sh, which runs the
// Atlantis step documented in docs/integrations.md on fixture plans, with
// the privapi binary the tests build once.
func TestAtlantisExample(t *testing.T) {
	if testing.Short() {
		t.Skip("builds privapi; skipped with -short")
	}
	if runtime.GOOS == "windows" {
		t.Skip("the Atlantis example is a POSIX shell script")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not available")
	}
	bin := filepath.Dir(privapiBinary(t))
	cmd := exec.Command(bash, "../../scripts/atlantis-example.sh")
	cmd.Env = append(os.Environ(), "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("atlantis-example.sh: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "atlantis-example: ok") {
		t.Errorf("unexpected output:\n%s", out)
	}
}
