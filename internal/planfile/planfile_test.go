package planfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/privapi/privapi/internal/sharedtest"
)

// Shared inputs next to the repository (/work/shared); tests skip when absent.
const (
	realPlansDir = "../../../shared/realplans"
	examplesGlob = "../../../shared/tfplan/examples/*/plan.json"
)

// realStates are the files of realplans that are states (see PROVENANCE.md).
var realStates = map[string]bool{
	"scottford-io__aws-ec2-instances__vpc-sg-registry-modules-state.json": true,
	"terraform-compliance__cli__state-show-json-child-module.json":        true,
}

func realPlanFiles(t testing.TB) []string {
	t.Helper()
	return sharedtest.Glob(t, filepath.Join(realPlansDir, "*.json"))
}

func TestRealPlans(t *testing.T) {
	for _, path := range realPlanFiles(t) {
		name := filepath.Base(path)
		want := KindPlan
		if realStates[name] {
			want = KindState
		}
		t.Run(name, func(t *testing.T) {
			doc, err := Load(path, Options{})
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			checkDoc(t, doc, path, want)
			fi, _ := os.Stat(path)
			if doc.Size != fi.Size() {
				t.Errorf("Size = %d, want %d", doc.Size, fi.Size())
			}
			// The right Want is accepted, the other refused.
			if _, err := Load(path, Options{Want: want}); err != nil {
				t.Errorf("Load with Want=%s: %v", want, err)
			}
			other := KindState
			if want == KindState {
				other = KindPlan
			}
			_, err = Load(path, Options{Want: other})
			var ie *InputError
			if !errors.As(err, &ie) || !strings.Contains(ie.Msg, "not a "+string(other)) {
				t.Errorf("Load with Want=%s: err = %v, want an InputError saying it is not a %s", other, err, other)
			}
			data, _ := os.ReadFile(path)
			doc, err = Decode(data, path, "")
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			checkDoc(t, doc, path, want)
		})
	}
}

func TestExamplePlans(t *testing.T) {
	files := sharedtest.Glob(t, examplesGlob)
	for _, path := range files {
		t.Run(filepath.Base(filepath.Dir(path)), func(t *testing.T) {
			doc, err := Load(path, Options{Want: KindPlan})
			if err != nil {
				t.Fatal(err)
			}
			checkDoc(t, doc, path, KindPlan)
		})
	}
}

func checkDoc(t *testing.T, doc *Document, path string, want Kind) {
	t.Helper()
	if doc.Path != path {
		t.Errorf("Path = %q, want %q", doc.Path, path)
	}
	if doc.Kind != want {
		t.Fatalf("Kind = %q, want %q", doc.Kind, want)
	}
	switch want {
	case KindPlan:
		if doc.Plan == nil || doc.State != nil {
			t.Fatalf("plan: Plan=%v State=%v", doc.Plan != nil, doc.State != nil)
		}
		if doc.FormatVersion != doc.Plan.FormatVersion || doc.TerraformVersion != doc.Plan.TerraformVersion {
			t.Errorf("versions %q/%q, plan says %q/%q", doc.FormatVersion, doc.TerraformVersion, doc.Plan.FormatVersion, doc.Plan.TerraformVersion)
		}
		if doc.Plan.PlannedValues == nil && len(doc.Plan.ResourceChanges) == 0 {
			t.Errorf("plan has neither planned_values nor resource_changes")
		}
	case KindState:
		if doc.State == nil || doc.Plan != nil {
			t.Fatalf("state: Plan=%v State=%v", doc.Plan != nil, doc.State != nil)
		}
		if doc.FormatVersion != doc.State.FormatVersion || doc.TerraformVersion != doc.State.TerraformVersion {
			t.Errorf("versions %q/%q, state says %q/%q", doc.FormatVersion, doc.TerraformVersion, doc.State.FormatVersion, doc.State.TerraformVersion)
		}
	}
	if doc.FormatVersion == "" || doc.TerraformVersion == "" {
		t.Errorf("versions %q/%q", doc.FormatVersion, doc.TerraformVersion)
	}
}

