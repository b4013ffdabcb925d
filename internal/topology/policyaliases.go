package topology

// PolicyAliases is valueAliases for the argument a policy source of an API
// is written in (policy, or body for an OpenAPI body's policy): the
// locals, variables, module outputs and data sources that carry its whole
// value, nearest first. Build records them (indexAliases); nil for a
// source not in the plan, deleted, or of an endpoint or domain.
func (v *View) PolicyAliases(ps *PolicySource) []Ref {
	if ps == nil {
		return nil
	}
	return ps.aliases
}

// indexAliases records the aliases of the policy sources of the APIs that
// exist after apply (the deployment checks name them in fixes and match
// them against triggers).
func (v *View) indexAliases() {
	if v.m == nil {
		return
	}
	for _, a := range v.APIs {
		for _, ps := range a.Policies {
			if ps.inst == nil || ps.Deleted {
				continue
			}
			switch ps.Kind {
			case PolicyArgument, PolicyResource:
				ps.aliases = v.valueAliases(ps.inst, "policy")
			case PolicyBody:
				ps.aliases = v.valueAliases(ps.inst, "body")
			}
		}
	}
}
