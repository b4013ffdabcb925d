package topology

// Accessors for the deployment and logging checks (see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_deployment):
// which objects a deployment's triggers read, whether one resource is
// ordered after another, which deployment a stage serves, and what an
// OpenAPI body holds.
//
// References are followed at configuration level: a module is named by its
// call path without instance keys, and a resource by its address inside its
// module, so every count/for_each instance of a block counts as the same
// object. Expressions are read from the .tf source (package source); without
// source only the plan's `references` of the starting argument are known and
// locals, variables and module outputs cannot be followed (they are listed
// in Walk.Opaque).
//
// The same walker answers View.Origins (what an argument's value may be
// drawn from, per module instance, also through the plan's configuration of
// module calls and outputs): the one place that follows references.

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/source"
	"github.com/privapi/privapi/internal/symbol"
)

// RefKind says what a reference reads.
type RefKind int

const (
	// RefResource is a managed resource.
	RefResource RefKind = iota
	// RefData is a data source.
	RefData
	// RefLocal is a local value.
	RefLocal
	// RefVariable is an input variable.
	RefVariable
	// RefOutput is a module output (module.NAME.OUTPUT).
	RefOutput
	// RefModule is a whole module (module.NAME, as in depends_on).
	RefModule
)

// Ref is one object an expression reads, at configuration level.
type Ref struct {
	// Module is the module's call path (call names, no keys); empty = root.
	Module []string
	Kind   RefKind
	// Name is the object's address inside its module: "aws_x.y",
	// "data.aws_x.y", "local.n", "var.n", "module.c.out" or "module.c".
	Name string
	// Index is the instance key as written: "" (none), "[0]", `["a"]`, or
	// "[?]" when computed (count.index, each.key...).
	Index string
	// Attr is the attribute path read ("" for the whole object), e.g.
	// "policy", "json", "dns_entry[0].dns_name".
	Attr string
}

// Address is the object's module-qualified address (without instance key).
func (r Ref) Address() string {
	if len(r.Module) == 0 {
		return r.Name
	}
	return string(append(appendModulePath(make([]byte, 0, modulePathLen(r.Module)+len(r.Name)), r.Module), r.Name...))
}

// String renders the reference as written in Terraform (module-qualified).
func (r Ref) String() string {
	return string(r.appendTo(make([]byte, 0, modulePathLen(r.Module)+len(r.Name)+len(r.Index)+1+len(r.Attr))))
}

// appendTo appends String's text to b.
func (r Ref) appendTo(b []byte) []byte {
	b = appendModulePath(b, r.Module)
	if r.Kind == RefOutput && r.Index != "" {
		i := strings.LastIndex(r.Name, ".")
		b = append(append(append(b, r.Name[:i]...), r.Index...), r.Name[i:]...)
	} else {
		b = append(append(b, r.Name...), r.Index...)
	}
	if r.Attr != "" {
		b = append(append(b, '.'), r.Attr...)
	}
	return b
}

// Is reports whether r reads the resource (or data source) block of the
// element n (false for an element not in the plan).
func (r Ref) Is(n Node) bool { return r.isInst(n.inst) }

// isInst reports whether r reads the resource (or data source) block of
// inst.
func (r Ref) isInst(inst *model.Instance) bool {
	if inst == nil || (r.Kind != RefResource && r.Kind != RefData) {
		return false
	}
	// r.Address() == configAddress(inst), without building either: call
	// names hold no dot, and neither r.Name nor inst.Local starts with
	// "module."
	if r.Name != inst.Local || len(r.Module) != len(inst.Module) {
		return false
	}
	for i, c := range r.Module {
		if inst.Module[i].Name != c {
			return false
		}
	}
	return true
}

// SameAddress is r.Address() == o.Address(), without building either
// when their parts agree or their lengths differ.
func (r Ref) SameAddress(o Ref) bool {
	if r.Name == o.Name && slices.Equal(r.Module, o.Module) {
		return true
	}
	if modulePathLen(r.Module)+len(r.Name) != modulePathLen(o.Module)+len(o.Name) {
		return false
	}
	return r.Address() == o.Address()
}

// configAddress is the configuration-level address of an instance: its
// module call path and local address, without instance keys
// (module.a.aws_x.y for module.a["k"].aws_x.y[0]).
func configAddress(inst *model.Instance) string {
	return modulePath(inst.Module.Calls()) + inst.Local
}

func modulePath(calls []string) string {
	if len(calls) == 0 {
		return ""
	}
	return string(appendModulePath(make([]byte, 0, modulePathLen(calls)), calls))
}

// appendModulePath appends modulePath's text to b.
func appendModulePath(b []byte, calls []string) []byte {
	for _, c := range calls {
		b = append(append(append(b, "module."...), c...), '.')
	}
	return b
}

func modulePathLen(calls []string) int {
	n := 0
	for _, c := range calls {
		n += len("module.") + len(c) + 1
	}
	return n
}

// Reached is a reference found by a walk.
type Reached struct {
	Ref
	// Via lists the locals, variables, module outputs and data sources the
	// reference was reached through, outermost first (empty when the
	// starting expression names it directly).
	Via []string
	// Replaces is true when the reference was reached as a replacement
	// cause (replace_triggered_by, terraform_data's triggers_replace): a
	// change of it replaces the object the walk read, so that object's id
	// changes, but its content is not in the value.
	Replaces bool
}

