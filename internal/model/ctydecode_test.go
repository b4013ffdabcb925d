package model

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// checkCtyFromText fails when ctyFromText differs from the reference,
// FromJSON of the decoded text, in value, type or marks.
func checkCtyFromText(t *testing.T, text []byte, unknown, sensitive any) {
	t.Helper()
	got := ctyFromText(json.RawMessage(text), unknown, sensitive)
	want := FromJSON(normalizeJSON(json.RawMessage(text)), unknown, sensitive)
	if !got.RawEquals(want) || got.GoString() != want.GoString() {
		t.Fatalf("ctyFromText(%q, %#v, %#v) = %#v, want %#v", text, unknown, sensitive, got, want)
	}
}

var ctyFromTextFragments = []struct{ unknown, sensitive string }{
	{"null", "null"},
	{"true", "null"},
	{"null", "true"},
	{"false", "false"},
	{`{"a":true,"z":true,"y":[true]}`, `{"b":true,"c":{"d":true}}`},
	{`{"b":[false,true,true]}`, `{"b":[true]}`},
	{`[true,false,{"x":true}]`, `[false,true]`},
	{`[]`, `[{}]`},
	{`{"c":{"d":true,"e":[true]}}`, `{"c":true}`},
}

// TestCtyFromText: built straight from the text, a value is what FromJSON
// makes of the decoded text, with every shape of after_unknown and
// *_sensitive fragment, for the decoder's cases and every member of every
// fixture plan's after values.
func TestCtyFromText(t *testing.T) {
	texts := []string{
		`{"a":"x","b":[1,2,{"c":null}],"c":{"d":"e","f":[]},"g":true,"h":false,"n":-1.5e3}`,
		`[null,"a",[],{}]`, `[]`, `{}`, `null`, `"s"`, `{"b":null}`, `{"b":[]}`,
	}
	for _, c := range fastDecodeCases {
		texts = append(texts, c.in)
	}
	for _, text := range texts {
		for _, f := range ctyFromTextFragments {
			checkCtyFromText(t, []byte(text), referenceDecode([]byte(f.unknown)), referenceDecode([]byte(f.sensitive)))
		}
	}
	plans, _ := filepath.Glob("../../fixtures/*/plan.json")
	if len(plans) < 10 {
		t.Fatalf("%d fixture plans", len(plans))
	}
	n := 0
	for _, p := range plans {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var plan struct {
			ResourceChanges []struct {
				Change struct {
					After          json.RawMessage `json:"after"`
					AfterUnknown   json.RawMessage `json:"after_unknown"`
					AfterSensitive json.RawMessage `json:"after_sensitive"`
				} `json:"change"`
			} `json:"resource_changes"`
		}
		if err := json.Unmarshal(data, &plan); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, rc := range plan.ResourceChanges {
			after := jsonValue{raw: rc.Change.After}
			if after.index() != indexObject {
				continue
			}
			unknown, _ := normalizeJSON(rc.Change.AfterUnknown).(map[string]any)
			sensitive, _ := normalizeJSON(rc.Change.AfterSensitive).(map[string]any)
			for _, m := range after.members {
				key := after.raw[m.keyStart:m.keyEnd]
				checkCtyFromText(t, after.raw[m.valStart:m.valEnd], unknown[string(key)], sensitive[string(key)])
				n++
			}
		}
	}
	if n < 1000 {
		t.Errorf("only %d members compared", n)
	}
}

func FuzzCtyFromText(f *testing.F) {
	for _, c := range fastDecodeCases {
		for i, fr := range ctyFromTextFragments {
			f.Add([]byte(c.in), []byte(fr.unknown), []byte(fr.sensitive), i%2 == 0)
		}
	}
	f.Fuzz(func(t *testing.T, text, unknown, sensitive []byte, useText bool) {
		u, s := referenceDecode(unknown), referenceDecode(sensitive)
		if !useText {
			u, s = nil, nil
		}
		checkCtyFromText(t, text, u, s)
	})
}
