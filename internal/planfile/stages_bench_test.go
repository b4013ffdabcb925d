package planfile_test

import (
	"encoding/json"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/privapi/privapi/internal/bench/benchdata"
	"github.com/privapi/privapi/internal/planfile"
)

// BenchmarkStageDecode measures the load/decode stage on a generated plan
// (see internal/bench/benchdata for PRIVAPI_BENCH_SIZE / PRIVAPI_BENCH_PLAN)
// next to the bare decode into tfjson.Plan that bench/run.sh uses as its
// baseline.
func BenchmarkStageDecode(b *testing.B) {
	data := benchdata.PlanJSON(b)
	b.Run(benchdata.Name()+"/planfile.Decode", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := planfile.Decode(data, "bench.json", planfile.KindPlan); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run(benchdata.Name()+"/bare-tfjson.Plan", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			var p tfjson.Plan
			p.UseJSONNumber(true)
			if err := json.Unmarshal(data, &p); err != nil {
				b.Fatal(err)
			}
		}
	})
}