// Chain renders how the reference was reached: "local.a → data.x.y.json".
func (r Reached) Chain() string {
	return strings.Join(append(append([]string{}, r.Via...), r.String()), " → ")
}

// FuncUse is a function call found by a walk.
type FuncUse struct {
	Name string
	// In is the object whose expression calls it ("" for the starting
	// argument itself).
	In string
}

// Walk is what an expression depends on.
type Walk struct {
	Reached   []Reached
	Functions []FuncUse
	// Opaque lists objects whose definition could not be read (no .tf
	// source, module source not found): the walk may be incomplete.
	Opaque []string
	// Written is false when the starting argument is not in the
	// configuration at all.
	Written bool
}

// Find returns the first reached reference accepted by f.
func (w *Walk) Find(f func(Reached) bool) (Reached, bool) {
	for _, r := range w.Reached {
		if f(r) {
			return r, true
		}
	}
	return Reached{}, false
}

// Calls returns the uses of the named functions.
func (w *Walk) Calls(names ...string) []FuncUse {
	var out []FuncUse
	for _, f := range w.Functions {
		for _, n := range names {
			if f.Name == n {
				out = append(out, f)
			}
		}
	}
	return out
}

// WalkValue follows the arguments names of inst (e.g. "triggers",
// "variables") transitively through locals, module input variables, module
// outputs and data sources (whose whole configuration is read), and stops
// at managed resources: what the arguments' values are computed from. A
// name "lifecycle.replace_triggered_by" reads that lifecycle argument
// (source only: plan JSON does not carry lifecycle, so without source it
// reads nothing).
func (v *View) walkValue(inst *model.Instance, names ...string) *Walk {
	w := v.newWalker(false)
	for _, name := range names {
		w.start(inst, name)
	}
	return w.out
}

// dependsOnInstance reports whether inst is ordered after target: the walk
// in order mode follows everything inst's configuration refers to (every
// argument and depends_on) through references or depends_on, directly or
// transitively, through other managed resources as well (see
// https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_deployment).
// The chain says how when True: the entry itself when inst's depends_on
// names target (or its module), else the first chain of the walk. Unknown
// when the walk met an object it could not read. The walk, which stops at
// the first reference that orders inst after target, runs only when
// depends_on names neither.
func (v *View) dependsOnInstance(inst, target *model.Instance) (symbol.Tri, string) {
	addr := configAddress(target)
	orders := func(r Ref) bool {
		switch r.Kind {
		case RefResource, RefData:
			return r.isInst(target)
		case RefModule:
			return strings.HasPrefix(addr, r.Address()+".")
		}
		return false
	}
	if target.Index == nil && v.dependsOnNames(inst, target.Address) {
		return symbol.True, addr
	}
	if r, ok := v.dependsOnEntry(inst, orders); ok {
		return symbol.True, r.String()
	}
	w := v.newWalker(true)
	w.stopAt = orders
	w.startAll(inst)
	for _, r := range w.out.Reached {
		if orders(r.Ref) {
			return symbol.True, r.Chain()
		}
	}
	if len(w.out.Opaque) > 0 {
		return symbol.Unknown, ""
	}
	return symbol.False, ""
}

// dependsOnNames reports whether an entry of inst's depends_on is, as
// written, the absolute address target (of a resource without count or
// for_each in inst's module instance): the common case, told without
// parsing the entries.
func (v *View) dependsOnNames(inst *model.Instance, target string) bool {
	m := v.m.Owner(inst)
	if _, r := m.SourceResource(inst); r != nil {
		prefix := inst.ModuleAddress()
		if prefix != "" {
			if !strings.HasPrefix(target, prefix) || len(target) <= len(prefix) || target[len(prefix)] != '.' {
				return false
			}
			target = target[len(prefix)+1:]
		}
		for _, d := range r.DependsOn {
			if d == target {
				return true
			}
		}
		return false
	}
	for _, d := range m.DependsOn(inst) {
		if d == target {
			return true
		}
	}
	return false
}

// dependsOnEntry returns the first entry of inst's depends_on that f
// accepts. The walk in order mode lists every entry, so an entry found
// here is one it would find.
func (v *View) dependsOnEntry(inst *model.Instance, f func(Ref) bool) (Ref, bool) {
	m := v.m.Owner(inst)
	var ts []hcl.Traversal
	if _, r := m.SourceResource(inst); r != nil {
		for _, d := range r.DependsOn {
			if t, ok := model.ParseTraversal(d); ok {
				ts = append(ts, t)
			}
		}
	} else {
		ts = (&walker{m: m}).planTraversals(inst.ModuleAddress(), m.RelDependsOn(inst))
	}
	if len(ts) == 0 {
		return Ref{}, false
	}
	mod := inst.Module.Calls()
	for _, t := range ts {
		if r, ok := refOf(mod, t); ok && f(r) {
			return r, true
		}
	}
	return Ref{}, false
}

// walker is the one walk that follows references transitively. In value
// and order mode it works at configuration level (Walk); in origins mode it
// lists the resource instances a value may be drawn from (View.Origins).
type walker struct {
	v     *View
	m     *model.Model // the model of the starting instance's stack
	src   *source.Config
	order bool
	// origins: follow references per module instance, also through
	// each.value and, without .tf source, the plan's configuration of
	// module calls and outputs; stop at every resource and data source and
	// list their instances in leaves.
	origins bool
	leaves  []Origin
	// each walks the for_each expression that each.* stands for in the
	// expression being walked (origins mode; nil where it is not defined).
	each   func()
	out    *Walk
	seen   map[string]bool // objects expanded
	listed map[string]bool // references recorded
	addBuf []byte          // add's buffer for the text of a reference
	keyBuf []byte          // the buffer for a key of seen (firstTime)
	// replacing counts the replacement-cause expressions being walked;
	// hops the resources of the current replacement chain.
	replacing, hops int
	// stopAt, when set, ends the walk at the first reference it accepts
	// (stopped): nothing is listed after it.
	stopAt  func(Ref) bool
	stopped bool
}

