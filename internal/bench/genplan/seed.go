package genplan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

// seed is one fixture plan turned into templates of one module instance
// module.CALL["KEY"] holding the seed's root module.
type seed struct {
	path string
	call string // module call name in the generated configuration

	// slots are the template holes: "K" (the for_each key), "N0".. (the
	// second octet of each 10.x.0.0/16 of the seed), "I0".. (known ids).
	slots []string
	nets  int
	ids   []string // original token of each I slot

	pv, prior template // the module instance object of planned_values / prior_state.values
	rc, rel   template // the elements of resource_changes / relevant_attributes, comma-separated
	hasPrior  bool
	hasRel    bool

	module    map[string]any // configuration of the module (the seed's root module)
	providers map[string]any // provider_config entries, keys rewritten
	variables map[string]any // the seed's root variable values (plan "variables")
	varConfig map[string]any // the seed's root variable declarations
	tfVersion string

	instances int // resource instances of one replica
}

var (
	// ipv4 matches a 10.x.y.z address or CIDR block.
	ipv4 = regexp.MustCompile(`\b10\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(/\d{1,2})?\b`)
	// awsID matches EC2-style resource ids (vpc-0abc…, subnet-…, sg-…).
	awsID = regexp.MustCompile(`\b(?:vpc|subnet|sg|sgr|vpce|rtb|rtbassoc|igw|nat|eni|acl|aclassoc|pcx|tgw|tgw-attach|i|eipalloc|lt)-[0-9a-f]{8,17}\b`)
	// shortID matches API Gateway style ids (gvlv8yq8zk, b6acq7).
	shortID = regexp.MustCompile(`^[a-z0-9]{6,10}$`)
)

// loadSeed reads a plan and builds the templates of one replica.
func loadSeed(path, call string, first bool) (*seed, error) {
	plan, err := readPlan(path)
	if err != nil {
		return nil, err
	}
	s := &seed{path: path, call: call}
	s.tfVersion, _ = plan["terraform_version"].(string)

	rcs, _ := plan["resource_changes"].([]any)
	pvRoot := dig(plan, "planned_values", "root_module")
	priorRoot := dig(plan, "prior_state", "values", "root_module")
	rels, _ := plan["relevant_attributes"].([]any)
	if len(rcs) == 0 || pvRoot == nil {
		return nil, fmt.Errorf("%s: no resource_changes or planned_values", path)
	}
	literal := s.holes(rcs, pvRoot, priorRoot)
	prefix := "module." + call + `["` + ph("K") + `"]`
	addr := func(a string) string { return prefix + "." + a }
	inRC := s.compileChanges(rcs, literal, prefix, addr)

	// planned_values and prior_state: the root module becomes module.CALL["KEY"]
	s.pv = compile(marshal(moduleObject(mapStrings(pvRoot, literal).(map[string]any), prefix, addr)), s.slots)
	s.instances = len(rcs)
	if priorRoot != nil {
		s.compilePrior(priorRoot, literal, inRC, prefix, addr)
	}
	if len(rels) > 0 {
		var relText [][]byte
		for _, r := range rels {
			rm := mapStrings(r, literal).(map[string]any)
			if a, ok := rm["resource"].(string); ok {
				rm["resource"] = addr(a)
			}
			relText = append(relText, marshal(rm))
		}
		s.rel = compile(bytes.Join(relText, []byte(",")), s.slots)
		s.hasRel = true
	}
	s.configuration(plan, call, first)
	return s, nil
}

// readPlan decodes a plan file, numbers kept as written.
func readPlan(path string) (map[string]any, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var plan map[string]any
	if err := dec.Decode(&plan); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return plan, nil
}

