package model

import (
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/source"
)

// scope evaluates expressions inside one module instance, optionally for one
// resource instance (count.index, each.key, each.value).
type scope struct {
	m   *Model
	mod ModuleInstance
	src *source.Module
	cfg *tfjson.ConfigModule

	inst *Instance // nil for module-level expressions (locals, outputs, module arguments)

	locals map[string]cty.Value
	busy   map[string]bool
	// refs caches resolveTraversal of references that do not depend on the
	// resource instance (not count., each. or self.): shared by the module
	// instance's scopes, as every resource of a module resolves the same few
	// references (the API's id, the endpoint's id...) again and again.
	refs map[string]cty.Value

	// args caches moduleArg: resolveRefs of the module calls' arguments
	args map[argKey]cty.Value

	// base is the module instance's scope (itself for a module scope; the
	// copies made for resource instances and module keys point to it), key
	// its module instance address
	base *scope
	key  string
}

// resource lists the instances of a resource of this module instance.
func (s *scope) resource(local string) []*Instance {
	if s.key == "" {
		return s.m.byResource[local]
	}
	return s.m.byResource[s.key+"."+local]
}

func (m *Model) moduleScope(mod ModuleInstance) *scope {
	return m.moduleScopeAt(mod, mod.String())
}

// moduleScopeAt is moduleScope of mod, whose address is key.
func (m *Model) moduleScopeAt(mod ModuleInstance, key string) *scope {
	if s, ok := m.scopes[key]; ok {
		return s
	}
	s := &scope{m: m, mod: mod, cfg: m.modules[mod.ConfigKey()], locals: map[string]cty.Value{}, busy: map[string]bool{}, refs: map[string]cty.Value{}, key: key}
	s.base = s
	if m.src != nil {
		s.src = m.src.Find(mod.Calls())
	}
	m.scopes[key] = s
	return s
}

func (m *Model) instanceScope(inst *Instance) *scope {
	if inst.scope == nil {
		inst.scope = m.moduleScopeAt(inst.Module, inst.ModuleAddress())
	}
	base := inst.scope
	if inst.Index == nil {
		return base
	}
	s := *base
	s.inst = inst
	return &s
}

// eval evaluates an expression; failures give an unknown value.
func (s *scope) eval(expr hcl.Expression) cty.Value {
	s.m.work++
	ctx := &hcl.EvalContext{Variables: s.vars(expr.Variables()), Functions: s.m.functions(s.dir())}
	v, diags := expr.Value(ctx)
	if diags.HasErrors() {
		return cty.DynamicVal
	}
	return v
}

func (s *scope) dir() string {
	if s.src != nil {
		return s.src.Dir
	}
	return "."
}

// vars builds just the variables that the traversals need.
func (s *scope) vars(ts []hcl.Traversal) map[string]cty.Value {
	need := map[string]map[string][]hcl.Traversal{}
	for _, t := range ts {
		root := t.RootName()
		if need[root] == nil {
			need[root] = map[string][]hcl.Traversal{}
		}
		second := ""
		if len(t) > 1 {
			second, _ = stepName(t[1])
		}
		need[root][second] = append(need[root][second], t)
	}
	out := map[string]cty.Value{}
	for root, seconds := range need {
		switch root {
		case "var":
			out[root] = s.objectOf(seconds, s.variable)
		case "local":
			out[root] = s.objectOf(seconds, s.local)
		case "module":
			out[root] = s.objectOf(seconds, func(name string) cty.Value { return s.moduleValue(name, seconds[name]) })
		case "count":
			idx := cty.DynamicVal
			if s.inst != nil {
				if i, ok := s.inst.Index.(int); ok {
					idx = cty.NumberIntVal(int64(i))
				}
			}
			out[root] = cty.ObjectVal(map[string]cty.Value{"index": idx})
		case "each":
			out[root] = s.each()
		case "path":
			root := "."
			if s.m.src != nil && s.m.src.Root != nil {
				root = s.m.src.Root.Dir
			}
			out["path"] = cty.ObjectVal(map[string]cty.Value{
				"module": cty.StringVal(s.dir()), "root": cty.StringVal(root), "cwd": cty.StringVal(root),
			})
		case "terraform":
			out[root] = cty.ObjectVal(map[string]cty.Value{"workspace": cty.StringVal("default")})
		case "data":
			types := map[string]cty.Value{}
			for typ, dts := range seconds {
				names := map[string]cty.Value{}
				for _, t := range dts {
					if len(t) < 3 {
						continue
					}
					name, ok := stepName(t[2])
					if !ok {
						continue
					}
					names[name] = s.resourceValue("data."+typ+"."+name, dts, 3)
				}
				types[typ] = cty.ObjectVal(names)
			}
			out[root] = cty.ObjectVal(types)
		case "self":
		default:
			names := map[string]cty.Value{}
			for name, rts := range seconds {
				if name == "" {
					continue
				}
				names[name] = s.resourceValue(root+"."+name, rts, 2)
			}
			out[root] = cty.ObjectVal(names)
		}
	}
	return out
}

