package engine_test

import (
	"context"
	"testing"

	"github.com/privapi/privapi/internal/engine"
)

// TestRunnerReleasesChanges: a run drops the decoded resource changes once
// the model holds them (they are most of a large plan's memory), and keeps
// what the document tells about the input. TestRunnerMatchesPipeline shows
// the results do not change.
func TestRunnerReleasesChanges(t *testing.T) {
	res, diags := engine.Runner{AnalyzeOnly: true}.Run(context.Background(), engine.Inputs{Plan: "../../fixtures/good-private-api/plan.json"})
	if err := engine.Err(diags); err != nil {
		t.Fatal(err)
	}
	p := res.Doc.Plan
	if p == nil || p.ResourceChanges != nil || p.PriorState != nil {
		t.Fatalf("plan after the run: %+v, want one without resource changes and prior state", p)
	}
	if p.Config == nil || p.TerraformVersion == "" || p.FormatVersion == "" {
		t.Errorf("plan after the run lost its configuration or versions: %+v", p)
	}
	if len(res.Analysis.Model.Instances) == 0 {
		t.Error("the model has no instances")
	}
}
