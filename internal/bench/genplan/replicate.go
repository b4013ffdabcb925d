package genplan

import (
	"bufio"
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Replicated plans (Options.Replicate): one seed plan whose root module
// calls a module with for_each; the plan is written with the seed's root
// resources once and the call's instance multiplied. Every address under
// module.CALL["KEY"] (KEY: the seed's first instance) is rewritten to the
// replica's key, in resource_changes, planned_values, prior_state and
// relevant_attributes; other instances of the call in the seed are left
// out. The configuration is the seed's, unchanged, so references inside
// the module and into the root (module inputs) stay consistent; a root
// variable whose value is the list [KEY] (the for_each set) gets every
// replica's key. Values are copied as they are: the module should not hold
// literal ids or CIDR blocks of its own (a create plan has none).

// replSeed is a seed split into what is written once and what is written
// per replica.
type replSeed struct {
	call, key0 string // module.CALL["KEY0"]
	instances  int    // per replica
	shared     int    // instances written once

	rc, pvChild, priorChild, rel template
	hasPriorChild, hasRel        bool
	rcShared, relShared          [][]byte
	pvRes, pvChildren            [][]byte // shared root resources and other child modules
	priorRes, priorChildren      [][]byte
	top                          map[string]any
	keysVar                      string // root variable holding the for_each set
}

func loadReplSeed(path, call string) (*replSeed, error) {
	plan, err := readPlan(path)
	if err != nil {
		return nil, err
	}
	rs := &replSeed{call: call, top: plan}
	prefix := "module." + call + "["
	rcs, _ := plan["resource_changes"].([]any)
	for _, r := range rcs {
		a, _ := r.(map[string]any)["address"].(string)
		if strings.HasPrefix(a, prefix) {
			end := strings.Index(a, "]")
			rs.key0 = a[:end+1]
			break
		}
	}
	if rs.key0 == "" {
		return nil, fmt.Errorf("%s: no resource change under %s…]", path, prefix)
	}
	k0 := rs.key0
	sp := &replSplit{rs: rs, k0: k0, prefix: prefix, holed: "module." + call + `["` + ph("K") + `"]`, slots: []string{"K"}, inRC: map[string]bool{}}
	sp.changes(rcs)

	// planned_values and prior_state root modules
	var hasPV bool
	if pv := dig(plan, "planned_values", "root_module"); pv != nil {
		sp.split(pv, &rs.pvChildren, &rs.pvRes, &rs.pvChild, &hasPV, false)
	}
	if !hasPV {
		return nil, fmt.Errorf("%s: no planned_values module %s", path, k0)
	}
	if pr := dig(plan, "prior_state", "values", "root_module"); pr != nil {
		sp.split(pr, &rs.priorChildren, &rs.priorRes, &rs.priorChild, &rs.hasPriorChild, true)
	}
	sp.relevant(asList(plan["relevant_attributes"]))
	// the root variable that holds the for_each set: its value is [KEY0]
	key := strings.TrimSuffix(strings.TrimPrefix(k0, prefix+`"`), `"]`)
	if vars, ok := plan["variables"].(map[string]any); ok {
		for name := range vars {
			if l, ok := dig(vars, name)["value"].([]any); ok && len(l) == 1 && l[0] == key {
				rs.keysVar = name
			}
		}
	}
	return rs, nil
}

// replSplit sorts the parts of a replicated seed: those of the instance
// module.CALL[KEY0] become templates, the others are written once.
type replSplit struct {
	rs                *replSeed
	k0, prefix, holed string
	slots             []string
	inRC              map[string]bool
}

// class says where an address belongs: 1 = the replicated instance, 0 =
// written once, -1 = another instance (left out).
func (sp *replSplit) class(addr string) int {
	switch {
	case addr == sp.k0 || strings.HasPrefix(addr, sp.k0+"."):
		return 1
	case strings.HasPrefix(addr, sp.prefix):
		return -1
	}
	return 0
}

func (sp *replSplit) rewrite(v any) any {
	return mapStrings(v, func(s string) string { return strings.ReplaceAll(s, sp.k0, sp.holed) })
}

func (sp *replSplit) changes(rcs []any) {
	rs := sp.rs
	var rcText [][]byte
	for _, r := range rcs {
		rm := r.(map[string]any)
		a, _ := rm["address"].(string)
		sp.inRC[a] = true
		switch sp.class(a) {
		case 1:
			rcText = append(rcText, marshal(sp.rewrite(rm)))
			rs.instances++
		case 0:
			rs.rcShared = append(rs.rcShared, marshal(rm))
			rs.shared++
		}
	}
	rs.rc = compile(bytes.Join(rcText, []byte(",")), sp.slots)
}

// split sorts a root module of planned_values or prior_state; countData
// counts the data sources read while planning (only in prior_state).
func (sp *replSplit) split(root map[string]any, children *[][]byte, res *[][]byte, child *template, hasChild *bool, countData bool) {
	rs := sp.rs
	for _, r := range asList(root["resources"]) {
		rm := r.(map[string]any)
		*res = append(*res, marshal(rm))
		if countData && rm["mode"] == "data" && !sp.inRC[rm["address"].(string)] {
			rs.shared++
		}
	}
	for _, c := range asList(root["child_modules"]) {
		cm := c.(map[string]any)
		a, _ := cm["address"].(string)
		switch sp.class(a) {
		case 1:
			*child = compile(marshal(sp.rewrite(cm)), sp.slots)
			*hasChild = true
			if countData {
				rs.instances += sp.planningReads(cm)
			}
		case 0:
			*children = append(*children, marshal(cm))
			if countData {
				rs.shared += sp.planningReads(cm)
			}
		}
	}
}

// planningReads counts the data sources of a module read while planning.
func (sp *replSplit) planningReads(m map[string]any) int {
	n := 0
	walkModule(m, func(r map[string]any) {
		if r["mode"] == "data" && !sp.inRC[r["address"].(string)] {
			n++
		}
	})
	return n
}

func (sp *replSplit) relevant(rels []any) {
	rs := sp.rs
	var relText [][]byte
	for _, r := range rels {
		rm := r.(map[string]any)
		a, _ := rm["resource"].(string)
		switch sp.class(a) {
		case 1:
			relText = append(relText, marshal(sp.rewrite(rm)))
		case 0:
			rs.relShared = append(rs.relShared, marshal(rm))
		}
	}
	if len(relText) > 0 {
		rs.rel = compile(bytes.Join(relText, []byte(",")), sp.slots)
		rs.hasRel = true
	}
}

// generateReplicated writes a replicated plan (Options.Replicate).
func generateReplicated(bw *bufio.Writer, o Options) (Stats, error) {
	if len(o.Seeds) != 1 {
		return Stats{}, fmt.Errorf("genplan: a replicated shape takes one seed plan, got %d", len(o.Seeds))
	}
	rs, err := loadReplSeed(o.Seeds[0], o.Replicate)
	if err != nil {
		return Stats{}, err
	}
	n := 1
	if rs.instances > 0 && o.Size > rs.shared {
		n = max(1, (o.Size-rs.shared+rs.instances/2)/rs.instances)
	}
	kw := max(4, len(strconv.Itoa(n-1)))
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("s%0*d", kw, i)
	}
	w := bw
	vals := make([]string, 1)
	list := func(shared [][]byte, t *template, has bool) {
		first := true
		for _, b := range shared {
			if !first {
				w.WriteByte(',')
			}
			first = false
			w.Write(b)
		}
		if !has {
			return
		}
		for _, k := range keys {
			if !first {
				w.WriteByte(',')
			}
			first = false
			vals[0] = k
			t.write(w, vals)
		}
	}
	module := func(res, children [][]byte, child *template, has bool) {
		w.WriteString(`{"resources":[`)
		list(res, nil, false)
		w.WriteString(`],"child_modules":[`)
		list(children, child, has)
		w.WriteString(`]}`)
	}
	top := rs.top
	w.WriteString(`{"format_version":`)
	w.Write(marshal(top["format_version"]))
	w.WriteString(`,"terraform_version":`)
	w.Write(marshal(top["terraform_version"]))
	if vars, ok := top["variables"].(map[string]any); ok {
		w.WriteString(`,"variables":{`)
		names := make([]string, 0, len(vars))
		for name := range vars {
			names = append(names, name)
		}
		sort.Strings(names)
		for i, name := range names {
			if i > 0 {
				w.WriteByte(',')
			}
			w.Write(marshal(name))
			w.WriteByte(':')
			if name == rs.keysVar {
				w.Write(marshal(map[string]any{"value": keys}))
				continue
			}
			w.Write(marshal(vars[name]))
		}
		w.WriteString(`}`)
	}
	w.WriteString(`,"planned_values":{"root_module":`)
	module(rs.pvRes, rs.pvChildren, &rs.pvChild, true)
	w.WriteString(`},"resource_changes":[`)
	list(rs.rcShared, &rs.rc, true)
	w.WriteString(`]`)
	if ps, ok := top["prior_state"].(map[string]any); ok {
		w.WriteString(`,"prior_state":{"format_version":`)
		w.Write(marshal(ps["format_version"]))
		w.WriteString(`,"terraform_version":`)
		w.Write(marshal(ps["terraform_version"]))
		w.WriteString(`,"values":{"root_module":`)
		module(rs.priorRes, rs.priorChildren, &rs.priorChild, rs.hasPriorChild)
		w.WriteString(`}}`)
	}
	w.WriteString(`,"configuration":`)
	w.Write(marshal(top["configuration"]))
	w.WriteString(`,"relevant_attributes":[`)
	list(rs.relShared, &rs.rel, rs.hasRel)
	w.WriteString(`]`)
	for _, k := range []string{"timestamp", "applyable", "complete", "errored"} {
		if v, ok := top[k]; ok {
			w.WriteString(`,` + string(marshal(k)) + `:`)
			w.Write(marshal(v))
		}
	}
	w.WriteString("}\n")
	st := Stats{Instances: rs.shared + n*rs.instances, APIInstances: rs.shared + n*rs.instances, Stacks: []int{n}}
	return st, nil
}
