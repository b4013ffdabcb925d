package topology

// What the plan does to an element, for the checks that judge the order
// of changes (PA301, PA303, PA306, PA308): the element's own actions, so
// that checks need not ask the model's instance.

// Creates reports whether the plan creates the element (alone or as part
// of a replacement).
func (n Node) Creates() bool { return n.Inst != nil && n.Inst.Creates() }

// Changes reports whether the plan creates, updates or deletes the element.
func (n Node) Changes() bool { return n.Inst != nil && n.Inst.Changes() }

// Replaced reports whether the plan replaces the element, and whether the
// new one is created before the old is destroyed.
func (n Node) Replaced() (replaced, createFirst bool) {
	if n.Inst == nil {
		return false, false
	}
	return n.Inst.Replaced()
}

// Creates reports whether the plan creates the resource that sets the
// policy (alone or as part of a replacement).
func (ps *PolicySource) Creates() bool { return ps.Inst != nil && ps.Inst.Creates() }

// ResourceChanges reports whether the plan creates, updates or deletes the
// resource that sets the policy (the Changes field says whether the
// policy itself changes).
func (ps *PolicySource) ResourceChanges() bool { return ps.Inst != nil && ps.Inst.Changes() }

// Replaced reports whether the plan replaces the resource that sets the
// policy, and whether the new one is created first.
func (ps *PolicySource) Replaced() (replaced, createFirst bool) {
	if ps.Inst == nil {
		return false, false
	}
	return ps.Inst.Replaced()
}