func (s *scope) objectOf(seconds map[string][]hcl.Traversal, get func(string) cty.Value) cty.Value {
	attrs := map[string]cty.Value{}
	for name := range seconds {
		if name != "" {
			attrs[name] = get(name)
		}
	}
	return cty.ObjectVal(attrs)
}

// each returns each.key / each.value for a for_each instance.
func (s *scope) each() cty.Value {
	key, val := cty.DynamicVal, cty.DynamicVal
	if s.inst != nil {
		if k, ok := s.inst.Index.(string); ok {
			key = cty.StringVal(k)
			if fe := s.forEach(); fe.IsKnown() && !fe.IsNull() && fe.CanIterateElements() {
				uv, _ := fe.Unmark()
				if (uv.Type().IsMapType() || uv.Type().IsObjectType()) && uv.Type().IsObjectType() && uv.Type().HasAttribute(k) {
					val = uv.GetAttr(k)
				} else if uv.Type().IsMapType() && uv.HasIndex(key).True() {
					val = uv.Index(key)
				} else if uv.Type().IsSetType() {
					val = key
				}
			}
		}
	}
	return cty.ObjectVal(map[string]cty.Value{"key": key, "value": val})
}

// forEach returns the for_each value of the instance's resource. It is
// evaluated once per resource and module instance, not once per resource
// instance: 900 instances would evaluate it 900 times.
func (s *scope) forEach() cty.Value {
	if s.inst == nil {
		return cty.DynamicVal
	}
	base := s.base
	key := "for_each." + s.inst.Local
	if v, ok := base.locals[key]; ok {
		return v
	}
	v := cty.DynamicVal
	if base.busy[key] {
		return v
	}
	if _, r := s.m.SourceResource(s.inst); r != nil {
		if a, ok := r.Body.Attributes["for_each"]; ok {
			base.busy[key] = true
			v = base.eval(a.Expr)
			delete(base.busy, key)
		}
	}
	base.locals[key] = v
	return v
}

// variable returns var.name in this module instance, marked Sensitive when
// the module declares the variable sensitive.
//
// The value depends only on the module instance, so it is evaluated once
// and kept: 40 nested modules each passing coalesce(var.x, var.y) down
// would otherwise evaluate 2^40 expressions.
func (s *scope) variable(name string) cty.Value {
	base := s.base
	key := "var." + name
	if v, ok := base.locals[key]; ok {
		return v
	}
	if base.busy[key] {
		return cty.DynamicVal
	}
	base.busy[key] = true
	v := s.variableValue(name)
	delete(base.busy, key)
	if s.sensitiveVariable(name) && !v.HasMark(Sensitive) {
		v = v.Mark(Sensitive)
	}
	base.locals[key] = v
	return v
}

