// Package model turns a decoded plan or state into resource instances whose
// values are go-cty values, and resolves what the plan leaves unknown.
//
// # Values
//
// Each instance carries Before and After as cty values built from the plan
// JSON: leaves listed in after_unknown become unknown (cty.DynamicVal, as the
// plan carries no schema), leaves listed in after_sensitive/before_sensitive
// are marked with Sensitive. Display never prints a sensitive value.
//
// # Resolution
//
// Model.Attr returns an attribute as it will be after apply. Known values are
// returned as they are. For an unknown value the model looks at the
// attribute's configuration: with .tf source it evaluates the expression with
// hcl/v2 in the instance's module (count.index, each.key, var.*, local.*,
// module outputs, other resources); without source it follows the plan's
// `references`. What still cannot be known becomes a symbolic value: a
// string token naming the attribute it will be (see package symbol), so that
// "the id of aws_vpc_endpoint.x" compares equal to itself wherever it
// appears, including inside jsonencode()d policies. Values that can be
// neither known nor named stay cty unknowns; checks report those as
// unverified.
//
// # Defaults
//
// Optional+Computed arguments left unset appear as unknown in a create plan.
// The model does not guess them; the topology package applies the
// provider's documented defaults (see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/vpc_endpoint) where the
// configuration does not set the argument.
package model

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/hcl/v2"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"

	"github.com/privapi/privapi/internal/source"
)

// Instance is one resource instance (managed or data) of the world after
// apply (plan) or of now (state).
type Instance struct {
	Address string
	Module  ModuleInstance
	// Local is the address inside the module without index: aws_vpc.main or data.aws_region.current.
	Local        string
	Mode         string // managed | data
	Type, Name   string
	Index        any // nil, int or string
	Actions      []string
	ActionReason string
	// ProviderConfigKey as written in the plan ("aws", "aws.west", "mod:aws").
	ProviderConfigKey string

	after, afterUnknown, afterSensitive jsonValue
	afterVal                            cty.Value
	// prior is the value before apply: nil when null (see prior.go; a
	// plan has no before_unknown: the value before apply is known)
	prior *priorValue

	// attrs caches Model.Attr: an instance has a few attributes read, each
	// many times (a slice searched by name costs less than a map keyed by
	// address and name over every instance)
	attrs []resolvedAttr
	// scope is the scope of the instance's module instance (instanceScope)
	scope *scope
	// modAddr is Module.String(), made once per module instance
	modAddr string
	// config is the plan's configuration of the instance's resource (nil
	// when the plan has none), found once when the instance is placed
	config *tfjson.ConfigResource

	// owner is the model the instance belongs to: a model that absorbed
	// another stack's (see Absorb) hands questions about that stack's
	// instances to their own model.
	owner *Model
}

type resolvedAttr struct {
	name string
	v    cty.Value
}

// configPrefix marks the entries of Instance.attrs that cache ConfigValue,
// not Attr (no attribute name holds a NUL).
const configPrefix = "\x00"

// cachedConfig returns ConfigValue(i, name) if it was made.
func (i *Instance) cachedConfig(name string) (cty.Value, bool) {
	for _, a := range i.attrs {
		if len(a.name) == len(name)+1 && a.name[0] == configPrefix[0] && a.name[1:] == name {
			return a.v, true
		}
	}
	return cty.NilVal, false
}

func (i *Instance) cachedAttr(name string) (cty.Value, bool) {
	for _, a := range i.attrs {
		if a.name == name {
			return a.v, true
		}
	}
	return cty.NilVal, false
}

// jsonValue is one value of the plan JSON, decoded (numbers as
// json.Number) the first time it is read: planfile keeps resource values as
// text, and most instances of a large plan are never looked at.
type jsonValue struct {
	raw json.RawMessage
	v   any
	// members indexes the top-level members of raw (see jsonmembers.go)
	members []jsonMember
	decoded bool
	indexed jsonIndex // (beside decoded: 8 bytes less per value)
}

