package engine_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/bench/benchdata"
	"github.com/privapi/privapi/internal/bench/genplan"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/planfile"
	"github.com/privapi/privapi/internal/report"
	"github.com/privapi/privapi/internal/waiver"
)

// BenchmarkStageAnalyze measures engine.Analyze (model and topology) on a
// decoded plan without .tf source.
func BenchmarkStageAnalyze(b *testing.B) {
	doc := benchdata.Document(b)
	b.Run(benchdata.Name(), func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := engine.Analyze(doc, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkPipeline runs what `privapi check --format json PLAN` does in
// process: decode, analyze, checks, waivers, sort, JSON report. Run it with
// -cpuprofile / -memprofile to profile the whole tool.
func BenchmarkPipeline(b *testing.B) {
	data := benchdata.PlanJSON(b)
	f, err := report.Get("json")
	if err != nil {
		b.Fatal(err)
	}
	b.Run(benchdata.Name(), func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		var out bytes.Buffer
		for i := 0; i < b.N; i++ {
			doc, err := planfile.Decode(data, "bench.json", planfile.KindPlan)
			if err != nil {
				b.Fatal(err)
			}
			a, err := engine.Analyze(doc, "")
			if err != nil {
				b.Fatal(err)
			}
			rs, expired := waiver.Apply(a.Check(checks.Options{}), nil, a.InlineWaivers, time.Unix(0, 0))
			rs = append(rs, expired...)
			finding.Sort(rs)
			out.Reset()
			if err := f.Write(&out, &report.Report{Input: report.Input{Path: doc.Path, Kind: string(doc.Kind)}, Results: rs}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(out.Len()), "report-bytes")
	})
}

// BenchmarkStageSource measures the stages that read .tf source: loading a
// fixture's configuration (hcl) with its local modules, and resolving
// through it every unknown attribute of its resources (expressions
// evaluated with hcl in their module instances).
func BenchmarkStageSource(b *testing.B) {
	root, err := genplan.RepoRoot()
	if err != nil {
		b.Skip(err)
	}
	dir := filepath.Join(root, "fixtures", "good-module-foreach")
	data, err := os.ReadFile(filepath.Join(dir, "plan.json"))
	if err != nil {
		b.Skip(err)
	}
	doc, err := planfile.Decode(data, "plan.json", planfile.KindPlan)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("load", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			a, err := engine.Analyze(doc, dir)
			if err != nil {
				b.Fatal(err)
			}
			if a.Source == nil {
				b.Fatalf("no source: %v", a.Diags)
			}
		}
	})
	b.Run("resolve", func(b *testing.B) {
		b.ReportAllocs()
		attrs := 0
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			a, err := engine.Analyze(doc, dir)
			if err != nil {
				b.Fatal(err)
			}
			m := model.FromPlan(doc.Plan, a.Source) // fresh caches
			b.StartTimer()
			attrs = 0
			for _, inst := range m.Instances {
				after := inst.After()
				if after.IsNull() || !after.IsKnown() || !after.Type().IsObjectType() {
					continue
				}
				for name := range after.Type().AttributeTypes() {
					if !after.GetAttr(name).IsWhollyKnown() {
						m.Attr(inst, name)
						attrs++
					}
				}
			}
		}
		b.ReportMetric(float64(attrs), "attrs/op")
	})
}
