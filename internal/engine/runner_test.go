package engine_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/planfile"
)

// TestRunnerMatchesPipeline: a run gives the results of the stages called
// one by one.
func TestRunnerMatchesPipeline(t *testing.T) {
	plan := "../../fixtures/net-endpoint-sg-no-443/plan.json"
	res, diags := engine.Runner{}.Run(context.Background(), engine.Inputs{Plan: plan})
	if err := engine.Err(diags); err != nil {
		t.Fatal(err)
	}
	doc, err := planfile.Load(plan, planfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := engine.Analyze(doc, "")
	if err != nil {
		t.Fatal(err)
	}
	want := a.Check(checks.Options{})
	finding.Sort(want)
	if len(res.Results) != len(want) || len(want) == 0 {
		t.Fatalf("%d results, want %d", len(res.Results), len(want))
	}
	for i := range want {
		if res.Results[i].CheckID != want[i].CheckID || res.Results[i].Address != want[i].Address || res.Results[i].Status != want[i].Status {
			t.Errorf("result %d: %v, want %v", i, res.Results[i], want[i])
		}
	}
}

// TestRunnerWarningHasRange: a broken .tf file is a warning with its file
// and line, and the run goes on.
func TestRunnerWarningHasRange(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("../../fixtures/good-private-api/plan.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "plan.json"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte("resource \"x\" \"y\" {\n\n  a = \n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, diags := engine.Runner{FindSource: true}.Run(context.Background(), engine.Inputs{Plan: filepath.Join(dir, "plan.json")})
	if engine.Err(diags) != nil || res.Results == nil {
		t.Fatalf("run stopped: %v", diags)
	}
	if len(diags) != 1 || diags[0].Severity != hcl.DiagWarning || diags[0].Subject == nil ||
		filepath.Base(diags[0].Subject.Filename) != "main.tf" || diags[0].Subject.Start.Line != 3 {
		t.Fatalf("want one warning at main.tf:3, got %v", diags)
	}
}

// TestRunnerErrors: an input error stops the run with the original error;
// a cancelled context stops it after the stage that was running.
func TestRunnerErrors(t *testing.T) {
	_, diags := engine.Runner{}.Run(context.Background(), engine.Inputs{Plan: "no-such-file.json"})
	var ie *planfile.InputError
	if !errors.As(engine.Err(diags), &ie) {
		t.Errorf("missing file: %v, want a planfile.InputError", diags)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var stages []string
	r := engine.Runner{Stage: func(name string) {
		stages = append(stages, name)
		if name == "analyze" {
			cancel()
		}
	}}
	res, diags := r.Run(ctx, engine.Inputs{Plan: "../../fixtures/good-private-api/plan.json"})
	if !errors.Is(engine.Err(diags), context.Canceled) || res.Results != nil || len(stages) != 2 {
		t.Errorf("cancelled after analyze: stages %v, results %d, diags %v", stages, len(res.Results), diags)
	}
}

// TestRunnerUnusedWaivers: a config waiver that matches nothing is PA902,
// unless its check did not run.
func TestRunnerUnusedWaivers(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "privapi.hcl")
	if err := os.WriteFile(cfg, []byte("waiver {\n  check = \"PA111\"\n  address = \"aws_vpc_endpoint.nothing\"\n  reason = \"test\"\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, unused := range []bool{false, true} {
		skip := map[string]bool{"PA111": !unused}
		r := engine.Runner{ConfigFile: cfg, Skip: skip, Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }}
		res, diags := r.Run(context.Background(), engine.Inputs{Plan: "../../fixtures/good-private-api/plan.json"})
		if err := engine.Err(diags); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, x := range res.Results {
			if x.CheckID == "PA902" {
				n++
			}
		}
		if want := map[bool]int{false: 0, true: 1}[unused]; n != want {
			t.Errorf("PA111 runs=%v: %d PA902 results, want %d", unused, n, want)
		}
	}
}
