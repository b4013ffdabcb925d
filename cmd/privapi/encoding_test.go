package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/escape"
	"github.com/privapi/privapi/internal/report"
)

const hostilePlan = "../../fixtures/hostile-output-strings/plan.json"

var ghCommandLine = regexp.MustCompile(`^::(error|warning|notice) (file|title)=`)

// TestHostileStageNameInert: a stage name holding a shell command
// substitution, a workflow command after a line feed, an OSC 52 escape and
// an @mention comes out inert in every format, on standard error and in the
// runbook.
func TestHostileStageNameInert(t *testing.T) {
	t.Setenv("GITHUB_STEP_SUMMARY", "")
	runs := map[string][]string{"runbook text": {"runbook", hostilePlan}, "runbook markdown": {"runbook", "-f", "markdown", hostilePlan}}
	for _, f := range report.Names() {
		runs[f] = []string{"check", "--no-color", "--verbose", "-f", f, hostilePlan}
	}
	for name, args := range runs {
		_, out, errOut := runCLI(t, "", args...)
		if !strings.Contains(out, "touch pwned") {
			t.Errorf("%s: the stage name is not in the output at all", name)
		}
		for label, s := range map[string]string{"stdout": out, "stderr": errOut} {
			for _, c := range s {
				if escape.Unsafe(c) {
					t.Errorf("%s %s: raw %U", name, label, c)
					break
				}
			}
			for _, l := range strings.Split(s, "\n") {
				if escape.IsCommandLine(l) && !(name == "github" && ghCommandLine.MatchString(l)) {
					t.Errorf("%s %s: a line the Actions runner reads as a command: %q", name, label, l)
				}
			}
		}
	}
}

// TestRunbookCommandsDoNotRun pastes every command of the runbook into sh
// (with curl, nslookup and the like replaced by printf): the stage name's
// $(touch pwned) must never run.
func TestRunbookCommandsDoNotRun(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	_, out, _ := runCLI(t, "", "runbook", hostilePlan)
	dir := t.TempDir()
	n := 0
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(l)
		cmd, ok := strings.CutPrefix(l, "$ ")
		if !ok {
			continue
		}
		n++
		// the first word is the program: print the arguments instead
		_, rest, _ := strings.Cut(cmd, " ")
		c := exec.Command(sh, "-c", "printf '%s\\n' "+rest)
		c.Dir = dir
		if b, err := c.CombinedOutput(); err != nil {
			t.Errorf("sh could not parse %q: %v %s", cmd, err, b)
		}
	}
	if n == 0 {
		t.Fatal("no command in the runbook")
	}
	if _, err := os.Stat(filepath.Join(dir, "pwned")); err == nil {
		t.Fatal("a runbook command ran the stage name's $(touch pwned)")
	}
}
