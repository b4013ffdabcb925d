package topology

// What the plan does to an element, for the checks that judge the order
// of changes (PA301, PA303, PA306, PA308): read from the element's
// Actions, so that checks need not ask the model's instance.

// InPlan reports whether the element is a resource of the input (plan or
// state), not one declared in the config file.
func (n Node) InPlan() bool { return n.Actions != nil }

// has reports whether the plan's actions on the element include a.
func (n Node) has(a string) bool {
	for _, x := range n.Actions {
		if x == a {
			return true
		}
	}
	return false
}

// Creates reports whether the plan creates the element (alone or as part
// of a replacement).
func (n Node) Creates() bool { return n.has("create") }

// Changes reports whether the plan creates, updates or deletes the element.
func (n Node) Changes() bool { return n.has("create") || n.has("update") || n.has("delete") }

// Replaced reports whether the plan replaces the element, and whether the
// new one is created before the old is destroyed.
func (n Node) Replaced() (replaced, createFirst bool) {
	if len(n.Actions) == 2 {
		switch {
		case n.Actions[0] == "create" && n.Actions[1] == "delete":
			return true, true
		case n.Actions[0] == "delete" && n.Actions[1] == "create":
			return true, false
		}
	}
	return false, false
}

// ResourceChanges reports whether the plan creates, updates or deletes the
// resource that sets the policy (the Changes field says whether the
// policy itself changes).
func (ps *PolicySource) ResourceChanges() bool { return ps.Node.Changes() }

// Deletes reports whether the plan deletes the element and creates none
// in its place: it is gone after apply.
func (n Node) Deletes() bool { return len(n.Actions) == 1 && n.Actions[0] == "delete" }
