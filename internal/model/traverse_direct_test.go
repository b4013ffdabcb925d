package model

import (
	"path/filepath"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/planfile"
)

// TestTraverseDirectMatchesVars: every reference of every fixture's plan
// configuration, evaluated in the scope of each instance that writes it,
// gets the same value from traverseDirect as from the variables vars
// builds (traverseVars), or traverseDirect leaves it to traverseVars.
func TestTraverseDirectMatchesVars(t *testing.T) {
	plans, _ := filepath.Glob("../../fixtures/*/plan.json")
	if len(plans) == 0 {
		t.Fatal("no fixtures")
	}
	direct := 0
	for _, path := range plans {
		doc, err := planfile.Load(path, planfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		m1, m2 := FromPlan(doc.Plan, nil), FromPlan(doc.Plan, nil)
		for i, inst := range m1.Instances {
			b := m1.body(inst)
			for name, e := range b.plan {
				for _, ref := range planRefs(e) {
					tr, ok := m1.traversal(ref)
					if !ok {
						continue
					}
					got, ok := m1.instanceScope(inst).traverseDirect(tr)
					if !ok {
						continue
					}
					direct++
					want := m2.instanceScope(m2.Instances[i]).traverseVars(tr)
					if (got == cty.NilVal) != (want == cty.NilVal) || got != cty.NilVal && !got.RawEquals(want) {
						t.Errorf("%s: %s.%s: %s = %#v, through vars %#v", filepath.Base(filepath.Dir(path)), inst.Address, name, ref, got, want)
					}
				}
			}
		}
	}
	if direct < 1000 {
		t.Errorf("only %d references evaluated directly", direct)
	}
}