// sensitiveVariable reports whether this module declares var.name
// sensitive (in source, else in the plan's configuration).
func (s *scope) sensitiveVariable(name string) bool {
	if s.src != nil {
		if v, ok := s.src.Variables[name]; ok && v.Sensitive {
			return true
		}
	}
	if s.cfg != nil {
		if v := s.cfg.Variables[name]; v != nil && v.Sensitive {
			return true
		}
	}
	return false
}

func (s *scope) variableValue(name string) cty.Value {
	if len(s.mod) == 0 {
		if v, ok := s.m.variables[name]; ok {
			return v
		}
		return s.variableDefault(name)
	}
	parent := s.m.moduleScope(s.mod.Parent())
	last := s.mod[len(s.mod)-1]
	if parent.src != nil {
		if call, ok := parent.src.Calls[last.Name]; ok {
			if a, ok := call.Body.Attributes[name]; ok {
				ps := parent.forModuleKey(last.Key)
				return ps.eval(a.Expr)
			}
			return s.variableDefault(name)
		}
	}
	if call := s.m.calls[s.mod.ConfigKey()]; call != nil {
		if e := call.Expressions[name]; e != nil && e.ExpressionData != nil {
			if e.ConstantValue != nil && e.ConstantValue != tfjson.UnknownConstantValue {
				return FromJSON(normalizeJSON(e.ConstantValue), nil, nil)
			}
			if len(e.References) > 0 {
				var v cty.Value
				if last.Key != nil { // a call with instances: they share it
					v = parent.moduleArg(last.Name, name, e.References)
				} else {
					v = parent.resolveRefs(e.References, name)
				}
				if v != cty.NilVal {
					return v
				}
			}
			return cty.DynamicVal
		}
	}
	return s.variableDefault(name)
}

// argKey names an argument of a module call.
type argKey struct{ call, name string }

// moduleArg is resolveRefs(refs, name) for the argument name of the module
// call call in this (module) scope, from the plan's references, resolved
// once for all the call's instances: it does not depend on the instance
// (resolveRefs reads no count or each, and this scope has no resource
// instance), and whatever resolveRefs reads it keeps in this scope's refs,
// so resolving it again would give the same value. On plans of replicated
// modules every one of 9,000 instances reads the same var.subnet_ids.
func (s *scope) moduleArg(call, name string, refs []string) cty.Value {
	k := argKey{call, name}
	if v, ok := s.args[k]; ok {
		return v
	}
	v := s.resolveRefs(refs, name)
	if s.args == nil {
		s.args = map[argKey]cty.Value{}
	}
	s.args[k] = v
	return v
}

// forModuleKey returns a scope in which count.index / each.key are the key
// of a module call instance.
func (s *scope) forModuleKey(key *cty.Value) *scope {
	if key == nil {
		return s
	}
	c := *s
	fake := &Instance{Module: s.mod}
	if key.Type() == cty.String {
		fake.Index = key.AsString()
	} else if key.Type() == cty.Number {
		i, _ := key.AsBigFloat().Int64()
		fake.Index = int(i)
	}
	c.inst = fake
	return &c
}

func (s *scope) variableDefault(name string) cty.Value {
	if s.src != nil {
		if v, ok := s.src.Variables[name]; ok && v.Default != nil {
			return s.m.moduleScope(nil).evalConst(v.Default)
		}
	}
	if s.cfg != nil {
		if v := s.cfg.Variables[name]; v != nil && v.Default != nil {
			return FromJSON(normalizeJSON(v.Default), nil, nil)
		}
	}
	return cty.DynamicVal
}

func (s *scope) evalConst(expr hcl.Expression) cty.Value {
	v, diags := expr.Value(&hcl.EvalContext{Functions: s.m.functions(s.dir())})
	if diags.HasErrors() {
		return cty.DynamicVal
	}
	return v
}

