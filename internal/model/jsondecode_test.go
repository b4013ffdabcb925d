package model

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
)

// referenceDecode is what normalizeJSON did before fastDecode: a
// json.Decoder with UseNumber, first value only.
func referenceDecode(data []byte) any {
	var out any
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	if d.Decode(&out) != nil {
		return nil
	}
	return out
}

// checkFastDecode fails when fastDecode accepts data but decodes it
// differently from encoding/json, or when encoding/json rejects what it
// accepted.
func checkFastDecode(t *testing.T, data []byte) {
	t.Helper()
	got, ok := fastDecode(data)
	if !ok {
		return // the caller falls back to encoding/json
	}
	var strict any
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	if err := d.Decode(&strict); err != nil {
		t.Fatalf("fastDecode accepted %q, encoding/json: %v", data, err)
	}
	if d.More() || d.InputOffset() != int64(len(bytes.TrimRight(data, " \t\r\n"))) {
		t.Fatalf("fastDecode accepted %q with text after the value", data)
	}
	if !reflect.DeepEqual(got, strict) {
		t.Fatalf("fastDecode(%q) = %#v, encoding/json %#v", data, got, strict)
	}
}

var fastDecodeCases = []struct {
	in   string
	fast bool // decoded without the fallback
}{
	{`{"a":1,"b":[true,false,null],"c":{"d":"e"}}`, true},
	{` {"id":"vpc-0abc","tags":{},"list":[]} ` + "\n", true},
	{`{"policy":"{\"Version\":\"2012-10-17\",\"Statement\":[]}"}`, true},
	{`{"n":-0.5e+10,"m":0,"k":12.25,"x":1E3}`, true},
	{`"caf\u00e9 ☕"`, true},
	{`{"a":1,"a":2}`, true}, // last wins, as in encoding/json
	{`[1,2,]`, false},
	{`{"a":01}`, false},
	{`{"a":1} x`, false}, // encoding/json's Decoder stops after the value
	{`{"k\u0041":1}`, false},
	{"\"\xff\"", true}, // invalid UTF-8: unquoted by encoding/json, which replaces it
	{"{\"\xff\":1}", false},
	{`{"a":.5}`, false},
	{`{"a":1.}`, false},
	{`{"a":-}`, false},
	{`{"a":tru}`, false},
	{`"a` + "\n" + `"`, false},
	{``, false},
	{`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`, true},
}

func TestFastDecode(t *testing.T) {
	for _, c := range fastDecodeCases {
		_, ok := fastDecode([]byte(c.in))
		if ok != c.fast {
			t.Errorf("fastDecode(%q): ok = %v, want %v", c.in, ok, c.fast)
		}
		checkFastDecode(t, []byte(c.in))
		// normalizeJSON gives what encoding/json gives, fast or not
		if got, want := normalizeJSON(json.RawMessage(c.in)), referenceDecode([]byte(c.in)); !reflect.DeepEqual(got, want) {
			t.Errorf("normalizeJSON(%q) = %#v, want %#v", c.in, got, want)
		}
	}
	deep := bytes.Repeat([]byte("["), fastMaxDepth+2)
	deep = append(deep, bytes.Repeat([]byte("]"), fastMaxDepth+2)...)
	if _, ok := fastDecode(deep); ok {
		t.Errorf("fastDecode followed more than %d levels", fastMaxDepth)
	}
}

func FuzzFastDecode(f *testing.F) {
	for _, c := range fastDecodeCases {
		f.Add([]byte(c.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkFastDecode(t, data) })
}
