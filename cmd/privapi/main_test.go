package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/sharedtest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func runCLI(t *testing.T, stdin string, args ...string) (exitCode, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// scrubVersion replaces the build version in an output by VERSION, so that
// golden files do not depend on it: only where the version stands as a
// whole token (not inside a word, a URL or another version), so that
// "developerguide" stays as it is when the version is "dev".
func scrubVersion(out string) string {
	re := regexp.MustCompile(`(^|[^\w.+/-])` + regexp.QuoteMeta(toolVersion()) + `([^\w.+/-]|$)`)
	return re.ReplaceAllString(out, "${1}VERSION${2}")
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/privapi -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from golden file (run go test ./cmd/privapi -update and review the diff)\n--- got:\n%s", name, got)
	}
}

func TestExitCodes(t *testing.T) {
	good := "../../fixtures/good-private-api/plan.json"
	bad := "../../fixtures/net-endpoint-missing/plan.json"
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  exitCode
		// errHas is a phrase the one-line error must contain ("" = no error output expected).
		errHas string
	}{
		{name: "version", args: []string{"version"}, want: exitOK},
		{name: "checks", args: []string{"checks"}, want: exitOK},
		{name: "explain unknown", args: []string{"explain", "PA999"}, want: exitInput, errHas: "unknown check"},
		{name: "unknown command", args: []string{"frobnicate"}, want: exitInput, errHas: "unknown command"},
		{name: "unknown flag", args: []string{"check", "--nope", good}, want: exitInput, errHas: "unknown flag"},
		{name: "good plan", args: []string{"check", good}, want: exitOK},
		{name: "failing plan", args: []string{"check", bad}, want: exitFindings},
		{name: "failing plan, fail-on none", args: []string{"check", "--fail-on", "none", bad}, want: exitOK},
		{name: "bad fail-on", args: []string{"check", "--fail-on", "sometimes", good}, want: exitInput, errHas: "--fail-on"},
		{name: "bad format", args: []string{"check", "--format", "yaml", good}, want: exitInput, errHas: "unknown format"},
		{name: "two formats on stdout", args: []string{"check", "-f", "text", "-f", "json", good}, want: exitInput, errHas: "only one format"},
		{name: "missing file", args: []string{"check", "does-not-exist.json"}, want: exitInput, errHas: "cannot open"},
		{name: "stdin", stdin: mustRead(t, good), args: []string{"check", "-"}, want: exitOK},
		{name: "stdin default", stdin: mustRead(t, good), args: []string{"check"}, want: exitOK},
		{name: "empty stdin", stdin: "", args: []string{"check", "-"}, want: exitInput, errHas: "empty"},
		{name: "not json", stdin: "hello", args: []string{"check", "-"}, want: exitInput, errHas: "JSON"},
		{name: "state is accepted", args: []string{"check", "../../../shared/realplans/scottford-io__aws-ec2-instances__vpc-sg-registry-modules-state.json"}, want: exitOK},
		{name: "bad source dir", args: []string{"check", "--source", "nowhere", good}, want: exitInput, errHas: "--source"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.Contains(strings.Join(tt.args, " "), "shared/realplans") {
				sharedtest.Require(t, "../../../shared/realplans")
			}
			code, _, errOut := runCLI(t, tt.stdin, tt.args...)
			if code != tt.want {
				t.Errorf("exit %d, want %d; stderr: %s", code, tt.want, errOut)
			}
			if tt.errHas != "" {
				if !strings.Contains(errOut, tt.errHas) {
					t.Errorf("stderr %q does not mention %q", errOut, tt.errHas)
				}
				if n := strings.Count(strings.TrimSpace(errOut), "\n"); n != 0 {
					t.Errorf("error is %d lines, want one: %q", n+1, errOut)
				}
				if strings.Contains(errOut, "goroutine") || strings.Contains(errOut, "panic") {
					t.Errorf("panic trace in output: %s", errOut)
				}
			}
		})
	}
}

func mustRead(t *testing.T, p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBinaryPlanWithoutTerraform(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "tfplan")
	if err := os.WriteFile(p, []byte("PK\x03\x04rest of a zip"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	code, _, errOut := runCLI(t, "", "check", p)
	if code != exitInput || !strings.Contains(errOut, "terraform") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

// TestGoldenOutputs pins the text and JSON reports of a few scenarios.
func TestGoldenOutputs(t *testing.T) {
	for _, sc := range []string{"good-private-api", "net-endpoint-sg-no-443", "policy-denies-other-vpce", "deploy-policy-change-no-redeploy"} {
		plan := filepath.Join("..", "..", "fixtures", sc, "plan.json")
		if _, err := os.Stat(plan); err != nil {
			t.Fatalf("fixture %s missing", sc)
		}
		for _, f := range []string{"text", "json"} {
			// --path-prefix: the golden files must not depend on where the
			// repository is checked out (TestReportPathsFromRepoRoot tests
			// the repository root).
			_, out, errOut := runCLI(t, "", "check", "--no-color", "--path-prefix", "fixtures/"+sc, "--format", f, plan)
			out = scrubVersion(out)
			golden(t, sc+"."+f, out)
			if errOut != "" {
				t.Errorf("%s %s: stderr %q", sc, f, errOut)
			}
			if f == "json" {
				var v map[string]any
				if err := json.Unmarshal([]byte(out), &v); err != nil {
					t.Errorf("%s: JSON output does not parse: %v", sc, err)
				}
			}
		}
	}
}

func TestFormatToFileAndStdout(t *testing.T) {
	dir := t.TempDir()
	sarif := filepath.Join(dir, "out.sarif")
	code, out, errOut := runCLI(t, "", "check", "--no-color", "-f", "sarif="+sarif, "-f", "text", "../../fixtures/good-private-api/plan.json")
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d stderr %q", code, errOut)
	}
	if !strings.Contains(out, "privapi:") {
		t.Errorf("text report missing on stdout: %q", out)
	}
	b, err := os.ReadFile(sarif)
	if err != nil || !bytes.Contains(b, []byte(`"version": "2.1.0"`)) {
		t.Errorf("sarif file: %v %.100s", err, b)
	}
}

func TestDeterministic(t *testing.T) {
	plan := "../../fixtures/net-endpoint-sg-no-443/plan.json"
	for _, f := range []string{"text", "json", "sarif", "junit", "github", "markdown"} {
		_, a, _ := runCLI(t, "", "check", "--no-color", "-f", f, plan)
		_, b, _ := runCLI(t, "", "check", "--no-color", "-f", f, plan)
		if a != b {
			t.Errorf("%s output differs between runs", f)
		}
	}
}

// TestScrubVersion: the scrubber replaces the version token only.
func TestScrubVersion(t *testing.T) {
	v := toolVersion()
	in := `"version": "` + v + `"` + "\nprivapi " + v + "\nhttps://docs.aws.amazon.com/x/" + v + "eloperguide/ " + v + "x x" + v + " " + v + ".1"
	want := `"version": "VERSION"` + "\nprivapi VERSION\nhttps://docs.aws.amazon.com/x/" + v + "eloperguide/ " + v + "x x" + v + " " + v + ".1"
	if got := scrubVersion(in); got != want {
		t.Errorf("scrubVersion:\n got %q\nwant %q", got, want)
	}
}
