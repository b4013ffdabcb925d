package engine_test

import (
	"bytes"
	"context"
	"path/filepath"
	"reflect"
	"runtime"
	"testing"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/report"
)

// TestWorkersSameOutput: the checks run on several goroutines (the
// default with more than two CPUs) give, on every fixture plan and state read with its source and
// configuration file, the JSON and SARIF reports, results and warnings of
// a run one after another, byte for byte. Run with -race (CI does), it
// also proves that checks running at once write nothing they share: the
// view and the run's reach.Net are only read.
func TestWorkersSameOutput(t *testing.T) {
	inputs, _ := filepath.Glob("../../fixtures/*/plan.json")
	states, _ := filepath.Glob("../../fixtures/*/state.json")
	inputs = append(inputs, states...)
	if len(inputs) < 100 {
		t.Fatalf("only %d fixture inputs", len(inputs))
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(4)) // several workers even on a small machine
	for _, in := range inputs {
		seq := engine.Runner{FindSource: true, FindConfig: true, Workers: 1}
		par := seq
		par.Workers = 0 // the default: one per CPU (4 here)
		want, wantDiags := seq.Run(context.Background(), engine.Inputs{Plan: in})
		if err := engine.Err(wantDiags); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		got, gotDiags := par.Run(context.Background(), engine.Inputs{Plan: in})
		if err := engine.Err(gotDiags); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if !reflect.DeepEqual(got.Results, want.Results) {
			t.Errorf("%s: results with workers differ from those one after another", in)
		}
		if !reflect.DeepEqual(gotDiags, wantDiags) {
			t.Errorf("%s: warnings with workers differ:\n%v\n%v", in, gotDiags, wantDiags)
		}
		for _, format := range []string{"json", "sarif"} {
			if g, w := render(t, format, got), render(t, format, want); !bytes.Equal(g, w) {
				t.Errorf("%s: %s report with workers differs from the one of a run one after another", in, format)
			}
		}
	}
}

// render writes res in format as privapi check does (without the paths
// drawings).
func render(t *testing.T, format string, res engine.Result) []byte {
	t.Helper()
	doc := res.Doc
	rep := &report.Report{
		Tool:       report.Tool{Name: "privapi", Version: "test"},
		Input:      report.Input{Path: res.ShowPath(doc.Path), Kind: string(doc.Kind), TerraformVersion: doc.TerraformVersion, FormatVersion: doc.FormatVersion},
		Results:    res.Results,
		Passed:     res.Passed,
		SourceRoot: res.Analysis.SourceDir,
	}
	for _, c := range checks.All() {
		rep.Checks = append(rep.Checks, report.CheckInfo{ID: c.ID, Name: c.Name, Severity: c.Severity, Title: c.Title, Doc: c.Doc, HelpURI: c.HelpURI()})
	}
	f, err := report.Get(format)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b, rep); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
