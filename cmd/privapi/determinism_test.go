package main

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/privapi/privapi/internal/longtest"
)

var allFormats = []string{"text", "json", "sarif", "junit", "github", "markdown"}

// TestDeterministicOutput runs the privapi binary on fixtures (plans and
// states) three times — with GOMAXPROCS=1, GOMAXPROCS=8 and GOMAXPROCS=8
// again, each a fresh process with its own map iteration order and
// scheduling — writing every format to a file and text to standard output,
// and asserts that all runs give byte-identical reports, standard error and
// exit codes. `go test ./...` runs it on the fixtures that stress the
// concurrent checks (bench-*) and on the states; with PRIVAPI_LONG_TESTS=1
// (a step of CI) it runs on every fixture. TestDeterministicInProcess
// covers every fixture in `go test ./...`.
func TestDeterministicOutput(t *testing.T) {
	bin := privapiBinary(t)
	inputs := fixtureInputs(t)
	if !longtest.Enabled() {
		var some []string
		for _, in := range inputs {
			if strings.HasPrefix(filepath.Base(filepath.Dir(in)), "bench-") || filepath.Base(in) == "state.json" {
				some = append(some, in)
			}
		}
		if len(some) == 0 {
			t.Fatal("no bench-* fixture and no state")
		}
		inputs = some
	}
	procs := []string{"1", "8", "8"}
	if testing.Short() || !longtest.Enabled() {
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

// TestDeterministicInProcess runs check twice in this process on every
// fixture, every format to a file and text to standard output, and asserts
// byte-identical results: each run iterates its maps in a new random order
// and schedules its concurrent checks anew. It is the quick part of
// TestDeterministicOutput, which starts fresh processes.
func TestDeterministicInProcess(t *testing.T) {
	for _, in := range fixtureInputs(t) {
		name := filepath.Base(filepath.Dir(in)) + "/" + filepath.Base(in)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			a := firstRun(t, in)
			if a.code != int(exitOK) && a.code != int(exitFindings) {
				t.Fatalf("exit %d: %s", a.code, a.stderr)
			}
			compareRuns(t, a, runAllFormatsInProcess(t, in, "the second"))
		})
	}
}

// fixtureInputs lists every fixture's plan.json and state.json.
func fixtureInputs(t *testing.T) []string {
	t.Helper()
	inputs, _ := filepath.Glob("../../fixtures/*/plan.json")
	states, _ := filepath.Glob("../../fixtures/*/state.json")
	inputs = append(inputs, states...)
	sort.Strings(inputs)
	if len(inputs) == 0 {
		t.Fatal("no fixtures")
	}
	return inputs
}

// firstRuns holds the first in-process run of each fixture
// (runAllFormatsInProcess), which TestDeterministicInProcess compares with
// a second run and TestJSONOutputMatchesSchema validates.
var firstRuns sync.Map // input path → *onceRun

type onceRun struct {
	once sync.Once
	r    procResult
	ok   bool
}

// firstRun is the first in-process run of the fixture at input.
func firstRun(t *testing.T, input string) procResult {
	t.Helper()
	v, _ := firstRuns.LoadOrStore(input, &onceRun{})
	o := v.(*onceRun)
	o.once.Do(func() {
		o.r = runAllFormatsInProcess(t, input, "the first run in this process")
		o.ok = true
	})
	if !o.ok {
		t.Fatalf("%s: the first run failed", input)
	}
	return o.r
}

// runAllFormatsInProcess is runAllFormats through run, in this process.
func runAllFormatsInProcess(t *testing.T, input, label string) procResult {
	t.Helper()
	out := t.TempDir()
	args := []string{"check", "--no-color"}
	for _, f := range allFormats {
		args = append(args, "-f", f+"="+filepath.Join(out, f))
	}
	args = append(args, "-f", "text", input)
	var stdout, stderr bytes.Buffer
	code := run(args, strings.NewReader(""), &stdout, &stderr)
	r := procResult{code: int(code), stdout: stdout.Bytes(), stderr: stderr.Bytes(), procsEnv: label, files: map[string][]byte{}}
	for _, f := range allFormats {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil && code != exitInput {
			t.Fatalf("%s output: %v", f, err)
		}
		r.files[f] = b
	}
	return r
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
