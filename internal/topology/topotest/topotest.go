// Package topotest builds topology views for tests through the
// constructor real runs use: the resources a test names are written as an
// in-memory plan (resource changes and their configuration), read by
// model.FromPlan and assembled by topology.Build. A view built by hand
// skips the builder's defaults and the index Build makes, and takes
// branches real runs never take.
package topotest

import (
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/topology"
)

// Resource is one resource instance of the plan.
type Resource struct {
	// Address is the instance address, e.g. aws_vpc.main,
	// data.aws_partition.p or aws_subnet.a[0] (module addresses are not
	// supported).
	Address string
	// Actions default to create.
	Actions []string
	// After holds the values after apply; each of them is also written in
	// the configuration, as a constant, unless Computed names it.
	After map[string]any
	// Before holds the values before apply (nil for a create).
	Before map[string]any
	// Unknown lists the attributes known only after apply; a path into a
	// nested block names one of its arguments
	// (endpoint_configuration.0.types).
	Unknown []string
	// Computed lists attributes of After the configuration does not set.
	Computed []string
	// Refs are configuration arguments written as references (argument →
	// the references of its expression, e.g. "aws_vpc.main.id"); a path
	// names an argument of a nested block of After
	// (endpoint_configuration.0.types).
	Refs map[string][]string
}

// Plan writes the resources as a plan.
func Plan(rs ...Resource) *tfjson.Plan {
	p := &tfjson.Plan{FormatVersion: "1.2", Config: &tfjson.Config{RootModule: &tfjson.ConfigModule{}}}
	seen := map[string]bool{}
	byConfig := map[string][]Resource{}
	for _, r := range rs {
		byConfig[configAddress(r.Address)] = append(byConfig[configAddress(r.Address)], r)
	}
	for _, r := range rs {
		mode, typ, name := split(r.Address)
		acts := tfjson.Actions{tfjson.ActionCreate}
		if len(r.Actions) > 0 {
			acts = nil
			for _, a := range r.Actions {
				acts = append(acts, tfjson.Action(a))
			}
		}
		unknown := map[string]any{}
		for _, u := range r.Unknown {
			setPath(unknown, strings.Split(u, "."))
		}
		var before, after any
		if r.Before != nil {
			before = r.Before
		}
		if r.After != nil {
			after = r.After
		} else if !acts.Delete() {
			after = map[string]any{} // an object, as every plan writes it
		}
		p.ResourceChanges = append(p.ResourceChanges, &tfjson.ResourceChange{
			Address: r.Address, Mode: mode, Type: typ, Name: name,
			Change: &tfjson.Change{Actions: acts, Before: before, After: after, AfterUnknown: unknown},
		})
		cfgAddr := configAddress(r.Address)
		if seen[cfgAddr] {
			continue
		}
		seen[cfgAddr] = true
		exprs := expressions(r)
		indexed(exprs, byConfig[cfgAddr])
		p.Config.RootModule.Resources = append(p.Config.RootModule.Resources, &tfjson.ConfigResource{
			Address: cfgAddr, Mode: mode, Type: typ, Name: name, Expressions: exprs,
		})
	}
	return p
}

// View builds the view of the resources.
func View(t testing.TB, rs ...Resource) *topology.View {
	t.Helper()
	return topology.Build(model.FromPlan(Plan(rs...), nil))
}

// ViewIn builds the view of the resources with the aws provider configured
// for region (provider "aws" { region = "…" }).
func ViewIn(t testing.TB, region string, rs ...Resource) *topology.View {
	t.Helper()
	return topology.Build(model.FromPlan(InRegion(Plan(rs...), region), nil))
}

// InRegion configures the plan's aws provider for region.
func InRegion(p *tfjson.Plan, region string) *tfjson.Plan {
	if p.Config.ProviderConfigs == nil {
		p.Config.ProviderConfigs = map[string]*tfjson.ProviderConfig{}
	}
	p.Config.ProviderConfigs["aws"] = &tfjson.ProviderConfig{Name: "aws", FullName: "registry.terraform.io/hashicorp/aws",
		Expressions: map[string]*tfjson.Expression{"region": {ExpressionData: &tfjson.ExpressionData{ConstantValue: region}}}}
	return p
}

// Ref is what the configuration lists as the references of an expression
// naming attr of the resource at addr: the attribute and the resource
// (aws_vpc.main.id → aws_vpc.main.id, aws_vpc.main).
func Ref(addr, attr string) []string { return []string{addr + "." + attr, addr} }

// ViewWith builds the view of the resources with the run's other inputs
// (the stacks, and the endpoints and clients declared as
// topology.Declarations).
func ViewWith(t testing.TB, in topology.Inputs, rs ...Resource) *topology.View {
	t.Helper()
	return topology.BuildWith(model.FromPlan(Plan(rs...), nil), in)
}

// ViewOf builds the view of a plan the test wrote with Plan (and
// InRegion, WithVariables) and the run's other inputs.
func ViewOf(t testing.TB, p *tfjson.Plan, in topology.Inputs) *topology.View {
	t.Helper()
	return topology.BuildWith(model.FromPlan(p, nil), in)
}