// newJSONValue wraps a value from terraform-json: JSON text
// (json.RawMessage) or already decoded.
func newJSONValue(v any) jsonValue {
	if raw, ok := v.(json.RawMessage); ok {
		return jsonValue{raw: raw}
	}
	return jsonValue{v: v, decoded: true}
}

// id returns the value's top-level "id" string ("" when there is none),
// without decoding the rest of a value held as text.
func (j *jsonValue) id() string {
	if !j.decoded {
		var obj struct {
			ID any `json:"id"`
		}
		if json.Unmarshal(j.raw, &obj) == nil {
			s, _ := obj.ID.(string)
			return s
		}
		return ""
	}
	obj, _ := j.v.(map[string]any)
	s, _ := obj["id"].(string)
	return s
}

// hasTrue reports whether the value (an after_unknown or *_sensitive tree)
// holds a true leaf. Text without the word true holds none, whatever it is,
// and is not decoded.
func (j *jsonValue) hasTrue() bool {
	if !j.decoded && !bytes.Contains(j.raw, []byte("true")) {
		return false
	}
	return containsTrue(j.get())
}

func (j *jsonValue) get() any {
	if !j.decoded {
		j.v, j.decoded = normalizeJSON(j.raw), true
		j.raw, j.members = nil, nil
	}
	return j.v
}

// After is the instance's value after apply (null when deleted).
func (i *Instance) After() cty.Value {
	if i.afterVal == cty.NilVal {
		i.afterVal = FromJSON(i.after.get(), i.afterUnknown.get(), i.afterSensitive.get())
	}
	return i.afterVal
}

// attrAfter is getAttr(i.After(), name) without converting the other
// attributes (an instance may have a hundred; checks read a few).
func (i *Instance) attrAfter(name string) cty.Value {
	if i.afterVal != cty.NilVal {
		return getAttr(i.afterVal, name)
	}
	// only the member read is decoded, of each of the three values
	if !i.after.isObject() {
		return getAttr(i.After(), name) // null, or not an object
	}
	if i.afterUnknown.isTrue() {
		return cty.DynamicVal
	}
	text, set, indexed := i.after.memberText(name)
	var v any
	if !indexed {
		v, set = i.after.decodedMember(name)
	}
	unknown := i.owner.fragment(&i.afterUnknown, name)
	if !set && !containsTrue(unknown) {
		return cty.NullVal(cty.DynamicPseudoType) // After() has no such attribute
	}
	sensitive := i.owner.fragment(&i.afterSensitive, name)
	var v2 cty.Value
	if indexed && set {
		v2 = ctyFromText(text, unknown, sensitive) // no decoded tree in between
	} else {
		v2 = FromJSON(v, unknown, sensitive)
	}
	if i.afterSensitive.isTrue() {
		v2 = v2.Mark(Sensitive)
	}
	return v2
}

