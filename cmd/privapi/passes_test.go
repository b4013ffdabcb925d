package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/report"
)

// TestCountedPassesSameOutput: without junit the passes are only counted
// (engine.Runner.CountPasses); every other format writes the same bytes as
// in a run that builds every pass (forced here by adding a junit report to
// a file), and that junit report is the one a junit-only run writes.
func TestCountedPassesSameOutput(t *testing.T) {
	plans := []string{
		"../../fixtures/good-private-api/plan.json", // passes only
		"../../fixtures/net-endpoint-sg-no-443/plan.json",
		"../../fixtures/good-module-foreach/plan.json",
		"../../fixtures/hostile-output-strings/plan.json",
	}
	junit := filepath.Join(t.TempDir(), "junit.xml")
	for _, plan := range plans {
		for _, name := range report.Names() {
			if report.ListsPasses(name) {
				continue
			}
			_, counted, _ := runCLI(t, "", "check", "-f", name, plan)
			_, full, _ := runCLI(t, "", "check", "-f", name, "-f", "junit="+junit, plan)
			if counted != full {
				t.Errorf("%s, %s: output with counted passes differs from the full run's\n--- counted:\n%s\n--- full:\n%s", plan, name, counted, full)
			}
			if name == "text" && plan == plans[0] && !strings.Contains(counted, " passed.") {
				t.Errorf("%s: the text report names no passes:\n%s", plan, counted)
			}
		}
		_, want, _ := runCLI(t, "", "check", "-f", "junit", plan)
		got, err := os.ReadFile(junit)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s: junit written to a file beside another format differs from junit alone", plan)
		}
	}
}
