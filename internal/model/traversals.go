package model

import "github.com/hashicorp/hcl/v2"

// parsedRef is a reference parsed once (traversal).
type parsedRef struct {
	t  hcl.Traversal
	ok bool
}

// traversal is parseTraversal of a reference the scopes resolve, parsed
// once per model: the plan's references are written per module (the same
// few strings for every instance of a module call), and resolving them
// parsed each again for every instance. The traversal returned is shared:
// callers do not modify it (append to a copy with its capacity cut).
func (m *Model) traversal(ref string) (hcl.Traversal, bool) {
	if p, ok := m.parsed[ref]; ok {
		return p.t, p.ok
	}
	t, ok := parseTraversal(ref)
	if m.parsed == nil {
		m.parsed = map[string]parsedRef{}
	}
	m.parsed[ref] = parsedRef{t, ok}
	return t, ok
}

// instPrefix is prefix(inst.Module, local) with the module instance's
// address built once per instance (kept on its scope), not per reference.
func (m *Model) instPrefix(inst *Instance, local string) string {
	if len(inst.Module) == 0 {
		return local
	}
	if inst.scope == nil {
		inst.scope = m.moduleScope(inst.Module)
	}
	return inst.scope.key + "." + local
}
