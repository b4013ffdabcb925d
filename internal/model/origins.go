package model

import (
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"
)

// Origin is a resource instance an expression refers to, with the attribute
// it reads ("" when the reference names the whole instance, or the whole
// resource).
type Origin struct {
	Inst *Instance
	Attr string
}

// Origins lists the resource instances (managed and data) that the value of
// a configured attribute or nested block of inst can be drawn from: its
// references, followed through input variables (the module call's
// argument in the parent module instance), module outputs (every instance
// of a count/for_each call, every output when the traversal names none),
// locals (source only) and for_each expressions (each.value). The
// instances reached are leaves: their own arguments are not followed.
//
// complete is false when some step cannot be followed — a local without
// .tf source, a reference that does not parse, a module call or output the
// configuration does not hold: the value may then come from anything.
// Root variables, count.*, path.* and terraform.* hold known literals and
// end the walk. Used where Attr cannot resolve a value (a `for` expression
// over a module without source) to bound what it may be: an id unknown until
// apply can only reach the value through a reference to the resource that
// gets it.
func (m *Model) Origins(inst *Instance, name string) (leaves []Origin, complete bool) {
	if o := m.ownerOf(inst); o != m {
		return o.Origins(inst, name)
	}
	w := originWalk{m: m, seen: map[string]bool{}, complete: true}
	b := m.body(inst)
	if b.empty() {
		return nil, false
	}
	var refs []string
	if b.src != nil {
		if a, ok := b.src.Attributes[name]; ok {
			refs = traversalTexts(a.Expr.Variables())
		}
		for _, blk := range b.src.Blocks {
			if blk.Type == name {
				refs = append(refs, traversalTexts(blockVariables(blk.Body))...)
			}
		}
	} else {
		refs = planRefs(b.plan[name])
	}
	w.follow(inst.Module, refs, w.resourceEach(inst))
	return w.leaves, w.complete
}

type originWalk struct {
	m        *Model
	seen     map[string]bool
	leaves   []Origin
	complete bool
}

// follow walks module-local references evaluated in mod; each gives the
// references of the for_each expression that each.* stands for there (nil
// when each.* is not defined).
func (w *originWalk) follow(mod ModuleInstance, refs []string, each func() []string) {
	for i, r := range refs {
		if !w.complete {
			return
		}
		if !prefixOfOther(refs, i) {
			w.ref(mod, r, each)
		}
	}
}

// PrefixOfOther reports whether refs[i] is a prefix of another reference of
// the list: the plan lists aws_x.y beside aws_x.y.id for one traversal.
func PrefixOfOther(refs []string, i int) bool { return prefixOfOther(refs, i) }

func prefixOfOther(refs []string, i int) bool {
	r := refs[i]
	for j, o := range refs {
		if i != j && len(o) > len(r) && strings.HasPrefix(o, r) && (o[len(r)] == '.' || o[len(r)] == '[') {
			return true
		}
	}
	return false
}

func (w *originWalk) ref(mod ModuleInstance, r string, each func() []string) {
	t, ok := parseTraversal(r)
	if !ok || len(t) == 0 {
		w.complete = false
		return
	}
	root := t.RootName()
	second := ""
	if len(t) > 1 {
		second, _ = stepName(t[1])
	}
	key := mod.String() + "|" + root + "." + second
	switch root {
	case "count", "path", "terraform", "self":
		return
	case "each":
		if second == "key" {
			return
		}
		if each == nil {
			w.complete = false
			return
		}
		if w.visit(key + "|each") {
			w.follow(mod, each(), nil)
		}
	case "var":
		if len(mod) == 0 || !w.visit(key) {
			return
		}
		w.variable(mod, second)
	case "local":
		if !w.visit(key) {
			return
		}
		sm := w.m.moduleScope(mod).src
		if sm == nil {
			w.complete = false
			return
		}
		a, ok := sm.Locals[second]
		if !ok {
			w.complete = false
			return
		}
		w.follow(mod, traversalTexts(a.Expr.Variables()), nil)
	case "module":
		w.module(mod, second, t)
	case "data":
		if len(t) < 3 {
			w.complete = false
			return
		}
		name, _ := stepName(t[2])
		w.resource(mod, "data."+second+"."+name, attrAfter(t, 3))
	default:
		if second == "" {
			w.complete = false
			return
		}
		w.resource(mod, root+"."+second, attrAfter(t, 2))
	}
}

func (w *originWalk) visit(key string) bool {
	if w.seen[key] {
		return false
	}
	w.seen[key] = true
	return true
}

