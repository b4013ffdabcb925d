package planfile

import (
	"bytes"
	"encoding/json"
	"hash/maphash"
	"strconv"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// resource_changes is most of a plan, and most of it is the values of each
// change (before, after, after_unknown, before_sensitive, after_sensitive),
// which lean decoding keeps as text anyway. encoding/json would check all of
// it once more (checkValid), walk it again with its state machine to find
// where each value ends, and then build each change through reflection. The
// scanner has already checked the whole input, so decodeChanges walks the
// section once with a plain bracket count and fills the plan's own types
// (tfjson.ResourceChange and tfjson.Change) directly: the fields Terraform
// writes with the types it writes them (strings, actions, a number or
// string index) by hand, the value spans as text, and any other member a
// field of those types would take (importing, replace_paths, a key spelled
// in another case...) through encoding/json, into the same struct.
//
// decodeChanges decodes only the shape Terraform writes (an array of
// objects, each "change" an object or null); on anything else — and on any
// error — it reports false and the caller decodes the section with
// encoding/json, whose results and messages are the reference
// (FuzzDecodeChanges compares both).
//
// Memory: the structs come from slabs, the value texts from chunks of one
// arena, the short strings (type, name, provider...) are interned, and the
// values whose text is mostly decided by the resource type (after_unknown,
// before_sensitive, after_sensitive) are kept once per distinct text: far
// fewer allocations, and a smaller live heap, than one copy of each.

// decodeChanges decodes a well-formed (scanned) resource_changes array.
// t (nil: none) has the scanner's spans.
func decodeChanges(data []byte, t *tape) ([]*tfjson.ResourceChange, bool) {
	i := skipWS(data, 0)
	if i >= len(data) || data[i] != '[' {
		return nil, false
	}
	out := []*tfjson.ResourceChange{}
	i = skipWS(data, i+1)
	if i < len(data) && data[i] == ']' {
		return out, true
	}
	d := newChangeDecoder(data, t)
	for {
		if i >= len(data) {
			return nil, false
		}
		var rc *tfjson.ResourceChange
		switch data[i] {
		case 'n':
			i += len("null")
		case '{':
			rc = d.rcs.next()
			var ok bool
			if i, ok = d.resourceChange(rc, i); !ok {
				return nil, false
			}
		default:
			return nil, false
		}
		out = append(out, rc)
		if len(out) == sampleChanges {
			// room for all, projected from the first ones (a tenth more)
			n := int(float64(len(out)) * float64(len(data)) / float64(i) * 1.1)
			out = append(make([]*tfjson.ResourceChange, 0, n), out...)
		}
		i = skipWS(data, i)
		if i >= len(data) {
			return nil, false
		}
		if data[i] == ']' {
			break
		}
		if data[i] != ',' {
			return nil, false
		}
		i = skipWS(data, i+1)
	}
	if !d.decodeRest() {
		return nil, false
	}
	return out, true
}

// sampleChanges is the number of changes read before the room for all is
// projected.
const sampleChanges = 64

// changeDecoder holds what the changes of one section share.
type changeDecoder struct {
	data []byte
	tape *tape
	rcs  slab[tfjson.ResourceChange]
	chs  slab[tfjson.Change]
	acts slab[tfjson.Action]
	raw  rawArena
	stringDecoder
	// rest lists the members left to encoding/json, per struct.
	rest []restMembers
}

// restMembers is a JSON object of the members of one struct that the hand
// decoder leaves to encoding/json.
type restMembers struct {
	into any // *tfjson.ResourceChange or *tfjson.Change
	obj  []byte
}

func newChangeDecoder(data []byte, t *tape) *changeDecoder {
	d := &changeDecoder{data: data, tape: t}
	d.raw.chunk = min(max(len(data)/16, 512), 1<<20)
	d.text.chunk = min(max(len(data)/64, 256), 64<<10)
	return d
}

// decodeRest decodes the members left to encoding/json into their structs.
func (d *changeDecoder) decodeRest() bool {
	for _, r := range d.rest {
		if json.Unmarshal(r.obj, r.into) != nil {
			return false
		}
	}
	return true
}

// The JSON keys of tfjson.ResourceChange and tfjson.Change: a key that only
// case-folds to one of them is matched by encoding/json too (it ignores
// case), a key that folds to none is ignored.
var (
	resourceChangeKeys = []string{"address", "previous_address", "module_address", "mode", "type", "name", "index", "provider_name", "deposed", "change", "action_reason"}
	changeKeys         = []string{"actions", "before", "after", "after_unknown", "before_sensitive", "after_sensitive", "importing", "generated_config", "replace_paths", "before_identity", "after_identity"}
)

// foldsTo returns the key of keys that key case-folds to, or "".
func foldsTo(key []byte, keys []string) string {
	for _, k := range keys {
		if bytes.EqualFold(key, []byte(k)) {
			return k
		}
	}
	return ""
}

// resourceChange decodes the object at data[i] into rc and returns the
// index after it.
func (d *changeDecoder) resourceChange(rc *tfjson.ResourceChange, i int) (int, bool) {
	data := d.data
	var rest []byte
	end, ok := eachMember(d.tape, data, i, func(key []byte, vs, ve int) bool {
		v := data[vs:ve]
		switch string(key) {
		case "change":
			return d.change(rc, vs)
		case "address":
			return d.str(&rc.Address, v, false)
		case "previous_address":
			return d.str(&rc.PreviousAddress, v, false)
		case "module_address":
			return d.str(&rc.ModuleAddress, v, true)
		case "mode":
			return d.str((*string)(&rc.Mode), v, true)
		case "type":
			return d.str(&rc.Type, v, true)
		case "name":
			return d.str(&rc.Name, v, true)
		case "provider_name":
			return d.str(&rc.ProviderName, v, true)
		case "deposed":
			return d.str(&rc.DeposedKey, v, false)
		case "action_reason":
			return d.str((*string)(&rc.ActionReason), v, true)
		case "index":
			if d.index(rc, v) {
				return true
			}
		}
		switch foldsTo(key, resourceChangeKeys) {
		case "":
			return true // encoding/json ignores it
		case "change":
			return false // would need the change's own handling
		}
		rest = appendRest(rest, data, key, vs, ve)
		return true
	})
	if !ok {
		return 0, false
	}
	if rest != nil {
		d.rest = append(d.rest, restMembers{into: rc, obj: append(rest, '}')})
	}
	return end, true
}

// index decodes an index that is a string, a number or null as
// encoding/json decodes it into an interface{}; false leaves it to
// encoding/json.
func (d *changeDecoder) index(rc *tfjson.ResourceChange, v []byte) bool {
	switch c := v[0]; {
	case c == 'n':
		rc.Index = nil
		return true
	case c == '"':
		var s string
		if !d.str(&s, v, true) {
			return false
		}
		rc.Index = s
		return true
	case c == '-' || isDigit(c):
		f, ok := smallInt(v)
		if !ok {
			var err error
			if f, err = strconv.ParseFloat(string(v), 64); err != nil {
				return false
			}
		}
		rc.Index = f
		return true
	}
	return false
}

// smallInt reads a JSON number made of up to 15 digits (exact in a
// float64, so the same as strconv.ParseFloat).
func smallInt(v []byte) (float64, bool) {
	if len(v) == 0 || len(v) > 15 {
		return 0, false
	}
	n := 0
	for _, c := range v {
		if !isDigit(c) {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return float64(n), true
}

// Indexes of the values a change keeps as text.
const (
	rawBefore = iota
	rawAfter
	rawAfterUnknown
	rawBeforeSensitive
	rawAfterSensitive
	rawCount
)

// change decodes the value of "change" at data[vs]: null, or an object.
func (d *changeDecoder) change(rc *tfjson.ResourceChange, vs int) bool {
	data := d.data
	switch data[vs] {
	case 'n':
		rc.Change = nil
		return true
	case '{':
	default:
		return false
	}
	c := d.chs.next()
	var raw [rawCount][]byte // spans of the values kept as text (nil: absent)
	var rest []byte
	_, ok := eachMember(d.tape, data, vs, func(key []byte, cs, ce int) bool {
		k := -1
		switch string(key) {
		case "before":
			k = rawBefore
		case "after":
			k = rawAfter
		case "after_unknown":
			k = rawAfterUnknown
		case "before_sensitive":
			k = rawBeforeSensitive
		case "after_sensitive":
			k = rawAfterSensitive
		case "actions":
			if d.actions(c, cs) {
				return true
			}
		}
		if k >= 0 {
			raw[k] = data[cs:ce] // never empty: nil only when absent
			return true
		}
		switch foldsTo(key, changeKeys) {
		case "":
			return true // encoding/json ignores it
		case "before", "after", "after_unknown", "before_sensitive", "after_sensitive":
			return false // a value kept as text under another spelling
		}
		rest = appendRest(rest, data, key, cs, ce)
		return true
	})
	if !ok {
		return false
	}
	if rest != nil {
		d.rest = append(d.rest, restMembers{into: c, obj: append(rest, '}')})
	}
	c.After = d.raw.value(raw[rawAfter], false)
	if bytes.Equal(raw[rawBefore], raw[rawAfter]) {
		c.Before = c.After // a no-op (or both absent): keep the text once
	} else {
		c.Before = d.raw.value(raw[rawBefore], false)
	}
	c.AfterUnknown = d.raw.value(raw[rawAfterUnknown], true)
	c.BeforeSensitive = d.raw.value(raw[rawBeforeSensitive], true)
	c.AfterSensitive = d.raw.value(raw[rawAfterSensitive], true)
	rc.Change = c
	return true
}

// actions decodes an array of strings (or null) into c.Actions as
// encoding/json does; false leaves it to encoding/json.
func (d *changeDecoder) actions(c *tfjson.Change, vs int) bool {
	if d.data[vs] == 'n' {
		c.Actions = nil
		return true
	}
	var buf [4]tfjson.Action
	list := buf[:0]
	ok := eachElement(d.tape, d.data, vs, func(es, ee int) bool {
		var s string
		switch d.data[es] {
		case 'n':
		case '"':
			if !d.str(&s, d.data[es:ee], true) {
				return false
			}
		default:
			return false
		}
		list = append(list, tfjson.Action(s))
		return true
	})
	if !ok {
		return false
	}
	c.Actions = d.acts.take(list)
	return true
}

// stringDecoder decodes JSON strings into text kept in one arena: the
// part of the hand decoders (changeDecoder, priorDecoder) that reads strings.
type stringDecoder struct {
	text textArena
	// scratch holds a string being unescaped
	scratch []byte
}

// str decodes the JSON string (or null) v into *dst as encoding/json
// decodes it into a string; false for another type. intern: the string is
// likely to repeat (types, names, providers).
func (d *stringDecoder) str(dst *string, v []byte, intern bool) bool {
	if len(v) > 0 && v[0] == 'n' {
		return true // null leaves a string as it is
	}
	var text []byte
	if !jsonText(v, &text, &d.scratch) {
		return false
	}
	if intern {
		*dst = d.text.intern(text)
	} else {
		*dst = d.text.copy(text)
	}
	return true
}

// appendRest adds a member to the object being built in rest ("{" first).
func appendRest(rest, data, key []byte, vs, ve int) []byte {
	if rest == nil {
		rest = []byte{'{'}
	} else {
		rest = append(rest, ',')
	}
	return appendMember(rest, data, key, vs, ve)
}

// slab hands out structs from shared backing arrays: one allocation for
// many. A slab's chunks grow from 8 to 1024 elements.
type slab[T any] struct{ buf []T }

func (s *slab[T]) next() *T {
	if len(s.buf) == cap(s.buf) {
		s.buf = make([]T, 0, min(max(2*cap(s.buf), 8), 1024))
	}
	s.buf = s.buf[:len(s.buf)+1]
	return &s.buf[len(s.buf)-1]
}

// take copies list into the slab and returns the copy, a non-nil slice
// whose capacity ends with it.
func (s *slab[T]) take(list []T) []T {
	if cap(s.buf)-len(s.buf) < len(list) || s.buf == nil {
		s.buf = make([]T, 0, min(max(2*cap(s.buf), 8, len(list)), max(1024, len(list))))
	}
	start := len(s.buf)
	s.buf = append(s.buf, list...)
	return s.buf[start:len(s.buf):len(s.buf)]
}

// rawArena holds the text of the raw values in chunks: one allocation for
// many values. A value's capacity ends with it, so an append to it cannot
// reach the next value.
type rawArena struct {
	buf   []byte
	chunk int
	// once: the distinct texts kept once (hash to the value, a
	// json.RawMessage, so that its interface is shared too)
	once map[uint64]any
	seed maphash.Seed
}

// maxOnce bounds the distinct texts kept once.
const maxOnce = 4096

// value returns the raw value of text for an interface{} field: nil when
// absent (nil) or null, else json.RawMessage (a copy). share: keep equal
// texts once.
func (a *rawArena) value(text []byte, share bool) any {
	if text == nil || string(text) == "null" {
		return nil
	}
	if !share {
		return json.RawMessage(a.copy(text))
	}
	if a.once == nil {
		a.once = make(map[uint64]any)
		a.seed = maphash.MakeSeed()
	}
	h := maphash.Bytes(a.seed, text)
	kept, taken := a.once[h]
	if taken && bytes.Equal(kept.(json.RawMessage), text) {
		return kept
	}
	v := any(json.RawMessage(a.copy(text)))
	if !taken && len(a.once) < maxOnce {
		a.once[h] = v
	}
	return v
}

func (a *rawArena) copy(b []byte) []byte {
	if len(b) > a.chunk/4 {
		return append(make([]byte, 0, len(b)), b...)
	}
	if cap(a.buf)-len(a.buf) < len(b) {
		a.buf = make([]byte, 0, a.chunk)
	}
	start := len(a.buf)
	a.buf = append(a.buf, b...)
	return a.buf[start:len(a.buf):len(a.buf)]
}

// textArena makes strings out of chunks of shared memory, and interns
// those that repeat.
type textArena struct {
	b     strings.Builder
	chunk int
	strs  map[string]string
}

// maxInterned bounds the interned strings.
const maxInterned = 1 << 14

func (a *textArena) copy(p []byte) string {
	if len(p) == 0 {
		return ""
	}
	if len(p) > a.chunk/8 {
		return string(p)
	}
	if a.b.Cap()-a.b.Len() < len(p) {
		a.b = strings.Builder{}
		a.b.Grow(a.chunk)
	}
	start := a.b.Len()
	a.b.Write(p)
	// earlier strings stay valid: the builder only appends within its
	// capacity
	return a.b.String()[start:]
}

func (a *textArena) intern(p []byte) string {
	if s, ok := a.strs[string(p)]; ok {
		return s
	}
	s := a.copy(p)
	if a.strs == nil {
		a.strs = make(map[string]string)
	}
	if len(a.strs) < maxInterned {
		a.strs[s] = s
	}
	return s
}

// eachMember calls fn for each member of the object starting at data[i]
// ('{'), with the key (unescaped) and the span of its value; it returns the
// index after the object. It trusts data to be valid JSON.
func eachMember(t *tape, data []byte, i int, fn func(key []byte, vs, ve int) bool) (int, bool) {
	i = skipWS(data, i+1)
	if i < len(data) && data[i] == '}' {
		return i + 1, true
	}
	for i < len(data) {
		if data[i] != '"' {
			return 0, false
		}
		ke := skipString(data, i)
		key := data[i+1 : ke-1]
		if bytes.IndexByte(key, '\\') >= 0 {
			var s string
			if json.Unmarshal(data[i:ke], &s) != nil {
				return 0, false
			}
			key = []byte(s)
		}
		i = skipWS(data, ke)
		if i >= len(data) || data[i] != ':' {
			return 0, false
		}
		vs := skipWS(data, i+1)
		if vs >= len(data) {
			return 0, false
		}
		ve := t.skip(data, vs)
		if !fn(key, vs, ve) {
			return 0, false
		}
		i = skipWS(data, ve)
		if i >= len(data) {
			return 0, false
		}
		switch data[i] {
		case '}':
			return i + 1, true
		case ',':
			i = skipWS(data, i+1)
		default:
			return 0, false
		}
	}
	return 0, false
}

// appendMember appends "key":value, the key re-encoded (it may have been
// unescaped), the value copied as it is.
func appendMember(buf, data, key []byte, vs, ve int) []byte {
	if plainKey(string(key)) { // safe between quotes as it is
		buf = append(append(append(buf, '"'), key...), '"')
	} else {
		k, _ := json.Marshal(string(key))
		buf = append(buf, k...)
	}
	buf = append(buf, ':')
	return append(buf, data[vs:ve]...)
}

// skipString returns the index after the string starting at data[i] ('"').
func skipString(data []byte, i int) int {
	i++
	for {
		q := bytes.IndexByte(data[i:], '"')
		if q < 0 {
			return len(data)
		}
		i += q
		// the quote is escaped when an odd number of backslashes precede it
		n := 0
		for j := i - 1; j >= 0 && data[j] == '\\'; j-- {
			n++
		}
		i++
		if n%2 == 0 {
			return i
		}
	}
}

// skipValue returns the index after the value starting at data[i].
func skipValue(data []byte, i int) int {
	switch data[i] {
	case '"':
		return skipString(data, i)
	case '{', '[':
		depth := 0
		for i < len(data) {
			switch data[i] {
			case '"':
				i = skipString(data, i)
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return len(data)
	}
	for i < len(data) {
		switch data[i] {
		case ',', '}', ']', ' ', '\t', '\n', '\r':
			return i
		}
		i++
	}
	return i
}
