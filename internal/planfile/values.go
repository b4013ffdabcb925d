package planfile

import "encoding/json"

// The values of prior_state's data resources and of the input variables
// become generic Go values in decode (terraform-json's types hold them as
// map[string]interface{} and interface{}). encoding/json with UseNumber
// needs a json.Decoder, which copies the text into its own buffer, checks it
// once more and builds each value through its state machine; the text is
// part of the scanned input, already checked, so decodeValue builds the
// same values (map[string]any, []any, string, json.Number, bool, nil) in
// one pass over it. Anything it does not expect makes it fall back to
// encoding/json (FuzzDecodeValue compares both).

// maxValueDepth bounds the nesting decodeValue follows (the scanner allows
// maxDepth).
const maxValueDepth = maxDepth + 1

// decodeValue decodes scanned JSON text (valid, in UTF-8, without
// duplicate keys) into generic values with numbers as json.Number, as
// decodeNumber does.
func decodeValue(b []byte) (any, error) {
	d := valueDecoder{data: b, i: skipWS(b, 0)}
	if v, ok := d.value(0); ok && skipWS(b, d.i) == len(b) {
		return v, nil
	}
	return decodeNumber(b)
}

type valueDecoder struct {
	data    []byte
	i       int
	scratch []byte // a string being unescaped
}

func (d *valueDecoder) value(depth int) (any, bool) {
	data := d.data
	if d.i >= len(data) || depth > maxValueDepth {
		return nil, false
	}
	switch c := data[d.i]; {
	case c == '{':
		return d.object(depth + 1)
	case c == '[':
		return d.array(depth + 1)
	case c == '"':
		return d.str()
	case c == 't':
		return true, d.lit("true")
	case c == 'f':
		return false, d.lit("false")
	case c == 'n':
		return nil, d.lit("null")
	case c == '-' || isDigit(c):
		j := d.i + 1
		for j < len(data) && (isDigit(data[j]) || data[j] == '.' || data[j] == 'e' || data[j] == 'E' || data[j] == '+' || data[j] == '-') {
			j++
		}
		n := json.Number(data[d.i:j]) // the scanner checked its grammar
		d.i = j
		return n, true
	}
	return nil, false
}

func (d *valueDecoder) lit(word string) bool {
	if len(d.data)-d.i < len(word) || string(d.data[d.i:d.i+len(word)]) != word {
		return false
	}
	d.i += len(word)
	return true
}

func (d *valueDecoder) object(depth int) (any, bool) {
	data := d.data
	m := map[string]any{}
	d.i = skipWS(data, d.i+1)
	if d.i < len(data) && data[d.i] == '}' {
		d.i++
		return m, true
	}
	for d.i < len(data) && data[d.i] == '"' {
		k, ok := d.str()
		if !ok {
			return nil, false
		}
		d.i = skipWS(data, d.i)
		if d.i >= len(data) || data[d.i] != ':' {
			return nil, false
		}
		d.i = skipWS(data, d.i+1)
		v, ok := d.value(depth)
		if !ok {
			return nil, false
		}
		m[k.(string)] = v
		switch d.i = skipWS(data, d.i); {
		case d.i >= len(data):
			return nil, false
		case data[d.i] == '}':
			d.i++
			return m, true
		case data[d.i] == ',':
			d.i = skipWS(data, d.i+1)
		default:
			return nil, false
		}
	}
	return nil, false
}

func (d *valueDecoder) array(depth int) (any, bool) {
	data := d.data
	l := []any{}
	d.i = skipWS(data, d.i+1)
	if d.i < len(data) && data[d.i] == ']' {
		d.i++
		return l, true
	}
	for {
		v, ok := d.value(depth)
		if !ok {
			return nil, false
		}
		l = append(l, v)
		switch d.i = skipWS(data, d.i); {
		case d.i >= len(data):
			return nil, false
		case data[d.i] == ']':
			d.i++
			return l, true
		case data[d.i] == ',':
			d.i = skipWS(data, d.i+1)
		default:
			return nil, false
		}
	}
}

// str reads the string at data[i] (as an any, to return it without
// another conversion).
func (d *valueDecoder) str() (any, bool) {
	e := skipString(d.data, d.i)
	if e > len(d.data) || e-d.i < 2 || d.data[e-1] != '"' {
		return nil, false
	}
	var text []byte
	if !jsonText(d.data[d.i:e], &text, &d.scratch) {
		return nil, false
	}
	d.i = e
	return string(text), true
}
