package engine_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/finding"
)

// TestCountPassesSameResults: a run that counts passes gives the results
// of a full run without its passes, in the same order, and counts exactly
// the passes the full run returns — on every fixture, with its source and
// configuration file, and on joined stacks (whose passes about other
// stacks' resources --report checked leaves out).
func TestCountPassesSameResults(t *testing.T) {
	plans, _ := filepath.Glob("../../fixtures/*/plan.json")
	if len(plans) < 10 {
		t.Fatalf("only %d fixture plans", len(plans))
	}
	type run struct {
		in  engine.Inputs
		all bool
	}
	var runs []run
	for _, p := range plans {
		runs = append(runs, run{in: engine.Inputs{Plan: p}})
	}
	const stacks = "../../fixtures/stacks/"
	for _, all := range []bool{false, true} {
		runs = append(runs, run{all: all, in: engine.Inputs{
			Plan: stacks + "services/orders/tfplan.json",
			With: []engine.Context{engine.ParseContext(stacks + "network/state.json"), engine.ParseContext(stacks + "network-next/plan.json")},
		}}, run{all: all, in: engine.Inputs{
			Plan: stacks + "network-next/plan.json",
			With: []engine.Context{engine.ParseContext(stacks + "services/orders/tfplan.json"), engine.ParseContext(stacks + "services/reports/tfplan.json")},
		}})
	}
	sawPass, sawFiltered := false, false
	for _, r := range runs {
		full := engine.Runner{FindSource: true, FindConfig: true, ReportAll: r.all}
		counted := full
		counted.CountPasses = true
		want, diags := full.Run(context.Background(), r.in)
		if err := engine.Err(diags); err != nil {
			t.Fatalf("%s: %v", r.in.Plan, err)
		}
		got, diags := counted.Run(context.Background(), r.in)
		if err := engine.Err(diags); err != nil {
			t.Fatalf("%s: %v", r.in.Plan, err)
		}
		var findings []finding.Result
		passes := 0
		for _, x := range want.Results {
			if x.Status == finding.Pass {
				passes++
				continue
			}
			findings = append(findings, x)
		}
		if want.Passed != 0 {
			t.Errorf("%s: a full run counts %d passes apart", r.in.Plan, want.Passed)
		}
		if got.Passed != passes {
			t.Errorf("%s: counted %d passes, the full run has %d", r.in.Plan, got.Passed, passes)
		}
		if !reflect.DeepEqual(got.Results, findings) && len(got.Results)+len(findings) > 0 {
			t.Errorf("%s: results differ from the full run's without passes:\n got %v\nwant %v", r.in.Plan, got.Results, findings)
		}
		sawPass = sawPass || passes > 0
		if len(r.in.With) > 0 && !r.all {
			all := full
			all.ReportAll = true
			every, _ := all.Run(context.Background(), r.in)
			n := 0
			for _, x := range every.Results {
				if x.Status == finding.Pass {
					n++
				}
			}
			sawFiltered = sawFiltered || n > passes
		}
	}
	if !sawPass || !sawFiltered {
		t.Errorf("the inputs test too little: passes %v, passes about other stacks left out %v", sawPass, sawFiltered)
	}
}
