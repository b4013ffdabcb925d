package model

import (
	"encoding/json"
	"unicode/utf8"
)

// Reading one attribute of an instance (Model.Attr) needs one member of its
// after value, not the whole object: an aws_instance has dozens of
// attributes and a check reads a few. Decoding the whole value into a
// map[string]any was most of the model's allocation on dense plans. A value
// still held as text is therefore indexed once — the position of each
// top-level member, found by a scan that checks the syntax like
// encoding/json but builds nothing — and only the members read are decoded.
//
// Anything the index does not handle exactly as the full decode would (not
// an object, escapes in keys, syntax errors, text after the value, deep
// nesting) leaves it unbuilt, and the caller decodes the whole value as
// before (TestJSONMembers, FuzzJSONMembers compare both).

// jsonMember is one top-level member of an object held as text: the
// offsets of its key (without quotes) and of its value in the text.
type jsonMember struct {
	keyStart, keyEnd, valStart, valEnd uint32
}

// jsonIndex is the outcome of indexing a value held as text.
type jsonIndex uint8

const (
	indexNone   jsonIndex = iota // not tried yet
	indexObject                  // members holds the object's members
	indexTrue                    // the value is the literal true
	indexOther                   // use the full decode
)

// index builds j.members once, for a value not yet decoded.
func (j *jsonValue) index() jsonIndex {
	if j.decoded {
		return indexOther
	}
	if j.indexed != indexNone {
		return j.indexed
	}
	if uint64(len(j.raw)) >= 1<<32 {
		j.indexed = indexOther
		return j.indexed
	}
	j.indexed = indexOther
	s := jsonSkipper{data: j.raw}
	s.ws()
	if s.i >= len(s.data) {
		return j.indexed
	}
	switch s.data[s.i] {
	case '{':
		members, ok := s.members()
		s.ws()
		if ok && s.i == len(s.data) {
			j.members, j.indexed = members, indexObject
		}
	case 't':
		if s.lit("true") {
			s.ws()
			if s.i == len(s.data) {
				j.indexed = indexTrue
			}
		}
	}
	return j.indexed
}

// isTrue reports whether the value is the literal true (after_unknown of a
// wholly unknown value, *_sensitive of a wholly sensitive one).
func (j *jsonValue) isTrue() bool {
	switch j.index() {
	case indexTrue:
		return true
	case indexObject:
		return false
	}
	return j.get() == true
}

// isObject reports whether the value is a JSON object.
func (j *jsonValue) isObject() bool {
	if j.index() == indexObject {
		return true
	}
	return isObject(j.get())
}

// member returns the value of the object's member name (decoded) and
// whether the object has it; nil, false when the value is not an object.
func (j *jsonValue) member(name string) (any, bool) {
	if text, ok, indexed := j.memberText(name); indexed {
		if !ok {
			return nil, false
		}
		return normalizeJSON(text), true
	}
	return j.decodedMember(name)
}

// memberText returns the text of the object's member name and whether the
// object has it, when the value is held as text and indexed (indexed
// false: use decodedMember).
func (j *jsonValue) memberText(name string) (text json.RawMessage, ok, indexed bool) {
	if j.index() != indexObject {
		return nil, false, false
	}
	// encoding/json keeps the last of duplicate keys
	for i := len(j.members) - 1; i >= 0; i-- {
		m := j.members[i]
		if string(j.raw[m.keyStart:m.keyEnd]) == name {
			return j.raw[m.valStart:m.valEnd], true, true
		}
	}
	return nil, false, true
}

// decodedMember is member of a value decoded (or not indexable).
func (j *jsonValue) decodedMember(name string) (any, bool) {
	obj, ok := j.get().(map[string]any)
	if !ok {
		return nil, false
	}
	v, ok := obj[name]
	return v, ok
}

// jsonSkipper reads JSON text without building values.
type jsonSkipper struct {
	data []byte
	i    int
}

func (s *jsonSkipper) ws() {
	for s.i < len(s.data) {
		switch s.data[s.i] {
		case ' ', '\n', '\r', '\t':
			s.i++
		default:
			return
		}
	}
}

func (s *jsonSkipper) lit(word string) bool {
	if len(s.data)-s.i < len(word) || string(s.data[s.i:s.i+len(word)]) != word {
		return false
	}
	s.i += len(word)
	return true
}