// holes finds the known literals to make distinct per replica (the
// 10.x.0.0/16 networks and the known ids), names a slot for each, and
// returns the function that writes a string with its holes.
func (s *seed) holes(rcs []any, pvRoot, priorRoot map[string]any) func(string) string {
	nets := map[string]bool{}
	ids := map[string]bool{}
	collect := func(v any) {
		walkStrings(v, func(str string) {
			for _, m := range ipv4.FindAllStringSubmatch(str, -1) {
				nets[m[1]] = true
			}
			for _, m := range awsID.FindAllString(str, -1) {
				ids[m] = true
			}
		})
	}
	collect(rcs)
	collect(pvRoot)
	collect(priorRoot)
	apiGatewayIDs(rcs, ids)
	netList := sortedKeys(nets)
	s.ids = sortedKeys(ids)
	// longest first, so that a token inside another is not replaced first
	sort.SliceStable(s.ids, func(i, j int) bool { return len(s.ids[i]) > len(s.ids[j]) })
	s.nets = len(netList)
	s.slots = []string{"K"}
	netSlot := map[string]string{}
	for i, n := range netList {
		name := "N" + strconv.Itoa(i)
		s.slots = append(s.slots, name)
		netSlot[n] = ph(name)
	}
	var pairs []string
	for i, id := range s.ids {
		name := "I" + strconv.Itoa(i)
		s.slots = append(s.slots, name)
		pairs = append(pairs, id, ph(name))
	}
	idRepl := strings.NewReplacer(pairs...)
	return func(str string) string {
		str = ipv4.ReplaceAllStringFunc(str, func(m string) string {
			sub := ipv4.FindStringSubmatch(m)
			return netSlot[sub[1]] + m[len("10.")+len(sub[1]):]
		})
		if len(pairs) > 0 {
			str = idRepl.Replace(str)
		}
		return str
	}
}

// apiGatewayIDs adds the API Gateway ids: the known id of a managed
// resource, made of letters and digits.
func apiGatewayIDs(rcs []any, ids map[string]bool) {
	for _, r := range rcs {
		rm, _ := r.(map[string]any)
		if rm["mode"] != "managed" {
			continue
		}
		for _, side := range []string{"before", "after"} {
			if v, ok := dig(rm, "change", side)["id"].(string); ok && shortID.MatchString(v) && strings.ContainsAny(v, "0123456789") && strings.ContainsAny(v, "abcdefghijklmnopqrstuvwxyz") {
				ids[v] = true
			}
		}
	}
}

// compileChanges makes the template of resource_changes and returns the
// addresses they hold.
func (s *seed) compileChanges(rcs []any, literal func(string) string, prefix string, addr func(string) string) map[string]bool {
	var rcText [][]byte
	inRC := map[string]bool{}
	for _, r := range rcs {
		rm := mapStrings(r, literal).(map[string]any)
		inRC[rm["address"].(string)] = true
		rm["address"] = addr(rm["address"].(string))
		if ma, ok := rm["module_address"].(string); ok && ma != "" {
			rm["module_address"] = addr(ma)
		} else {
			rm["module_address"] = prefix
		}
		if pa, ok := rm["previous_address"].(string); ok && pa != "" {
			rm["previous_address"] = addr(pa)
		}
		rcText = append(rcText, marshal(rm))
	}
	s.rc = compile(bytes.Join(rcText, []byte(",")), s.slots)
	return inRC
}

// compilePrior makes the template of prior_state and counts the data
// sources read while planning (only in prior_state).
func (s *seed) compilePrior(priorRoot map[string]any, literal func(string) string, inRC map[string]bool, prefix string, addr func(string) string) {
	pr := mapStrings(priorRoot, literal).(map[string]any)
	walkModule(pr, func(r map[string]any) {
		if r["mode"] == "data" && !inRC[r["address"].(string)] {
			s.instances++ // read while planning: only in prior_state
		}
	})
	if len(asList(pr["resources"]))+len(asList(pr["child_modules"])) > 0 {
		s.prior = compile(marshal(moduleObject(pr, prefix, addr)), s.slots)
		s.hasPrior = true
	}
}

