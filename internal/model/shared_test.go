package model

import (
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/privapi/privapi/internal/planfile"
	"github.com/privapi/privapi/internal/source"
)

// TestSharedAttrIsAttr: SharedAttr gives what Attr gives, for every
// attribute of every instance of every fixture, read in plan order (so that
// instances of one module or count find the entries the first made), with
// the .tf source and from the plan alone; and it notes the same sensitive
// values. The fixtures must exercise both ways an entry is used: values
// replayed from the first instance, and lookups that differ (count.index,
// each.key, per-instance references) so that parts are replaced.
func TestSharedAttrIsAttr(t *testing.T) {
	plans, _ := filepath.Glob("../../fixtures/*/plan.json")
	if len(plans) == 0 {
		t.Fatal("no fixtures")
	}
	var hits, misses, compared int
	for _, path := range plans {
		doc, err := planfile.Load(path, planfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Dir(path)
		srcs := []*source.Config{nil}
		if tfs, _ := filepath.Glob(filepath.Join(dir, "*.tf")); len(tfs) > 0 {
			if src, err := source.Load(dir); err == nil {
				srcs = append(srcs, src)
			}
		}
		for _, src := range srcs {
			shared, plain, names := FromPlan(doc.Plan, src), FromPlan(doc.Plan, src), FromPlan(doc.Plan, src)
			for i, inst := range shared.Instances {
				for _, n := range attrNames(names.Instances[i]) {
					got := shared.SharedAttr(inst, n)
					want := plain.Attr(plain.Instances[i], n)
					compared++
					if !sameValue(got, want) {
						t.Errorf("%s (source %v): %s.%s: SharedAttr %#v, Attr %#v", path, src != nil, inst.Address, n, got, want)
					}
				}
			}
			if g, w := markedTexts(shared), markedTexts(plain); !slices.Equal(g, w) {
				t.Errorf("%s (source %v): marked values %q, Attr notes %q", path, src != nil, g, w)
			}
			for _, es := range shared.shared {
				for _, e := range es {
					hits += e.hits
					misses += e.misses
				}
			}
		}
	}
	t.Logf("%d values compared, %d replayed, %d with parts replaced", compared, hits, misses)
	if hits == 0 || misses == 0 {
		t.Errorf("the fixtures no longer exercise SharedAttr: %d replayed, %d missed", hits, misses)
	}
}

// attrNames lists the attributes of an instance's after value, and one it
// does not have.
func attrNames(inst *Instance) []string {
	names := []string{"no_such_attribute"}
	if a := inst.After(); a.IsKnown() && !a.IsNull() {
		if ua, _ := a.Unmark(); ua.Type().IsObjectType() {
			for n := range ua.Type().AttributeTypes() {
				names = append(names, n)
			}
		}
	}
	sort.Strings(names)
	return names
}

func markedTexts(m *Model) []string {
	var out []string
	for _, v := range m.MarkedValues() {
		out = append(out, v.GoString())
	}
	sort.Strings(out)
	return out
}