func (v *View) newWalker(order bool) *walker {
	return &walker{v: v, m: v.m, src: v.m.Source(), order: order, out: &Walk{}, seen: map[string]bool{}, listed: map[string]bool{}}
}

// Origin is a resource instance (managed or data) a value may be drawn
// from, with the attribute it reads ("" when the reference names the whole
// instance or resource).
type Origin struct {
	inst *model.Instance
	Attr string
}

// Origins lists the resource instances that the value of argument or block
// name of inst can be drawn from: its references, followed through locals
// (source only), input variables (the module call's argument in the parent
// module instance), module outputs (every instance of a count/for_each
// call, every output when the reference names none) and each.value (the
// for_each expression). The instances reached are leaves: their own
// arguments are not followed. Root variables, count.*, each.key, path.*
// and terraform.* hold known literals and end the walk.
//
// complete is false when some step cannot be followed — no configuration
// for inst, a local without .tf source, a reference that does not parse, a
// module call or output the configuration does not hold: the value may
// then come from anything.
func (v *View) origins(inst *model.Instance, name string) (leaves []Origin, complete bool) {
	m := v.m.Owner(inst)
	if !m.HasConfig(inst) {
		return nil, false
	}
	w := &walker{v: v, m: m, src: m.Source(), origins: true, out: &Walk{}, seen: map[string]bool{}, listed: map[string]bool{}}
	w.each = w.resourceEach(inst)
	w.start(inst, name)
	return w.leaves, len(w.out.Opaque) == 0
}

// resourceEach walks the for_each expression of inst's resource block.
func (w *walker) resourceEach(inst *model.Instance) func() {
	return func() {
		if _, r := w.m.SourceResource(inst); r != nil {
			if a, ok := r.Body.Attributes["for_each"]; ok {
				w.expr(inst.Module, a.Expr, nil, "")
			}
			return
		}
		w.refs(inst.Module, w.m.PlanForEachRefs(inst), nil)
	}
}

// withEach sets what each.* stands for (origins mode) and returns the
// function that restores the previous one.
func (w *walker) withEach(each func()) func() {
	old := w.each
	if w.origins {
		w.each = each
	}
	return func() { w.each = old }
}

// scopeKey starts a key of seen in keyBuf: scoped per module instance
// ("module.a[\"k\"]|") in origins mode, per configuration otherwise.
func (w *walker) scopeKey(mi model.ModuleInstance) []byte {
	if w.origins {
		return append(mi.AppendTo(w.keyBuf[:0]), '|')
	}
	return w.keyBuf[:0]
}

// instanceOf finds an instance of a configuration-level resource address.
func (w *walker) instanceOf(addr string) *model.Instance {
	if is := w.v.instancesAt(addr); len(is) > 0 {
		return is[0]
	}
	return nil
}

func (w *walker) module(calls []string) *source.Module {
	if w.src == nil {
		return nil
	}
	return w.src.Find(calls)
}

// firstTime marks key in seen and reports whether it was new; the key
// string is made only then ("" when it was seen).
func (w *walker) firstTime(key []byte) (string, bool) {
	if w.seen[string(key)] {
		return "", false
	}
	k := string(key)
	w.seen[k] = true
	return k, true
}

func (w *walker) opaque(what string) {
	for _, o := range w.out.Opaque {
		if o == what {
			return
		}
	}
	w.out.Opaque = append(w.out.Opaque, what)
}

// start walks one argument of inst (in origins mode, also the blocks of
// that name).
func (w *walker) start(inst *model.Instance, name string) {
	mi := inst.Module
	if _, r := w.m.SourceResource(inst); r != nil {
		if lc, ok := strings.CutPrefix(name, "lifecycle."); ok {
			for _, b := range r.Body.Blocks {
				if b.Type == "lifecycle" {
					if a, ok := b.Body.Attributes[lc]; ok {
						w.out.Written = true
						w.replaceExpr(mi, a.Expr, nil, "")
					}
				}
			}
			return
		}
		if a, ok := r.Body.Attributes[name]; ok {
			w.out.Written = true
			w.expr(mi, a.Expr, nil, "")
		}
		if w.origins {
			for _, b := range r.Body.Blocks {
				if b.Type == name {
					w.out.Written = true
					w.block(mi, b.Body)
				}
			}
		}
		return
	}
	if strings.HasPrefix(name, "lifecycle.") {
		return // lifecycle is not in plan JSON; callers say so
	}
	refs := w.m.RelRefs(inst, name)
	if len(refs) > 0 || w.m.Configured(inst, name) {
		w.out.Written = true
	}
	for _, t := range w.planTraversals(inst.ModuleAddress(), refs) {
		w.traversal(mi, t, nil)
	}
}

// block walks every attribute of a block body and of its nested blocks.
func (w *walker) block(mi model.ModuleInstance, b *hclsyntax.Body) {
	for _, a := range b.Attributes {
		w.expr(mi, a.Expr, nil, "")
	}
	for _, blk := range b.Blocks {
		w.block(mi, blk.Body)
	}
}

