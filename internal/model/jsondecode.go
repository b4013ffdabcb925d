package model

import (
	"encoding/json"
	"unicode/utf8"
)

// The model decodes the resource values that planfile keeps as JSON text
// (most of a plan's bytes) when a check first reads them. encoding/json
// with UseNumber needs a json.Decoder, which copies the text into its own
// buffer and checks it once more before decoding; fastDecode decodes the
// common case — the compact, plain JSON Terraform writes — in one pass over
// the bytes, into the same shapes (map[string]any, []any, string,
// json.Number, bool, nil). Anything it does not handle exactly like
// encoding/json (escapes in keys, invalid UTF-8, odd numbers, text after
// the value, deep nesting, any syntax error) makes it give up, and the
// caller decodes with encoding/json, whose result is the reference
// (FuzzFastDecode compares both).

// fastMaxDepth bounds the nesting fastDecode follows (encoding/json allows
// 10000 and then fails: the fallback reports that).
const fastMaxDepth = 512

// fastDecode decodes one JSON value filling all of data (surrounding
// whitespace allowed). ok is false when the caller must use encoding/json.
func fastDecode(data []byte) (v any, ok bool) {
	d := fastDecoder{data: data}
	d.ws()
	v, ok = d.value(0)
	if !ok {
		return nil, false
	}
	d.ws()
	if d.i != len(d.data) {
		return nil, false
	}
	return v, true
}

type fastDecoder struct {
	data []byte
	i    int
}

func (d *fastDecoder) ws() {
	for d.i < len(d.data) {
		switch d.data[d.i] {
		case ' ', '\n', '\r', '\t':
			d.i++
		default:
			return
		}
	}
}

func (d *fastDecoder) value(depth int) (any, bool) {
	if d.i >= len(d.data) || depth > fastMaxDepth {
		return nil, false
	}
	switch c := d.data[d.i]; {
	case c == '{':
		return d.object(depth + 1)
	case c == '[':
		return d.array(depth + 1)
	case c == '"':
		s, ok := d.str()
		return s, ok
	case c == 't':
		return true, d.lit("true")
	case c == 'f':
		return false, d.lit("false")
	case c == 'n':
		return nil, d.lit("null")
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number()
	}
	return nil, false
}

func (d *fastDecoder) lit(word string) bool {
	if len(d.data)-d.i < len(word) || string(d.data[d.i:d.i+len(word)]) != word {
		return false
	}
	d.i += len(word)
	return true
}

func (d *fastDecoder) object(depth int) (any, bool) {
	d.i++ // {
	m := map[string]any{}
	d.ws()
	if d.i < len(d.data) && d.data[d.i] == '}' {
		d.i++
		return m, true
	}
	for {
		if d.i >= len(d.data) || d.data[d.i] != '"' {
			return nil, false
		}
		k, ok := d.plainStr()
		if !ok {
			return nil, false
		}
		d.ws()
		if d.i >= len(d.data) || d.data[d.i] != ':' {
			return nil, false
		}
		d.i++
		d.ws()
		v, ok := d.value(depth)
		if !ok {
			return nil, false
		}
		m[k] = v
		done, ok := d.separator('}')
		if !ok {
			return nil, false
		}
		if done {
			return m, true
		}
	}
}

func (d *fastDecoder) array(depth int) (any, bool) {
	d.i++ // [
	l := []any{}
	d.ws()
	if d.i < len(d.data) && d.data[d.i] == ']' {
		d.i++
		return l, true
	}
	for {
		v, ok := d.value(depth)
		if !ok {
			return nil, false
		}
		l = append(l, v)
		done, ok := d.separator(']')
		if !ok {
			return nil, false
		}
		if done {
			return l, true
		}
	}
}

// plainStr reads a string without escapes, of valid UTF-8 (object keys:
// encoding/json matches keys to nothing here, so any spelling is kept as
// it is). Anything else: not ok.
func (d *fastDecoder) plainStr() (string, bool) {
	start := d.i + 1
	ascii := true
	for j := start; j < len(d.data); j++ {
		c := d.data[j]
		switch {
		case c == '"':
			b := d.data[start:j]
			if !ascii && !utf8.Valid(b) {
				return "", false
			}
			d.i = j + 1
			return string(b), true
		case c == '\\' || c < 0x20:
			return "", false
		case c >= 0x80:
			ascii = false
		}
	}
	return "", false
}

// str reads a string value; one with escapes is unquoted by encoding/json
// (rare in plans: policies are JSON inside strings, so they have escaped
// quotes, but only that string goes through encoding/json).
func (d *fastDecoder) str() (string, bool) {
	if s, ok := d.plainStr(); ok {
		return s, true
	}
	// find the end: a quote not escaped
	j := d.i + 1
	for ; j < len(d.data); j++ {
		c := d.data[j]
		if c == '\\' {
			j++
			continue
		}
		if c == '"' {
			break
		}
		if c < 0x20 {
			return "", false
		}
	}
	if j >= len(d.data) {
		return "", false
	}
	var s string
	if json.Unmarshal(d.data[d.i:j+1], &s) != nil {
		return "", false
	}
	d.i = j + 1
	return s, true
}

// number reads a number in JSON's grammar as a json.Number.
func (d *fastDecoder) number() (any, bool) {
	start := d.i
	j := d.i
	if d.data[j] == '-' {
		j++
	}
	digits := func() int {
		n := 0
		for j < len(d.data) && d.data[j] >= '0' && d.data[j] <= '9' {
			j++
			n++
		}
		return n
	}
	if j >= len(d.data) {
		return nil, false
	}
	if d.data[j] == '0' {
		j++
	} else if digits() == 0 {
		return nil, false
	}
	if j < len(d.data) && d.data[j] == '.' {
		j++
		if digits() == 0 {
			return nil, false
		}
	}
	if j < len(d.data) && (d.data[j] == 'e' || d.data[j] == 'E') {
		j++
		if j < len(d.data) && (d.data[j] == '+' || d.data[j] == '-') {
			j++
		}
		if digits() == 0 {
			return nil, false
		}
	}
	d.i = j
	return json.Number(d.data[start:j]), true
}

// separator reads what follows a member or element: a comma (more follow,
// done false) or the closing bracket (done true); anything else is not JSON.
func (d *fastDecoder) separator(close byte) (done, ok bool) {
	d.ws()
	if d.i >= len(d.data) {
		return false, false
	}
	switch d.data[d.i] {
	case ',':
		d.i++
		d.ws()
		return false, true
	case close:
		d.i++
		return true, true
	}
	return false, false
}
