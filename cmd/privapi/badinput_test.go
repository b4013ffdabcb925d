package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const badDir = "../../fixtures/bad"

// badCLI is what privapi check must say about each file of fixtures/bad: a
// phrase of its one-line message, read from a path and (stdin, when it
// differs) from standard input. accepted marks the files that are valid
// input for check: it reads plans and states alike, so a state where a plan
// is required (and the reverse) cannot happen with any command today; that
// refusal is tested in internal/planfile (TestBadCorpus).
var badCLI = map[string]struct {
	phrase, stdin string
	accepted      bool
}{
	"empty.json":                    {phrase: "empty input"},
	"whitespace.json":               {phrase: "empty input (only whitespace)"},
	"bom-only.json":                 {phrase: "empty input (only a byte-order mark)"},
	"null.json":                     {phrase: "the JSON value is null"},
	"array.json":                    {phrase: "the JSON value is an array"},
	"string.json":                   {phrase: "the JSON value is a string"},
	"number.json":                   {phrase: "the JSON value is a number"},
	"empty-object.json":             {phrase: "empty JSON object"},
	"unknown-object.json":           {phrase: "no planned_values, resource_changes or values key"},
	"truncated.json":                {phrase: "truncated JSON"},
	"not-json.txt":                  {phrase: "not JSON"},
	"syntax-error.json":             {phrase: "invalid JSON at offset 110 (line 7, column 1)"},
	"trailing-data.json":            {phrase: "extra data after the top-level value"},
	"control-char.json":             {phrase: "control character"},
	"bad-escape.json":               {phrase: `invalid escape \U`},
	"invalid-utf8.json":             {phrase: "invalid UTF-8"},
	"utf16-no-bom.json":             {phrase: "UTF-16 without a byte-order mark"},
	"utf16-unpaired-surrogate.json": {phrase: "unpaired surrogate"},
	"utf16-odd-length.json":         {phrase: "odd number of bytes"},
	"duplicate-keys.json":           {phrase: `duplicate key "cidr_blocks"`},
	"duplicate-keys-escaped.json":   {phrase: `duplicate key "format_version"`},
	"number-overflow.json":          {phrase: "out of range (beyond float64)"},
	"deep-nesting.json":             {phrase: "nested deeper than 512 levels"},
	"format-version-2.json":         {phrase: "unsupported format_version 2.0"},
	"format-version-missing.json":   {phrase: "missing format_version"},
	"format-version-number.json":    {phrase: "format_version must be a string"},
	"schema-dump.json":              {phrase: "provider schema dump"},
	"plan-json-stream.json":         {phrase: "streaming output of terraform plan -json"},
	"raw-tfstate.json":              {phrase: "raw state file"},
	"plan-and-state-keys.json":      {phrase: "has both plan keys"},
	"wrong-type.json":               {phrase: "resource_changes is a JSON string"},
	"binary-plan.tfplan":            {phrase: "binary plan file needs terraform on PATH", stdin: "binary plan file on standard input"},
	"state-for-plan.json":           {accepted: true},
	"plan-for-state.json":           {accepted: true},
	"syntax-error.tf":               {phrase: "not JSON"},
	"config-error.privapi.hcl":      {phrase: "not JSON"},
	// A resource with a type but no values: Terraform never writes this, and
	// checking an empty world instead would be a silent pass.
	"plan-resource-no-values.json":  {phrase: "aws_api_gateway_rest_api.api"},
	"state-resource-no-values.json": {phrase: "aws_api_gateway_rest_api.api"},
}

