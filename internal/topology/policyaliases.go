package topology

// PolicyAliases is valueAliases for the argument a policy source is
// written in (policy, or body for an OpenAPI body's policy): the locals,
// variables, module outputs and data sources that carry its whole value,
// nearest first (nil for a source not in the plan).
func (v *View) PolicyAliases(ps *PolicySource) []Ref {
	if ps == nil || ps.inst == nil {
		return nil
	}
	attr := "policy"
	if ps.Kind == PolicyBody {
		attr = "body"
	}
	return v.valueAliases(ps.inst, attr)
}
