package engine_test

import (
	"testing"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/config"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/planfile"
	"github.com/privapi/privapi/internal/reach"
)

// TestAnalysisNetOnce: one reachability per view — the checks and the
// reports' path drawings share what Analysis.Net builds; a view built again
// (Declare) gets its own.
func TestAnalysisNetOnce(t *testing.T) {
	doc, err := planfile.Load("../../fixtures/good-private-api/plan.json", planfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := engine.Analyze(doc, "../../fixtures/good-private-api")
	if err != nil {
		t.Fatal(err)
	}
	n := a.Net()
	if n == nil || n.V != a.View || a.Net() != n {
		t.Fatalf("Net is not built once for the view")
	}
	asked := 0
	opts := checks.Options{Net: func() *reach.Net { asked++; return n }}
	results := checks.Run(a.View, opts)
	if asked != 1 {
		t.Errorf("the checks asked Options.Net %d times, want once for the run", asked)
	}
	if len(checks.Run(a.View, checks.Options{})) != len(results) {
		t.Errorf("the checks' results differ with the caller's Net")
	}
	a.Check(checks.Options{})
	if a.Net() != n {
		t.Errorf("Check built another Net")
	}
	a.Declare(&config.Config{})
	if m := a.Net(); m == n || m.V != a.View {
		t.Errorf("after Declare the Net must be the new view's")
	}
}
