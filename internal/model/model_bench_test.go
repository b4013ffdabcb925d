package model_test

import (
	"testing"

	"github.com/privapi/privapi/internal/bench/benchdata"
	"github.com/privapi/privapi/internal/model"
)

// BenchmarkStageFromPlan measures building the model from a decoded plan.
func BenchmarkStageFromPlan(b *testing.B) {
	doc := benchdata.Document(b)
	b.Run(benchdata.Name(), func(b *testing.B) {
		b.ReportAllocs()
		var m *model.Model
		for i := 0; i < b.N; i++ {
			m = model.FromPlan(doc.Plan, nil)
		}
		b.ReportMetric(float64(len(m.Instances)), "instances")
	})
}

// resolveTypes are the resources whose unknown attributes
// BenchmarkStageResolve resolves: the APIs and their endpoints, with what
// links them.
var resolveTypes = []string{
	"aws_api_gateway_rest_api", "aws_api_gateway_rest_api_policy", "aws_api_gateway_stage",
	"aws_api_gateway_deployment", "aws_vpc_endpoint", "aws_vpc_endpoint_policy",
}

// BenchmarkStageResolve measures reference resolution: Model.Attr on every
// attribute that is unknown in the plan, for every API and endpoint
// resource, on a fresh model (building it is not timed).
func BenchmarkStageResolve(b *testing.B) {
	b.Run(benchdata.Name(), func(b *testing.B) {
		b.ReportAllocs()
		attrs := 0
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			m := benchdata.Model(b)
			b.StartTimer()
			attrs = 0
			for _, t := range resolveTypes {
				for _, inst := range m.OfType(t) {
					after := inst.After()
					if after.IsNull() || !after.IsKnown() || !after.Type().IsObjectType() {
						continue
					}
					for name := range after.Type().AttributeTypes() {
						if after.GetAttr(name).IsWhollyKnown() {
							continue
						}
						m.Attr(inst, name)
						attrs++
					}
				}
			}
		}
		b.ReportMetric(float64(attrs), "attrs/op")
	})
}
