package model

import (
	"path/filepath"
	"strconv"
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

// TestPlacementMatchesAddress: an instance's module path (taken from the
// plan's module_address, parsed once per module) and local name rebuild its
// address, for every instance of every fixture.
func TestPlacementMatchesAddress(t *testing.T) {
	plans, _ := filepath.Glob("../../fixtures/*/plan.json")
	n := 0
	for _, path := range plans {
		doc, err := planfile.Load(path, planfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		m := FromPlan(doc.Plan, nil)
		for _, inst := range m.Instances {
			want := prefix(inst.Module, inst.Local)
			if inst.Index != nil {
				switch k := inst.Index.(type) {
				case int:
					want += "[" + strconv.Itoa(k) + "]"
				case string:
					want += "[" + strconv.Quote(k) + "]"
				}
			}
			if want != inst.Address {
				t.Errorf("%s: module %q, local %q rebuild %q", inst.Address, inst.Module.String(), inst.Local, want)
			}
			if len(inst.Module) > 0 {
				n++
			}
		}
	}
	if n < 50 {
		t.Errorf("only %d instances in modules", n)
	}
}