// local returns local.name (source only).
func (s *scope) local(name string) cty.Value {
	base := s.base
	if v, ok := base.locals[name]; ok {
		return v
	}
	if base.src == nil {
		return cty.DynamicVal
	}
	a, ok := base.src.Locals[name]
	if !ok || base.busy[name] {
		return cty.DynamicVal
	}
	base.busy[name] = true
	v := base.eval(a.Expr)
	delete(base.busy, name)
	base.locals[name] = v
	return v
}

// moduleValue returns module.name: an object of the outputs the traversals
// use, or a tuple/object of such objects for count/for_each calls.
func (s *scope) moduleValue(name string, ts []hcl.Traversal) cty.Value {
	outputs := map[string]bool{}
	for _, t := range ts {
		for i := 2; i < len(t) && i < 4; i++ {
			if n, ok := stepName(t[i]); ok {
				outputs[n] = true
				break
			}
		}
	}
	if len(outputs) == 0 {
		// module.x[each.key].out: the index is dynamic, so the traversal
		// stops at module.x; provide every output.
		for _, n := range s.m.moduleScope(s.mod.Child(name, nil)).outputNames() {
			outputs[n] = true
		}
	}
	keys := s.m.moduleKeys(s.mod, name)
	if len(keys) == 0 {
		return s.m.moduleScope(s.mod.Child(name, nil)).outputs(outputs)
	}
	if keys[0].Type() == cty.String {
		attrs := map[string]cty.Value{}
		for _, k := range keys {
			kk := k
			attrs[k.AsString()] = s.m.moduleScope(s.mod.Child(name, &kk)).outputs(outputs)
		}
		return cty.ObjectVal(attrs)
	}
	elems := make([]cty.Value, len(keys))
	for i, k := range keys {
		kk := k
		elems[i] = s.m.moduleScope(s.mod.Child(name, &kk)).outputs(outputs)
	}
	return cty.TupleVal(elems)
}

// outputNames lists the module's outputs (source, else plan configuration).
func (s *scope) outputNames() []string {
	var out []string
	if s.src != nil {
		for n := range s.src.Outputs {
			out = append(out, n)
		}
	} else if s.cfg != nil {
		for n := range s.cfg.Outputs {
			out = append(out, n)
		}
	}
	return out
}

func (s *scope) outputs(names map[string]bool) cty.Value {
	attrs := map[string]cty.Value{}
	for n := range names {
		attrs[n] = s.output(n)
	}
	return cty.ObjectVal(attrs)
}

func (s *scope) output(name string) cty.Value {
	key := "output." + name
	if v, ok := s.locals[key]; ok {
		return v
	}
	if s.busy[key] {
		return cty.DynamicVal
	}
	s.busy[key] = true
	defer delete(s.busy, key)
	v := cty.DynamicVal
	if s.src != nil {
		if a, ok := s.src.Outputs[name]; ok {
			v = s.eval(a.Expr)
		}
	} else if s.cfg != nil {
		if o := s.cfg.Outputs[name]; o != nil && o.Expression != nil && o.Expression.ExpressionData != nil {
			e := o.Expression
			if e.ConstantValue != nil && e.ConstantValue != tfjson.UnknownConstantValue {
				v = FromJSON(normalizeJSON(e.ConstantValue), nil, nil)
			} else if r := s.resolveRefs(e.References, name); r != cty.NilVal {
				v = r
			}
		}
	}
	if s.sensitiveOutput(name) && !v.HasMark(Sensitive) {
		v = v.Mark(Sensitive)
	}
	s.locals[key] = v
	return v
}

// sensitiveOutput reports whether this module declares output name
// sensitive (in source, else in the plan's configuration).
func (s *scope) sensitiveOutput(name string) bool {
	if s.src != nil && s.src.SensitiveOutputs[name] {
		return true
	}
	if s.cfg != nil {
		if o := s.cfg.Outputs[name]; o != nil && o.Sensitive {
			return true
		}
	}
	return false
}

