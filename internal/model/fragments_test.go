package model

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestFragment: a fragment read through the model's store is what member
// decodes, for the first reader and the next; long texts and texts past
// the store's bound are decoded without being kept.
func TestFragment(t *testing.T) {
	m := &Model{}
	long := `[` + strings.Repeat(`false,`, maxFragment/6) + `true]`
	for _, text := range []string{
		`{"a":[{"b":[false,true],"c":{}}],"d":true}`,
		`{"a":[{"b":[false,true],"c":{}}],"e":false}`,
		`{"a":` + long + `}`,
		`{"x":1}`,
		`[true]`,
	} {
		for range 2 {
			for _, name := range []string{"a", "d", "e", "z"} {
				j := jsonValue{raw: json.RawMessage(text)}
				ref := jsonValue{raw: json.RawMessage(text)}
				got := m.fragment(&j, name)
				want, _ := ref.member(name)
				if !reflect.DeepEqual(got, want) {
					t.Errorf("fragment(%s, %s) = %#v, want %#v", text, name, got, want)
				}
			}
		}
	}
	if _, kept := m.fragments[long]; kept {
		t.Error("a text longer than maxFragment was kept")
	}
	for i := range maxFragments + 10 {
		j := jsonValue{raw: json.RawMessage(fmt.Sprintf(`{"a":[%d]}`, i))}
		if got := m.fragment(&j, "a"); !reflect.DeepEqual(got, []any{json.Number(fmt.Sprint(i))}) {
			t.Fatalf("fragment %d = %#v", i, got)
		}
	}
	if len(m.fragments) != maxFragments {
		t.Errorf("%d fragments kept, want at most %d", len(m.fragments), maxFragments)
	}
	var none *Model
	j := jsonValue{raw: json.RawMessage(`{"a":true}`)}
	if got := none.fragment(&j, "a"); got != true {
		t.Errorf("fragment without a model = %#v", got)
	}
}
