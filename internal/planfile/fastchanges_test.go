package planfile

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

// slowChanges is the reference: encoding/json into the lean types, turned
// into the plan's types as decode does.
func slowChanges(data []byte) ([]*tfjson.ResourceChange, error) {
	var lp leanPlan
	if err := json.Unmarshal(data, &lp.ResourceChanges); err != nil {
		return nil, err
	}
	return lp.resourceChanges(), nil
}

// checkChanges: whenever the fast path accepts a scanned array, it decodes
// exactly what encoding/json decodes.
func checkChanges(t *testing.T, data []byte) bool {
	t.Helper()
	res, serr := scanSpans(data, 1) // every container inside the elements
	if serr != nil {
		return false
	}
	fast, ok := decodeChanges(data, newTape(res.spans, 0))
	counted, countedOK := decodeChanges(data, nil) // without the scanner's spans
	if ok != countedOK || !reflect.DeepEqual(fast, counted) {
		t.Fatalf("decodeChanges with the scanner's spans (%v) and without (%v) differ on %q", ok, countedOK, data)
	}
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
	res, serr := scanSpans(data, 1) // every container inside the elements
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
		// the fields decoded by hand, with each type they may have
		{`[{"address":"a.b[\"k\"]","index":"k","mode":"managed","type":"t","name":"b","provider_name":"p","module_address":"module.m","previous_address":"a.c","deposed":"d1","action_reason":"replace_because_tainted"}]`, true},
		{`[{"index":3},{"index":-2},{"index":1.5e2},{"index":123456789012345678},{"index":null}]`, true},
		{`[{"index":true},{"index":{"a":1}},{"index":[1]}]`, true},
		{`[{"name":"ünïcödé","type":"t\u00e9","provider_name":"\ud83d\ude00"}]`, true},
		{`[{"name":null,"mode":null,"address":"x"}]`, true},
		{`[{"change":{"actions":[]}},{"change":{"actions":null}},{"change":{"actions":["delete",null,"create"]}},{"change":{"actions":["a","b","c","d","e","f"]}}]`, true},
		{`[{"change":{"actions":[1]}}]`, false},
		{`[{"change":{}}]`, true},
		// equal texts kept once, null values, a no-op
		{`[{"change":{"before":{"a":1},"after":{"a":1},"after_unknown":{},"before_sensitive":false,"after_sensitive":{}}},{"change":{"before":null,"after":null,"after_unknown":{},"before_sensitive":false,"after_sensitive":{}}}]`, true},
		// members left to encoding/json, into the same struct
		{`[{"Address":"a.b","TYPE":"t","change":{"Actions":["create"],"importing":{"id":"i-1"},"generated_config":"x","replace_paths":[["a",1]],"before_identity":{"id":1},"after_identity":null}}]`, true},
		{`[{"address":"a.b","unknown":{"x":[1,2]},"change":{"unknown":1,"actions":["create"]}}]`, true},
		{`[{"change":{"importing":"x"}}]`, false},
		{`[{"CHANGE":{}}]`, false},
		{`[{"change":{"Before_Sensitive":{}}}]`, false},
		{`[{"index":"\u00e9\n"}]`, true},
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
	for _, s := range []string{
		`[{"index":3},{"index":"k"},{"index":-1.5},{"index":true},{"Index":{"a":[1]}}]`,
		`[{"Address":"a","TYPE":"t","x":1,"change":{"Actions":["create"],"importing":{"id":"i"},"replace_paths":[["a",1]],"before_identity":{"id":1}}}]`,
		`[{"change":{"actions":[null,"delete","create"],"before":{"a":1},"after":{"a":1},"after_unknown":{},"after_sensitive":{}}},{"change":{"after_unknown":{},"after_sensitive":{}}}]`,
		`[{"name":"\u00e9","type":"t\"q","mode":null,"action_reason":"r","deposed":"d","previous_address":"p","module_address":"m"}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkChanges(t, data) })
}