func (w *originWalk) resource(mod ModuleInstance, local, attr string) {
	if !w.visit(mod.String() + "|" + local + "|" + attr) {
		return
	}
	for _, in := range w.m.Resource(mod, local) {
		w.leaves = append(w.leaves, Origin{Inst: in, Attr: attr})
	}
}

// attrAfter returns the attribute name a resource traversal reads: the name
// at position at, after an optional index ("" when there is none).
func attrAfter(t hcl.Traversal, at int) string {
	if at < len(t) {
		if _, ok := stepKey(t[at]); ok {
			at++
		}
	}
	if at < len(t) {
		n, _ := stepName(t[at])
		return n
	}
	return ""
}

// variable follows var.name of a child module instance to the call's
// argument in the parent.
func (w *originWalk) variable(mod ModuleInstance, name string) {
	parent := mod.Parent()
	last := mod[len(mod)-1]
	ps := w.m.moduleScope(parent)
	if ps.src != nil {
		call, ok := ps.src.Calls[last.Name]
		if !ok {
			w.complete = false
			return
		}
		each := func() []string {
			if a, ok := call.Body.Attributes["for_each"]; ok {
				return traversalTexts(a.Expr.Variables())
			}
			return nil
		}
		if a, ok := call.Body.Attributes[name]; ok {
			w.follow(parent, traversalTexts(a.Expr.Variables()), each)
		}
		return // unset: the variable's default, a literal
	}
	call := w.m.calls[mod.ConfigKey()]
	if call == nil {
		w.complete = false
		return
	}
	each := func() []string { return planRefs(call.ForEachExpression) }
	w.follow(parent, planRefs(call.Expressions[name]), each)
}

// module follows module.NAME[KEY].OUTPUT to the outputs of the call's
// instances.
func (w *originWalk) module(mod ModuleInstance, name string, t hcl.Traversal) {
	if name == "" {
		w.complete = false
		return
	}
	var keys []cty.Value
	var output string
	i := 2
	if i < len(t) {
		if k, ok := stepKey(t[i]); ok {
			keys = []cty.Value{k}
			i++
		}
	}
	if i < len(t) {
		output, _ = stepName(t[i])
	}
	if keys == nil {
		keys = w.m.moduleKeys(mod, name)
	}
	children := make([]ModuleInstance, 0, len(keys)+1)
	if len(keys) == 0 {
		children = append(children, mod.Child(name, nil))
	}
	for _, k := range keys {
		kk := k
		children = append(children, mod.Child(name, &kk))
	}
	for _, child := range children {
		cs := w.m.moduleScope(child)
		if cs.src == nil && cs.cfg == nil {
			w.complete = false
			return
		}
		names := []string{output}
		if output == "" {
			names = cs.outputNames()
		}
		for _, o := range names {
			if !w.visit(child.String() + "|output." + o) {
				continue
			}
			refs, ok := cs.outputRefs(o)
			if !ok {
				w.complete = false
				return
			}
			w.follow(child, refs, nil)
		}
	}
}

// outputRefs returns the module-local references of an output's expression.
func (s *scope) outputRefs(name string) ([]string, bool) {
	if s.src != nil {
		a, ok := s.src.Outputs[name]
		if !ok {
			return nil, false
		}
		return traversalTexts(a.Expr.Variables()), true
	}
	if s.cfg == nil {
		return nil, false
	}
	o := s.cfg.Outputs[name]
	if o == nil {
		return nil, false
	}
	return planRefs(o.Expression), true
}

// resourceEach returns the references of a resource's for_each expression.
func (w *originWalk) resourceEach(inst *Instance) func() []string {
	return func() []string {
		if _, r := w.m.SourceResource(inst); r != nil {
			if a, ok := r.Body.Attributes["for_each"]; ok {
				return traversalTexts(a.Expr.Variables())
			}
			return nil
		}
		if rc := w.m.resourceConfig(inst.Module.ConfigKey(), inst.Local); rc != nil {
			return planRefs(rc.ForEachExpression)
		}
		return nil
	}
}

func traversalTexts(ts []hcl.Traversal) []string {
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		out = append(out, TraversalText(t))
	}
	return out
}

// planRefs returns the references of a plan configuration expression and
// of its nested blocks.
func planRefs(e *tfjson.Expression) []string {
	if e == nil || e.ExpressionData == nil {
		return nil
	}
	out := append([]string(nil), e.References...)
	for _, nb := range e.NestedBlocks {
		for _, ne := range nb {
			out = append(out, planRefs(ne)...)
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
