package model

import (
	"path/filepath"
	"testing"

	"github.com/privapi/privapi/internal/planfile"
	"github.com/privapi/privapi/internal/source"
)

// TestConfigValueOnce: ConfigValueOnce gives what ConfigValue gives, keeps
// nothing on the instance, and returns a value ConfigValue kept.
func TestConfigValueOnce(t *testing.T) {
	for _, tc := range []struct {
		scenario string
		source   bool
	}{{"model-local-module", true}, {"bench-shared-endpoint", false}, {"bench-shared-endpoint", true}} {
		dir := filepath.Join("..", "..", "fixtures", tc.scenario)
		doc, err := planfile.Load(filepath.Join(dir, "plan.json"), planfile.Options{})
		if err != nil {
			t.Fatal(err)
		}
		var src *source.Config
		if tc.source {
			if src, err = source.Load(dir); err != nil {
				t.Fatal(err)
			}
		}
		once, kept := FromPlan(doc.Plan, src), FromPlan(doc.Plan, src)
		compared := 0
		for i, inst := range once.Instances {
			for _, name := range once.ConfiguredNames(inst) {
				n := len(inst.attrs)
				got := once.ConfigValueOnce(inst, name).GoString()
				if len(inst.attrs) != n {
					t.Errorf("%s: %s %s kept", tc.scenario, inst.Address, name)
				}
				k := kept.Instances[i]
				if want := kept.ConfigValue(k, name).GoString(); got != want {
					t.Errorf("%s: %s %s: %s, ConfigValue %s", tc.scenario, inst.Address, name, got, want)
				}
				if again := kept.ConfigValueOnce(k, name).GoString(); again != got {
					t.Errorf("%s: %s %s after ConfigValue: %s, want %s", tc.scenario, inst.Address, name, again, got)
				}
				compared++
			}
		}
		if compared == 0 {
			t.Errorf("%s: nothing compared", tc.scenario)
		}
	}
}