// startAll walks every argument and depends_on of inst.
func (w *walker) startAll(inst *model.Instance) {
	w.seen[configAddress(inst)] = true
	if _, r := w.m.SourceResource(inst); r != nil {
		w.out.Written = true
		w.body(inst.Module, r.Body, nil, configAddress(inst))
		return
	}
	w.planResource(inst, nil)
}

// planResource walks a resource from the plan's configuration alone.
func (w *walker) planResource(inst *model.Instance, via []string) {
	names := w.m.ConfiguredNames(inst)
	deps := w.m.RelDependsOn(inst)
	if len(names) == 0 && len(deps) == 0 {
		w.opaque(configAddress(inst))
		return
	}
	var refs []string
	for _, n := range names {
		refs = append(refs, w.m.RelRefs(inst, n)...)
	}
	if w.order {
		refs = append(refs, deps...)
	}
	for _, t := range w.planTraversals(inst.ModuleAddress(), refs) {
		w.traversal(inst.Module, t, via)
	}
}

// planTraversals parses the module-relative references of an instance in
// the module instance at modAddr ("" for the root, see
// model.Instance.ModuleAddress; model.RelRefs gives them) into traversals,
// each distinct text once per model (model.ParsedRef: the traversals are
// shared, never modified), dropping references that are a prefix of
// another (the plan lists aws_x.y and aws_x.y.id). In origins mode a
// reference that does not parse makes the walk incomplete (named by its
// absolute address).
func (w *walker) planTraversals(modAddr string, refs []string) []hcl.Traversal {
	var out []hcl.Traversal
	for i, r := range refs {
		if model.PrefixOfOther(refs, i) {
			continue
		}
		if t, ok := w.m.ParsedRef(r); ok {
			out = append(out, t)
		} else if w.origins {
			if modAddr != "" {
				r = modAddr + "." + r
			}
			w.opaque(r)
		}
	}
	return out
}

// refs walks module-relative references from the plan's configuration
// (of a module call, an output or a for_each), evaluated in module mi.
func (w *walker) refs(mi model.ModuleInstance, refs []string, via []string) {
	for _, t := range w.planTraversals("", refs) {
		w.traversal(mi, t, via)
	}
}

var metaArgs = map[string]bool{"count": true, "for_each": true, "provider": true, "depends_on": true}

// body walks every attribute and nested block of a block body. In value
// mode meta-arguments and lifecycle are skipped (they do not shape the
// value); in order mode depends_on is followed too.
func (w *walker) body(mi model.ModuleInstance, b *hclsyntax.Body, via []string, in string) {
	names := make([]string, 0, len(b.Attributes))
	for n := range b.Attributes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if metaArgs[n] && !(w.order && n == "depends_on") {
			continue
		}
		w.expr(mi, b.Attributes[n].Expr, via, in)
	}
	for _, blk := range b.Blocks {
		if blk.Type == "lifecycle" || blk.Type == "provisioner" || blk.Type == "connection" {
			continue
		}
		w.body(mi, blk.Body, via, in)
	}
}

// expr walks one expression written in module instance mi. In origins
// mode it reads the expression's variables (hcl's Variables: a for
// expression's own symbols are not references); otherwise Traversals, which
// keep attribute steps across computed indexes, and the functions called.
func (w *walker) expr(mi model.ModuleInstance, e hclsyntax.Expression, via []string, in string) {
	if w.origins {
		for _, t := range e.Variables() {
			w.traversal(mi, t, via)
		}
		return
	}
	hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		if c, ok := n.(*hclsyntax.FunctionCallExpr); ok {
			w.out.Functions = append(w.out.Functions, FuncUse{Name: c.Name, In: in})
		}
		return nil
	})
	for _, t := range Traversals(e) {
		w.traversal(mi, t, via)
	}
}

func (w *walker) add(r Ref, via []string) {
	w.addBuf = r.appendTo(w.addBuf[:0]) // a reference seen before costs no string
	if w.listed[string(w.addBuf)] {
		return
	}
	w.listed[string(w.addBuf)] = true
	// via is never changed once made (each step of a chain appends to a
	// copy): the entries share it, capacity cut
	var shared []string
	if len(via) > 0 {
		shared = via[:len(via):len(via)]
	}
	w.out.Reached = append(w.out.Reached, Reached{Ref: r, Via: shared, Replaces: w.replacing > 0})
	if w.stopAt != nil && w.stopAt(r) {
		w.stopped = true
	}
}

