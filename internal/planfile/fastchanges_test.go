package planfile

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// slowChanges is the reference: encoding/json into the same types.
func slowChanges(data []byte) ([]*leanResourceChange, error) {
	var out []*leanResourceChange
	err := json.Unmarshal(data, &out)
	return out, err
}

// checkChanges: whenever the fast path accepts a scanned array, it decodes
// exactly what encoding/json decodes.
func checkChanges(t *testing.T, data []byte) bool {
	t.Helper()
	if _, err := scan(data); err != nil {
		return false
	}
	fast, ok := decodeChanges(data)
	if !ok {
		return false
	}
	slow, err := slowChanges(data)
	if err != nil {
		t.Fatalf("fast path accepted what encoding/json rejects (%v): %q", err, data)
	}
	if !reflect.DeepEqual(fast, slow) {
		f, _ := json.Marshal(fast)
		s, _ := json.Marshal(slow)
		t.Fatalf("fast and encoding/json differ on %q:\n fast %s\n slow %s", data, f, s)
	}
	return true
}

// resourceChangesOf returns the resource_changes text of a plan file.
func resourceChangesOf(t testing.TB, path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = utf8Text(t, data)
	res, serr := scan(data)
	if serr != nil {
		return nil
	}
	for _, sp := range res.top {
		if sp.key == "resource_changes" {
			return data[sp.start:sp.end]
		}
	}
	return nil
}

func changeSeeds(t testing.TB) [][]byte {
	paths, _ := filepath.Glob("../../fixtures/*/plan.json")
	paths = append(paths, realPlanFiles(t)...)
	var out [][]byte
	for _, p := range paths {
		if rc := resourceChangesOf(t, p); rc != nil {
			out = append(out, rc)
		}
	}
	return out
}

func TestDecodeChangesMatchesEncodingJSON(t *testing.T) {
	accepted := 0
	for _, rc := range changeSeeds(t) {
		if checkChanges(t, rc) {
			accepted++
		}
	}
	if accepted < 50 {
		t.Errorf("the fast path took only %d resource_changes arrays of the fixtures and real plans", accepted)
	}
	tests := []struct {
		in   string
		fast bool
	}{
		{`[]`, true},
		{` [ null , {"address":"a.b","change":null} ]`, true},
		{`[{"address":"a.b"}]`, true},
		{`[{"address":"a\u002eb","change":{"actions":["create"],"after":{"s":"q\"}{]["},"after_unknown":{"id":true}}}]`, true},
		{`[{"change":{"before":null,"after":{"n":1.50}}}]`, true},
		{`[{"change":{"After":{}}}]`, false},
		{`[{"Change":{}}]`, false},
		{`[{"change":"x"}]`, false},
		{`["x"]`, false},
		{`{"a":1}`, false},
		{`[{"change":{"actions":"create"}}]`, false},
		{`[{"address":1}]`, false},
	}
	for _, tt := range tests {
		if got := checkChanges(t, []byte(tt.in)); got != tt.fast {
			t.Errorf("%s: fast path %v, want %v", tt.in, got, tt.fast)
		}
	}
}

func FuzzDecodeChanges(f *testing.F) {
	for _, rc := range changeSeeds(f) {
		if len(rc) < 4096 {
			f.Add(rc)
		}
	}
	f.Add([]byte(`[{"address":"a\u002eb","change":{"actions":["create"],"after":{"s":"q\\\"}"},"after_unknown":{"id":true}}}]`))
	f.Fuzz(func(t *testing.T, data []byte) { checkChanges(t, data) })
}
