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
		v, rest = s.resourceStep("data."+second.Name+"."+name.Name, t, 3)
	case "module", "count", "each", "path", "terraform", "self":
		return cty.NilVal, false
	default:
		v, rest = s.resourceStep(root+"."+second.Name, t, 2)
	}
	out, diags := rest.TraverseRel(v)
	if diags.HasErrors() {
		return cty.NilVal, true
	}
	return out, true
}

// resourceStep is resourceValue(local, t, attrAt) and the steps of t after
// it, except for the reference to an attribute of a resource with one
// instance and no index (aws_x.y.id): resourceValue would make the object
// {id = Attr(id)} for the traversal to read id from; resourceStep reads
// Attr(id) and returns the steps after it.
func (s *scope) resourceStep(local string, t hcl.Traversal, attrAt int) (cty.Value, hcl.Traversal) {
	if attrAt < len(t) {
		if a, ok := t[attrAt].(hcl.TraverseAttr); ok {
			if insts := s.resource(local); len(insts) == 1 && insts[0].Index == nil {
				inst := insts[0]
				s.m.work++ // as instanceValue counts it
				if !inst.after.isObject() || inst.afterUnknown.isTrue() {
					return cty.DynamicVal, t[attrAt:]
				}
				return s.m.Attr(inst, a.Name), t[attrAt+1:]
			}
		}
	}
	return s.resourceValue(local, []hcl.Traversal{t}, attrAt), t[attrAt:]
}