// refOf names a module-relative traversal, already parsed (from an
// expression, or from the plan's text by addr.ParseTraversal through
// model.ParseTraversal): the object it reads and the attribute path. It is
// the walk's one classification of references. ok is false for
// count/each/path/terraform/self.
func refOf(mod []string, t hcl.Traversal) (Ref, bool) {
	if len(t) == 0 {
		return Ref{}, false
	}
	root := t.RootName()
	switch root {
	case "count", "each", "path", "terraform", "self":
		return Ref{}, false
	case "local", "var":
		name, ok := nameAt(t, 1)
		if !ok {
			return Ref{}, false
		}
		kind := RefLocal
		if root == "var" {
			kind = RefVariable
		}
		return Ref{Module: mod, Kind: kind, Name: root + "." + name, Attr: model.TraversalText(t[2:])}, true
	case "module":
		call, ok := nameAt(t, 1)
		if !ok {
			return Ref{}, false
		}
		idx, rest := splitIndex(t[2:])
		if out, ok := nameAt(rest, 0); ok {
			return Ref{Module: mod, Kind: RefOutput, Name: "module." + call + "." + out, Index: idx, Attr: model.TraversalText(rest[1:])}, true
		}
		return Ref{Module: mod, Kind: RefModule, Name: "module." + call, Index: idx}, true
	case "data":
		typ, ok1 := nameAt(t, 1)
		name, ok2 := nameAt(t, 2)
		if !ok1 || !ok2 {
			return Ref{}, false
		}
		idx, rest := splitIndex(t[3:])
		return Ref{Module: mod, Kind: RefData, Name: "data." + typ + "." + name, Index: idx, Attr: model.TraversalText(rest)}, true
	}
	name, ok := nameAt(t, 1)
	if !ok {
		return Ref{}, false
	}
	idx, rest := splitIndex(t[2:])
	return Ref{Module: mod, Kind: RefResource, Name: root + "." + name, Index: idx, Attr: model.TraversalText(rest)}, true
}

// specialRoots name values that are not references to follow: count.*,
// each.* (in value and order mode), path.*, terraform.* and self.
var specialRoots = map[string]bool{"count": true, "each": true, "path": true, "terraform": true, "self": true}

// traversal records and follows one reference written in module
// instance mi.
func (w *walker) traversal(mi model.ModuleInstance, t hcl.Traversal, via []string) {
	if w.stopped {
		return
	}
	if w.origins && len(t) > 0 && t.RootName() == "each" {
		w.followEach(mi, t)
		return
	}
	r, ok := refOf(mi.Calls(), t)
	if !ok {
		if w.origins && (len(t) == 0 || !specialRoots[t.RootName()]) {
			w.opaque(model.TraversalText(t))
		}
		return
	}
	w.add(r, via)
	switch r.Kind {
	case RefLocal, RefVariable:
		w.expandNamed(mi, r, via)
	case RefModule:
		w.expandModule(mi, strings.TrimPrefix(r.Name, "module."), moduleKey(t), r, via)
	case RefOutput:
		parts := strings.SplitN(r.Name, ".", 3)
		for _, child := range w.children(mi, parts[1], moduleKey(t)) {
			w.expandOutput(child, parts[2], r, via)
		}
	case RefData:
		if w.origins {
			w.leaf(mi, r)
		} else {
			w.expandResource(mi, r, via)
		}
	case RefResource:
		switch {
		case w.origins:
			w.leaf(mi, r)
		case w.order:
			w.expandResource(mi, r, via)
		default:
			w.expandReplacement(mi, r, via)
		}
	}
}

// followEach follows each.value (and each.*, but each.key) to the for_each
// expression it stands for (origins mode).
func (w *walker) followEach(mi model.ModuleInstance, t hcl.Traversal) {
	second, _ := nameAt(t, 1)
	if second == "key" {
		return
	}
	if w.each == nil {
		w.opaque("each." + second)
		return
	}
	w.keyBuf = append(append(append(mi.AppendTo(w.keyBuf[:0]), "|each."...), second...), "|each"...)
	if _, first := w.firstTime(w.keyBuf); !first {
		return
	}
	each := w.each
	w.each = nil
	each()
	w.each = each
}

// leaf lists the instances of a resource or data source that a reference
// in module instance mi reads (origins mode), with the attribute read.
func (w *walker) leaf(mi model.ModuleInstance, r Ref) {
	attr := r.Attr
	if i := strings.IndexAny(attr, ".["); i >= 0 {
		attr = attr[:i]
	}
	w.keyBuf = append(append(append(append(mi.AppendTo(w.keyBuf[:0]), '|'), r.Name...), '|'), attr...)
	if _, first := w.firstTime(w.keyBuf); !first {
		return
	}
	for _, in := range w.m.Resource(mi, r.Name) {
		w.leaves = append(w.leaves, Origin{inst: in, Attr: attr})
	}
}

// moduleKey returns the instance key a module reference names
// (module.NAME[KEY]...), nil when it names none.
func moduleKey(t hcl.Traversal) *cty.Value {
	if len(t) > 2 {
		if ix, ok := t[2].(hcl.TraverseIndex); ok {
			k := ix.Key
			return &k
		}
	}
	return nil
}

// children lists the module instances a reference to module call name in
// mi reaches: in origins mode the one its key names, else every instance
// of the call; otherwise the call's configuration (one child, no key).
func (w *walker) children(mi model.ModuleInstance, name string, key *cty.Value) []model.ModuleInstance {
	if !w.origins {
		return []model.ModuleInstance{mi.Child(name, nil)}
	}
	var keys []cty.Value
	if key != nil {
		keys = []cty.Value{*key}
	} else {
		keys = w.m.ModuleKeys(mi, name)
	}
	if len(keys) == 0 {
		return []model.ModuleInstance{mi.Child(name, nil)}
	}
	out := make([]model.ModuleInstance, 0, len(keys))
	for _, k := range keys {
		kk := k
		out = append(out, mi.Child(name, &kk))
	}
	return out
}

