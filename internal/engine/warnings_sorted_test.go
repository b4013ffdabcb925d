package engine_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/engine"
)

// TestRunnerWarningsSorted: warnings come out sorted by file, line and text,
// whatever order maps hold them in, so that standard error is the same from
// run to run. The source calls twelve modules that are not there (each a
// warning at its module block) and holds unparsable files.
func TestRunnerWarningsSorted(t *testing.T) {
	dir := t.TempDir()
	var tf strings.Builder
	for i := 0; i < 12; i++ {
		fmt.Fprintf(&tf, "module \"m%02d\" {\n  source = \"./missing-%02d\"\n}\n", 11-i, i)
	}
	files := map[string]string{
		"main.tf":   tf.String(),
		"broken.tf": "resource \"aws_vpc\" {\n",
		"zz.tf":     "locals {\n",
		"plan.json": mustReadFile(t, "../../fixtures/good-private-api/plan.json"),
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for run := 0; run < 3; run++ {
		_, diags := engine.Runner{SourceDir: dir}.Run(context.Background(), engine.Inputs{Plan: filepath.Join(dir, "plan.json")})
		if err := engine.Err(diags); err != nil {
			t.Fatal(err)
		}
		if len(diags) < 14 {
			t.Fatalf("%d warnings, want at least 14: %v", len(diags), diags)
		}
		sorted := sort.SliceIsSorted(diags, func(i, j int) bool {
			fi, li := "", 0
			if s := diags[i].Subject; s != nil {
				fi, li = s.Filename, s.Start.Line
			}
			fj, lj := "", 0
			if s := diags[j].Subject; s != nil {
				fj, lj = s.Filename, s.Start.Line
			}
			if fi != fj {
				return fi < fj
			}
			if li != lj {
				return li < lj
			}
			return diags[i].Summary < diags[j].Summary
		})
		if !sorted {
			var lines []string
			for _, d := range diags {
				lines = append(lines, d.Error())
			}
			t.Fatalf("warnings not sorted:\n%s", strings.Join(lines, "\n"))
		}
	}
}

func mustReadFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
