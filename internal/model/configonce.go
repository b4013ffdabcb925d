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
	v, _ := m.configValue(inst, name)
	return v
}

// configValue is the value ConfigValue and ConfigValueOnce give, and
// whether it was evaluated now (false: cached, or no configuration).
func (m *Model) configValue(inst *Instance, name string) (cty.Value, bool) {
	if v, ok := inst.cachedConfig(name); ok {
		return v, false
	}
	b := m.body(inst)
	if b.empty() {
		return cty.NilVal, false
	}
	v := m.fill(inst, m.instanceScope(inst), b, name, name, cty.DynamicVal)
	m.noteMarked(v)
	return v, true
}