// expandNamed follows a local or variable to its definition.
func (w *walker) expandNamed(mi model.ModuleInstance, r Ref, via []string) {
	w.keyBuf = append(appendModulePath(w.scopeKey(mi), r.Module), r.Name...) // r.Address()
	if _, first := w.firstTime(w.keyBuf); !first {
		return
	}
	name := strings.SplitN(r.Name, ".", 2)[1]
	next := append(append([]string{}, via...), r.Address())
	if r.Kind == RefLocal {
		sm := w.module(r.Module)
		if sm == nil || sm.Locals[name] == nil {
			w.opaque(r.Address())
			return
		}
		defer w.withEach(nil)()
		w.expr(mi, sm.Locals[name].Expr, next, r.Address())
		return
	}
	if len(r.Module) == 0 {
		return // a root variable: a constant for this plan
	}
	w.variable(mi, name, r, next)
}

// variable follows var.name of a child module instance to the call's
// argument in the parent (from the plan's configuration without source,
// in origins mode).
func (w *walker) variable(mi model.ModuleInstance, name string, r Ref, next []string) {
	parent, call := mi.Parent(), r.Module[len(r.Module)-1]
	if sm := w.module(r.Module[:len(r.Module)-1]); sm != nil || !w.origins {
		if sm == nil || sm.Calls[call] == nil {
			w.opaque(r.Address())
			return
		}
		body := sm.Calls[call].Body
		if a, ok := body.Attributes[name]; ok {
			defer w.withEach(func() {
				if fe, ok := body.Attributes["for_each"]; ok {
					w.expr(parent, fe.Expr, next, r.Address())
				}
			})()
			w.expr(parent, a.Expr, next, r.Address())
		}
		return // unset: the variable's default, a literal
	}
	refs, ok := w.m.PlanCallRefs(mi, name)
	if !ok {
		w.opaque(r.Address())
		return
	}
	defer w.withEach(func() {
		fe, _ := w.m.PlanCallRefs(mi, "for_each")
		w.refs(parent, fe, next)
	})()
	w.refs(parent, refs, next)
}

// expandOutput follows a module output to its value expression.
func (w *walker) expandOutput(child model.ModuleInstance, out string, r Ref, via []string) {
	calls := child.Calls()
	w.keyBuf = append(append(appendModulePath(w.scopeKey(child), calls), "output."...), out...)
	if _, first := w.firstTime(w.keyBuf); !first {
		return
	}
	next := append(append([]string{}, via...), r.Address())
	defer w.withEach(nil)()
	if sm := w.module(calls); sm != nil || !w.origins {
		if sm == nil || sm.Outputs[out] == nil {
			w.opaque(r.Address())
			return
		}
		w.expr(child, sm.Outputs[out].Expr, next, r.Address())
		return
	}
	refs, ok := w.m.PlanOutputRefs(child, out)
	if !ok {
		w.opaque(r.Address())
		return
	}
	w.refs(child, refs, next)
}

// expandModule follows every output of a module (a whole-module reference).
func (w *walker) expandModule(mi model.ModuleInstance, name string, key *cty.Value, r Ref, via []string) {
	for _, child := range w.children(mi, name, key) {
		outs, ok := w.outputNames(child)
		if !ok {
			w.opaque(r.Address())
			return
		}
		for _, o := range outs {
			w.expandOutput(child, o, Ref{Module: r.Module, Kind: RefOutput, Name: r.Name + "." + o}, via)
		}
	}
}

// outputNames lists a module's outputs, sorted: from source, else (origins
// mode) from the plan's configuration.
func (w *walker) outputNames(child model.ModuleInstance) ([]string, bool) {
	sm := w.module(child.Calls())
	if sm == nil {
		if w.origins {
			return w.m.PlanOutputNames(child)
		}
		return nil, false
	}
	outs := make([]string, 0, len(sm.Outputs))
	for o := range sm.Outputs {
		outs = append(outs, o)
	}
	sort.Strings(outs)
	return outs, true
}

// expandResource follows a data source's (or, in order mode, a managed
// resource's) configuration.
func (w *walker) expandResource(mi model.ModuleInstance, r Ref, via []string) {
	w.keyBuf = append(appendModulePath(w.keyBuf[:0], r.Module), r.Name...)
	key, first := w.firstTime(w.keyBuf) // key is r.Address()
	if !first {
		return
	}
	next := append(append([]string{}, via...), key)
	if sm := w.module(r.Module); sm != nil {
		if res := sm.Resources[r.Name]; res != nil {
			w.body(mi, res.Body, next, key)
			return
		}
	}
	if inst := w.instanceOf(key); inst != nil {
		w.planResource(inst, next)
		return
	}
	w.opaque(key)
}

// nameAt returns the attribute (or root) name at step i.
func nameAt(t hcl.Traversal, i int) (string, bool) {
	if i >= len(t) {
		return "", false
	}
	switch s := t[i].(type) {
	case hcl.TraverseRoot:
		return s.Name, true
	case hcl.TraverseAttr:
		return s.Name, true
	}
	return "", false
}

// splitIndex splits an optional leading instance key off steps.
func splitIndex(t hcl.Traversal) (string, hcl.Traversal) {
	if len(t) == 0 {
		return "", t
	}
	switch s := t[0].(type) {
	case hcl.TraverseIndex:
		return model.IndexText(s.Key), t[1:]
	case hcl.TraverseSplat:
		return "[*]", t[1:]
	}
	return "", t
}

