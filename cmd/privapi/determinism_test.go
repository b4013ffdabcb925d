package main

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

var allFormats = []string{"text", "json", "sarif", "junit", "github", "markdown"}

// TestDeterministicOutput runs the privapi binary on every fixture (plans and
// states) three times — with GOMAXPROCS=1, GOMAXPROCS=8 and GOMAXPROCS=8
// again, each a fresh process with its own map iteration order and
// scheduling — writing every format to a file and text to standard output,
// and asserts that all runs give byte-identical reports, standard error and
// exit codes.
func TestDeterministicOutput(t *testing.T) {
	bin := privapiBinary(t)
	inputs, _ := filepath.Glob("../../fixtures/*/plan.json")
	states, _ := filepath.Glob("../../fixtures/*/state.json")
	inputs = append(inputs, states...)
	sort.Strings(inputs)
	if len(inputs) == 0 {
		t.Fatal("no fixtures")
	}
	procs := []string{"1", "8", "8"}
	if testing.Short() {
		procs = procs[:2]
	}
	for _, in := range inputs {
		name := filepath.Base(filepath.Dir(in)) + "/" + filepath.Base(in)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var first procResult
			for i, p := range procs {
				r := runAllFormats(t, bin, in, "GOMAXPROCS="+p)
				if r.code != 0 && r.code != 1 {
					t.Fatalf("GOMAXPROCS=%s: exit %d: %s", p, r.code, r.stderr)
				}
				if i == 0 {
					first = r
					continue
				}
				compareRuns(t, first, r)
			}
		})
	}
}

// runAllFormats runs check once with every format written to a file and
// text on standard output.
func runAllFormats(t *testing.T, bin, input string, env ...string) procResult {
	t.Helper()
	out := t.TempDir()
	args := []string{"check", "--no-color"}
	for _, f := range allFormats {
		args = append(args, "-f", f+"="+filepath.Join(out, f))
	}
	args = append(args, "-f", "text", input)
	wd, _ := os.Getwd()
	r := runBinary(t, bin, wd, env, args...)
	r.procsEnv = strings.Join(env, " ")
	r.files = map[string][]byte{}
	for _, f := range allFormats {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil && r.code != int(exitInput) {
			t.Fatalf("%s output: %v", f, err)
		}
		r.files[f] = b
	}
	return r
}

func compareRuns(t *testing.T, a, b procResult) {
	t.Helper()
	if a.code != b.code {
		t.Errorf("exit %d with %s, %d with %s", a.code, a.procsEnv, b.code, b.procsEnv)
	}
	if !bytes.Equal(a.stdout, b.stdout) {
		t.Errorf("standard output differs between %s and %s:\n%s", a.procsEnv, b.procsEnv, firstDiff(a.stdout, b.stdout))
	}
	if !bytes.Equal(a.stderr, b.stderr) {
		t.Errorf("standard error differs between %s and %s:\n%s", a.procsEnv, b.procsEnv, firstDiff(a.stderr, b.stderr))
	}
	for _, f := range allFormats {
		if !bytes.Equal(a.files[f], b.files[f]) {
			t.Errorf("%s report differs between %s and %s:\n%s", f, a.procsEnv, b.procsEnv, firstDiff(a.files[f], b.files[f]))
		}
	}
}

// firstDiff shows the first differing line of two outputs.
func firstDiff(a, b []byte) string {
	la, lb := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(la) || i < len(lb); i++ {
		var x, y string
		if i < len(la) {
			x = la[i]
		}
		if i < len(lb) {
			y = lb[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n  " + clipLine(x) + "\n  " + clipLine(y)
		}
	}
	return "(same lines, different bytes)"
}

func clipLine(s string) string {
	if len(s) > 300 {
		return s[:300] + "…"
	}
	return s
}