// resourceValue returns the value of a resource in this module: one object,
// a tuple (count) or an object by key (for_each). attrAt is the traversal
// position of the attribute name (after an optional index).
//
// The value of a resource with many instances is built once per set of
// attributes read and kept in the module scope: every instance of a
// for_each resource reading aws_x.y[each.key].id would otherwise rebuild
// the object of all instances (quadratic work).
func (s *scope) resourceValue(local string, ts []hcl.Traversal, attrAt int) cty.Value {
	insts := s.resource(local)
	need := map[string]bool{}
	all := false
	for _, t := range ts {
		pos := attrAt
		if pos < len(t) {
			if _, ok := stepKey(t[pos]); ok {
				pos++
			}
		}
		if pos < len(t) {
			if n, ok := stepName(t[pos]); ok {
				need[n] = true
				continue
			}
		}
		all = true
	}
	value := func(inst *Instance) cty.Value { return s.m.instanceValue(inst, need, all) }
	if len(insts) == 0 {
		return cty.DynamicVal
	}
	if len(insts) == 1 && insts[0].Index == nil {
		return value(insts[0])
	}
	base := s.base
	key := resourceValueKey(local, need, all)
	if v, ok := base.locals[key]; ok {
		return v
	}
	// no guard against recursion here: a reference cycle is cut by Attr,
	// which names an attribute being resolved symbolically
	v := s.collectionValue(insts, value)
	base.locals[key] = v
	return v
}

// resourceValueKey names a resourceValue result in a module scope's cache.
func resourceValueKey(local string, need map[string]bool, all bool) string {
	names := make([]string, 0, len(need))
	for n := range need {
		names = append(names, n)
	}
	sort.Strings(names)
	key := "resource." + local + "|" + strings.Join(names, ",")
	if all {
		key += "|*"
	}
	return key
}

// collectionValue is the tuple (count) or object (for_each) of insts.
func (s *scope) collectionValue(insts []*Instance, value func(*Instance) cty.Value) cty.Value {
	if _, ok := insts[0].Index.(string); ok {
		attrs := map[string]cty.Value{}
		for _, in := range insts {
			if k, ok := in.Index.(string); ok {
				attrs[k] = value(in)
			}
		}
		return cty.ObjectVal(attrs)
	}
	elems := make([]cty.Value, 0, len(insts))
	for _, in := range insts {
		elems = append(elems, value(in))
	}
	return cty.TupleVal(elems)
}

// instanceValue is the instance's after value with the needed (or all)
// unknown attributes resolved.
func (m *Model) instanceValue(inst *Instance, need map[string]bool, all bool) cty.Value {
	m.work++
	if !all {
		// only the attributes the traversals read: an object of those
		// (converting and resolving the whole instance costs far more)
		if !inst.after.isObject() || inst.afterUnknown.isTrue() {
			return cty.DynamicVal
		}
		attrs := make(map[string]cty.Value, len(need))
		for k := range need {
			attrs[k] = m.Attr(inst, k)
		}
		return cty.ObjectVal(attrs)
	}
	after := inst.After()
	if after.IsNull() || !after.IsKnown() || !after.Type().IsObjectType() {
		return cty.DynamicVal
	}
	uv, marks := after.Unmark()
	attrs := map[string]cty.Value{}
	for k := range uv.Type().AttributeTypes() {
		v := uv.GetAttr(k)
		if !WhollyKnown(v) && (all || need[k]) {
			v = m.Attr(inst, k)
		}
		attrs[k] = v
	}
	for k := range need {
		if _, ok := attrs[k]; !ok {
			attrs[k] = m.Attr(inst, k)
		}
	}
	return cty.ObjectVal(attrs).WithMarks(marks)
}

func isObject(v any) bool {
	_, ok := v.(map[string]any)
	return ok
}

// moduleKeys lists the instance keys of a module call under parent, from
// the instances in the model (nil for a call without count/for_each). The
// index is built once: scanning every instance per lookup is quadratic.
func (m *Model) moduleKeys(parent ModuleInstance, name string) []cty.Value {
	if m.modKeys == nil {
		m.indexModuleKeys()
	}
	return m.modKeys[parent.String()+"|"+name]
}