// WithVariables sets the plan's input variables (name → value), as
// terraform plan -var writes them.
func WithVariables(p *tfjson.Plan, vars map[string]any) *tfjson.Plan {
	if p.Variables == nil {
		p.Variables = map[string]*tfjson.PlanVariable{}
	}
	for k, v := range vars {
		p.Variables[k] = &tfjson.PlanVariable{Value: v}
	}
	return p
}

func split(addr string) (tfjson.ResourceMode, string, string) {
	mode := tfjson.ManagedResourceMode
	local := addr
	if rest, ok := strings.CutPrefix(local, "data."); ok {
		mode, local = tfjson.DataResourceMode, rest
	}
	typ, name, _ := strings.Cut(local, ".")
	if i := strings.Index(name, "["); i >= 0 {
		name = name[:i]
	}
	return mode, typ, name
}

// indexed rewrites, in the configuration that the instances of one
// resource block (count or for_each) share, each argument the instances
// set differently: one configuration expression written for all of them
// reads count.index (each.key) and the references any of them has, as
// ["10.0.0.0/24", "10.0.1.0/24"][count.index] would.
func indexed(exprs map[string]*tfjson.Expression, insts []Resource) {
	if len(insts) < 2 {
		return
	}
	key := "count.index"
	if strings.HasSuffix(insts[0].Address, "\"]") {
		key = "each.key"
	}
	names := map[string]bool{}
	for _, r := range insts {
		for k := range r.After {
			names[k] = true
		}
		for k := range r.Refs {
			names[k] = true
		}
		for _, k := range r.Unknown {
			names[k] = true
		}
	}
	for k := range names {
		if k == "id" || strings.Contains(k, ".") || sameIn(insts, k) {
			continue
		}
		refs := []string{}
		for _, r := range insts {
			for _, ref := range r.Refs[k] {
				if !slices.Contains(refs, ref) {
					refs = append(refs, ref)
				}
			}
		}
		exprs[k] = &tfjson.Expression{ExpressionData: &tfjson.ExpressionData{References: append(refs, key)}}
	}
}

// sameIn reports whether every instance sets argument k alike.
func sameIn(insts []Resource, k string) bool {
	first := insts[0]
	for _, r := range insts[1:] {
		if !reflect.DeepEqual(r.After[k], first.After[k]) || !reflect.DeepEqual(r.Refs[k], first.Refs[k]) ||
			slices.Contains(r.Unknown, k) != slices.Contains(first.Unknown, k) {
			return false
		}
	}
	return true
}

// configAddress drops the instance key: aws_subnet.a[0] → aws_subnet.a.
func configAddress(addr string) string {
	if i := strings.LastIndex(addr, "["); i >= 0 && strings.HasSuffix(addr, "]") {
		return addr[:i]
	}
	return addr
}

func expressions(r Resource) map[string]*tfjson.Expression {
	out := map[string]*tfjson.Expression{}
	computed := map[string]bool{}
	for _, c := range r.Computed {
		computed[c] = true
	}
	keys := make([]string, 0, len(r.After))
	for k := range r.After {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if computed[k] || k == "id" || r.After[k] == nil {
			continue
		}
		out[k] = expression(r.After[k])
	}
	for k, refs := range r.Refs {
		e := &tfjson.Expression{ExpressionData: &tfjson.ExpressionData{References: refs}}
		parts := strings.Split(k, ".")
		if len(parts) == 3 {
			if i, err := strconv.Atoi(parts[1]); err == nil && out[parts[0]] != nil && i < len(out[parts[0]].NestedBlocks) {
				out[parts[0]].NestedBlocks[i][parts[2]] = e
				continue
			}
		}
		out[k] = e
	}
	return out
}

// setPath marks the attribute at path unknown in after_unknown's shape:
// a.0.b → {"a": [{"b": true}]}.
func setPath(m map[string]any, path []string) {
	if len(path) < 3 {
		m[strings.Join(path, ".")] = true
		return
	}
	i, err := strconv.Atoi(path[1])
	if err != nil {
		m[strings.Join(path, ".")] = true
		return
	}
	l, _ := m[path[0]].([]any)
	for len(l) <= i {
		l = append(l, map[string]any{})
	}
	inner, _ := l[i].(map[string]any)
	if inner == nil {
		inner = map[string]any{}
		l[i] = inner
	}
	setPath(inner, path[2:])
	m[path[0]] = l
}

// expression writes a value as the plan writes configuration: a list of
// objects as nested blocks, anything else as a constant.
func expression(v any) *tfjson.Expression {
	if l, ok := v.([]any); ok && len(l) > 0 {
		var blocks []map[string]*tfjson.Expression
		for _, x := range l {
			obj, ok := x.(map[string]any)
			if !ok {
				return &tfjson.Expression{ExpressionData: &tfjson.ExpressionData{ConstantValue: v}}
			}
			b := map[string]*tfjson.Expression{}
			for k, y := range obj {
				if y != nil {
					b[k] = expression(y)
				}
			}
			blocks = append(blocks, b)
		}
		return &tfjson.Expression{ExpressionData: &tfjson.ExpressionData{NestedBlocks: blocks}}
	}
	return &tfjson.Expression{ExpressionData: &tfjson.ExpressionData{ConstantValue: v}}
}
