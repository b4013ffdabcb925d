package topology_test

import (
	"testing"

	"github.com/privapi/privapi/internal/bench/benchdata"
	"github.com/privapi/privapi/internal/topology"
)

// BenchmarkStageBuild measures topology.Build on a fresh model (building
// the model is not timed). Build resolves the attributes it reads, so this
// includes most of the model's reference resolution.
func BenchmarkStageBuild(b *testing.B) {
	b.Run(benchdata.Name(), func(b *testing.B) {
		b.ReportAllocs()
		var v *topology.View
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			m := benchdata.Model(b)
			b.StartTimer()
			v = topology.Build(m)
		}
		b.ReportMetric(float64(len(v.APIs)), "apis")
		b.ReportMetric(float64(len(v.Endpoints)), "endpoints")
		b.ReportMetric(float64(len(v.Clients)), "clients")
	})
}
