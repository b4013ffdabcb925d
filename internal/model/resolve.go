package model

import (
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	tfjson "github.com/hashicorp/terraform-json"
	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/symbol"
)

// Attr returns attribute name of inst as it will be after apply: the known
// value, else the value resolved from configuration (symbolic where only a
// reference can be named), else an unknown.
func (m *Model) Attr(inst *Instance, name string) cty.Value {
	if o := m.ownerOf(inst); o != m {
		return o.Attr(inst, name)
	}
	if v, ok := inst.cachedAttr(name); ok {
		return v
	}
	k := attrKey{inst.Address, name}
	v := inst.attrAfter(name)
	if !WhollyKnown(v) {
		if m.inflight[k] {
			return m.symbolize(inst, name, v)
		}
		m.inflight[k] = true
		planned := v
		v = m.resolveAttr(inst, name, v)
		delete(m.inflight, k)
		if planned.HasMark(Sensitive) && !v.HasMark(Sensitive) {
			// the plan says the value is sensitive: so is what the
			// configuration says it will be
			v = v.Mark(Sensitive)
		}
		m.noteMarked(v)
	}
	if inst.attrs == nil {
		inst.attrs = make([]resolvedAttr, 0, 4) // most instances have a few read
	}
	inst.attrs = append(inst.attrs, resolvedAttr{name, v})
	return v
}

// Path walks an attribute path of simple steps ("endpoint_configuration", 0,
// "types") through Attr.
func (m *Model) Path(inst *Instance, name string, rest ...any) cty.Value {
	v := m.Attr(inst, name)
	for _, step := range rest {
		v = stepInto(v, step)
	}
	return v
}

