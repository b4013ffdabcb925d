package planfile

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// checkPriorState: whenever the fast path accepts a scanned prior_state,
// it decodes exactly what encoding/json decodes into the lean types, and
// the data resources turned into the plan's types are the same too.
func checkPriorState(t *testing.T, data []byte) bool {
	t.Helper()
	res, serr := scanSpans(data, 1) // every container inside the elements
	if serr != nil {
		return false
	}
	fast, ok := decodePriorState(data, newTape(res.spans, 0))
	counted, countedOK := decodePriorState(data, nil) // without the scanner's spans
	if ok != countedOK || !reflect.DeepEqual(fast, counted) {
		t.Fatalf("decodePriorState with the scanner's spans (%v) and without (%v) differ on %q", ok, countedOK, data)
	}
	if !ok {
		return false
	}
	var slow *leanState
	if err := json.Unmarshal(data, &slow); err != nil {
		t.Fatalf("fast path accepted what encoding/json rejects (%v): %q", err, data)
	}
	if !reflect.DeepEqual(fast, slow) {
		f, _ := json.Marshal(fast)
		s, _ := json.Marshal(slow)
		t.Fatalf("fast and encoding/json differ on %q:\n fast %s\n slow %s", data, f, s)
	}
	fp, ferr := (&leanPlan{PriorState: fast}).plan(nil)
	sp, serr2 := (&leanPlan{PriorState: slow}).plan(nil)
	if (ferr == nil) != (serr2 == nil) || !reflect.DeepEqual(fp, sp) {
		t.Fatalf("the plans from fast (%v) and encoding/json (%v) differ on %q", ferr, serr2, data)
	}
	return true
}

// priorStateOf returns the prior_state text of a plan file.
func priorStateOf(t testing.TB, path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data = utf8Text(t, data)
	res, serr := scanSpans(data, 1)
	if serr != nil {
		return nil
	}
	for _, sp := range res.top {
		if sp.key == "prior_state" {
			return data[sp.start:sp.end]
		}
	}
	return nil
}

func priorStateSeeds(t testing.TB) [][]byte {
	paths, _ := filepath.Glob("../../fixtures/*/plan.json")
	paths = append(paths, realPlanFiles(t)...)
	var out [][]byte
	for _, p := range paths {
		if ps := priorStateOf(t, p); ps != nil {
			out = append(out, ps)
		}
	}
	return out
}

var priorStateCases = []struct {
	in   string
	fast bool
}{
	{`null`, true},
	{`{}`, true},
	{`{"format_version":"1.0","terraform_version":"1.9.0","values":null,"checks":[{"x":1}]}`, true},
	{`{"values":{"outputs":{"o":{"value":1}},"root_module":null}}`, true},
	{`{"values":{"root_module":{"address":"m","resources":[],"child_modules":[]}}}`, true},
	{`{"values":{"root_module":{"resources":null,"child_modules":null}}}`, true},
	{`{"values":{"root_module":{"resources":[null,{"address":"data.a.b","mode":"data","type":"a","name":"b","provider_name":"p","schema_version":0,"values":{"id":"x","n":1.50,"l":[true,null,{"s":"q\"\n"}]},"sensitive_values":{}}]}}}`, true},
	{`{"values":{"root_module":{"child_modules":[null,{"address":"module.m","resources":[{"address":"module.m.a.b","mode":"managed","values":{"a":1}},{"address":"module.m.data.c.d","mode":"data","values":null,"sensitive_values":null}]}]}}}`, true},
	// members left to encoding/json, into the same struct
	{`{"values":{"root_module":{"resources":[{"address":"data.a.b[\"k\"]","mode":"data","index":"k","depends_on":["x"],"tainted":false,"deposed_key":"d","identity_schema_version":1,"identity":{"n":1},"schema_version":12345678901234567,"other":{"a":[1]}}]}}}`, true},
	{`{"values":{"root_module":{"resources":[{"index":1},{"index":-1.5},{"index":null},{"schema_version":"1"}]}}}`, false},
	{`{"values":{"root_module":{"resources":[{"schema_version":-1}]}}}`, false},
	{`{"values":{"root_module":{"resources":[{"Address":"x"}]}}}`, false},
	{`{"values":{"root_module":{"resources":[{"VALUES":{}}]}}}`, false},
	{`{"Values":{}}`, false},
	{`{"values":{"Root_Module":{}}}`, false},
	{`{"values":{"root_module":{"Resources":[]}}}`, false},
	{`{"values":{"root_module":{"resources":[1]}}}`, false},
	{`{"values":{"root_module":{"resources":{}}}}`, false},
	{`{"values":{"root_module":{"resources":[{"address":1}]}}}`, false},
	{`{"values":{"root_module":{"resources":[{"values":"text","mode":"data"}]}}}`, true},
	{`{"values":[]}`, false},
	{`[]`, false},
	{`{"values":{"root_module":{"resources":[{"mode":"data","name":"\u00e9\t","values":{"k\u0041":"\ud83d\ude00 caf\u00e9","e":"é","x":-0,"y":1e5,"z":[[],{}]}}]}}}`, true},
}

func TestDecodePriorStateMatchesEncodingJSON(t *testing.T) {
	accepted := 0
	for _, ps := range priorStateSeeds(t) {
		if checkPriorState(t, ps) {
			accepted++
		}
	}
	if accepted < 10 {
		t.Errorf("the fast path took only %d prior_state sections of the fixtures and real plans", accepted)
	}
	for _, tt := range priorStateCases {
		if got := checkPriorState(t, []byte(tt.in)); got != tt.fast {
			t.Errorf("%s: fast path %v, want %v", tt.in, got, tt.fast)
		}
	}
}

func FuzzDecodePriorState(f *testing.F) {
	for _, ps := range priorStateSeeds(f) {
		if len(ps) < 4096 {
			f.Add(ps)
		}
	}
	for _, c := range priorStateCases {
		f.Add([]byte(c.in))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkPriorState(t, data) })
}

// checkValue: decodeValue decodes scanned text as encoding/json does.
func checkValue(t *testing.T, data []byte) {
	t.Helper()
	if _, serr := scan(data); serr != nil {
		return
	}
	got, err := decodeValue(data)
	want, werr := decodeNumber(data)
	if err != nil || werr != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("decodeValue(%q) = %#v, %v; encoding/json %#v, %v", data, got, err, want, werr)
	}
	d := valueDecoder{data: data, i: skipWS(data, 0)}
	if _, ok := d.value(0); !ok {
		t.Fatalf("decodeValue fell back to encoding/json on scanned text %q", data)
	}
}

var valueCases = []string{
	`{"a":1,"b":[true,false,null],"c":{"d":"e"}}`,
	` {"id":"vpc-0abc","tags":{},"list":[]} ` + "\n",
	`{"policy":"{\n  \"Version\": \"2012-10-17\",\t\"Statement\": [\/]\r\f\b}"}`,
	`{"n":-0.5e+10,"m":0,"k":12.25,"x":1E3,"y":-0,"z":1e-400}`,
	`"caf\u00e9 ☕ \ud83d\ude00 \ud800 \udc00x"`,
	`{"k\u0041":1,"é":{"\\":"\/"}}`,
	`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`,
	`null`, `true`, `"x"`, `12`,
}

func TestDecodeValueMatchesEncodingJSON(t *testing.T) {
	for _, c := range valueCases {
		checkValue(t, []byte(c))
	}
	for _, ps := range priorStateSeeds(t) {
		checkValue(t, ps)
	}
}

func FuzzDecodeValue(f *testing.F) {
	for _, c := range valueCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkValue(t, data) })
}
