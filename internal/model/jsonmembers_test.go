package model

import (
	"encoding/json"
	"reflect"
	"testing"
)

// checkJSONMembers fails when reading members of a value held as text
// gives anything other than the full decode (normalizeJSON of the whole
// text) gives.
func checkJSONMembers(t *testing.T, data []byte, names ...string) {
	t.Helper()
	full := normalizeJSON(json.RawMessage(data))
	obj, isObj := full.(map[string]any)
	fresh := func() *jsonValue { v := newJSONValue(json.RawMessage(data)); return &v }
	if got := fresh().isObject(); got != isObj {
		t.Fatalf("isObject(%q) = %v, full decode %#v", data, got, full)
	}
	if got := fresh().isTrue(); got != (full == true) {
		t.Fatalf("isTrue(%q) = %v, full decode %#v", data, got, full)
	}
	for k := range obj {
		names = append(names, k)
	}
	j := fresh()
	for _, n := range append(names, "", "absent") {
		got, ok := j.member(n)
		want, wantOK := obj[n]
		if ok != wantOK || !reflect.DeepEqual(got, want) {
			t.Fatalf("member(%q) of %q = %#v, %v; full decode %#v, %v", n, data, got, ok, want, wantOK)
		}
	}
}

func TestJSONMembers(t *testing.T) {
	for _, tc := range []struct {
		in      string
		indexed jsonIndex // how the index takes it
	}{
		{`{"a":1,"b":[true,false,null],"c":{"d":"e"}}`, indexObject},
		{` {"id":"vpc-0abc","tags":{},"list":[]} ` + "\n", indexObject},
		{`{}`, indexObject},
		{`{"a":1,"a":2}`, indexObject}, // the last duplicate wins
		{`{"policy":"{\"Version\":\"2012-10-17\"}","x":"\u00e9\ud83d\ude00"}`, indexObject},
		{`{"n":-0.5e+10,"m":0,"o":[[[{}]]]}`, indexObject},
		{"{\"bad\xffutf8\":\"v\xfe\"}", indexOther}, // invalid UTF-8 in a key: full decode
		{`{"k\"q":1}`, indexOther},                  // an escape in a key
		{`{"a":1} trailing`, indexOther},
		{`{"a":01}`, indexOther},
		{`{"a":"x` + "\n" + `"}`, indexOther},
		{`{"a":"\x"}`, indexOther},
		{`{"a":"\u12"}`, indexOther},
		{`{"a":[1,]}`, indexOther},
		{`{"a":1,}`, indexOther},
		{`{"a" 1}`, indexOther},
		{`{"a":tru}`, indexOther},
		{`true`, indexTrue},
		{` true `, indexTrue},
		{`false`, indexOther},
		{`[1,2]`, indexOther},
		{`null`, indexOther},
		{``, indexOther},
		{`"s"`, indexOther},
	} {
		v := newJSONValue(json.RawMessage(tc.in))
		if got := v.index(); got != tc.indexed {
			t.Errorf("index(%q) = %d, want %d", tc.in, got, tc.indexed)
		}
		checkJSONMembers(t, []byte(tc.in), "a", "id")
	}
}

// TestJSONMembersAfterFullDecode: once the whole value is decoded, members
// come from the decoded map.
func TestJSONMembersAfterFullDecode(t *testing.T) {
	v := newJSONValue(json.RawMessage(`{"a":"x","b":true}`))
	if got, ok := v.member("a"); !ok || got != "x" {
		t.Fatalf("member(a) = %#v, %v", got, ok)
	}
	v.get()
	if got, ok := v.member("b"); !ok || got != true {
		t.Fatalf("after get, member(b) = %#v, %v", got, ok)
	}
	if !v.isObject() || v.isTrue() {
		t.Fatal("after get: isObject/isTrue wrong")
	}
}

func FuzzJSONMembers(f *testing.F) {
	for _, s := range []string{`{"a":1,"b":[true,null],"c":{"d":"e"}}`, `true`, `{"a":"\u00e9","a":2}`, `{"x":-1.5E3}`, `[]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkJSONMembers(t, data, "a", "b")
	})
}