func (m *Model) indexModuleKeys() {
	m.modKeys = map[string][]cty.Value{}
	seen := map[string]bool{}
	for _, inst := range m.Instances {
		for depth := range inst.Module {
			step := inst.Module[depth]
			if step.Key == nil {
				continue
			}
			k := inst.Module[:depth].String() + "|" + step.Name
			ks := k + "|" + keyString(*step.Key)
			if !seen[ks] {
				seen[ks] = true
				m.modKeys[k] = append(m.modKeys[k], *step.Key)
			}
		}
	}
}

// resolveRefs resolves an attribute from the plan's references alone: only
// when the references determine the value (a single reference to an id, an
// arn, a policy document's json, or a list of ids).
func (s *scope) resolveRefs(refs []string, attr string) cty.Value {
	leaves, indexed := refLeaves(refs)
	if len(leaves) == 0 {
		return cty.NilVal
	}
	plural := strings.HasSuffix(attr, "_ids") || attr == "security_groups" || attr == "subnets" || attr == "values" || attr == "cidr_blocks"
	if plural {
		return s.resolveIDList(leaves, indexed)
	}
	return s.resolveSingleRef(leaves, attr)
}

// refLeaves drops from a plan expression's references those that hold no
// value of their own (count.*, each.*, path.*, terraform.*) and those that
// are a prefix of another; indexed tells whether count.* or each.* was
// among them (the expression indexes something with them).
func refLeaves(refs []string) (leaves []string, indexed bool) {
	for i, r := range refs {
		if strings.HasPrefix(r, "count.") || strings.HasPrefix(r, "each.") {
			indexed = true
			continue
		}
		if strings.HasPrefix(r, "path.") || strings.HasPrefix(r, "terraform.") {
			continue
		}
		if !PrefixOfOther(refs, i) {
			leaves = append(leaves, r)
		}
	}
	return leaves, indexed
}

// resolveIDList resolves a list-of-ids argument whose references are all
// direct (ids, whole resources, variables, module outputs, locals) and
// known: the ids they hold, in order.
func (s *scope) resolveIDList(leaves []string, indexed bool) cty.Value {
	var elems []cty.Value
	for _, r := range leaves {
		if !directRef(r) || indexed && wholeResource(r) {
			return cty.NilVal
		}
		v := s.resolveElementIDs(r)
		if v == cty.NilVal || !v.IsKnown() {
			return cty.NilVal
		}
		uv, _ := v.Unmark()
		if len(leaves) == 1 && idTuple(uv) {
			return uv // what the loop below would build again
		}
		var ok bool
		if elems, ok = appendIDs(elems, v, uv); !ok {
			return cty.NilVal
		}
	}
	if len(elems) == 0 {
		return cty.EmptyTupleVal
	}
	return cty.TupleVal(elems)
}

// appendIDs appends the ids that v (uv unmarked) holds to elems: v itself
// when a string, else each element (an object's id); ok is false for any
// other value.
func appendIDs(elems []cty.Value, v, uv cty.Value) ([]cty.Value, bool) {
	switch {
	case uv.Type() == cty.String:
		elems = append(elems, v)
	case uv.CanIterateElements():
		for it := uv.ElementIterator(); it.Next(); {
			_, e := it.Element()
			if e.Type().IsObjectType() && e.Type().HasAttribute("id") {
				e = e.GetAttr("id")
			}
			elems = append(elems, e)
		}
	default:
		return elems, false
	}
	return elems, true
}

// idTuple reports whether v is a non-empty tuple none of whose elements is
// an object with an id: resolveIDList of one reference holding it would
// build cty.TupleVal of v's own elements, a value equal to v (the elements
// keep their marks), so it returns v. On plans of replicated modules every
// instance's list of subnet ids is such a tuple, read once per instance.
func idTuple(v cty.Value) bool {
	if !v.Type().IsTupleType() || v.LengthInt() == 0 {
		return false
	}
	for _, t := range v.Type().TupleElementTypes() {
		if t.IsObjectType() && t.HasAttribute("id") {
			return false
		}
	}
	return true
}

