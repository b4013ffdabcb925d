package engine_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/planfile"
	"github.com/privapi/privapi/internal/sharedtest"
)

// TestRealPlans runs the whole pipeline on every real plan and state from
// public repositories: each must load and be checked without error.
func TestRealPlans(t *testing.T) {
	files := sharedtest.Glob(t, "../../../shared/realplans/*.json")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			doc, err := planfile.Load(f, planfile.Options{})
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			a, err := engine.Analyze(doc, "")
			if err != nil {
				t.Fatalf("analyze: %v", err)
			}
			rs := a.Check(checks.Options{})
			for _, r := range rs {
				if r.CheckID == "" || r.Address == "" && r.API == "" {
					t.Errorf("result without id/address: %+v", r)
				}
			}
		})
	}
}

// TestFixturesWithoutSource checks that every fixture also analyses from
// the plan alone (no .tf): nothing may break when the source is absent.
func TestFixturesWithoutSource(t *testing.T) {
	files, _ := filepath.Glob("../../fixtures/*/plan.json")
	for _, f := range files {
		doc, err := planfile.Load(f, planfile.Options{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		a, err := engine.Analyze(doc, "")
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		a.Check(checks.Options{})
	}
	if _, err := os.Stat("../../fixtures"); err != nil {
		t.Fatal(err)
	}
}