// Before is the instance's value before apply (null when created).
func (i *Instance) Before() cty.Value {
	p := i.prior
	if p == nil {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	if p.beforeVal == cty.NilVal {
		p.beforeVal = FromJSON(p.before.get(), nil, p.beforeSensitive.get())
	}
	return p.beforeVal
}

// KnownNow reports whether every attribute of the instance's after value is
// known in the plan (nothing in after_unknown).
func (i *Instance) KnownNow() bool { return !i.afterUnknown.hasTrue() }

// Has reports whether the action list contains a.
func (i *Instance) Has(a string) bool {
	for _, x := range i.Actions {
		if x == a {
			return true
		}
	}
	return false
}

// Creates reports whether apply creates the instance (create or replace).
func (i *Instance) Creates() bool { return i.Has("create") }

// Deleted reports whether the instance is gone after apply (delete only).
func (i *Instance) Deleted() bool { return len(i.Actions) == 1 && i.Actions[0] == "delete" }

// Updates reports whether the instance is updated in place.
func (i *Instance) Updates() bool { return i.Has("update") }

// Replaced reports whether the instance is replaced, and whether the new one
// is created before the old is destroyed.
func (i *Instance) Replaced() (replaced, createFirst bool) {
	if len(i.Actions) == 2 {
		if i.Actions[0] == "create" && i.Actions[1] == "delete" {
			return true, true
		}
		if i.Actions[0] == "delete" && i.Actions[1] == "create" {
			return true, false
		}
	}
	return false, false
}

// Changes reports whether apply changes the instance in any way.
func (i *Instance) Changes() bool {
	for _, a := range i.Actions {
		if a == "create" || a == "delete" || a == "update" {
			return true
		}
	}
	return false
}

// Model is every instance plus the configuration they came from.
type Model struct {
	Kind             string // plan | state
	TerraformVersion string
	Instances        []*Instance

	byAddr     map[string]*Instance
	byResource map[string][]*Instance // module instance + local address
	byType     map[string][]*Instance
	byID       map[string]*Instance
	byIDOnce   sync.Once // checks run at once may ask ByID first

	// configuration
	modules   map[string]*tfjson.ConfigModule   // by config key
	resources map[string]*tfjson.ConfigResource // by config key + "|" + local address
	calls     map[string]*tfjson.ModuleCall     // by config key of the called module
	providers map[string]*tfjson.ProviderConfig
	regions   map[string]string    // provider configuration → region read by data.aws_region
	variables map[string]cty.Value // root variables from the plan
	// sensitiveVars holds the raw values of variables declared sensitive.
	sensitiveVars map[string]any

	src *source.Config

	inflight map[attrKey]bool

	// shared holds SharedAttr's resolutions by input; trace is the one
	// being watched (see shared.go); sharedBuf holds an input's texts,
	// partsBuf the parts of a value replayed.
	shared    map[sharedKey][]*sharedEntry
	trace     *attrTrace
	sharedBuf []byte
	partsBuf  []valuePart

	scopes   map[string]*scope
	funcs    map[string]map[string]function.Function
	modKeys  map[string][]cty.Value  // module instance keys by parent|call
	modAddrs map[string]placedModule // parsed module_address values
	parsed   map[string]parsedRef    // references parsed (traversal)
	// sensitive caches SensitiveStrings (never nil once computed).
	sensitive []string
	// fileValues holds every text read from a file by .tf evaluation
	// (file(), templatefile()): never shown.
	fileValues []string
	// marked holds every resolved attribute value that carries a
	// Sensitive mark (see MarkedValues).
	marked   []cty.Value
	warnings []string
	warned   map[string]bool
	// work counts expression evaluations and instance values built, for
	// tests that the work grows like the input.
	work int
	// absorbed are the models of other stacks joined to this one (Absorb).
	absorbed []*Model
	// fragments holds decoded after_unknown / after_sensitive members by
	// their text (see fragment)
	fragments   map[string]any
	fragmentsMu sync.Mutex
}

// Warnings lists what evaluation refused or could not do (a file read
// outside the source tree), sorted. Attributes are resolved when checks read
// them, so the list is complete only after the checks ran.
func (m *Model) Warnings() []string {
	out := append([]string(nil), m.warnings...)
	sort.Strings(out)
	return out
}

func (m *Model) warn(w string) {
	if m.warned == nil {
		m.warned = map[string]bool{}
	}
	if !m.warned[w] {
		m.warned[w] = true
		m.warnings = append(m.warnings, w)
	}
}

// MarkedValues lists the attribute values resolved so far from
// configuration that carry a Sensitive mark (from a sensitive variable or
// output, or a file read). Reports hide every string in them.
func (m *Model) MarkedValues() []cty.Value { return m.marked }

// FileValues lists the texts .tf evaluation read from files so far.
func (m *Model) FileValues() []string { return m.fileValues }

type attrKey struct {
	addr, attr string
}

// Source returns the .tf configuration, or nil.
func (m *Model) Source() *source.Config { return m.src }

// Instance returns the instance at an absolute address.
func (m *Model) Instance(addr string) *Instance { return m.byAddr[addr] }

// OfType lists the instances of a resource type (data sources as "data.TYPE"), in address order.
func (m *Model) OfType(t string) []*Instance { return m.byType[t] }

// ByID returns the instance whose known id (after apply, or before apply for
// instances that stay) equals id.
func (m *Model) ByID(id string) *Instance {
	m.byIDOnce.Do(m.indexIDs)
	return m.byID[id]
}

// Resource lists the instances of one resource (all count/for_each keys).
func (m *Model) Resource(mod ModuleInstance, local string) []*Instance {
	return m.byResource[prefix(mod, local)]
}

// instanceChunk is how many instances FromPlan allocates at once (64 KB).
const instanceChunk = 128

// FromPlan builds the model of the world after apply.
func FromPlan(p *tfjson.Plan, src *source.Config) *Model {
	m := newModel("plan", p.TerraformVersion, src)
	m.Instances = make([]*Instance, 0, len(p.ResourceChanges))
	m.byAddr = make(map[string]*Instance, len(p.ResourceChanges))
	m.byResource = make(map[string][]*Instance, len(p.ResourceChanges))
	if p.Config != nil {
		m.indexConfig(p.Config)
	}
	for name, v := range p.Variables {
		if v == nil {
			continue
		}
		val := FromJSON(normalizeJSON(v.Value), nil, nil)
		if p.Config != nil && p.Config.RootModule != nil {
			if cv := p.Config.RootModule.Variables[name]; cv != nil && cv.Sensitive {
				val = val.Mark(Sensitive)
				m.sensitiveVars[name] = normalizeJSON(v.Value)
			}
		}
		m.variables[name] = val
	}
	// the instances live as long as the model: allocated in chunks (one
	// huge array would need fresh memory where chunks reuse what
	// decoding freed)
	var slab []Instance
	var acts actionLists
	for _, rc := range p.ResourceChanges {
		if rc == nil || rc.Change == nil {
			continue
		}
		if len(slab) == 0 {
			slab = make([]Instance, instanceChunk)
		}
		inst := &slab[0]
		slab = slab[1:]
		*inst = Instance{
			Address: rc.Address, Mode: string(rc.Mode), Type: rc.Type, Name: rc.Name,
			Index: normalizeIndex(rc.Index), ActionReason: string(rc.ActionReason), Actions: acts.of(rc.Change.Actions),
			prior: newPrior(rc.Change.Before, rc.Change.BeforeSensitive), after: newJSONValue(rc.Change.After),
			afterUnknown: newJSONValue(rc.Change.AfterUnknown), afterSensitive: newJSONValue(rc.Change.AfterSensitive),
		}
		m.setPlacement(inst, rc.ModuleAddress, rc.ProviderName)
		m.add(inst)
	}
	// Data sources read while planning live only in prior_state.
	if p.PriorState != nil && p.PriorState.Values != nil {
		walkStateModule(p.PriorState.Values.RootModule, func(r *tfjson.StateResource, modAddr string) {
			if r.Mode != tfjson.DataResourceMode || m.byAddr[r.Address] != nil {
				return
			}
			m.add(m.stateInstance(r, modAddr))
		})
	}
	m.finish()
	return m
}

// FromState builds the model of the world as the state records it.
func FromState(s *tfjson.State, src *source.Config) *Model {
	m := newModel("state", s.TerraformVersion, src)
	if s.Values != nil {
		walkStateModule(s.Values.RootModule, func(r *tfjson.StateResource, modAddr string) {
			m.add(m.stateInstance(r, modAddr))
		})
	}
	m.finish()
	return m
}

func newModel(kind, tfv string, src *source.Config) *Model {
	return &Model{
		Kind: kind, TerraformVersion: tfv, src: src,
		byAddr: map[string]*Instance{}, byResource: map[string][]*Instance{}, byType: map[string][]*Instance{},
		modules: map[string]*tfjson.ConfigModule{}, resources: map[string]*tfjson.ConfigResource{}, calls: map[string]*tfjson.ModuleCall{},
		providers: map[string]*tfjson.ProviderConfig{}, variables: map[string]cty.Value{}, sensitiveVars: map[string]any{},
		inflight: map[attrKey]bool{}, scopes: map[string]*scope{},
	}
}

func (m *Model) stateInstance(r *tfjson.StateResource, modAddr string) *Instance {
	inst := &Instance{
		Address: r.Address, Mode: string(r.Mode), Type: r.Type, Name: r.Name,
		Index: normalizeIndex(r.Index), after: newJSONValue(normalizeJSON(r.AttributeValues)),
		prior: &priorValue{before: newJSONValue(normalizeJSON(r.AttributeValues))},
	}
	if len(r.SensitiveValues) > 0 {
		inst.afterSensitive, inst.prior.beforeSensitive = newJSONValue(r.SensitiveValues), newJSONValue(r.SensitiveValues)
	}
	m.setPlacement(inst, modAddr, r.ProviderName)
	return inst
}

func walkStateModule(mod *tfjson.StateModule, fn func(*tfjson.StateResource, string)) {
	if mod == nil {
		return
	}
	for _, r := range mod.Resources {
		if r != nil {
			fn(r, mod.Address)
		}
	}
	for _, c := range mod.ChildModules {
		walkStateModule(c, fn)
	}
}

func (m *Model) setPlacement(inst *Instance, modAddr, provider string) {
	switch rest, ok := strings.CutPrefix(inst.Address, modAddr+"."); {
	case !strings.HasPrefix(inst.Address, "module."):
		inst.Module = nil // a resource of the root module
	case modAddr != "" && ok && !strings.HasPrefix(rest, "module."):
		// the plan's module_address: parsed once per module instance
		// (thousands of instances share one)
		pm, seen := m.modAddrs[modAddr]
		if !seen {
			if t, ok := parseTraversal(modAddr); ok {
				if mod, r := splitModule(t); len(r) == 0 {
					pm = placedModule{mod, mod.String()}
				}
			}
			if m.modAddrs == nil {
				m.modAddrs = map[string]placedModule{}
			}
			m.modAddrs[modAddr] = pm
		}
		if pm.mi != nil {
			inst.Module, inst.modAddr = pm.mi, pm.addr
			break
		}
		fallthrough
	default:
		m.placeByAddress(inst, modAddr)
		inst.modAddr = inst.Module.String()
	}
	kind := ""
	if inst.Mode == "data" {
		kind = "data."
	}
	inst.Local = localOf(inst.Address, kind, inst.Type, inst.Name)
	inst.config = m.resources[inst.Module.ConfigKey()+"|"+inst.Local]
	if inst.config != nil {
		inst.ProviderConfigKey = inst.config.ProviderConfigKey
	}
	_ = provider
}

// placedModule is a module_address of the plan, parsed, and as
// ModuleInstance.String renders it.
type placedModule struct {
	mi   ModuleInstance
	addr string
}

// ModuleAddress is the address of the instance's module instance
// (module.a["k"].module.b[0], "" in the root module), as
// ModuleInstance.String renders it.
func (i *Instance) ModuleAddress() string {
	if i.modAddr == "" && len(i.Module) > 0 {
		return i.Module.String() // an instance not placed by a model
	}
	return i.modAddr
}

// placeByAddress sets inst.Module from its address (else modAddr).
func (m *Model) placeByAddress(inst *Instance, modAddr string) {
	if t, ok := parseTraversal(inst.Address); ok {
		inst.Module, _ = splitModule(t)
	} else if modAddr != "" {
		if t, ok := parseTraversal(modAddr); ok {
			inst.Module, _ = splitModule(t)
		}
	}
}

func (m *Model) add(inst *Instance) {
	if _, dup := m.byAddr[inst.Address]; dup {
		return
	}
	inst.owner = m
	m.Instances = append(m.Instances, inst)
	m.byAddr[inst.Address] = inst
	key := resourceKeyOf(inst.Address, inst.ModuleAddress(), inst.Local)
	m.byResource[key] = append(m.byResource[key], inst)
	t := inst.Type
	if inst.Mode == "data" {
		t = "data." + t
	}
	m.byType[t] = append(m.byType[t], inst)
}

func (m *Model) finish() {
	sort.Slice(m.Instances, func(i, j int) bool { return m.Instances[i].Address < m.Instances[j].Address })
	for _, l := range m.byType {
		sort.Slice(l, func(i, j int) bool { return l[i].Address < l[j].Address })
	}
	for _, l := range m.byResource {
		sort.SliceStable(l, func(i, j int) bool { return indexLess(l[i].Index, l[j].Index) })
	}
}

// indexIDs builds byID on first use: it reads the id of every instance,
// which decodes only that attribute of values still held as text.
func (m *Model) indexIDs() {
	m.byID = map[string]*Instance{}
	all := m.Instances
	for _, o := range m.absorbed {
		all = append(all[:len(all):len(all)], o.Instances...)
	}
	for _, inst := range all {
		for _, j := range []*jsonValue{&inst.after, inst.beforeJSON()} {
			if j == nil {
				continue
			}
			if id := j.id(); id != "" {
				if _, taken := m.byID[id]; !taken {
					m.byID[id] = inst
				}
			}
		}
	}
}

func indexLess(a, b any) bool {
	ai, aok := a.(int)
	bi, bok := b.(int)
	if aok && bok {
		return ai < bi
	}
	as, _ := a.(string)
	bs, _ := b.(string)
	return as < bs
}

// normalizeIndex turns json.Number indexes into int.
func normalizeIndex(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
		}
		return x.String()
	case float64:
		return int(x)
	}
	return v
}

