package model

import (
	"path/filepath"
	"testing"

	"github.com/privapi/privapi/internal/planfile"
	"github.com/privapi/privapi/internal/source"
)

// TestForgetResolved: after ForgetResolved the instances hold no resolved
// attribute and the model no module scope, and every attribute read again
// is the one read before, with .tf source and without.
func TestForgetResolved(t *testing.T) {
	names := []string{"id", "name", "rest_api_id", "policy", "endpoint_configuration", "statement", "vpc_config", "settings",
		"tags", "environment", "vpc_endpoint_ids", "subnet_ids", "security_group_ids", "json", "nope"}
	for _, tc := range []struct {
		scenario string
		source   bool
	}{{"bench-shared-endpoint", false}, {"model-foreach-stacks", true}, {"model-local-module", true}, {"model-deferred-policy-doc", false}} {
		t.Run(tc.scenario, func(t *testing.T) {
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
			m := FromPlan(doc.Plan, src)
			before := map[string]string{}
			for _, inst := range m.Instances {
				for _, n := range names {
					before[inst.Address+" "+n] = m.Attr(inst, n).GoString()
				}
				inst.After()
				inst.Before()
			}
			if len(m.scopes) == 0 {
				t.Fatal("no module scope made: the fixture resolves nothing")
			}
			m.ForgetResolved()
			if len(m.scopes) != 0 {
				t.Errorf("%d module scopes kept", len(m.scopes))
			}
			for _, inst := range m.Instances {
				if len(inst.attrs) != 0 || inst.scope != nil || inst.afterVal != NilValue() || inst.prior != nil && inst.prior.beforeVal != NilValue() {
					t.Errorf("%s keeps resolved values", inst.Address)
				}
			}
			for _, inst := range m.Instances {
				for _, n := range names {
					k := inst.Address + " " + n
					if got := m.Attr(inst, n).GoString(); got != before[k] {
						t.Errorf("%s after ForgetResolved: %s, before %s", k, got, before[k])
					}
				}
			}
		})
	}
}

// TestConfigValueKept: ConfigValue of an argument is evaluated once per
// instance (the view asks for a client's arguments more than once) and
// gives the same value each time, also beside Attr of the same name.
func TestConfigValueKept(t *testing.T) {
	dir := filepath.Join("..", "..", "fixtures", "model-local-module")
	doc, err := planfile.Load(filepath.Join(dir, "plan.json"), planfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	src, err := source.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := FromPlan(doc.Plan, src)
	evaluated := 0
	for _, inst := range m.Instances {
		for _, name := range m.ConfiguredNames(inst) {
			w := m.work
			first := m.ConfigValue(inst, name).GoString()
			evaluated += m.work - w
			m.Attr(inst, name)
			w = m.work
			if again := m.ConfigValue(inst, name).GoString(); again != first {
				t.Errorf("%s %s: %s, then %s", inst.Address, name, first, again)
			}
			if m.work != w {
				t.Errorf("%s %s evaluated again", inst.Address, name)
			}
		}
	}
	if evaluated == 0 {
		t.Error("no expression evaluated: the fixture tests nothing")
	}
}
