package model

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"
)

// What the configuration says about modules and references, for the one
// walk that follows references transitively (topology's walker): it reads
// .tf source itself and asks these where only the plan's configuration is
// known.

// Owner is the model that answers questions about inst: the model of its
// own stack (see Absorb).
func (m *Model) Owner(inst *Instance) *Model { return m.ownerOf(inst) }

// HasConfig reports whether the configuration (source or plan) holds inst's
// resource block.
func (m *Model) HasConfig(inst *Instance) bool { return !m.ownerOf(inst).body(inst).empty() }

// ModuleKeys lists the instance keys of module call name under parent, from
// the instances in the model (nil for a call without count/for_each).
func (m *Model) ModuleKeys(parent ModuleInstance, name string) []cty.Value {
	return m.moduleKeys(parent, name)
}

// PlanCallRefs returns the module-relative references of argument arg of
// the module call that creates mod ("for_each" for its for_each), from the
// plan's configuration; ok is false when the plan does not hold the call.
func (m *Model) PlanCallRefs(mod ModuleInstance, arg string) (refs []string, ok bool) {
	call := m.calls[mod.ConfigKey()]
	if call == nil {
		return nil, false
	}
	if arg == "for_each" {
		return planRefs(call.ForEachExpression), true
	}
	return planRefs(call.Expressions[arg]), true
}

// PlanOutputNames lists the outputs of module mod in the plan's
// configuration, sorted; ok is false when the plan does not hold the module.
func (m *Model) PlanOutputNames(mod ModuleInstance) (names []string, ok bool) {
	cfg := m.moduleScope(mod).cfg
	if cfg == nil {
		return nil, false
	}
	for n := range cfg.Outputs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, true
}

// PlanOutputRefs returns the module-relative references of output name of
// module mod in the plan's configuration; ok is false when the plan does
// not hold it.
func (m *Model) PlanOutputRefs(mod ModuleInstance, name string) (refs []string, ok bool) {
	cfg := m.moduleScope(mod).cfg
	if cfg == nil || cfg.Outputs[name] == nil {
		return nil, false
	}
	return planRefs(cfg.Outputs[name].Expression), true
}

// PlanForEachRefs returns the module-relative references of the for_each
// expression of inst's resource block in the plan's configuration.
func (m *Model) PlanForEachRefs(inst *Instance) []string {
	if o := m.ownerOf(inst); o != m {
		return o.PlanForEachRefs(inst)
	}
	if rc := m.resourceConfig(inst); rc != nil {
		return planRefs(rc.ForEachExpression)
	}
	return nil
}

// PrefixOfOther reports whether refs[i] is a prefix of another reference of
// the list: the plan lists aws_x.y beside aws_x.y.id for one traversal.
func PrefixOfOther(refs []string, i int) bool {
	r := refs[i]
	for j, o := range refs {
		if i != j && len(o) > len(r) && strings.HasPrefix(o, r) && (o[len(r)] == '.' || o[len(r)] == '[') {
			return true
		}
	}
	return false
}

// planRefs returns the references of a plan configuration expression and
// of its nested blocks.
func planRefs(e *tfjson.Expression) []string {
	if e == nil || e.ExpressionData == nil {
		return nil
	}
	out := append([]string(nil), e.References...)
	for _, nb := range e.NestedBlocks {
		// a nested block is a map of its attributes: read them in name
		// order, so the references come in the same order every run
		names := make([]string, 0, len(nb))
		for name := range nb {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			out = append(out, planRefs(nb[name])...)
		}
	}
	return out
}

// blockVariables returns the traversals of every attribute in a block body
// and its nested blocks.
func blockVariables(body *hclsyntax.Body) []hcl.Traversal {
	var out []hcl.Traversal
	for _, a := range body.Attributes {
		out = append(out, a.Expr.Variables()...)
	}
	for _, blk := range body.Blocks {
		out = append(out, blockVariables(blk.Body)...)
	}
	return out
}