// normalizeJSON makes sure a value from terraform-json is the generic JSON
// shape (terraform-json keeps some fields as json.RawMessage).
func normalizeJSON(v any) any {
	if raw, ok := v.(json.RawMessage); ok {
		if out, ok := fastDecode(raw); ok {
			return out
		}
		var out any
		d := json.NewDecoder(bytes.NewReader(raw))
		d.UseNumber()
		if d.Decode(&out) != nil {
			return nil
		}
		return out
	}
	return v
}

// indexConfig records every module's configuration by config key.
func (m *Model) indexConfig(c *tfjson.Config) {
	for k, p := range c.ProviderConfigs {
		m.providers[k] = p
	}
	var walk func(key string, mod *tfjson.ConfigModule)
	walk = func(key string, mod *tfjson.ConfigModule) {
		if mod == nil {
			return
		}
		m.modules[key] = mod
		for _, r := range mod.Resources {
			if r != nil {
				m.resources[key+"|"+r.Address] = r
			}
		}
		for name, call := range mod.ModuleCalls {
			if call == nil {
				continue
			}
			ck := name
			if key != "" {
				ck = key + "." + name
			}
			m.calls[ck] = call
			walk(ck, call.Module)
		}
	}
	walk("", c.RootModule)
}

// resourceConfig is the plan's configuration of inst's resource, or nil.
func (m *Model) resourceConfig(inst *Instance) *tfjson.ConfigResource { return inst.config }