// resolveSingleRef resolves a single-valued argument from its one
// reference when exactRef accepts it.
func (s *scope) resolveSingleRef(leaves []string, attr string) cty.Value {
	if len(leaves) != 1 || !(stringish(attr) || strings.HasSuffix(attr, "_id")) && !strings.HasPrefix(leaves[0], "var.") && !strings.HasPrefix(leaves[0], "module.") && !strings.HasPrefix(leaves[0], "local.") {
		return cty.NilVal
	}
	t, ok := s.m.traversal(leaves[0])
	if !ok {
		return cty.NilVal
	}
	last := ""
	if n, ok := stepName(t[len(t)-1]); ok {
		last = n
	}
	if !exactRef(attr, last, leaves[0]) {
		return cty.NilVal
	}
	v := s.resolveTraversal(leaves[0])
	if v == cty.NilVal || !v.IsKnown() {
		return cty.NilVal
	}
	if stringish(attr) && v.Type() != cty.String {
		return cty.NilVal
	}
	return v
}

// exactRef decides whether an argument whose plan configuration shows one
// reference most likely holds that reference's value as it is. The plan does
// not say whether the expression was `x.id` or "prefix-${x.id}", so only
// pairs where a template would be unusual are accepted: an id-like argument
// from an id, an ARN from an ARN, a policy from a document's json, a CIDR
// from a CIDR, and any of these from a variable, module output or local.
// An id-like argument reads an id: id or an attribute that is one
// (parent_id = aws_api_gateway_rest_api.x.root_resource_id).
func exactRef(attr, last, ref string) bool {
	// access_association_source holds the id of a VPC endpoint
	idLike := attr == "id" || strings.HasSuffix(attr, "_id") || strings.HasSuffix(attr, "_ids") || attr == "access_association_source"
	arnLike := attr == "arn" || strings.HasSuffix(attr, "_arn")
	policyLike := attr == "policy" || strings.HasSuffix(attr, "_policy") || attr == "json"
	cidrLike := strings.HasSuffix(attr, "cidr_block") || strings.HasSuffix(attr, "cidr_blocks")
	indirect := strings.HasPrefix(ref, "var.") || strings.HasPrefix(ref, "module.") || strings.HasPrefix(ref, "local.")
	switch {
	case indirect:
		return idLike || arnLike || policyLike || cidrLike || strings.HasSuffix(attr, "_ids") || attr == "security_groups" || attr == "subnets"
	case idLike:
		return last == "id" || last == attr || strings.HasSuffix(last, "_id")
	case arnLike:
		return last == "arn" || last == attr
	case policyLike:
		return last == "json" || last == "minified_json" || last == "policy"
	case cidrLike:
		return last == "cidr_block"
	}
	return false
}

// directRef reports whether a reference is one whose value is commonly
// used as it is in a list of ids: an id (id, or an attribute such as
// default_security_group_id), a whole resource (splat), a variable, a
// module output or a local.
func directRef(r string) bool {
	if strings.HasPrefix(r, "var.") || strings.HasPrefix(r, "module.") || strings.HasPrefix(r, "local.") {
		return true
	}
	t, ok := parseTraversal(r)
	if !ok {
		return false
	}
	last, _ := stepName(t[len(t)-1])
	if last == "id" || last == "cidr_block" || strings.HasSuffix(last, "_id") {
		return true
	}
	// aws_x.y or aws_x.y[0] or data.aws_x.y: a whole resource
	n := 0
	for _, s := range t {
		if _, ok := stepName(s); ok {
			n++
		}
	}
	if strings.HasPrefix(r, "data.") {
		return n == 3
	}
	return n == 2
}

