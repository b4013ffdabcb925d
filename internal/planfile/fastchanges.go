package planfile

import (
	"bytes"
	"encoding/json"
	"slices"
)

// resource_changes is most of a plan, and most of it is the values of each
// change (before, after, after_unknown, before_sensitive, after_sensitive),
// which lean decoding keeps as text anyway. encoding/json would check all of
// it once more (checkValid) and then walk it again with its state machine to
// find where each value ends. The scanner has already checked the whole
// input, so decodeChanges finds the value spans with a plain bracket count
// and hands encoding/json only the small rest of each change (addresses,
// actions, indexes...), as one synthesized array for all changes.
//
// decodeChanges decodes only the shape Terraform writes (an array of
// objects, each "change" an object or null, keys spelled as Terraform
// spells them); on anything else — and on any error — it reports false and
// the caller decodes the section with encoding/json, whose results and
// messages are the reference (FuzzDecodeChanges compares both).

// rawChangeKeys are the change keys kept as text.
var rawChangeKeys = map[string]int{"before": 0, "after": 1, "after_unknown": 2, "before_sensitive": 3, "after_sensitive": 4}

// pendingChange is one element of resource_changes as decodeChanges
// splits it: the rest goes to the synthesized arrays, the raw values'
// spans are kept.
type pendingChange struct {
	nilElem  bool
	change   int // -1: no change key, -2: null, else index into the change array
	raw      [5][2]int
	rawFound [5]bool
}

