package checks_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/planfile"
)

// TestPA2NoSecrets runs the policy checks on the secrets fixture and looks
// for its sensitive values in every message and fix.
func TestPA2NoSecrets(t *testing.T) {
	dir := "../fixtures/secrets-sensitive"
	if _, err := os.Stat(filepath.Join(dir, "plan.json")); err != nil {
		t.Fatalf("the secrets fixture is missing: %v", err)
	}
	secrets := []string{"s3cr3t-do-not-print-7f3a", "10.20.137.0/24", "10.20.137.0/25", "vpce-0s3cr3tp0l1cy7f3a", "s3cr3tp0l1cy"}
	for _, src := range []string{dir, ""} {
		doc, err := planfile.Load(filepath.Join(dir, "plan.json"), planfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		a, err := engine.Analyze(doc, src)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range a.Check(checks.Options{Enabled: func(id string) bool { return strings.HasPrefix(id, "PA2") }}) {
			for _, s := range secrets {
				if strings.Contains(r.Message, s) || strings.Contains(r.Fix, s) || strings.Contains(r.Subject, s) {
					t.Errorf("%s at %s shows %q: %s / %s", r.CheckID, r.Address, s, r.Message, r.Fix)
				}
			}
		}
	}
}
