package model

import (
	"sort"

	"github.com/hashicorp/hcl/v2"
	tfjson "github.com/hashicorp/terraform-json"
)

// Module-relative references for topology's walker. Refs and DependsOn
// write every reference with its module instance's address in front
// ("module.a[\"k\"].aws_x.y.id"), and the walker cut that address off again
// and parsed the rest: a string built and parsed per reference of every
// instance. These give the references as the configuration writes them,
// relative to the instance's module (the plan's own strings, not copies),
// and ParsedRef parses each distinct one once per model.

// RelRefs returns Refs(inst, name) without the module instance's address
// in front (each is Refs' element with inst.ModuleAddress()+"." cut off),
// in the same order. The slice may be the plan's own: callers do not
// modify it (its capacity is cut, so appending copies).
func (m *Model) RelRefs(inst *Instance, name string) []string {
	if o := m.ownerOf(inst); o != m {
		return o.RelRefs(inst, name)
	}
	b := m.body(inst)
	if b.src != nil {
		var out []string
		if a, ok := b.src.Attributes[name]; ok {
			for _, t := range a.Expr.Variables() {
				out = append(out, TraversalText(t))
			}
		}
		for _, blk := range b.src.Blocks {
			if blk.Type == name {
				for _, t := range blockVariables(blk.Body) {
					out = append(out, TraversalText(t))
				}
			}
		}
		// Refs sorts the texts with one common prefix: the same order
		sort.Strings(out)
		return out
	}
	return sharedPlanRefs(b.plan[name])
}

// RelDependsOn returns DependsOn(inst) without the module instance's
// address in front, as written (callers do not modify it).
func (m *Model) RelDependsOn(inst *Instance) []string {
	if o := m.ownerOf(inst); o != m {
		return o.RelDependsOn(inst)
	}
	if _, r := m.SourceResource(inst); r != nil {
		return r.DependsOn[:len(r.DependsOn):len(r.DependsOn)]
	}
	if rc := m.resourceConfig(inst); rc != nil {
		return rc.DependsOn[:len(rc.DependsOn):len(rc.DependsOn)]
	}
	return nil
}

// ParsedRef is ParseTraversal of a module-relative reference, parsed once
// per model. The traversal is shared: callers do not modify it.
func (m *Model) ParsedRef(ref string) (hcl.Traversal, bool) {
	return m.traversal(ref)
}

// sharedPlanRefs is planRefs without a copy when the expression has no
// nested blocks (the common case): the plan's own slice, capacity cut.
func sharedPlanRefs(e *tfjson.Expression) []string {
	if e == nil || e.ExpressionData == nil {
		return nil
	}
	if len(e.NestedBlocks) == 0 {
		return e.References[:len(e.References):len(e.References)]
	}
	return planRefs(e)
}