// wholeResource reports whether r names a resource without an attribute
// (aws_x.y or data.aws_x.y).
func wholeResource(r string) bool {
	t, ok := parseTraversal(r)
	if !ok {
		return false
	}
	n := 0
	for _, s := range t {
		if _, ok := stepName(s); ok {
			n++
		}
	}
	if strings.HasPrefix(r, "data.") {
		return n == 3
	}
	return n == 2 && !strings.HasPrefix(r, "var.") && !strings.HasPrefix(r, "local.") && !strings.HasPrefix(r, "module.")
}

// resolveElementIDs is resolveTraversal for an element of a list of ids.
// Of a reference to a whole resource with count or for_each (a splat,
// [for s in aws_subnet.x : s.id]) resolveRefs reads only each instance's
// id: the instances' other attributes are not built.
func (s *scope) resolveElementIDs(ref string) cty.Value {
	t, ok := s.m.traversal(ref)
	if !ok {
		return cty.NilVal
	}
	local, ok := wholeLocal(t)
	if !ok {
		return s.resolveTraversal(ref)
	}
	insts := s.resource(local)
	if len(insts) == 0 || len(insts) == 1 && insts[0].Index == nil {
		return s.resolveTraversal(ref) // one object, iterated by attribute
	}
	key := ref + "|ids"
	if v, ok := s.refs[key]; ok && s.refs != nil {
		return v
	}
	withID := append(t[:len(t):len(t)], hcl.TraverseAttr{Name: "id"})
	v, diags := t.TraverseAbs(&hcl.EvalContext{Variables: s.vars([]hcl.Traversal{withID})})
	if diags.HasErrors() {
		v = cty.NilVal
	}
	if s.refs != nil {
		s.refs[key] = v
	}
	return v
}

// wholeLocal returns the local address of a traversal that names a whole
// resource without index (aws_x.y, data.aws_x.y).
func wholeLocal(t hcl.Traversal) (string, bool) {
	names := make([]string, 0, 3)
	for _, step := range t {
		n, ok := stepName(step)
		if !ok {
			return "", false
		}
		names = append(names, n)
	}
	switch {
	case len(names) == 3 && names[0] == "data", len(names) == 2 && names[0] != "data":
	default:
		return "", false
	}
	switch names[0] {
	case "var", "local", "module", "count", "each", "self", "path", "terraform":
		return "", false
	}
	return strings.Join(names, "."), true
}

// resolveTraversal evaluates one absolute reference in this scope.
func (s *scope) resolveTraversal(ref string) cty.Value {
	cache := s.refs != nil && !strings.HasPrefix(ref, "count.") && !strings.HasPrefix(ref, "each.") && !strings.HasPrefix(ref, "self.")
	if cache {
		if v, ok := s.refs[ref]; ok {
			return v
		}
	}
	v := s.traverse(ref)
	if cache {
		s.refs[ref] = v
	}
	return v
}

func (s *scope) traverse(ref string) cty.Value {
	t, ok := s.m.traversal(ref)
	if !ok {
		return cty.NilVal
	}
	if v, ok := s.traverseDirect(t); ok {
		return v
	}
	return s.traverseVars(t)
}

// traverseVars evaluates t against the variables vars builds for it.
func (s *scope) traverseVars(t hcl.Traversal) cty.Value {
	ctx := &hcl.EvalContext{Variables: s.vars([]hcl.Traversal{t})}
	v, diags := t.TraverseAbs(ctx)
	if diags.HasErrors() {
		return cty.NilVal
	}
	return v
}

// Eval evaluates an expression written in the module of inst, as if it were
// one of inst's arguments. Exposed for callers that hold source expressions
// (policy documents rebuilt from blocks).
func (m *Model) Eval(inst *Instance, expr hcl.Expression) cty.Value {
	if o := m.ownerOf(inst); o != m {
		return o.Eval(inst, expr)
	}
	return m.instanceScope(inst).eval(expr)
}
