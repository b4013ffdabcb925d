package model

import "github.com/zclconf/go-cty/cty"

// ConfigValueOnce is ConfigValue for a caller that reads the value once:
// the instance does not keep it (a cached one is still returned). The
// client scan reads every argument of thousands of compute resources; kept
// beside their attributes, the values would stay live for the whole run.
func (m *Model) ConfigValueOnce(inst *Instance, name string) cty.Value {
	if o := m.ownerOf(inst); o != m {
		return o.ConfigValueOnce(inst, name)
	}
	if v, ok := inst.cachedConfig(name); ok {
		return v
	}
	b := m.body(inst)
	if b.empty() {
		return cty.NilVal
	}
	v := m.fill(inst, m.instanceScope(inst), b, name, name, cty.DynamicVal)
	m.noteMarked(v)
	return v
}
