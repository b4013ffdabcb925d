package model_test

import (
	"path/filepath"
	"testing"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/planfile"
	"github.com/privapi/privapi/internal/source"
	"github.com/privapi/privapi/internal/topology"
)

// TestBuildReadsAreAttr: the attribute values the topology read while it
// built the view of every fixture (through SharedAttr, in the builder's
// order: by resource type, not by plan order) are the values Attr gives
// on a model nobody read before, with the .tf source and from the plan
// alone. The fixtures must have the builder answered from shared entries.
func TestBuildReadsAreAttr(t *testing.T) {
	plans, _ := filepath.Glob("../../fixtures/*/plan.json")
	if len(plans) == 0 {
		t.Fatal("no fixtures")
	}
	var compared, hits, misses int
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
			built, plain := model.FromPlan(doc.Plan, src), model.FromPlan(doc.Plan, src)
			topology.Build(built)
			h, mi := model.SharedUses(built)
			hits, misses = hits+h, misses+mi
			for i, inst := range built.Instances {
				names, vals := model.ResolvedAttrs(inst)
				for j, n := range names {
					want := plain.Attr(plain.Instances[i], n)
					compared++
					if !model.SameValue(vals[j], want) {
						t.Errorf("%s (source %v): %s.%s: the view read %#v, Attr gives %#v", path, src != nil, inst.Address, n, vals[j], want)
					}
				}
			}
		}
	}
	t.Logf("%d values compared, %d replayed, %d with parts replaced", compared, hits, misses)
	if hits == 0 || misses == 0 {
		t.Errorf("the fixtures no longer have the view's reads shared: %d replayed, %d with parts replaced", hits, misses)
	}
}
