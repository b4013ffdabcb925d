package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCLINiceties: --version, a suggestion for a mistyped command, and
// the text report on standard output when every format goes to a file.
func TestCLINiceties(t *testing.T) {
	good := "../../fixtures/good-private-api/plan.json"
	tests := []struct {
		name           string
		args           []string
		code           exitCode
		stdout, stderr string // exact ("" = must be empty), or a prefix with a trailing "…"
	}{
		{"--version", []string{"--version"}, exitOK, "privapi " + toolVersion() + "\n", ""},
		{"version command agrees", []string{"version"}, exitOK, "privapi " + toolVersion() + "\n", ""},
		{"typo", []string{"chek", good}, exitInput, "", `privapi: unknown command "chek" for "privapi"; did you mean check or checks?` + "\n"},
		{"typo, one suggestion", []string{"exlpain", "PA101"}, exitInput, "", `privapi: unknown command "exlpain" for "privapi"; did you mean explain?` + "\n"},
		{"nothing close", []string{"frobnicate"}, exitInput, "", `privapi: unknown command "frobnicate" for "privapi"` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", tt.args...)
			if code != tt.code || out != tt.stdout || errOut != tt.stderr {
				t.Errorf("exit %d, stdout %q, stderr %q\nwant %d, %q, %q", code, out, errOut, tt.code, tt.stdout, tt.stderr)
			}
		})
	}
}

// TestTextWhenEveryFormatGoesToAFile: with -f sarif=FILE alone (or -o) the
// terminal still gets the text report; with a format on standard output it
// gets only that.
func TestTextWhenEveryFormatGoesToAFile(t *testing.T) {
	plan := "../../fixtures/log-no-access-logs/plan.json"
	_, text, _ := runCLI(t, "", "check", "--no-color", plan)
	dir := t.TempDir()
	sarif, js := filepath.Join(dir, "r.sarif"), filepath.Join(dir, "r.json")
	tests := []struct {
		name     string
		args     []string
		wantText bool
		file     string
	}{
		{"sarif to a file", []string{"-f", "sarif=" + sarif}, true, sarif},
		{"json with -o", []string{"-f", "json", "-o", js}, true, js},
		{"sarif to a file, github on stdout", []string{"-f", "sarif=" + sarif, "-f", "github"}, false, sarif},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os.Remove(tt.file)
			code, out, errOut := runCLI(t, "", append(append([]string{"check", "--no-color"}, tt.args...), plan)...)
			if code != exitOK || errOut != "" {
				t.Fatalf("exit %d, stderr %q", code, errOut)
			}
			if got := out == text; got != tt.wantText {
				t.Errorf("stdout is the text report: %v, want %v; stdout:\n%s", got, tt.wantText, out)
			}
			if st, err := os.Stat(tt.file); err != nil || st.Size() == 0 {
				t.Errorf("%s not written: %v", tt.file, err)
			}
		})
	}
}

// TestCompletion: the shell completion offers formats, FORMAT= file names,
// levels and check IDs (also after a comma, and for explain).
func TestCompletion(t *testing.T) {
	tests := []struct {
		name      string
		args      []string
		want      []string // lines that must be offered
		not       []string // lines that must not
		directive string
	}{
		{"formats", []string{"check", "-f", ""}, []string{"text", "json", "sarif", "junit", "github", "markdown"}, nil, ":4"},
		{"file after FORMAT=", []string{"check", "--format", "sarif="}, nil, []string{"text"}, ":0"},
		{"unknown FORMAT=", []string{"check", "--format", "yaml="}, nil, nil, ":4"},
		{"fail-on", []string{"check", "--fail-on", ""}, []string{"error", "warning", "info", "none"}, nil, ":4"},
		{"check IDs", []string{"check", "--check", ""}, []string{"PA101\tendpoint-missing", "PA504\taccess-logging-off", "PA902\twaiver-unused"}, nil, ":4"},
		{"after a comma", []string{"check", "--skip-check", "PA101,"}, []string{"PA101,PA202\tpolicy-denies"}, []string{"PA202\tpolicy-denies"}, ":4"},
		{"explain", []string{"explain", ""}, []string{"PA202\tpolicy-denies"}, nil, ":4"},
		{"graph formats", []string{"graph", "--format", ""}, []string{"mermaid", "dot"}, []string{"text"}, ":4"},
		{"explain takes one", []string{"explain", "PA202", ""}, nil, []string{"PA202\tpolicy-denies"}, ":4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, _ := runCLI(t, "", append([]string{"__complete"}, tt.args...)...)
			if code != exitOK {
				t.Fatalf("exit %d", code)
			}
			lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
			has := map[string]bool{}
			for _, l := range lines {
				has[l] = true
			}
			for _, w := range tt.want {
				if !has[w] {
					t.Errorf("%q not offered:\n%s", w, out)
				}
			}
			for _, n := range tt.not {
				if has[n] {
					t.Errorf("%q offered:\n%s", n, out)
				}
			}
			if last := lines[len(lines)-1]; last != tt.directive {
				t.Errorf("directive %q, want %q", last, tt.directive)
			}
		})
	}
}

func TestSuggestionLine(t *testing.T) {
	for in, want := range map[string]string{
		"unknown command \"x\" for \"privapi\"\n\nDid you mean this?\n\tcheck\n\tchecks\n": `unknown command "x" for "privapi"; did you mean check or checks?`,
		"unknown command \"x\" for \"privapi\"\n\nDid you mean this?\n":                    `unknown command "x" for "privapi"`,
		"something else\nsecond": "something else\nsecond",
	} {
		if got := suggestionLine(in); got != want {
			t.Errorf("suggestionLine(%q) = %q, want %q", in, got, want)
		}
	}
}
