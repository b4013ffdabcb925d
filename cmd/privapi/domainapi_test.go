package main

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/topology"
)

// modelLeaks walks the exported API of the types reachable from roots —
// exported fields (embedded ones too), and the parameters and results of
// exported methods, of value and pointer receivers — through the types of
// this module, and lists each place a type of internal/model shows.
func modelLeaks(roots ...reflect.Type) []string {
	seen := map[reflect.Type]bool{}
	var out []string
	var visit func(t reflect.Type, at string)
	visit = func(t reflect.Type, at string) {
		if seen[t] {
			return
		}
		seen[t] = true
		if p := t.PkgPath(); p == module+"/internal/model" || strings.HasPrefix(p, module+"/internal/model/") {
			out = append(out, at+": "+t.String())
			return
		}
		if t.Name() != "" && !strings.HasPrefix(t.PkgPath(), module+"/") {
			return // the standard library and other modules hold no model type
		}
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Chan:
			visit(t.Elem(), at)
		case reflect.Map:
			visit(t.Key(), at)
			visit(t.Elem(), at)
		case reflect.Func:
			for i := 0; i < t.NumIn(); i++ {
				visit(t.In(i), at)
			}
			for i := 0; i < t.NumOut(); i++ {
				visit(t.Out(i), at)
			}
		case reflect.Struct:
			for i := 0; i < t.NumField(); i++ {
				if f := t.Field(i); f.IsExported() {
					visit(f.Type, t.String()+"."+f.Name)
				}
			}
		}
		if t.Name() != "" {
			for _, mt := range []reflect.Type{t, reflect.PointerTo(t)} {
				for i := 0; i < mt.NumMethod(); i++ { // exported methods only
					m := mt.Method(i)
					visit(m.Type, t.String()+"."+m.Name+"()")
				}
			}
		}
	}
	for _, r := range roots {
		visit(r, r.String())
	}
	sort.Strings(out)
	return out
}

// TestDomainAPIHidesTheModel: nothing a check can reach from the view or
// the reachability (fields, method parameters and results, transitively)
// is a type of internal/model, so a check cannot read a Terraform
// attribute through an element's instance; the instances stay inside
// topology.
func TestDomainAPIHidesTheModel(t *testing.T) {
	type leaky struct {
		topology.Node
		Inst *model.Instance
	}
	if got := modelLeaks(reflect.TypeOf(&leaky{})); len(got) != 1 || !strings.Contains(got[0], "leaky.Inst") {
		t.Errorf("modelLeaks misses an exported model field: %v", got)
	}
	if got := modelLeaks(reflect.TypeOf(func(*model.Model) []*model.Instance { return nil })); len(got) != 2 {
		t.Errorf("modelLeaks misses a model parameter or result: %v", got)
	}
	if got := modelLeaks(reflect.TypeOf(&topology.View{}), reflect.TypeOf(&reach.Net{})); len(got) > 0 {
		t.Errorf("topology's or reach's exported API shows the model (give the checks a domain field or method instead):\n  %s", strings.Join(got, "\n  "))
	}
}