// TestBadInputCLI gives every file of fixtures/bad to privapi check, by path,
// on standard input with "-" and on standard input without an argument, and
// asserts exit code 2, nothing on standard output, no report file, and one
// line on standard error that names the input and the problem.
func TestBadInputCLI(t *testing.T) {
	entries, err := os.ReadDir(badDir)
	if err != nil {
		t.Fatal(err)
	}
	// No terraform for the binary plan file.
	t.Setenv("PATH", t.TempDir())
	seen := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		if name == "README.md" {
			continue
		}
		seen[name] = true
		want, ok := badCLI[name]
		if !ok {
			t.Errorf("%s: no expectation in badCLI; add one", name)
			continue
		}
		path := filepath.Join(badDir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(name, func(t *testing.T) {
			if want.accepted {
				code, out, errOut := runCLI(t, "", "check", "--no-color", path)
				if code != exitOK && code != exitFindings {
					t.Errorf("exit %d, want 0 or 1 (check reads plans and states); stderr %q", code, errOut)
				}
				noPanic(t, errOut+out)
				if out == "" {
					t.Error("no report on standard output")
				}
				return
			}
			report := filepath.Join(t.TempDir(), "report.json")
			code, out, errOut := runCLI(t, "", "check", "--no-color", "-f", "json="+report, "-f", "text", path)
			expectInputError(t, code, out, errOut, "privapi: "+path+": ", want.phrase)
			if _, err := os.Stat(report); err == nil {
				t.Error("a report file was written for bad input")
			}

			phrase := want.phrase
			if want.stdin != "" {
				phrase = want.stdin
			}
			code, out, errOut = runCLI(t, string(data), "check", "-")
			expectInputError(t, code, out, errOut, "privapi: <stdin>: ", phrase)
			code, out, errOut = runCLI(t, string(data), "check", "--format", "sarif")
			expectInputError(t, code, out, errOut, "privapi: <stdin>: ", phrase)
		})
	}
	for name := range badCLI {
		if !seen[name] {
			t.Errorf("%s: expected in %s but missing", name, badDir)
		}
	}
}

func expectInputError(t *testing.T, code exitCode, out, errOut, prefix, phrase string) {
	t.Helper()
	if code != exitInput {
		first, _, _ := strings.Cut(out, "\n")
		t.Errorf("exit %d, want %d (%s); stdout starts %.100q, stderr %q", code, exitInput, phrase, first, errOut)
		return
	}
	if out != "" {
		t.Errorf("standard output not empty: %.200q", out)
	}
	if !strings.HasSuffix(errOut, "\n") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("standard error is not exactly one line: %q", errOut)
	}
	if !strings.HasPrefix(errOut, prefix) {
		t.Errorf("message %q does not start with %q", errOut, prefix)
	}
	if !strings.Contains(errOut, phrase) {
		t.Errorf("message %q does not contain %q", errOut, phrase)
	}
	noPanic(t, errOut)
}

func noPanic(t *testing.T, s string) {
	t.Helper()
	for _, p := range []string{"panic", "goroutine ", "internal error", "runtime error"} {
		if strings.Contains(s, p) {
			t.Errorf("output contains %q: %.300q", p, s)
		}
	}
}

