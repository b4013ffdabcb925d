package model

import (
	"path/filepath"
	"testing"

	"github.com/privapi/privapi/internal/planfile"
)

// TestAttrAfterMatchesAfter: reading one attribute from the JSON gives what
// reading it from the whole converted value gives, for every attribute of
// every instance of every fixture (and one that is not there).
func TestAttrAfterMatchesAfter(t *testing.T) {
	plans, _ := filepath.Glob("../../fixtures/*/plan.json")
	if len(plans) == 0 {
		t.Fatal("no fixtures")
	}
	checked := 0
	for _, path := range plans {
		doc, err := planfile.Load(path, planfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		fresh := func() *Model { return FromPlan(doc.Plan, nil) }
		m1, m2 := fresh(), fresh()
		for i, inst := range m1.Instances {
			names := []string{"no_such_attribute"}
			if a := inst.After(); a.IsKnown() && !a.IsNull() {
				if ua, _ := a.Unmark(); ua.Type().IsObjectType() {
					for n := range ua.Type().AttributeTypes() {
						names = append(names, n)
					}
				}
			}
			for _, n := range names {
				want := getAttr(inst.After(), n)
				got := m2.Instances[i].attrAfter(n)
				if !got.RawEquals(want) {
					t.Errorf("%s: %s.%s = %#v, want %#v", filepath.Base(filepath.Dir(path)), inst.Address, n, got, want)
				}
				checked++
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d attributes compared", checked)
	}
}