// members reads an object (at '{'), listing its members; keys must be
// plain (no escapes, valid UTF-8) so that they compare as decoded.
func (s *jsonSkipper) members() ([]jsonMember, bool) {
	s.i++ // {
	// gathered on the stack, then copied once at its size (growing the
	// kept slice from nil cost an allocation per doubling)
	var buf [48]jsonMember
	out := buf[:0]
	s.ws()
	if s.i < len(s.data) && s.data[s.i] == '}' {
		s.i++
		return nil, true
	}
	for {
		keyStart := s.i + 1
		if !s.plainKey() {
			return nil, false
		}
		keyEnd := s.i - 1
		s.ws()
		if s.i >= len(s.data) || s.data[s.i] != ':' {
			return nil, false
		}
		s.i++
		s.ws()
		vstart := s.i
		if !s.value(1) {
			return nil, false
		}
		out = append(out, jsonMember{uint32(keyStart), uint32(keyEnd), uint32(vstart), uint32(s.i)})
		done, ok := s.separator('}')
		if !ok {
			return nil, false
		}
		if done {
			return append([]jsonMember(nil), out...), true
		}
	}
}

// plainKey reads a key (at its quote) without escapes, of valid UTF-8:
// such a key is its own decoded text.
func (s *jsonSkipper) plainKey() bool {
	if s.i >= len(s.data) || s.data[s.i] != '"' {
		return false
	}
	start := s.i + 1
	ascii := true
	for j := start; j < len(s.data); j++ {
		c := s.data[j]
		switch {
		case c == '"':
			if !ascii && !utf8.Valid(s.data[start:j]) {
				return false
			}
			s.i = j + 1
			return true
		case c == '\\' || c < 0x20:
			return false
		case c >= 0x80:
			ascii = false
		}
	}
	return false
}

// value skips one value, checking its syntax as encoding/json does.
func (s *jsonSkipper) value(depth int) bool {
	if s.i >= len(s.data) || depth > fastMaxDepth {
		return false
	}
	switch c := s.data[s.i]; {
	case c == '{' || c == '[':
		close := byte('}')
		if c == '[' {
			close = ']'
		}
		s.i++
		s.ws()
		if s.i < len(s.data) && s.data[s.i] == close {
			s.i++
			return true
		}
		for {
			if close == '}' {
				if s.i >= len(s.data) || s.data[s.i] != '"' || !s.str() {
					return false
				}
				s.ws()
				if s.i >= len(s.data) || s.data[s.i] != ':' {
					return false
				}
				s.i++
				s.ws()
			}
			if !s.value(depth + 1) {
				return false
			}
			done, ok := s.separator(close)
			if !ok {
				return false
			}
			if done {
				return true
			}
		}
	case c == '"':
		return s.str()
	case c == 't':
		return s.lit("true")
	case c == 'f':
		return s.lit("false")
	case c == 'n':
		return s.lit("null")
	case c == '-' || (c >= '0' && c <= '9'):
		d := fastDecoder{data: s.data, i: s.i}
		if _, ok := d.number(); !ok {
			return false
		}
		s.i = d.i
		return true
	}
	return false
}

// str skips a string (at its quote): escapes must be JSON's, control
// characters are not allowed; any bytes above them are (encoding/json
// replaces invalid UTF-8, it does not reject it).
func (s *jsonSkipper) str() bool {
	for j := s.i + 1; j < len(s.data); j++ {
		c := s.data[j]
		switch {
		case c == '"':
			s.i = j + 1
			return true
		case c < 0x20:
			return false
		case c == '\\':
			j++
			if j >= len(s.data) {
				return false
			}
			switch s.data[j] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if j+4 >= len(s.data) {
					return false
				}
				for _, h := range s.data[j+1 : j+5] {
					if !(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F') {
						return false
					}
				}
				j += 4
			default:
				return false
			}
		}
	}
	return false
}

func (s *jsonSkipper) separator(close byte) (done, ok bool) {
	s.ws()
	if s.i >= len(s.data) {
		return false, false
	}
	switch s.data[s.i] {
	case ',':
		s.i++
		s.ws()
		return false, true
	case close:
		s.i++
		return true, true
	}
	return false, false
}

// DropIndexes forgets the member indexes of the values held as text (of
// this model and the models it absorbed): they only speed up reading
// attributes, which the view does while it is built; on large plans they
// are tens of MB kept alive through the checks. A value read later is
// indexed again.
func (m *Model) DropIndexes() {
	for _, o := range append([]*Model{m}, m.absorbed...) {
		for _, inst := range o.Instances {
			for _, j := range []*jsonValue{&inst.after, &inst.afterUnknown, &inst.afterSensitive, inst.beforeJSON(), inst.beforeSensitiveJSON()} {
				if j != nil && !j.decoded {
					j.members, j.indexed = nil, indexNone
				}
			}
		}
	}
}
