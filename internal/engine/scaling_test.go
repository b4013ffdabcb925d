package engine_test

import (
	"bytes"
	"runtime"
	"testing"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/bench/genplan"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/planfile"
)

// TestWorkGrowsLinearly guards against quadratic steps without timing
// anything: on generated plans of two sizes (the same stacks and filler,
// repeated), the results, the allocations and the bytes allocated by a
// whole run (decode, analysis, checks) must grow like the plan. A pairing
// that joins every API with every endpoint of its region, or a lookup that
// scans the view, shows here as a ratio far above the size ratio. Speed
// itself is measured by bench/run.sh. Every plan shape of bench/run.sh is
// measured (genplan.Shapes): a loop over every API, endpoint, client or
// stage per API (PA403, PA503, ForAPI were such loops) grows with the shape
// that has many of them.
func TestWorkGrowsLinearly(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and checks two plans per shape")
	}
	root, err := genplan.RepoRoot()
	if err != nil {
		t.Skip(err)
	}
	for _, sh := range genplan.Shapes {
		t.Run(sh.Name, func(t *testing.T) {
			var o genplan.Options
			if err := sh.Apply(&o, root); err != nil {
				t.Fatal(err)
			}
			workGrowsLinearly(t, o)
		})
	}
}

func workGrowsLinearly(t *testing.T, o genplan.Options) {
	type work struct {
		instances        int
		results          float64
		mallocs, alloced float64
	}
	measure := func(size int) work {
		var buf bytes.Buffer
		o.Size, o.Seed = size, 1
		st, err := genplan.Generate(&buf, o)
		if err != nil {
			t.Fatal(err)
		}
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		doc, err := planfile.Decode(buf.Bytes(), "gen.json", planfile.KindPlan)
		if err != nil {
			t.Fatal(err)
		}
		a, err := engine.Analyze(doc, "")
		if err != nil {
			t.Fatal(err)
		}
		rs := a.Check(checks.Options{})
		runtime.ReadMemStats(&after)
		return work{st.Instances, float64(len(rs)), float64(after.Mallocs - before.Mallocs), float64(after.TotalAlloc - before.TotalAlloc)}
	}
	small, large := measure(1000), measure(5000)
	ratio := float64(large.instances) / float64(small.instances)
	const slack = 1.15 // map growth, per-module overheads
	for _, m := range []struct {
		what string
		s, l float64
	}{
		{"results", small.results, large.results},
		{"allocations", small.mallocs, large.mallocs},
		{"bytes allocated", small.alloced, large.alloced},
	} {
		if m.s == 0 {
			t.Fatalf("%s: none at %d instances", m.what, small.instances)
		}
		if got := m.l / m.s; got > ratio*slack {
			t.Errorf("%s grew %.2f× for %.2f× the instances (%d → %d): more than linear", m.what, got, ratio, small.instances, large.instances)
		} else {
			t.Logf("%s: %.0f → %.0f (%.2f× for %.2f× the instances)", m.what, m.s, m.l, got, ratio)
		}
	}
}