// Traversals lists the references of an expression with their attribute
// steps kept across computed indexes and splats: for
// aws_x.y[count.index].policy it gives aws_x.y[?].policy (where
// Expression.Variables gives only aws_x.y), for aws_x.y[*].id
// aws_x.y[*].id.
func Traversals(e hclsyntax.Expression) []hcl.Traversal {
	var out []hcl.Traversal
	extended := map[*hclsyntax.ScopeTraversalExpr]bool{}
	usedIndex := map[*hclsyntax.IndexExpr]bool{}
	base := func(src hclsyntax.Expression) (hcl.Traversal, bool) {
		switch x := src.(type) {
		case *hclsyntax.ScopeTraversalExpr:
			extended[x] = true
			return append(hcl.Traversal{}, x.Traversal...), true
		case *hclsyntax.IndexExpr:
			st, ok := x.Collection.(*hclsyntax.ScopeTraversalExpr)
			if !ok {
				return nil, false
			}
			key := cty.DynamicVal
			if v, diags := x.Key.Value(nil); !diags.HasErrors() && v.IsWhollyKnown() {
				key = v
			}
			extended[st] = true
			usedIndex[x] = true
			return append(append(hcl.Traversal{}, st.Traversal...), hcl.TraverseIndex{Key: key}), true
		}
		return nil, false
	}
	hclsyntax.VisitAll(e, func(n hclsyntax.Node) hcl.Diagnostics {
		switch x := n.(type) {
		case *hclsyntax.RelativeTraversalExpr:
			if b, ok := base(x.Source); ok {
				out = append(out, append(b, x.Traversal...))
			}
		case *hclsyntax.SplatExpr:
			if b, ok := base(x.Source); ok {
				t := append(b, hcl.TraverseSplat{})
				if rel, ok := x.Each.(*hclsyntax.RelativeTraversalExpr); ok {
					if _, anon := rel.Source.(*hclsyntax.AnonSymbolExpr); anon {
						t = append(t, rel.Traversal...)
					}
				}
				out = append(out, t)
			}
		case *hclsyntax.IndexExpr:
			if !usedIndex[x] {
				if b, ok := base(x); ok {
					out = append(out, b)
				}
			}
		case *hclsyntax.ScopeTraversalExpr:
			if !extended[x] {
				out = append(out, x.Traversal)
			}
		}
		return nil
	})
	return out
}

// aliasFuncs pass their single argument's content through unchanged in
// substance (encoding or whitespace only).
var aliasFuncs = map[string]bool{"jsonencode": true, "jsondecode": true, "tostring": true, "trimspace": true, "chomp": true}

// ValueAliases follows argument attr of inst while its expression is one
// reference (optionally inside jsonencode/jsondecode/tostring/trimspace/
// chomp or a "${...}" template) to a local, a module input variable, a
// module output or a data source, and returns the objects passed through,
// nearest first. Each carries the argument's whole value: an expression
// that reads any of them reads the argument's content. Empty when the
// argument is built inline (a heredoc, a jsonencode of an object literal).
func (v *View) valueAliases(inst *model.Instance, attr string) []Ref {
	_, r := v.m.SourceResource(inst)
	if r == nil {
		// Plan only: a single reference is all that can be seen.
		ts := (&walker{m: v.m}).planTraversals(inst.ModuleAddress(), v.m.RelRefs(inst, attr))
		if len(ts) != 1 {
			return nil
		}
		if ref, ok := refOf(inst.Module.Calls(), ts[0]); ok {
			return []Ref{ref}
		}
		return nil
	}
	a, ok := r.Body.Attributes[attr]
	if !ok {
		return nil
	}
	var out []Ref
	mod, e := inst.Module.Calls(), a.Expr
	for depth := 0; depth < 32; depth++ {
		t, ok := single(e)
		if !ok {
			break
		}
		ref, ok := refOf(mod, t)
		if !ok {
			break
		}
		out = append(out, ref)
		name := strings.TrimPrefix(strings.TrimPrefix(ref.Name, "local."), "var.")
		switch ref.Kind {
		case RefLocal:
			sm := v.m.Source().Find(mod)
			if sm == nil || sm.Locals[name] == nil || ref.Attr != "" {
				return out
			}
			e = sm.Locals[name].Expr
		case RefVariable:
			if len(mod) == 0 || ref.Attr != "" {
				return out
			}
			parent := mod[:len(mod)-1]
			psm := v.m.Source().Find(parent)
			if psm == nil || psm.Calls[mod[len(mod)-1]] == nil || psm.Calls[mod[len(mod)-1]].Body.Attributes[name] == nil {
				return out
			}
			e, mod = psm.Calls[mod[len(mod)-1]].Body.Attributes[name].Expr, parent
		case RefOutput:
			parts := strings.Split(ref.Name, ".")
			child := append(append([]string{}, mod...), parts[1])
			csm := v.m.Source().Find(child)
			if csm == nil || csm.Outputs[parts[2]] == nil || ref.Attr != "" {
				return out
			}
			e, mod = csm.Outputs[parts[2]].Expr, child
		default:
			return out
		}
	}
	return out
}

// single returns the one reference an expression consists of, looking
// through parentheses, "${...}" and aliasFuncs.
func single(e hclsyntax.Expression) (hcl.Traversal, bool) {
	for {
		switch x := e.(type) {
		case *hclsyntax.ParenthesesExpr:
			e = x.Expression
			continue
		case *hclsyntax.TemplateWrapExpr:
			e = x.Wrapped
			continue
		case *hclsyntax.FunctionCallExpr:
			if len(x.Args) == 1 && aliasFuncs[x.Name] {
				e = x.Args[0]
				continue
			}
			return nil, false
		case *hclsyntax.ScopeTraversalExpr, *hclsyntax.RelativeTraversalExpr, *hclsyntax.IndexExpr:
			var ts []hcl.Traversal
			for _, t := range Traversals(e) {
				if r := t.RootName(); r != "count" && r != "each" {
					ts = append(ts, t)
				}
			}
			if len(ts) != 1 {
				return nil, false
			}
			return ts[0], true
		}
		return nil, false
	}
}

