package model

import (
	"fmt"
	"slices"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

// TestPlanRefsInNameOrder: the references of a nested block (a map of its
// attributes in the plan's configuration) come in attribute-name order, the
// same on every run, not in Go's random map order.
func TestPlanRefsInNameOrder(t *testing.T) {
	block := map[string]*tfjson.Expression{}
	var want []string
	for i := 0; i < 12; i++ {
		name := fmt.Sprintf("attr%02d", i)
		ref := fmt.Sprintf("aws_vpc_endpoint.e%02d.id", i)
		block[name] = &tfjson.Expression{ExpressionData: &tfjson.ExpressionData{References: []string{ref}}}
		want = append(want, ref)
	}
	e := &tfjson.Expression{ExpressionData: &tfjson.ExpressionData{
		References:   []string{"var.top"},
		NestedBlocks: []map[string]*tfjson.Expression{block},
	}}
	want = append([]string{"var.top"}, want...)
	for run := 0; run < 20; run++ {
		if got := planRefs(e); !slices.Equal(got, want) {
			t.Fatalf("run %d: planRefs = %v, want %v", run, got, want)
		}
	}
}
