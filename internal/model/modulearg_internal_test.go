package model

import (
	"path/filepath"
	"testing"

	"github.com/privapi/privapi/internal/planfile"
)

// TestModuleArgIsResolveRefs: the module argument moduleArg resolves once
// for all instances of a call is, for every instance of every module call of
// every fixture (plan only), the value resolveRefs gives unshared: in the
// same scope again, and in a fresh model where nothing was resolved before.
func TestModuleArgIsResolveRefs(t *testing.T) {
	plans, _ := filepath.Glob("../../fixtures/*/plan.json")
	if len(plans) == 0 {
		t.Fatal("no fixtures")
	}
	checked, hits := 0, 0
	for _, path := range plans {
		doc, err := planfile.Load(path, planfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		m := FromPlan(doc.Plan, nil)
		seen := map[string]bool{}
		for _, inst := range m.Instances {
			for depth := 1; depth <= len(inst.Module); depth++ {
				mod := inst.Module[:depth]
				if seen[mod.String()] {
					continue
				}
				seen[mod.String()] = true
				call := m.calls[mod.ConfigKey()]
				if call == nil {
					continue
				}
				parent, last := m.moduleScope(mod.Parent()), mod[len(mod)-1]
				for name, e := range call.Expressions {
					if e == nil || e.ExpressionData == nil || len(e.References) == 0 {
						continue
					}
					if _, ok := parent.args[argKey{last.Name, name}]; ok {
						hits++
					}
					got := parent.moduleArg(last.Name, name, e.References)
					again := parent.resolveRefs(e.References, name)
					fresh := FromPlan(doc.Plan, nil)
					unshared := fresh.moduleScope(mod.Parent()).resolveRefs(e.References, name)
					if !sameValue(got, again) || !sameValue(got, unshared) {
						t.Errorf("%s: %s.%s: moduleArg %#v, resolveRefs %#v, in a fresh model %#v", path, mod, name, got, again, unshared)
					}
					checked++
				}
			}
		}
	}
	if checked == 0 || hits == 0 {
		t.Fatalf("checked %d arguments, %d from the memo: the fixtures no longer have module calls with instances", checked, hits)
	}
	t.Logf("checked %d module arguments, %d from the memo", checked, hits)
}