// walkRefersTo reports whether a walk of an argument (walkValue) reads
// target's resource block (through locals and module plumbing), matching
// the instance key when one is written.
func walkRefersTo(w *Walk, target *model.Instance) symbol.Tri {
	otherOfType := false
	for _, r := range w.Reached {
		if r.isInst(target) {
			switch {
			case r.Index == "" && target.Index == nil:
				return symbol.True
			case r.Index == "" || r.Index == "[?]" || r.Index == "[*]":
				return symbol.Unknown
			case r.Index == model.IndexText(indexValue(target.Index)):
				return symbol.True
			}
			otherOfType = true
			continue
		}
		if r.Kind == RefResource && strings.HasPrefix(r.Name, target.Type+".") {
			otherOfType = true
		}
	}
	if otherOfType && len(w.Opaque) == 0 {
		return symbol.False
	}
	return symbol.Unknown
}

func indexValue(i any) cty.Value {
	switch x := i.(type) {
	case int:
		return cty.NumberIntVal(int64(x))
	case string:
		return cty.StringVal(x)
	}
	return cty.DynamicVal
}

// StageUses reports whether stage s serves deployment d after apply
// (see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_stage): its deployment_id equals d's id, or, when that is known
// only after apply, its deployment_id argument refers to d.
func (v *View) StageUses(s *Stage, d *Deployment) symbol.Tri {
	if t := Same(s.DeploymentID, d.ID); t != symbol.Unknown {
		return t
	}
	return v.stageRefersTo(s, d)
}

// stageRefersTo reports whether the deployment_id argument of s refers to
// d's resource block (Unknown for a stage Build did not walk).
func (v *View) stageRefersTo(s *Stage, d *Deployment) symbol.Tri {
	if s.DeploymentReads != nil {
		return walkRefersTo(s.DeploymentReads, d.inst)
	}
	return symbol.Unknown
}

// StageHeld reports whether stage s points at deployment d's current
// object and keeps doing so while d's old object is destroyed: the stage
// exists before apply and is neither deleted nor replaced (a stage that is
// destroyed goes first), and its prior deployment_id is d's prior id
// (see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_deployment).
// It reads the prior values Build recorded (prior.go).
func (v *View) StageHeld(s *Stage, d *Deployment) symbol.Tri {
	if !s.InPlan() || !d.InPlan() {
		return symbol.False
	}
	if s.has("delete") || s.has("create") || !s.prior.existed || !d.prior.existed {
		return symbol.False
	}
	sb, db := s.prior.value, d.prior.value
	if s.prior.known && d.prior.known && sb != "" && db != "" {
		return symbol.FromBool(sb == db)
	}
	return v.stageRefersTo(s, d)
}

// DeploymentStageName returns the deprecated stage_name of a deployment
// (provider v5 and earlier create that stage, see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/api_gateway_deployment): the name, and
// whether the argument is known.
func (v *View) DeploymentStageName(d *Deployment) (string, bool) {
	if v.ix != nil {
		if n, ok := v.ix.stageNames[d]; ok {
			return n.name, n.known
		}
	}
	return v.deploymentStageName(d)
}

func (v *View) deploymentStageName(d *Deployment) (string, bool) {
	val := v.m.Attr(d.inst, "stage_name")
	if IsNull(val) {
		return "", true
	}
	return Str(val)
}

// BeforeBodyPolicy returns the x-amazon-apigateway-policy of the API's
// OpenAPI body before apply ("", false when there is none or it cannot be
// read).
func (a *API) BeforeBodyPolicy() (string, bool) {
	if a.prior.value == "" {
		return "", false
	}
	return bodyPolicy(a.prior.value)
}

// BodyBefore returns the API's OpenAPI body before apply ("" when unset),
// and whether the API existed (Build recorded both, prior.go).
func (a *API) BodyBefore() (string, bool) {
	return a.prior.value, a.prior.existed
}

// Operation is one method of an OpenAPI body.
type Operation struct {
	Path   string // "/pets/{id}"
	Method string // GET, POST, ..., ANY
}

// BodyOperations lists the methods an OpenAPI body (JSON) defines; ok is
// false when the body is not JSON with a paths object.
func BodyOperations(body string) (ops []Operation, ok bool) {
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if json.Unmarshal([]byte(body), &doc) != nil || doc.Paths == nil {
		return nil, false
	}
	verbs := map[string]string{"get": "GET", "put": "PUT", "post": "POST", "delete": "DELETE", "options": "OPTIONS",
		"head": "HEAD", "patch": "PATCH", "x-amazon-apigateway-any-method": "ANY"}
	for p, item := range doc.Paths {
		for k := range item {
			if m, ok := verbs[strings.ToLower(k)]; ok {
				ops = append(ops, Operation{Path: p, Method: m})
			}
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].Path != ops[j].Path {
			return ops[i].Path < ops[j].Path
		}
		return ops[i].Method < ops[j].Method
	})
	return ops, true
}

// instancesAt lists the instances of a configuration-level address (see
// configAddress).
func (v *View) instancesAt(configAddr string) []*model.Instance {
	return v.byConfig[configAddr]
}
