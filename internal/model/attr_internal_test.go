package model

import (
	"path/filepath"
	"strconv"
	"testing"

	"github.com/zclconf/go-cty/cty"

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
	checked, marked := 0, 0
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
				for _, v := range []cty.Value{got, m1.Attr(inst, n)} {
					if ContainsMarked(v) != (v != cty.NilVal && v.ContainsMarked()) {
						t.Errorf("%s: %s.%s: ContainsMarked = %v, cty says the opposite", filepath.Base(filepath.Dir(path)), inst.Address, n, ContainsMarked(v))
					}
					if ContainsMarked(v) {
						marked++
					}
				}
			}
		}
	}
	if marked == 0 {
		t.Error("no marked value among the fixtures' attributes: ContainsMarked is not tested on one")
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

// TestElementIDsMatchWholeValue: the ids that resolveRefs takes from a
// whole resource with count/for_each are the same whether the instances
// are built with only their id (resolveElementIDs) or whole
// (resolveTraversal), for every such reference in every fixture.
func TestElementIDsMatchWholeValue(t *testing.T) {
	plans, _ := filepath.Glob("../../fixtures/*/plan.json")
	ids := func(v cty.Value) []cty.Value {
		if v == cty.NilVal || !v.IsKnown() {
			return nil
		}
		uv, _ := v.Unmark()
		if !uv.CanIterateElements() {
			return []cty.Value{uv}
		}
		var out []cty.Value
		for it := uv.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if e.Type().IsObjectType() && e.Type().HasAttribute("id") {
				e = e.GetAttr("id")
			}
			out = append(out, e)
		}
		return out
	}
	checked := 0
	for _, path := range plans {
		doc, err := planfile.Load(path, planfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		m1, m2 := FromPlan(doc.Plan, nil), FromPlan(doc.Plan, nil)
		for i, inst := range m1.Instances {
			for _, e := range m1.body(inst).plan {
				if e == nil || e.ExpressionData == nil {
					continue
				}
				for _, r := range e.References {
					tr, ok := parseTraversal(r)
					if !ok {
						continue
					}
					local, whole := wholeLocal(tr)
					if !whole || len(m1.Resource(inst.Module, local)) < 2 {
						continue
					}
					got := ids(m1.instanceScope(inst).resolveElementIDs(r))
					want := ids(m2.instanceScope(m2.Instances[i]).resolveTraversal(r))
					if len(got) != len(want) {
						t.Fatalf("%s: %s: %d ids, want %d", inst.Address, r, len(got), len(want))
					}
					for k := range got {
						if !got[k].RawEquals(want[k]) {
							t.Errorf("%s: %s[%d] = %#v, want %#v", inst.Address, r, k, got[k], want[k])
						}
					}
					checked++
				}
			}
		}
	}
	if checked == 0 {
		t.Error("no fixture has a reference to a whole resource with several instances")
	}
	t.Logf("%d references compared", checked)
}