func stepInto(v cty.Value, step any) cty.Value {
	if v == cty.NilVal || v.IsNull() {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	if !v.IsKnown() {
		return cty.DynamicVal
	}
	uv, marks := v.Unmark()
	switch s := step.(type) {
	case string:
		t := uv.Type()
		if (t.IsObjectType() && t.HasAttribute(s)) || t.IsMapType() {
			if t.IsMapType() {
				if uv.HasIndex(cty.StringVal(s)).True() {
					return uv.Index(cty.StringVal(s)).WithMarks(marks)
				}
				return cty.NullVal(cty.DynamicPseudoType)
			}
			return uv.GetAttr(s).WithMarks(marks)
		}
	case int:
		if uv.CanIterateElements() && !uv.Type().IsObjectType() && !uv.Type().IsMapType() && s < uv.LengthInt() {
			if uv.Type().IsSetType() {
				return cty.DynamicVal
			}
			return uv.Index(cty.NumberIntVal(int64(s))).WithMarks(marks)
		}
	}
	return cty.NullVal(cty.DynamicPseudoType)
}

func getAttr(obj cty.Value, name string) cty.Value {
	return stepInto(obj, name)
}

// Configured reports whether the attribute or block name is written in the
// resource's configuration (source or plan configuration).
func (m *Model) Configured(inst *Instance, name string) bool {
	if o := m.ownerOf(inst); o != m {
		return o.Configured(inst, name)
	}
	b := m.body(inst)
	if b.src != nil {
		if _, ok := b.src.Attributes[name]; ok {
			return true
		}
		for _, blk := range b.src.Blocks {
			if blk.Type == name {
				return true
			}
		}
		return false
	}
	_, ok := b.plan[name]
	return ok
}

// configBody is a block's configuration: .tf source when present, else the
// plan's configuration expressions.
type configBody struct {
	src  *hclsyntax.Body
	plan map[string]*tfjson.Expression
}

func (b configBody) empty() bool { return b.src == nil && b.plan == nil }

func (b configBody) blocks(name string) []configBody {
	var out []configBody
	if b.src != nil {
		for _, blk := range b.src.Blocks {
			if blk.Type == name {
				out = append(out, configBody{src: blk.Body})
			}
		}
		return out
	}
	if e := b.plan[name]; e != nil && e.ExpressionData != nil {
		for _, nb := range e.NestedBlocks {
			out = append(out, configBody{plan: nb})
		}
	}
	return out
}

func (m *Model) body(inst *Instance) configBody {
	if _, r := m.SourceResource(inst); r != nil {
		return configBody{src: r.Body}
	}
	if rc := m.resourceConfig(inst); rc != nil {
		return configBody{plan: rc.Expressions}
	}
	return configBody{}
}

func (m *Model) resolveAttr(inst *Instance, name string, v cty.Value) cty.Value {
	sc := m.instanceScope(inst)
	r := m.fill(inst, sc, m.body(inst), name, name, v)
	if r == cty.NilVal {
		return m.symbolize(inst, name, v)
	}
	return r
}

// fill resolves attribute name of a block whose planned value is v.
func (m *Model) fill(inst *Instance, sc *scope, b configBody, name, path string, v cty.Value) cty.Value {
	if b.src != nil {
		if a, ok := b.src.Attributes[name]; ok {
			return m.lookup(sc, lookup{expr: a.Expr}, path, v)
		}
	} else if e, ok := b.plan[name]; ok && e != nil && e.ExpressionData != nil {
		if e.ConstantValue != nil && e.ConstantValue != tfjson.UnknownConstantValue {
			return FromJSON(normalizeJSON(e.ConstantValue), nil, nil)
		}
		if len(e.References) > 0 {
			return m.lookup(sc, lookup{refs: e.References, attr: name}, path, v)
		}
	}
	blocks := b.blocks(name)
	if len(blocks) == 0 {
		return cty.NilVal
	}
	elems := make([]cty.Value, len(blocks))
	for i, blk := range blocks {
		ev := stepInto(v, i)
		elems[i] = m.fillObject(inst, sc, blk, path+"["+strconv.Itoa(i)+"]", ev)
	}
	return cty.TupleVal(elems)
}

func (m *Model) fillObject(inst *Instance, sc *scope, b configBody, path string, v cty.Value) cty.Value {
	attrs := attrMap()
	var uv cty.Value
	if v.IsKnown() && !v.IsNull() && v.Type().IsObjectType() {
		uv, _ = v.Unmark()
		for k := range uv.Type().AttributeTypes() {
			attrs[k] = uv.GetAttr(k)
		}
	}
	// the planned attributes not wholly known, then the configured names
	// the plan lacks, are filled from the configuration
	filled := false
	fillName := func(k string) {
		cur, ok := attrs[k]
		if ok && WhollyKnown(cur) {
			return
		}
		if !ok {
			cur = cty.DynamicVal
		}
		r := m.fill(inst, sc, b, k, path+"."+k, cur)
		if r == cty.NilVal {
			r = m.symbolize(inst, path+"."+k, cur)
		}
		attrs[k] = r
		filled = true
	}
	// each name once (a name filled holds its result, not the plan's)
	planned := func(k string) bool { return uv != cty.NilVal && uv.Type().HasAttribute(k) }
	if uv != cty.NilVal {
		for k := range uv.Type().AttributeTypes() {
			fillName(k)
		}
	}
	if b.src != nil {
		for k := range b.src.Attributes {
			if !planned(k) {
				fillName(k)
			}
		}
		for i, blk := range b.src.Blocks {
			if _, attr := b.src.Attributes[blk.Type]; !attr && !planned(blk.Type) && !blockBefore(b.src.Blocks[:i], blk.Type) {
				fillName(blk.Type)
			}
		}
	} else {
		for k := range b.plan {
			if !planned(k) {
				fillName(k)
			}
		}
	}
	if !filled && uv != cty.NilVal {
		// every attribute known and configured: the planned object itself
		releaseAttrMap(attrs)
		return uv
	}
	return objectVal(attrs)
}

// blockBefore reports whether one of blocks is of type t.
func blockBefore(blocks hclsyntax.Blocks, t string) bool {
	for _, b := range blocks {
		if b.Type == t {
			return true
		}
	}
	return false
}

// identityAttrs are computed attributes whose value is unique to the object
// created: a fresh one differs from every literal.
var identityAttrs = map[string]bool{"id": true, "arn": true, "execution_arn": true, "root_resource_id": true, "domain_name_id": true}

// symbolize replaces the unknown leaves of v by tokens naming them where the
// attribute is a single string by name; other unknowns stay unknown.
func (m *Model) symbolize(inst *Instance, path string, v cty.Value) cty.Value {
	if v == cty.NilVal {
		v = cty.DynamicVal
	}
	uv, marks := v.Unmark()
	if !uv.IsKnown() {
		if stringish(lastName(path)) && (uv.Type() == cty.String || uv.Type() == cty.DynamicPseudoType) {
			if m.trace != nil {
				// names inst: made anew for each instance (shared.go)
				m.trace.tokens = append(m.trace.tokens, tokenRecord{path, marks})
			}
			return symbolToken(inst, path, marks)
		}
		return v
	}
	if uv.IsNull() {
		return v
	}
	t := uv.Type()
	switch {
	case t.IsObjectType():
		attrs := map[string]cty.Value{}
		for k := range t.AttributeTypes() {
			attrs[k] = m.symbolize(inst, path+"."+k, uv.GetAttr(k))
		}
		return cty.ObjectVal(attrs).WithMarks(marks)
	case t.IsTupleType() || t.IsListType():
		var elems []cty.Value
		i := 0
		for it := uv.ElementIterator(); it.Next(); i++ {
			_, e := it.Element()
			elems = append(elems, m.symbolize(inst, path+"["+strconv.Itoa(i)+"]", e))
		}
		if len(elems) == 0 {
			return v
		}
		return cty.TupleVal(elems).WithMarks(marks)
	}
	return v
}

// symbolToken is the token symbolize puts for the unknown string at path
// of inst's attribute.
func symbolToken(inst *Instance, path string, marks cty.ValueMarks) cty.Value {
	ref := symbol.Ref{Address: inst.Address, Attr: path, Fresh: inst.Creates() && identityAttrs[path]}
	return cty.StringVal(ref.Token()).WithMarks(marks)
}

func lastName(path string) string {
	if i := strings.LastIndexAny(path, ".["); i >= 0 {
		if path[i] == '[' {
			// an element: name it after its collection, singular
			return singular(lastName(path[:i]))
		}
		return path[i+1:]
	}
	return path
}

func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "_ids"):
		return strings.TrimSuffix(s, "s")
	case s == "security_groups" || s == "subnets" || s == "cidr_blocks" || s == "ipv6_cidr_blocks":
		return strings.TrimSuffix(s, "s")
	}
	return ""
}

