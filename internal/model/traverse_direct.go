package model

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// traverseDirect evaluates the common references (var.x…, local.x…,
// TYPE.NAME…, data.TYPE.NAME…) without the variable objects vars builds
// around the one value they need: it reads that value as vars does
// (variable, local, resourceValue) and applies the traversal's remaining
// steps to it, which is what TraverseAbs does after looking the root up and
// stepping through the objects vars made. ok is false for the other
// references (module outputs, count, each, path, terraform, self, indexed
// roots): traverseVars evaluates those.
func (s *scope) traverseDirect(t hcl.Traversal) (cty.Value, bool) {
	if len(t) < 2 {
		return cty.NilVal, false
	}
	second, ok := t[1].(hcl.TraverseAttr)
	if !ok {
		return cty.NilVal, false
	}
	var v cty.Value
	rest := t[2:]
	switch root := t.RootName(); root {
	case "var":
		v = s.variable(second.Name)
	case "local":
		v = s.local(second.Name)
	case "data":
		if len(t) < 3 {
			return cty.NilVal, false
		}
		name, ok := t[2].(hcl.TraverseAttr)
		if !ok {
			return cty.NilVal, false
		}
		v = s.resourceValue("data."+second.Name+"."+name.Name, []hcl.Traversal{t}, 3)
		rest = t[3:]
	case "module", "count", "each", "path", "terraform", "self":
		return cty.NilVal, false
	default:
		v = s.resourceValue(root+"."+second.Name, []hcl.Traversal{t}, 2)
	}
	out, diags := rest.TraverseRel(v)
	if diags.HasErrors() {
		return cty.NilVal, true
	}
	return out, true
}