// utf8Text returns the UTF-8 text of a real plan file (some are UTF-16).
func utf8Text(t testing.TB, data []byte) []byte {
	enc, bom := detectBOM(data)
	if enc == encUTF8 {
		return data[bom:]
	}
	u, err := utf16ToUTF8(data[bom:], enc == encUTF16BE, 0)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// TestSameAsTerraformJSON checks that decoding through the shadow types gives
// what terraform-json's own UnmarshalJSON gives (numbers aside), less what a
// lean plan drops (lean.go).
func TestSameAsTerraformJSON(t *testing.T) {
	for _, path := range realPlanFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			doc, err := Decode(data, path, "")
			if err != nil {
				t.Fatal(err)
			}
			text := utf8Text(t, data)
			var got, want any
			if doc.Kind == KindPlan {
				var p tfjson.Plan
				p.UseJSONNumber(true)
				if err := json.Unmarshal(text, &p); err != nil {
					t.Fatal(err)
				}
				got, want = normalize(t, doc.Plan), normalize(t, leanOf(&p))
			} else {
				var s tfjson.State
				s.UseJSONNumber(true)
				if err := json.Unmarshal(text, &s); err != nil {
					t.Fatal(err)
				}
				got, want = normalize(t, doc.State), normalize(t, &s)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("decoded %s differs from terraform-json's own decoding", doc.Kind)
			}
		})
	}
}

// leanOf drops from a plan decoded by terraform-json what the lean decoding
// does not keep.
func leanOf(p *tfjson.Plan) *tfjson.Plan {
	p.PlannedValues, p.ResourceDrift, p.OutputChanges, p.RelevantAttributes, p.Checks, p.DeferredChanges = nil, nil, nil, nil, nil, nil
	if ps := p.PriorState; ps != nil {
		p.PriorState = &tfjson.State{FormatVersion: ps.FormatVersion, TerraformVersion: ps.TerraformVersion}
		if ps.Values != nil {
			p.PriorState.Values = &tfjson.StateValues{RootModule: dataModule(ps.Values.RootModule)}
		}
	}
	return p
}

func dataModule(m *tfjson.StateModule) *tfjson.StateModule {
	if m == nil {
		return nil
	}
	out := &tfjson.StateModule{Address: m.Address}
	for _, r := range m.Resources {
		if r != nil && r.Mode == tfjson.DataResourceMode {
			out.Resources = append(out.Resources, r)
		}
	}
	for _, c := range m.ChildModules {
		out.ChildModules = append(out.ChildModules, dataModule(c))
	}
	return out
}