// stringish guesses from its name whether an attribute holds one string.
func stringish(name string) bool {
	switch name {
	case "":
		return false
	case "id", "arn", "name", "policy", "json", "minified_json", "execution_arn", "invoke_url", "root_resource_id",
		"cidr_block", "ipv6_cidr_block", "dns_name", "hosted_zone_id", "owner_id", "stage_name", "domain_name",
		"availability_zone", "availability_zone_id", "security_group", "subnet", "cidr_block_", "region", "body",
		"regional_domain_name", "cloudfront_domain_name", "url", "key", "value", "access_association_source":
		return true
	}
	return strings.HasSuffix(name, "_id") || strings.HasSuffix(name, "_arn") || strings.HasSuffix(name, "_url") ||
		strings.HasSuffix(name, "_name") || strings.HasSuffix(name, "_block")
}

// Refs returns the absolute references of a configured attribute of inst
// (expression traversals, e.g. "aws_api_gateway_rest_api_policy.api.policy"),
// following nothing. From source when present, else from the plan.
func (m *Model) Refs(inst *Instance, name string) []string {
	if o := m.ownerOf(inst); o != m {
		return o.Refs(inst, name)
	}
	b := m.body(inst)
	var out []string
	if b.src != nil {
		if a, ok := b.src.Attributes[name]; ok {
			for _, t := range a.Expr.Variables() {
				out = append(out, m.instPrefix(inst, TraversalText(t)))
			}
		}
		for _, blk := range b.src.Blocks {
			if blk.Type == name {
				for _, t := range blockVariables(blk.Body) {
					out = append(out, m.instPrefix(inst, TraversalText(t)))
				}
			}
		}
		sort.Strings(out)
		return out
	}
	for _, r := range planRefs(b.plan[name]) {
		out = append(out, m.instPrefix(inst, r))
	}
	return out
}

