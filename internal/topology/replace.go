package topology

// Replacement chains: a value walk that reaches a managed resource stops
// there (its value is computed by the provider), except for what replaces
// that resource. A replaced resource gets a new id, and terraform_data a new
// output, so whatever causes the replacement reaches a trigger that hashes
// them (see https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle#replace_triggered_by
// and https://developer.hashicorp.com/terraform/language/resources/terraform-data).
// The causes followed are lifecycle.replace_triggered_by of any resource,
// triggers_replace (and input, for its output) of terraform_data, and
// triggers of null_resource. References found through them are marked
// Reached.Replaces: they decide when the value changes, not what it holds.

import (
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/source"
)

// maxReplaceHops bounds how many resources one replacement chain passes
// through (cycles end earlier: each resource is expanded once per walk).
const maxReplaceHops = 16

// replaceArgs are a resource type's own arguments that replace it when they
// change.
var replaceArgs = map[string]string{
	"terraform_data": "triggers_replace",
	"null_resource":  "triggers",
}

// changesOnReplace reports whether reading attr of a resource of type typ
// sees a replacement: the whole object, its id, or terraform_data's output
// (unknown again in the plan of the replacement).
func changesOnReplace(typ, attr string) bool {
	return attr == "" || attr == "id" || (typ == "terraform_data" && attr == "output")
}

// expandReplacement follows what replaces (or, for terraform_data's output,
// feeds) the managed resource a value walk reached.
func (w *walker) expandReplacement(mi model.ModuleInstance, r Ref, via []string) {
	typ, _, _ := strings.Cut(r.Name, ".")
	if w.order || !changesOnReplace(typ, r.Attr) || w.hops >= maxReplaceHops {
		return
	}
	w.keyBuf = append(append(append(appendModulePath(append(w.keyBuf[:0], "replace|"...), r.Module), r.Name...), '|'), r.Attr...)
	if _, first := w.firstTime(w.keyBuf); !first {
		return
	}
	w.hops++
	defer func() { w.hops-- }()
	next := append(append([]string{}, via...), r.Address())
	var res *source.Resource
	if sm := w.module(r.Module); sm != nil {
		res = sm.Resources[r.Name]
	}
	if res == nil {
		w.planReplacement(r, typ, next)
		return
	}
	if typ == "terraform_data" && r.Attr != "id" {
		if a, ok := res.Body.Attributes["input"]; ok {
			w.expr(mi, a.Expr, next, r.Address())
		}
	}
	if arg, ok := replaceArgs[typ]; ok {
		if a, ok := res.Body.Attributes[arg]; ok {
			w.replaceExpr(mi, a.Expr, via, r.Address()+"."+arg)
		}
	}
	for _, b := range res.Body.Blocks {
		if b.Type != "lifecycle" {
			continue
		}
		if a, ok := b.Body.Attributes["replace_triggered_by"]; ok {
			w.replaceExpr(mi, a.Expr, via, r.Address()+".lifecycle.replace_triggered_by")
		}
	}
}

// replaceExpr walks an expression whose references replace a resource; in
// names the argument ("" for the starting one) and joins the chain.
func (w *walker) replaceExpr(mi model.ModuleInstance, e hclsyntax.Expression, via []string, in string) {
	w.replacing++
	defer func() { w.replacing-- }()
	if in != "" {
		via = append(append([]string{}, via...), in)
	}
	w.expr(mi, e, via, in)
}

// planReplacement follows the replacement causes of a resource that has no
// .tf source. The plan holds terraform_data's and null_resource's
// arguments but no lifecycle block: a replace_triggered_by on them, their
// reason to exist, cannot be seen, so the walk is incomplete.
func (w *walker) planReplacement(r Ref, typ string, via []string) {
	arg, ok := replaceArgs[typ]
	if !ok {
		return
	}
	inst := w.instanceOf(r.Address())
	if inst == nil {
		w.opaque(r.Address())
		return
	}
	mod := inst.Module
	if typ == "terraform_data" && r.Attr != "id" {
		for _, t := range w.planTraversals(inst.ModuleAddress(), w.m.RelRefs(inst, "input")) {
			w.traversal(mod, t, via)
		}
	}
	w.replacing++
	next := append(append([]string{}, via[:len(via)-1]...), r.Address()+"."+arg)
	for _, t := range w.planTraversals(inst.ModuleAddress(), w.m.RelRefs(inst, arg)) {
		w.traversal(mod, t, next)
	}
	w.replacing--
	w.opaque(r.Address() + ".lifecycle.replace_triggered_by")
}
