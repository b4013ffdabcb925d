package model_test

import (
	"slices"
	"testing"

	"github.com/privapi/privapi/internal/model"
)

// TestRelRefsAreRefsWithoutModule: RelRefs and RelDependsOn give Refs' and
// DependsOn's references, in their order, without the module instance's
// address in front, from source and from the plan alone; ParsedRef parses
// each like ParseTraversal, once (the same traversal the second time).
func TestRelRefsAreRefsWithoutModule(t *testing.T) {
	for _, scenario := range []string{"good-module-foreach", "model-local-module", "model-foreach-stacks", "deploy-redeploy-terraform-data"} {
		for _, withSource := range []bool{false, true} {
			m := load(t, scenario, withSource)
			compared := 0
			for _, inst := range m.Instances {
				pfx := ""
				if a := inst.ModuleAddress(); a != "" {
					pfx = a + "."
				}
				withPrefix := func(rel []string) []string {
					var out []string
					for _, r := range rel {
						out = append(out, pfx+r)
					}
					return out
				}
				for _, name := range m.ConfiguredNames(inst) {
					want, rel := m.Refs(inst, name), m.RelRefs(inst, name)
					got := withPrefix(rel)
					if !withSource {
						// the plan's nested blocks are maps: both list
						// their references in map order
						got, want = sorted(got), sorted(want)
					}
					if !slices.Equal(got, want) && (len(want) > 0 || len(rel) > 0) {
						t.Errorf("%s (source %v) %s %s: RelRefs %q, Refs %q", scenario, withSource, inst.Address, name, rel, want)
					}
					compared += len(rel)
					for _, r := range rel {
						got, ok := m.ParsedRef(r)
						want, wantOK := model.ParseTraversal(r)
						if ok != wantOK || model.TraversalText(got) != model.TraversalText(want) {
							t.Errorf("ParsedRef(%q) = %q %v, ParseTraversal %q %v", r, model.TraversalText(got), ok, model.TraversalText(want), wantOK)
						}
						if again, _ := m.ParsedRef(r); len(again) > 0 && &again[0] != &got[0] {
							t.Errorf("ParsedRef(%q) parsed again", r)
						}
					}
				}
				if got, want := withPrefix(m.RelDependsOn(inst)), m.DependsOn(inst); !slices.Equal(got, want) && (len(got) > 0 || len(want) > 0) {
					t.Errorf("%s %s: RelDependsOn with prefix %q, DependsOn %q", scenario, inst.Address, got, want)
				}
			}
			if compared == 0 {
				t.Errorf("%s (source %v): no references compared", scenario, withSource)
			}
		}
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}