// copyFiles copies files (path → name in dir).
func copyFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for src, name := range files {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestTFSyntaxErrorWarnsAndGoesOn puts fixtures/bad/syntax-error.tf next to
// a valid plan and its source: privapi warns once, in one line naming
// file:line, and its report is the one it makes without that file.
func TestTFSyntaxErrorWarnsAndGoesOn(t *testing.T) {
	const good = "../../fixtures/good-private-api/"
	clean := t.TempDir()
	copyFiles(t, clean, map[string]string{good + "main.tf": "main.tf", good + "plan.json": "plan.json"})
	wantCode, wantOut, wantErr := runCLI(t, "", "check", "--no-color", "-f", "json", filepath.Join(clean, "plan.json"))
	if wantErr != "" {
		t.Fatalf("clean run: stderr %q", wantErr)
	}

	dir := t.TempDir()
	copyFiles(t, dir, map[string]string{good + "main.tf": "main.tf", good + "plan.json": "plan.json", badDir + "/syntax-error.tf": "broken.tf"})
	code, out, errOut := runCLI(t, "", "check", "--no-color", "-f", "json", filepath.Join(dir, "plan.json"))
	if code != wantCode {
		t.Errorf("exit %d, want %d as without the broken file", code, wantCode)
	}
	// The reports name their input; the directories differ. A report may
	// name them relative to the working directory (a checkout under the
	// system's temporary directory does), so both forms are replaced.
	out, wantOut = maskDir(t, out, dir), maskDir(t, wantOut, clean)
	if out != wantOut {
		t.Errorf("report differs from the one without the broken file:\n%s\n---\n%s", out, wantOut)
	}
	checkWarning(t, errOut, "broken.tf:7:")

	// The only .tf file is broken: the run goes on without source and says
	// what it says without source.
	nosrc := t.TempDir()
	copyFiles(t, nosrc, map[string]string{good + "plan.json": "plan.json"})
	wantCode, wantOut, _ = runCLI(t, "", "check", "--no-color", "-f", "json", filepath.Join(nosrc, "plan.json"))
	copyFiles(t, nosrc, map[string]string{badDir + "/syntax-error.tf": "main.tf"})
	code, out, errOut = runCLI(t, "", "check", "--no-color", "-f", "json", filepath.Join(nosrc, "plan.json"))
	if code != wantCode {
		t.Errorf("only a broken main.tf: exit %d, want %d as without source", code, wantCode)
	}
	if out != wantOut {
		t.Errorf("only a broken main.tf: report differs from the one without source:\n%s\n---\n%s", out, wantOut)
	}
	checkWarning(t, errOut, "main.tf:7:")
}

// maskDir replaces dir in s, absolute and relative to the working
// directory, with "DIR".
func maskDir(t *testing.T, s, dir string) string {
	t.Helper()
	s = strings.ReplaceAll(s, dir, "DIR")
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if rel, err := filepath.Rel(wd, dir); err == nil {
		s = strings.ReplaceAll(s, rel, "DIR")
	}
	return s
}

func checkWarning(t *testing.T, errOut, fileLine string) {
	t.Helper()
	if strings.Count(errOut, "\n") != 1 || !strings.HasPrefix(errOut, "privapi: warning: ") {
		t.Errorf("want exactly one warning line, got %q", errOut)
	}
	if !strings.Contains(errOut, fileLine) || !strings.Contains(errOut, "continuing without") {
		t.Errorf("warning %q does not name %s and say that the run goes on", errOut, fileLine)
	}
	noPanic(t, errOut)
}

// TestConfigErrorExits2 gives fixtures/bad/config-error.privapi.hcl with
// --config and as the .privapi.hcl of the source directory: exit 2, no
// report, one line per problem naming file:line (both of them, so that
// they can be fixed in one go).
func TestConfigErrorExits2(t *testing.T) {
	const good = "../../fixtures/good-private-api/"
	cfg := badDir + "/config-error.privapi.hcl"
	expect := func(code exitCode, out, errOut, file string) {
		t.Helper()
		first, second, _ := strings.Cut(errOut, "\n")
		expectInputError(t, code, out, first+"\n", "privapi: "+file+":4,", "fail_on")
		expectInputError(t, code, out, second, "privapi: "+file+":6,", `The argument "reason" is required`)
	}
	code, out, errOut := runCLI(t, "", "check", "--config", cfg, good+"plan.json")
	expect(code, out, errOut, cfg)

	dir := t.TempDir()
	copyFiles(t, dir, map[string]string{good + "main.tf": "main.tf", good + "plan.json": "plan.json", cfg: ".privapi.hcl"})
	code, out, errOut = runCLI(t, "", "check", filepath.Join(dir, "plan.json"))
	expect(code, out, errOut, filepath.Join(dir, ".privapi.hcl"))

	// A --config file that does not exist is an error too, unlike a missing
	// default .privapi.hcl.
	code, out, errOut = runCLI(t, "", "check", "--config", filepath.Join(dir, "nope.hcl"), good+"plan.json")
	expectInputError(t, code, out, errOut, "privapi: ", "nope.hcl")
}
