package checks_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/config"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/planfile"
)

// expected is a scenario's expected.json.
type expected struct {
	Description string `json:"description"`
	Findings    []struct {
		ID      string `json:"id"`
		Status  string `json:"status"`
		Address string `json:"address"`
		// Severity, when set, is the severity the finding must have.
		Severity string `json:"severity"`
	} `json:"findings"`
	Absent []string `json:"absent"`
}

// TestFixtures runs every scenario under fixtures/ end to end and compares
// the results with its expected.json.
func TestFixtures(t *testing.T) {
	dirs, _ := filepath.Glob("../fixtures/*/expected.json")
	if len(dirs) == 0 {
		t.Fatal("no fixtures found")
	}
	registered := map[string]bool{}
	for _, c := range checks.All() {
		registered[c.ID] = true
	}
	for _, exp := range dirs {
		dir := filepath.Dir(exp)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			var want expected
			data, err := os.ReadFile(exp)
			if err != nil {
				t.Fatal(err)
			}
			// a misspelt key ("finding", "absence") would otherwise be
			// dropped, and with it the assertions it holds
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&want); err != nil {
				t.Fatalf("%s: %v", exp, err)
			}
			// an absent ID that is no check (a typo) would assert nothing
			for _, ab := range want.Absent {
				if !registered[ab] && ab != "unverified" && ab != "error" && ab != "warning" {
					t.Errorf("expected.json's absent names %q, which is no registered check (nor unverified, error or warning)", ab)
				}
			}
			planPath := filepath.Join(dir, "plan.json")
			if _, err := os.Stat(planPath); err != nil {
				planPath = filepath.Join(dir, "state.json")
			}
			doc, err := planfile.Load(planPath, planfile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			a, err := engine.Analyze(doc, dir)
			if err != nil {
				t.Fatal(err)
			}
			// a split stack's .privapi.hcl declares what the plan cannot see
			if cfgPath := filepath.Join(dir, ".privapi.hcl"); fileExists(cfgPath) {
				cfg, err := config.Load(cfgPath, engine.CheckIDs())
				if err != nil {
					t.Fatal(err)
				}
				a.Declare(cfg)
			}
			results := a.Check(checks.Options{})
			var got []string
			for _, r := range results {
				if r.Status != finding.Pass {
					got = append(got, r.CheckID+":"+string(r.Status)+" "+r.Address+" — "+r.Message)
				}
			}
			sort.Strings(got)
			report := "\n  " + strings.Join(got, "\n  ")
			listed := map[string]bool{}
			for _, f := range want.Findings {
				listed[f.ID] = true
				if !registered[f.ID] {
					t.Errorf("expected.json names %s, which is no registered check", f.ID)
					continue
				}
				found := false
				for _, r := range results {
					if r.CheckID == f.ID && string(r.Status) == f.Status && (f.Address == "" || r.Address == f.Address) &&
						(f.Severity == "" || r.Severity.String() == f.Severity) {
						found = true
						break
					}
				}
				if !found {
					t.Errorf("want %s %s %s at %q; got:%s", f.ID, f.Status, f.Severity, f.Address, report)
				}
			}
			for _, r := range results {
				// the listed severity (privapi checks, explain) is the one reported
				if c := checks.Lookup(r.CheckID); c != nil && !c.Reports(r.Severity) {
					t.Errorf("%s reports %s, which privapi checks does not list (%s): %s", r.CheckID, r.Severity, c.SeverityText(), r.Message)
				}
			}
			for _, ab := range want.Absent {
				for _, r := range results {
					if r.Status == finding.Pass {
						continue
					}
					switch {
					case ab == "unverified":
						if r.Status == finding.Unverified && !listed[r.CheckID] {
							t.Errorf("unexpected unverified %s at %s: %s", r.CheckID, r.Address, r.Message)
						}
					case ab == "error" || ab == "warning":
						if r.Status == finding.Fail && r.Severity.String() == ab && !listed[r.CheckID] {
							t.Errorf("unexpected %s %s at %s: %s", ab, r.CheckID, r.Address, r.Message)
						}
					case r.CheckID == ab:
						t.Errorf("unexpected %s %s at %s: %s", r.CheckID, r.Status, r.Address, r.Message)
					}
				}
			}
		})
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