// configuration: the seed's root module becomes the called module; its
// provider configurations move to the root (aliased for all but the
// first seed, so that regions stay as in the seed).
func (s *seed) configuration(plan map[string]any, call string, first bool) {
	cfg, _ := plan["configuration"].(map[string]any)
	root, _ := cfg["root_module"].(map[string]any)
	keys := map[string]string{}
	s.providers = map[string]any{}
	if pc, ok := cfg["provider_config"].(map[string]any); ok {
		for k, v := range pc {
			p := copyValue(v).(map[string]any)
			nk := k
			if !first {
				nk = aliasProvider(p, k, call)
			}
			keys[k] = nk
			s.providers[nk] = p
		}
	}
	s.module = copyValue(root).(map[string]any)
	renameProviderKeys(s.module, keys)
	if vars, ok := plan["variables"].(map[string]any); ok {
		s.variables = vars
	}
	if vc, ok := root["variables"].(map[string]any); ok {
		s.varConfig = vc
	}
}

// aliasProvider aliases a provider configuration of a seed after the
// first one and returns its new key.
func aliasProvider(p map[string]any, k, call string) string {
	alias := call
	if a, ok := p["alias"].(string); ok && a != "" {
		alias = a + "_" + call
	}
	name, _ := p["name"].(string)
	if name == "" {
		name = k
	}
	p["alias"] = alias
	return name + "." + alias
}

// moduleObject turns a seed's root module of planned_values or
// prior_state into the module instance object at prefix.
func moduleObject(m map[string]any, prefix string, addr func(string) string) map[string]any {
	out := map[string]any{"address": prefix}
	if rs := asList(m["resources"]); len(rs) > 0 {
		for _, r := range rs {
			rm := r.(map[string]any)
			rm["address"] = addr(rm["address"].(string))
		}
		out["resources"] = rs
	}
	if cms := asList(m["child_modules"]); len(cms) > 0 {
		for _, c := range cms {
			rewriteChild(c.(map[string]any), addr)
		}
		out["child_modules"] = cms
	}
	return out
}

func rewriteChild(m map[string]any, addr func(string) string) {
	if a, ok := m["address"].(string); ok {
		m["address"] = addr(a)
	}
	for _, r := range asList(m["resources"]) {
		rm := r.(map[string]any)
		rm["address"] = addr(rm["address"].(string))
	}
	for _, c := range asList(m["child_modules"]) {
		rewriteChild(c.(map[string]any), addr)
	}
}

func walkModule(m map[string]any, fn func(map[string]any)) {
	for _, r := range asList(m["resources"]) {
		fn(r.(map[string]any))
	}
	for _, c := range asList(m["child_modules"]) {
		walkModule(c.(map[string]any), fn)
	}
}

// renameProviderKeys rewrites provider_config_key in a configuration module
// and the modules it calls.
func renameProviderKeys(mod map[string]any, keys map[string]string) {
	for _, r := range asList(mod["resources"]) {
		rm := r.(map[string]any)
		if k, ok := rm["provider_config_key"].(string); ok {
			if nk, ok := keys[k]; ok {
				rm["provider_config_key"] = nk
			}
		}
	}
	if calls, ok := mod["module_calls"].(map[string]any); ok {
		for _, c := range calls {
			if cm, ok := c.(map[string]any)["module"].(map[string]any); ok {
				renameProviderKeys(cm, keys)
			}
		}
	}
}

func dig(m map[string]any, path ...string) map[string]any {
	for _, p := range path {
		next, ok := m[p].(map[string]any)
		if !ok {
			return nil
		}
		m = next
	}
	return m
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// walkStrings calls fn on every string value (not object keys).
func walkStrings(v any, fn func(string)) {
	switch x := v.(type) {
	case string:
		fn(x)
	case []any:
		for _, e := range x {
			walkStrings(e, fn)
		}
	case map[string]any:
		for _, e := range x {
			walkStrings(e, fn)
		}
	}
}

// mapStrings returns a deep copy of v with every string value passed through f.
func mapStrings(v any, f func(string) string) any {
	switch x := v.(type) {
	case string:
		return f(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = mapStrings(e, f)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = mapStrings(e, f)
		}
		return out
	}
	return v
}

func copyValue(v any) any { return mapStrings(v, func(s string) string { return s }) }
