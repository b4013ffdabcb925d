package planfile

import (
	"fmt"

	tfjson "github.com/hashicorp/terraform-json"
)

// missingPlanValues finds a resource change that is created or updated but carries
// no values after apply (a no-op may lack them in real plans, after drift): such a plan is broken, and
// reading it as "nothing to check" would be a silent pass.
func missingPlanValues(p *tfjson.Plan) string {
	for i, rc := range p.ResourceChanges {
		if rc == nil {
			return fmt.Sprintf("resource_changes[%d] is null", i)
		}
		if rc.Change == nil {
			return fmt.Sprintf("resource_changes[%d] (%s) has no change", i, rc.Address)
		}
		if rc.Change.After != nil {
			continue
		}
		for _, a := range rc.Change.Actions {
			if a == tfjson.ActionCreate || a == tfjson.ActionUpdate { // a no-op may lack values in real plans (drift)
				return fmt.Sprintf("resource_changes[%d] (%s) is planned %q but has no values after apply (change.after is missing)", i, rc.Address, string(a))
			}
		}
	}
	return ""
}

// missingStateValues finds a state resource without values.
func missingStateValues(m *tfjson.StateModule, at string) string {
	if m == nil {
		return ""
	}
	for i, r := range m.Resources {
		if r == nil {
			return fmt.Sprintf("%s.resources[%d] is null", at, i)
		}
		if r.AttributeValues == nil {
			return fmt.Sprintf("%s.resources[%d] (%s) has no values", at, i, r.Address)
		}
	}
	for i, c := range m.ChildModules {
		if msg := missingStateValues(c, fmt.Sprintf("%s.child_modules[%d]", at, i)); msg != "" {
			return msg
		}
	}
	return ""
}