// Functions returns the names of functions called in a configured attribute
// (source only; nil without source).
func (m *Model) Functions(inst *Instance, name string) []string {
	if o := m.ownerOf(inst); o != m {
		return o.Functions(inst, name)
	}
	b := m.body(inst)
	if b.src == nil {
		return nil
	}
	a, ok := b.src.Attributes[name]
	if !ok {
		return nil
	}
	var out []string
	hclsyntax.VisitAll(a.Expr, func(n hclsyntax.Node) hcl.Diagnostics {
		if c, ok := n.(*hclsyntax.FunctionCallExpr); ok {
			out = append(out, c.Name)
		}
		return nil
	})
	return out
}

// DependsOn returns the absolute addresses in depends_on of inst's resource.
func (m *Model) DependsOn(inst *Instance) []string {
	if o := m.ownerOf(inst); o != m {
		return o.DependsOn(inst)
	}
	if _, r := m.SourceResource(inst); r != nil {
		out := make([]string, len(r.DependsOn))
		for i, d := range r.DependsOn {
			out[i] = m.instPrefix(inst, d)
		}
		return out
	}
	if rc := m.resourceConfig(inst); rc != nil {
		out := make([]string, len(rc.DependsOn))
		for i, d := range rc.DependsOn {
			out[i] = m.instPrefix(inst, d)
		}
		return out
	}
	return nil
}

// CreateBeforeDestroy returns the lifecycle setting from source (nil when
// unknown: no source or not written).
func (m *Model) CreateBeforeDestroy(inst *Instance) *bool {
	if o := m.ownerOf(inst); o != m {
		return o.CreateBeforeDestroy(inst)
	}
	if _, r := m.SourceResource(inst); r != nil {
		return r.CreateBeforeDestroy
	}
	return nil
}

// Location returns where inst's resource block is written, relative to the
// source root (file, line), or "" when unknown.
func (m *Model) Location(inst *Instance) (string, int) {
	if o := m.ownerOf(inst); o != m {
		return o.Location(inst)
	}
	_, r := m.SourceResource(inst)
	if r == nil {
		return "", 0
	}
	return r.Range.Filename, r.Range.Start.Line
}

// ConfigValue evaluates what the configuration writes for an attribute or
// nested block, whatever the plan shows (the plan may show a hash, e.g. of
// user_data). NilVal when the configuration does not set it.
func (m *Model) ConfigValue(inst *Instance, name string) cty.Value {
	if o := m.ownerOf(inst); o != m {
		return o.ConfigValue(inst, name)
	}
	v, now := m.configValue(inst, name)
	if now {
		// kept beside the attributes Attr resolved: the view asks for some
		// arguments more than once (ConfigValueOnce keeps nothing)
		inst.attrs = append(inst.attrs, resolvedAttr{configPrefix + name, v})
	}
	return v
}

// noteMarked remembers a resolved value that carries a Sensitive mark.
func (m *Model) noteMarked(v cty.Value) {
	if ContainsMarked(v) {
		m.marked = append(m.marked, v)
	}
}

// ConfiguredNames lists the attribute and block names the configuration of
// inst sets (meta-arguments excluded), sorted.
func (m *Model) ConfiguredNames(inst *Instance) []string {
	if o := m.ownerOf(inst); o != m {
		return o.ConfiguredNames(inst)
	}
	b := m.body(inst)
	seen := map[string]bool{}
	if b.src != nil {
		for k := range b.src.Attributes {
			seen[k] = true
		}
		for _, blk := range b.src.Blocks {
			seen[blk.Type] = true
		}
	} else {
		for k := range b.plan {
			seen[k] = true
		}
	}
	for _, meta := range []string{"count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection"} {
		delete(seen, meta)
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
