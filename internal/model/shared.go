package model

import (
	"hash/maphash"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// Every instance of a module resolves its attributes from one configuration
// body, and on plans of replicated modules their planned values are the same
// text too: the statement blocks of the data.aws_iam_policy_document of each
// of 9,000 module instances decode to the same value and are filled from the
// same expressions. Attr decodes and fills each one anew (most of what
// rebuilding a deferred policy document cost).
//
// SharedAttr resolves such an attribute once per distinct input and hands
// the other instances the same value. What Attr's result depends on, besides
// the configuration body and the planned text, is the outcome of the lookups
// that fill makes in the instance's scope (an expression evaluated, plan
// references resolved) and, where it names an unknown, the instance's own
// address (a symbol token). The first instance of an input is resolved as
// Attr does while its lookups are recorded; when it made no token, a later
// instance with the same input redoes only the lookups, in its own scope,
// and takes the recorded value when every lookup gives the same value
// (fill would build the same value from the same parts). Where a lookup
// gives another value, fill would have put that value (or, when it gives
// none, the planned value there with its unknowns named) at the lookup's
// path and built the rest alike: the recorded value gets that part
// replaced, rebuilding only the objects and tuples on the path. Without a
// recording the instance is filled as Attr does, from the planned value
// decoded once.

// sharedKey selects the entries of an attribute of one configuration body.
type sharedKey struct {
	body    any // *hclsyntax.Body or *tfjson.ConfigResource (nil: none)
	name    string
	creates bool
}

// maxSharedInputs bounds the entries of a key: where the planned texts
// differ from instance to instance (a name in a statement), keeping them
// would hold every instance's text for nothing.
const maxSharedInputs = 4

// sharedEntry is the resolution of one input.
type sharedEntry struct {
	// texts are the planned member texts (after, after_unknown,
	// after_sensitive), hash their hash.
	hash  uint64
	texts string
	// planned is attrAfter's value for the input.
	planned cty.Value
	// known: planned is wholly known, and Attr's value.
	known bool
	// replay: v is the value whenever lookups give the same values again;
	// raw is the value before Attr's sensitive mark (settle).
	replay  bool
	v, raw  cty.Value
	lookups []lookupRecord
	// tokens name the first instance: each later one has its own there
	tokens []tokenRecord
	// marked: v holds marks (noteMarked notes it for each instance)
	marked bool
	// hits counts instances that took v, misses those with parts
	// replaced.
	misses, hits int
}

// lookupRecord is one lookup fill made: at path, where the planned value
// was cur, it gave v.
type lookupRecord struct {
	l    lookup
	path string
	cur  cty.Value
	v    cty.Value
}

// lookup is a value fill reads from an instance's scope: an expression of
// the .tf source evaluated, else the plan's references of an argument
// resolved.
type lookup struct {
	expr hcl.Expression
	refs []string
	attr string
}

func (l lookup) run(sc *scope) cty.Value {
	if l.expr != nil {
		ev := sc.eval(l.expr)
		if ev.IsKnown() {
			return ev
		}
		return cty.NilVal
	}
	return sc.resolveRefs(l.refs, l.attr)
}

// attrTrace records the lookups of the resolution SharedAttr watches.
type attrTrace struct {
	lookups []lookupRecord
	// tokens are the symbol tokens made that name the instance
	tokens []tokenRecord
}

// tokenRecord is a token symbolize made: at path, with marks.
type tokenRecord struct {
	path  string
	marks cty.ValueMarks
}

// lookup runs l in sc for fill, recorded when a resolution is watched.
// Whatever the lookup resolves in turn (other attributes, other
// instances) is not part of the watched resolution.
func (m *Model) lookup(sc *scope, l lookup, path string, cur cty.Value) cty.Value {
	t := m.trace
	m.trace = nil
	v := l.run(sc)
	m.trace = t
	if t != nil {
		t.lookups = append(t.lookups, lookupRecord{l, path, cur, v})
	}
	return v
}

func sameValue(a, b cty.Value) bool {
	if a == cty.NilVal || b == cty.NilVal {
		return a == cty.NilVal && b == cty.NilVal
	}
	return a.RawEquals(b)
}

// SharedAttr returns Attr(inst, name), resolved once for the instances
// whose configuration body and planned text of the attribute are the same
// and whose scope gives the same values where the configuration reads it
// (see above). For attributes many instances of a module hold alike.
func (m *Model) SharedAttr(inst *Instance, name string) cty.Value {
	if o := m.ownerOf(inst); o != m {
		return o.SharedAttr(inst, name)
	}
	if v, ok := inst.cachedAttr(name); ok {
		return v
	}
	k := attrKey{inst.Address, name}
	if m.inflight[k] {
		return m.Attr(inst, name)
	}
	key, hash, ok := m.sharedInput(inst, name)
	if !ok {
		return m.Attr(inst, name)
	}
	var e *sharedEntry
	for _, c := range m.shared[key] {
		if c.hash == hash && c.texts == string(m.sharedBuf) {
			e = c
			break
		}
	}
	if e == nil && len(m.shared[key]) >= maxSharedInputs {
		return m.Attr(inst, name)
	}
	var v cty.Value
	switch {
	case e == nil:
		v = m.firstShared(inst, name, key, &sharedEntry{hash: hash, texts: string(m.sharedBuf)})
	case e.known:
		v = e.planned
	default:
		v = m.resolveShared(inst, name, e)
	}
	if inst.attrs == nil {
		inst.attrs = make([]resolvedAttr, 0, 4) // as Attr: most instances have a few read
	}
	inst.attrs = append(inst.attrs, resolvedAttr{name, v})
	return v
}

// firstShared resolves the first instance of an input as Attr does,
// watching its lookups, and keeps the entry.
func (m *Model) firstShared(inst *Instance, name string, key sharedKey, e *sharedEntry) cty.Value {
	planned := inst.attrAfter(name)
	e.planned, e.known = planned, WhollyKnown(planned)
	if m.shared == nil {
		m.shared = map[sharedKey][]*sharedEntry{}
	}
	m.shared[key] = append(m.shared[key], e)
	if e.known {
		return planned
	}
	t := &attrTrace{}
	k := attrKey{inst.Address, name}
	m.inflight[k] = true
	m.trace = t
	raw := m.resolveAttr(inst, name, planned)
	m.trace = nil
	delete(m.inflight, k)
	v := m.settle(planned, raw)
	e.replay, e.v, e.raw, e.lookups, e.tokens = true, v, raw, t.lookups, t.tokens
	e.marked = ContainsMarked(v)
	return v
}

// resolveShared resolves a later instance of an input.
func (m *Model) resolveShared(inst *Instance, name string, e *sharedEntry) cty.Value {
	k := attrKey{inst.Address, name}
	m.inflight[k] = true
	defer delete(m.inflight, k)
	if e.replay {
		sc := m.instanceScope(inst)
		// the parts that differ from the first instance's, in the order
		// fill would put them: the tokens first (a lookup that gives a
		// value where the first instance got none, and a token, puts it
		// over the token)
		parts, ok := m.partsBuf[:0], true
		m.partsBuf = nil // (a lookup that came back here takes another)
		for _, r := range e.tokens {
			if !strings.HasPrefix(r.path, name) {
				ok = false
				break
			}
			parts = append(parts, valuePart{r.path[len(name):], symbolToken(inst, r.path, r.marks)})
		}
		for _, r := range e.lookups {
			if !ok {
				break
			}
			v := m.lookup(sc, r.l, r.path, r.cur)
			if sameValue(v, r.v) {
				continue
			}
			if v == cty.NilVal {
				v = m.symbolize(inst, r.path, r.cur) // as fill's callers do
			}
			if !strings.HasPrefix(r.path, name) {
				ok = false
				break
			}
			parts = append(parts, valuePart{r.path[len(name):], v})
		}
		raw, changed := e.raw, len(parts) > 0
		if ok && changed {
			raw, ok = replaceParts(raw, parts)
		}
		clear(parts) // holds no values for the collector
		m.partsBuf = parts[:0]
		switch {
		case ok && !changed:
			e.hits++
			if e.marked { // noteMarked without walking v again
				m.marked = append(m.marked, e.v)
			}
			return e.v
		case ok:
			e.misses++
			return m.settle(e.planned, raw)
		}
		// not the shape fill builds (never seen): fill from now on
		e.replay, e.v, e.raw, e.lookups, e.tokens = false, cty.NilVal, cty.NilVal, nil, nil
	}
	return m.settle(e.planned, m.resolveAttr(inst, name, e.planned))
}

// valuePart is a value to put at a path of fill's form below an attribute
// ("[1].condition[0].values"; "" is the attribute itself).
type valuePart struct {
	path string
	v    cty.Value
}

// replaceParts returns v with each part put at its path, in order (a part
// at a path puts its value over what earlier parts put below it), the
// tuples and objects on the way built again as fill builds them, each
// once.
func replaceParts(v cty.Value, parts []valuePart) (cty.Value, bool) {
	for i := len(parts) - 1; i >= 0; i-- {
		if parts[i].path == "" {
			v, parts = parts[i].v, parts[i+1:]
			break
		}
	}
	if len(parts) == 0 {
		return v, true
	}
	if !v.IsKnown() || v.IsNull() || v.IsMarked() {
		return v, false
	}
	switch {
	case v.Type().IsTupleType():
		elems := v.AsValueSlice()
		for len(parts) > 0 {
			i, rest, ok := indexStep(parts[0].path)
			if !ok || i >= len(elems) {
				return v, false
			}
			var sub []valuePart
			sub, parts = splitStep(parts, rest, func(p string) bool { j, _, ok := indexStep(p); return ok && j == i })
			e, ok := replaceParts(elems[i], sub)
			if !ok {
				return v, false
			}
			elems[i] = e
		}
		return cty.TupleVal(elems), true
	case v.Type().IsObjectType():
		attrs := attrMap()
		for k := range v.Type().AttributeTypes() {
			attrs[k] = v.GetAttr(k)
		}
		for len(parts) > 0 {
			k, rest, ok := attrStep(parts[0].path)
			if !ok || !v.Type().HasAttribute(k) {
				releaseAttrMap(attrs)
				return v, false
			}
			var sub []valuePart
			sub, parts = splitStep(parts, rest, func(p string) bool { k2, _, ok := attrStep(p); return ok && k2 == k })
			a, ok := replaceParts(attrs[k], sub)
			if !ok {
				releaseAttrMap(attrs)
				return v, false
			}
			attrs[k] = a
		}
		return objectVal(attrs), true
	}
	return v, false
}

// splitStep returns the parts whose path starts with the first part's
// step (same reports it), their paths after that step (the first one's
// is rest), in order, and the other parts.
func splitStep(parts []valuePart, rest string, same func(string) bool) (sub, others []valuePart) {
	sub = []valuePart{{rest, parts[0].v}}
	n := len(parts[0].path) - len(rest) // the step's length
	for _, p := range parts[1:] {
		if same(p.path) { // the same step: of the same length
			sub = append(sub, valuePart{p.path[n:], p.v})
		} else {
			others = append(others, p)
		}
	}
	return sub, others
}

// indexStep reads the element step "[i]" that path starts with.
func indexStep(path string) (i int, rest string, ok bool) {
	if path == "" || path[0] != '[' {
		return 0, "", false
	}
	end := strings.IndexByte(path, ']')
	if end < 0 {
		return 0, "", false
	}
	i, err := strconv.Atoi(path[1:end])
	if err != nil || i < 0 {
		return 0, "", false
	}
	return i, path[end+1:], true
}

// attrStep reads the attribute step ".name" that path starts with.
func attrStep(path string) (name, rest string, ok bool) {
	if path == "" || path[0] != '.' {
		return "", "", false
	}
	end := strings.IndexAny(path[1:], ".[") + 1
	if end == 0 {
		end = len(path)
	}
	return path[1:end], path[end:], true
}

// settle finishes a resolved value as Attr does.
func (m *Model) settle(planned, v cty.Value) cty.Value {
	if planned.HasMark(Sensitive) && !v.HasMark(Sensitive) {
		v = v.Mark(Sensitive)
	}
	m.noteMarked(v)
	return v
}

var sharedSeed = maphash.MakeSeed()

// sharedInput is the key of what attrAfter reads for the attribute and the
// hash of its texts, left in m.sharedBuf; ok is false when the instance's
// values are not held as indexed text (then SharedAttr is Attr).
func (m *Model) sharedInput(inst *Instance, name string) (key sharedKey, hash uint64, ok bool) {
	if inst.afterVal != cty.NilVal || inst.after.index() != indexObject {
		return key, 0, false
	}
	buf := m.sharedBuf[:0]
	text, set, _ := inst.after.memberText(name)
	buf = appendText(buf, text, set)
	for _, j := range []*jsonValue{&inst.afterUnknown, &inst.afterSensitive} {
		switch j.index() {
		case indexObject:
			text, set, _ := j.memberText(name)
			buf = appendText(buf, text, set)
		case indexTrue:
			buf = append(buf, 'T')
		default:
			switch v := j.get(); {
			case v == true:
				buf = append(buf, 'T')
			case isObject(v):
				return key, 0, false // decoded: no text to compare
			default:
				buf = append(buf, '-')
			}
		}
	}
	m.sharedBuf = buf
	key.name, key.creates = name, inst.Creates()
	b := m.body(inst)
	switch {
	case b.src != nil:
		key.body = b.src
	case inst.config != nil && b.plan != nil:
		key.body = inst.config
	case !b.empty():
		return key, 0, false
	}
	return key, maphash.Bytes(sharedSeed, buf), true
}

// appendText appends a member's text, or that there is none, so that
// different texts never append the same bytes.
func appendText(buf, text []byte, set bool) []byte {
	if !set {
		return append(buf, '-')
	}
	buf = append(buf, '+')
	buf = strconv.AppendInt(buf, int64(len(text)), 10)
	buf = append(buf, ':')
	return append(buf, text...)
}