// decodeChanges decodes a well-formed (scanned) resource_changes array.
func decodeChanges(data []byte) ([]*leanResourceChange, bool) {
	i := skipWS(data, 0)
	if i >= len(data) || data[i] != '[' {
		return nil, false
	}
	// the rest of the changes is a small part of the section, whose share
	// depends on the plan: room for it is reserved once the first changes
	// show it (see reserve), rather than copying it again and again while
	// growing
	rcs, chs := newSynth(min(len(data)/8, 1<<16)), newSynth(min(len(data)/16, 1<<14))
	i = skipWS(data, i+1)
	if i < len(data) && data[i] == ']' {
		return []*leanResourceChange{}, true
	}
	var elems []pendingChange
	for {
		if i >= len(data) {
			return nil, false
		}
		p := pendingChange{change: -1}
		var ok bool
		if i, ok = p.read(data, i, rcs, chs); !ok {
			return nil, false
		}
		elems = append(elems, p)
		if len(elems) == sampleChanges {
			elems = reserve(elems, i, len(data), rcs, chs)
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
	var rcList []*leanResourceChange
	var chList []*leanChange
	if json.Unmarshal(rcs.done(), &rcList) != nil || json.Unmarshal(chs.done(), &chList) != nil || len(chList) != chs.n {
		return nil, false
	}
	return assembleChanges(data, elems, rcList, chList)
}

// rawArena holds the text of every raw value of the changes in one
// allocation (their sum is known once the section is split): one copy
// each, not one allocation each (hundreds of thousands in a large plan).
type rawArena []byte

func newRawArena(elems []pendingChange) rawArena {
	n := 0
	for k := range elems {
		for j, sp := range elems[k].raw {
			if elems[k].rawFound[j] {
				n += sp[1] - sp[0]
			}
		}
	}
	return make(rawArena, 0, n)
}

// set stores b in v as rawValue.UnmarshalJSON does (null is nil), its
// text copied into the arena; v's capacity ends with it, so an append to
// v cannot reach the next value.
func (a *rawArena) set(v *rawValue, b []byte) {
	if string(b) == "null" {
		*v = nil
		return
	}
	start := len(*a)
	*a = append(*a, b...)
	*v = rawValue((*a)[start:len(*a):len(*a)])
}

// sampleChanges is the number of changes read before the room for all is
// projected.
const sampleChanges = 64

// reserve makes room for the changes of a section of n bytes, projected
// from the first ones, which end at index i: elems, and the rest in rcs and
// chs, with a tenth more. A projection too small only means that appends
// grow them as before.
func reserve(elems []pendingChange, i, n int, rcs, chs *synth) []pendingChange {
	if i <= 0 {
		return elems
	}
	project := func(have int) int { return int(float64(have) * float64(n) / float64(i) * 1.1) }
	rcs.reserve(project(len(rcs.buf)))
	chs.reserve(project(len(chs.buf)))
	return slices.Grow(elems, max(0, project(len(elems))-len(elems)))
}

// read splits the element at data[i] (null or an object) and returns the
// index after it.
func (p *pendingChange) read(data []byte, i int, rcs, chs *synth) (int, bool) {
	switch data[i] {
	case 'n':
		p.nilElem = true
		return i + len("null"), true
	case '{':
	default:
		return 0, false
	}
	rcs.begin()
	i, ok := eachMember(data, i, func(key []byte, vs, ve int) bool {
		if string(key) != "change" {
			return rcs.member(data, key, vs, ve)
		}
		return p.readChange(data, vs, chs)
	})
	if !ok {
		return 0, false
	}
	rcs.end()
	return i, true
}

// readChange splits the value of "change" at data[vs]: null, or an object
// whose raw values are kept as spans.
func (p *pendingChange) readChange(data []byte, vs int, chs *synth) bool {
	switch data[vs] {
	case 'n':
		p.change = -2
		return true
	case '{':
	default:
		return false
	}
	p.change = chs.begin()
	_, ok := eachMember(data, vs, func(ck []byte, cs, ce int) bool {
		if k, raw := rawChangeKeys[string(ck)]; raw {
			p.raw[k] = [2]int{cs, ce}
			p.rawFound[k] = true
			return true
		}
		return chs.member(data, ck, cs, ce)
	})
	chs.end()
	return ok
}

// assembleChanges joins the decoded rest of each element (rcList, and
// chList for the changes) with its raw values.
func assembleChanges(data []byte, elems []pendingChange, rcList []*leanResourceChange, chList []*leanChange) ([]*leanResourceChange, bool) {
	out := make([]*leanResourceChange, len(elems))
	arena := newRawArena(elems)
	next := 0
	for k := range elems {
		p := &elems[k]
		if p.nilElem {
			continue
		}
		if next >= len(rcList) {
			return nil, false
		}
		rc := rcList[next]
		next++
		if rc == nil || rc.Change != nil {
			return nil, false // a key folded onto change
		}
		if p.change >= 0 {
			c, ok := p.rawValues(data, chList[p.change], &arena)
			if !ok {
				return nil, false
			}
			rc.Change = c
		}
		out[k] = rc
	}
	if next != len(rcList) {
		return nil, false
	}
	return out, true
}

// rawValues sets the raw values of the change c (nil: an empty change)
// from their spans.
func (p *pendingChange) rawValues(data []byte, c *leanChange, arena *rawArena) (*leanChange, bool) {
	if c == nil {
		c = &leanChange{}
	}
	dst := [5]*rawValue{&c.Before, &c.After, &c.AfterUnknown, &c.BeforeSensitive, &c.AfterSensitive}
	for j := range dst {
		if !p.rawFound[j] {
			continue
		}
		if *dst[j] != nil {
			return nil, false
		}
		arena.set(dst[j], data[p.raw[j][0]:p.raw[j][1]])
	}
	return c, true
}

// eachMember calls fn for each member of the object starting at data[i]
// ('{'), with the key (unescaped) and the span of its value; it returns the
// index after the object. It trusts data to be valid JSON.
func eachMember(data []byte, i int, fn func(key []byte, vs, ve int) bool) (int, bool) {
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
		ve := skipValue(data, vs)
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

// synth builds a JSON array of objects out of members of the input.
type synth struct {
	buf   []byte
	n     int  // objects begun
	first bool // no member in the current object yet
}

func newSynth(capacity int) *synth {
	return &synth{buf: append(make([]byte, 0, capacity), '[')}
}

// begin starts the next object and returns its index in the array.
func (s *synth) begin() int {
	if s.n > 0 {
		s.buf = append(s.buf, ',')
	}
	s.buf = append(s.buf, '{')
	s.first = true
	s.n++
	return s.n - 1
}

// member adds data[vs:ve] under key; false for a key encoding/json would
// fold onto one the fast path reads (the input then goes the slow way).
func (s *synth) member(data, key []byte, vs, ve int) bool {
	if foldsToKnown(key) {
		return false
	}
	if !s.first {
		s.buf = append(s.buf, ',')
	}
	s.first = false
	s.buf = appendMember(s.buf, data, key, vs, ve)
	return true
}

func (s *synth) end() { s.buf = append(s.buf, '}') }

// reserve makes room for n bytes in all.
func (s *synth) reserve(n int) {
	if n > cap(s.buf) {
		s.buf = append(make([]byte, 0, n), s.buf...)
	}
}

func (s *synth) done() []byte { return append(s.buf, ']') }

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

// knownKeys are the keys the fast path treats specially; a key that only
// case-folds to one of them would be matched by encoding/json too (it
// ignores case), so such input goes the slow way.
var knownKeys = []string{"change", "before", "after", "after_unknown", "before_sensitive", "after_sensitive"}

func foldsToKnown(key []byte) bool {
	for _, k := range knownKeys {
		if len(key) == len(k) && string(key) != k && bytes.EqualFold(key, []byte(k)) {
			return true
		}
	}
	return false
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