func normalize(t testing.TB, v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestNumbersKeepTheirText(t *testing.T) {
	in := `{"format_version":"1.2","terraform_version":"1.9.5",
	"planned_values":{"root_module":{}},
	"prior_state":{"format_version":"1.0","values":{"root_module":{"resources":[{"address":"data.a.b","mode":"data","type":"a","name":"b","values":{"n":12345678901234567891}}]}}},
	"resource_changes":[{"address":"a.b","mode":"managed","type":"a","name":"b","change":{"actions":["update"],"before":{"n":12345678901234567891},"after":{"n":1.50,"tiny":1e-400}}}]}`
	doc, err := Decode([]byte(in), "n.json", KindPlan)
	if err != nil {
		t.Fatal(err)
	}
	// change values stay JSON text (lean.go): their numbers are the input's
	after := doc.Plan.ResourceChanges[0].Change.After.(json.RawMessage)
	if string(after) != `{"n":1.50,"tiny":1e-400}` {
		t.Errorf("after = %s", after)
	}
	before := doc.Plan.ResourceChanges[0].Change.Before.(json.RawMessage)
	if string(before) != `{"n":12345678901234567891}` {
		t.Errorf("before = %s", before)
	}
	prior := doc.Plan.PriorState.Values.RootModule.Resources[0].AttributeValues["n"]
	if prior != json.Number("12345678901234567891") {
		t.Errorf("prior_state value = %#v, want the json.Number (UseNumber must reach prior_state)", prior)
	}
}

func TestKindsAndEncodings(t *testing.T) {
	plan := `{"format_version":"1.2","planned_values":{"root_module":{}}}`
	state := `{"format_version":"1.0","terraform_version":"1.9.5","values":{"root_module":{}}}`
	emptyState := `{"format_version":"1.0"}`
	tests := []struct {
		name string
		data []byte
		want Kind
		kind Kind   // expected kind, "" when an error is expected
		err  string // phrase of the expected error
	}{
		{name: "plan", data: []byte(plan), kind: KindPlan},
		{name: "plan only resource_changes", data: []byte(`{"format_version":"0.1","resource_changes":[]}`), kind: KindPlan},
		{name: "plan only output_changes", data: []byte(`{"format_version":"1.0","output_changes":{}}`), kind: KindPlan},
		{name: "state", data: []byte(state), kind: KindState},
		{name: "state with checks", data: []byte(`{"format_version":"1.0","values":{},"checks":[]}`), kind: KindState},
		{name: "empty state", data: []byte(emptyState), kind: KindState},
		{name: "empty state with version", data: []byte(`{"format_version":"1.0","terraform_version":"1.9.5"}`), kind: KindState},
		{name: "empty state as plan", data: []byte(emptyState), want: KindPlan, err: "is an empty Terraform state"},
		{name: "unknown keys are fine", data: []byte(`{"format_version":"1.9","planned_values":{},"future_key":[1,2]}`), kind: KindPlan},
		{name: "utf8 bom", data: append([]byte("\xEF\xBB\xBF"), plan...), kind: KindPlan},
		{name: "utf8 bom and whitespace", data: []byte("\xEF\xBB\xBF \r\n\t" + plan + "\n\n"), kind: KindPlan},
		{name: "utf16le bom", data: unitsLE(utf16.Encode([]rune(state)), true), kind: KindState},
		{name: "utf16be bom", data: unitsBE(utf16.Encode([]rune(" \n"+plan+"\r\n")), true), kind: KindPlan},
		{name: "utf16 non-ascii", data: unitsBE(utf16.Encode([]rune(`{"format_version":"1.0","values":{"x":"Ωmega 🚀"}}`)), true), kind: KindState},
		{name: "utf16 whitespace only", data: unitsLE(utf16.Encode([]rune(" \n\t ")), true), err: "empty input (only whitespace)"},
		{name: "utf16 bom only", data: []byte{0xFE, 0xFF}, err: "only a UTF-16 byte-order mark"},
		{name: "utf16 be no bom", data: unitsBE(utf16.Encode([]rune(plan)), false), err: "UTF-16 without a byte-order mark"},
		{name: "utf32", data: []byte{0xFF, 0xFE, 0, 0, '{', 0, 0, 0}, err: "UTF-32"},
		{name: "gzip", data: []byte{0x1f, 0x8b, 8, 0}, err: "gzip"},
		{name: "true", data: []byte("true"), err: "is a boolean"},
		{name: "validate output", data: []byte(`{"format_version":"1.0","valid":true,"error_count":0,"warning_count":0,"diagnostics":[]}`), err: "terraform validate -json"},
		{name: "version output", data: []byte(`{"terraform_version":"1.9.5","platform":"linux_amd64","provider_selections":{},"terraform_outdated":false}`), err: "terraform version -json"},
		{name: "metadata functions", data: []byte(`{"format_version":"1.0","function_signatures":{}}`), err: "terraform metadata functions -json"},
		{name: "one stream line", data: []byte(`{"@level":"info","@message":"Terraform 1.9.5","type":"version"}`), err: "streaming output of terraform plan -json"},
		{name: "many unknown keys", data: []byte(`{"format_version":"1.0","a":1,"b":2,"c":3,"d":4,"e":5,"f":6,"g":7,"h":8}`), err: "(top-level keys: format_version, a, b, c, d, e, f, …)"},
		{name: "format_version in prior_state", data: []byte(`{"format_version":"1.0","planned_values":{},"prior_state":{"format_version":"3.0"}}`), err: "prior_state: unsupported format_version 3.0"},
		{name: "prior_state without format_version", data: []byte(`{"format_version":"1.0","planned_values":{},"prior_state":{"values":{}}}`), kind: KindPlan},
		{name: "case-folded format_version", data: []byte(`{"format_version":"1.0","planned_values":{},"Format_Version":"2.5"}`), err: `duplicate key "Format_Version" at offset 44 (line 1, column 45) in the top-level object: it differs from "format_version" (offset 1) only in case`},
		{name: "wrong type deep", data: []byte(`{"format_version":"1.0","resource_changes":[{"change":{"actions":"create"}}]}`), err: "resource_changes.change.actions is a JSON string, expected an array"},
		{name: "state wrong type", data: []byte(`{"format_version":"1.0","values":[]}`), err: "not a valid Terraform state: values is a JSON array, expected an object"},
		{name: "configuration wrong type", data: []byte(`{"format_version":"1.0","configuration":{"root_module":{"resources":{}}}}`), err: "not a valid Terraform plan:"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := Decode(tc.data, "in.json", tc.want)
			if tc.err != "" {
				checkInputError(t, "Decode", "in.json", doc, err, tc.err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if doc.Kind != tc.kind {
				t.Errorf("Kind = %q, want %q", doc.Kind, tc.kind)
			}
			if doc.Size != int64(len(tc.data)) {
				t.Errorf("Size = %d, want %d", doc.Size, len(tc.data))
			}
		})
	}
}

func unitsBE(units []uint16, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFE, 0xFF)
	}
	for _, u := range units {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func TestFormatVersions(t *testing.T) {
	tests := []struct{ fv, err string }{
		{`"0.1"`, ""},
		{`"0.2"`, ""},
		{`"1.0"`, ""},
		{`"1.2"`, ""},
		{`"1.0.0"`, ""},
		{`"1.99"`, ""},
		{`"0.0"`, "unsupported format_version 0.0 (privapi reads 0.x and 1.x)"},
		{`"2.0"`, "unsupported format_version 2.0 (privapi reads 0.x and 1.x)"},
		{`"2.1"`, "unsupported format_version 2.1"},
		{`"10.0"`, "unsupported format_version 10.0"},
		{`"abc"`, `invalid format_version "abc"`},
		{`""`, "format_version is empty"},
		{`null`, "format_version must be a string, got null"},
		{`{"major":1}`, "format_version must be a string"},
	}
	for _, tc := range tests {
		t.Run(tc.fv, func(t *testing.T) {
			for _, body := range []string{`"planned_values":{}`, `"values":{}`} {
				in := `{"format_version":` + tc.fv + `,` + body + `}`
				doc, err := Decode([]byte(in), "fv.json", "")
				if tc.err == "" {
					if err != nil {
						t.Errorf("%s: %v", in, err)
					}
					continue
				}
				checkInputError(t, "Decode", "fv.json", doc, err, tc.err)
			}
		})
	}
}

func TestFileErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope.json")
	doc, err := Load(missing, Options{})
	checkInputError(t, "Load", missing, doc, err, "cannot open: no such file")

	doc, err = Load(dir, Options{})
	checkInputError(t, "Load", dir, doc, err, "is a directory")

	doc, err = Load("", Options{})
	var ie *InputError
	if doc != nil || !errors.As(err, &ie) {
		t.Errorf(`Load("") = %v, %v`, doc, err)
	}

	if os.Geteuid() != 0 {
		locked := filepath.Join(dir, "locked.json")
		if err := os.WriteFile(locked, []byte("{}"), 0o000); err != nil {
			t.Fatal(err)
		}
		doc, err = Load(locked, Options{})
		checkInputError(t, "Load", locked, doc, err, "cannot open: permission denied")
	}

	if _, err := Load(missing, Options{Want: "plans"}); err == nil || errors.As(err, &ie) {
		t.Errorf("invalid Want: err = %v, want a plain (programming) error", err)
	}
	if _, err := Decode(nil, "x", "State"); err == nil || errors.As(err, &ie) {
		t.Errorf("invalid Want: err = %v, want a plain (programming) error", err)
	}
}

func TestStdin(t *testing.T) {
	plan := []byte(`{"format_version":"1.2","planned_values":{}}`)
	doc, err := Load("-", Options{Stdin: bytes.NewReader(plan)})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Path != "-" || doc.Kind != KindPlan || doc.Size != int64(len(plan)) {
		t.Errorf("doc = %+v", doc)
	}

	doc, err = Load("-", Options{Stdin: strings.NewReader("  ")})
	checkInputError(t, "Load", "<stdin>", doc, err, "empty input (only whitespace)")

	doc, err = Load("-", Options{Stdin: strings.NewReader("PK\x03\x04rest")})
	checkInputError(t, "Load", "<stdin>", doc, err, "binary plan file on standard input")

	doc, err = Load("-", Options{Stdin: errReader{}})
	checkInputError(t, "Load", "<stdin>", doc, err, "read error: disk on fire")
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestInputErrorIsOneLine(t *testing.T) {
	e := &InputError{Path: "a\nb.json", Msg: "bad\r\nthing\u2028here"}
	if got := e.Error(); got != "a b.json: bad  thing here" {
		t.Errorf("Error() = %q", got)
	}
	if got := (&InputError{Msg: "no path"}).Error(); got != "no path" {
		t.Errorf("Error() = %q", got)
	}
	// A duplicate key with a line break in it stays on one line.
	_, err := Decode([]byte(`{"a\nb":1,"a\nb":2}`), "k.json", "")
	checkInputError(t, "Decode", "k.json", nil, err, `duplicate key "a\nb"`)
}

// TestInvalidEscapeNamesValidUTF8 shows a bad escape whose next byte is
// not UTF-8 with U+FFFD in its place: the message stays valid UTF-8 (CI's
// fuzzing found "\\u" followed by a lone 0xE9 copied raw into it).
func TestInvalidEscapeNamesValidUTF8(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"\"\\u\xe9\"", `invalid escape \u\uFFFD in a string`},
		{"\"\\u12\xe9\"", `invalid escape \u12\uFFFD in a string`},
		{"\"\\\xe9\"", `invalid escape \\uFFFD in a string`},
		{`"\u12x"`, `invalid escape \u12x in a string`},
	} {
		_, err := Decode([]byte(tc.in), "e.json", "")
		if err == nil {
			t.Fatalf("Decode(%q) = nil error", tc.in)
		}
		msg := err.Error()
		want := strings.ReplaceAll(tc.want, `\uFFFD`, "\uFFFD")
		if !utf8.ValidString(msg) || !strings.Contains(msg, want) {
			t.Errorf("Decode(%q) = %q, want valid UTF-8 containing %q", tc.in, msg, want)
		}
	}
}

func TestOffsetsAfterLeadingData(t *testing.T) {
	// Offsets count the byte-order mark.
	_, err := Decode([]byte("\xEF\xBB\xBF{\"a\":1,\"a\":2}"), "b.json", "")
	checkInputError(t, "Decode", "b.json", nil, err, `duplicate key "a" at offset 10 (line 1, column 8) in the top-level object (first at offset 4)`)
	// Offsets of UTF-16 input are given in the converted text.
	_, err = Decode(unitsLE(utf16.Encode([]rune("{\n\"a\":1,\n\"a\":2}")), true), "u.json", "")
	checkInputError(t, "Decode", "u.json", nil, err, `duplicate key "a" at line 3, column 1 (offset 9 of the text converted from UTF-16)`)
}