// SourceResource returns the .tf block of an instance's resource, or nil.
func (m *Model) SourceResource(inst *Instance) (*source.Module, *source.Resource) {
	if o := m.ownerOf(inst); o != m {
		return o.SourceResource(inst)
	}
	if m.src == nil {
		return nil, nil
	}
	sm := m.src.Find(inst.Module.Calls())
	if sm == nil {
		return nil, nil
	}
	return sm, sm.Resources[inst.Local]
}

// SensitiveStrings lists every string value that Terraform marks sensitive
// in the input: sensitive attribute values (before and after apply) and the
// values of sensitive variables. Reports redact them from every message as
// a safety net on top of the sensitive marks.
func (m *Model) SensitiveStrings() []string {
	if m.sensitive == nil {
		m.sensitive = m.sensitiveStrings()
		for _, o := range m.absorbed {
			m.sensitive = append(m.sensitive, o.SensitiveStrings()...)
		}
	}
	return m.sensitive
}

func (m *Model) sensitiveStrings() []string {
	seen := map[string]bool{}
	var walk func(v, sens any)
	walk = func(v, sens any) {
		if sens == true {
			collectStrings(v, seen)
			return
		}
		switch s := sens.(type) {
		case map[string]any:
			if obj, ok := v.(map[string]any); ok {
				for k, sv := range s {
					walk(obj[k], sv)
				}
			}
		case []any:
			if arr, ok := v.([]any); ok {
				for i, sv := range s {
					if i < len(arr) {
						walk(arr[i], sv)
					}
				}
			}
		}
	}
	for _, inst := range m.Instances {
		// decode a value only when something in it is sensitive
		if inst.afterSensitive.hasTrue() {
			walk(inst.after.get(), inst.afterSensitive.get())
		}
		if p := inst.prior; p != nil && p.beforeSensitive.hasTrue() {
			walk(p.before.get(), p.beforeSensitive.get())
		}
	}
	for name, v := range m.sensitiveVars {
		_ = name
		collectStrings(v, seen)
	}
	m.sensitiveConfigStrings(seen)
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func collectStrings(v any, seen map[string]bool) {
	switch x := v.(type) {
	case string:
		if len(x) >= 3 {
			seen[x] = true
		}
	case []any:
		for _, e := range x {
			collectStrings(e, seen)
		}
	case map[string]any:
		for _, e := range x {
			collectStrings(e, seen)
		}
	}
}

// sensitiveConfigStrings adds the literal values that the configuration
// gives variables declared sensitive, at every module level: their defaults
// and the constant arguments of the module calls that set them (from the
// plan's configuration and from source).
func (m *Model) sensitiveConfigStrings(seen map[string]bool) {
	for _, mod := range m.modules {
		for _, v := range mod.Variables {
			if v != nil && v.Sensitive {
				collectStrings(normalizeJSON(v.Default), seen)
			}
		}
		for _, call := range mod.ModuleCalls {
			if call == nil || call.Module == nil {
				continue
			}
			for arg, e := range call.Expressions {
				if v := call.Module.Variables[arg]; v == nil || !v.Sensitive || e == nil || e.ExpressionData == nil {
					continue
				}
				if e.ConstantValue != nil && e.ConstantValue != tfjson.UnknownConstantValue {
					collectStrings(normalizeJSON(e.ConstantValue), seen)
				}
			}
		}
	}
	if m.src == nil || m.src.Root == nil {
		return
	}
	done := map[*source.Module]bool{}
	var walk func(sm *source.Module)
	walk = func(sm *source.Module) {
		if sm == nil || done[sm] {
			return
		}
		done[sm] = true
		for _, v := range sm.Variables {
			if v.Sensitive && v.Default != nil {
				collectValueStrings(literal(v.Default), seen)
			}
		}
		for _, call := range sm.Calls {
			if call.Module == nil {
				continue
			}
			for arg, a := range call.Body.Attributes {
				if v, ok := call.Module.Variables[arg]; ok && v.Sensitive {
					collectValueStrings(literal(a.Expr), seen)
				}
			}
			walk(call.Module)
		}
	}
	walk(m.src.Root)
}

// literal evaluates an expression without variables or functions (a
// literal); anything else gives cty.NilVal.
func literal(expr hcl.Expression) cty.Value {
	v, diags := expr.Value(nil)
	if diags.HasErrors() {
		return cty.NilVal
	}
	return v
}

// collectValueStrings adds the known strings inside v.
func collectValueStrings(v cty.Value, seen map[string]bool) {
	if v == cty.NilVal {
		return
	}
	cty.Walk(v, func(_ cty.Path, x cty.Value) (bool, error) {
		ux, _ := x.Unmark()
		if ux.IsKnown() && !ux.IsNull() && ux.Type() == cty.String && len(ux.AsString()) >= 3 {
			seen[ux.AsString()] = true
		}
		return true, nil
	})
}
