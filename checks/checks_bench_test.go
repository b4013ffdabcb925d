package checks_test

import (
	"testing"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/bench/benchdata"
)

// BenchmarkStageRun measures every check on a fresh view (building the
// model and view is not timed).
func BenchmarkStageRun(b *testing.B) {
	b.Run(benchdata.Name(), func(b *testing.B) {
		b.ReportAllocs()
		n := 0
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			v := benchdata.View(b)
			b.StartTimer()
			n = len(checks.Run(v, checks.Options{}))
		}
		b.ReportMetric(float64(n), "results")
	})
}
