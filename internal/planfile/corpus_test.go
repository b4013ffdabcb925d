package planfile

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf16"
)

// badDir holds the hand-made malformed inputs.
const badDir = "../../fixtures/bad"

// badCase is what one file of fixtures/bad must produce.
type badCase struct {
	want   Kind   // Options.Want
	phrase string // must appear in the message of Load
	// decode, when set, must appear in the message of Decode instead (Decode
	// does not run terraform).
	decode string
}

var badCorpus = map[string]badCase{
	"empty.json":                    {phrase: "empty input"},
	"whitespace.json":               {phrase: "empty input (only whitespace)"},
	"bom-only.json":                 {phrase: "empty input (only a byte-order mark)"},
	"null.json":                     {phrase: "not a Terraform plan or state: the JSON value is null"},
	"array.json":                    {phrase: "not a Terraform plan or state: the JSON value is an array"},
	"string.json":                   {phrase: "not a Terraform plan or state: the JSON value is a string"},
	"number.json":                   {phrase: "not a Terraform plan or state: the JSON value is a number"},
	"empty-object.json":             {phrase: "not a Terraform plan or state: empty JSON object"},
	"unknown-object.json":           {phrase: "not a Terraform plan or state: no planned_values, resource_changes or values key (top-level keys: a)"},
	"truncated.json":                {phrase: "truncated JSON: input ends at offset 371 (line 1, column 372) with 9 object(s)/array(s) still open in planned_values.root_module.resources[0].values.ingress[0].cidr_blocks[0]"},
	"not-json.txt":                  {phrase: `not JSON: starts with "Terraform used the selected prov…"`},
	"syntax-error.json":             {phrase: `invalid JSON at offset 110 (line 7, column 1): unexpected '}', expected a string (object key)`},
	"trailing-data.json":            {phrase: "extra data after the top-level value at offset 81 (line 2, column 1)"},
	"control-char.json":             {phrase: `control character '\n' inside a string`},
	"bad-escape.json":               {phrase: `in variables.path.value: invalid escape \U in a string`},
	"invalid-utf8.json":             {phrase: "invalid UTF-8 at byte offset 249 (line 1) in resource_changes[0].change.after.tags.Owner: byte 0xE9"},
	"utf16-no-bom.json":             {phrase: "looks like UTF-16 without a byte-order mark; re-save as UTF-8"},
	"utf16-unpaired-surrogate.json": {phrase: "invalid UTF-16: unpaired surrogate 0xD83D at byte offset"},
	"utf16-odd-length.json":         {phrase: "UTF-16 input has an odd number of bytes"},
	"duplicate-keys.json":           {phrase: `duplicate key "cidr_blocks" at offset 373 (line 1, column 374) in resource_changes[0].change.after.ingress[0] (first at offset 344)`},
	"duplicate-keys-escaped.json":   {phrase: `duplicate key "format_version" at offset 88 (line 1, column 89) in the top-level object (first at offset 1)`},
	"number-overflow.json":          {phrase: "number 1e400 at offset 244 (line 1, column 245) in resource_changes[0].change.after.ingress[0].from_port is out of range (beyond float64)"},
	"deep-nesting.json":             {phrase: "JSON nested deeper than 512 levels at offset 626 (line 1, column 627) in variables.deep.value[0][0][0][0][0]…(501 levels)…[0][0][0]"},
	"format-version-2.json":         {phrase: "unsupported format_version 2.0 (privapi reads 0.x and 1.x)"},
	"format-version-missing.json":   {phrase: "missing format_version"},
	"format-version-number.json":    {phrase: "format_version must be a string, got 1.2"},
	"state-for-plan.json":           {want: KindPlan, phrase: "is a Terraform state, not a plan"},
	"plan-for-state.json":           {want: KindState, phrase: "is a Terraform plan, not a state"},
	"schema-dump.json":              {phrase: "not a Terraform plan or state: looks like a provider schema dump"},
	"plan-json-stream.json":         {phrase: "not a Terraform plan or state: looks like the streaming output of terraform plan -json"},
	"raw-tfstate.json":              {phrase: "not a Terraform plan or state: looks like a raw state file (terraform.tfstate)"},
	"plan-and-state-keys.json":      {phrase: "not a Terraform plan or state: has both plan keys (planned_values) and the state key values"},
	"wrong-type.json":               {phrase: "not a valid Terraform plan: resource_changes is a JSON string, expected an array (offset 121)"},
	"binary-plan.tfplan": {
		phrase: "binary plan file needs terraform on PATH to read it (or pass the output of terraform show -json)",
		decode: "binary plan file (a zip archive), not JSON",
	},
}

func TestBadCorpus(t *testing.T) {
	entries, err := os.ReadDir(badDir)
	if err != nil {
		t.Fatal(err)
	}
	// No terraform for the binary plan file; nothing else runs a process.
	t.Setenv("PATH", t.TempDir())
	seen := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		if name == "README.md" {
			continue
		}
		seen[name] = true
		tc, ok := badCorpus[name]
		if !ok {
			t.Errorf("%s: no expectation in badCorpus; add one", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(badDir, name)
			doc, err := Load(path, Options{Want: tc.want})
			checkInputError(t, "Load", path, doc, err, tc.phrase)

			data, rerr := os.ReadFile(path)
			if rerr != nil {
				t.Fatal(rerr)
			}
			phrase := tc.phrase
			if tc.decode != "" {
				phrase = tc.decode
			}
			doc, err = Decode(data, path, tc.want)
			checkInputError(t, "Decode", path, doc, err, phrase)
		})
	}
	for name := range badCorpus {
		if !seen[name] {
			t.Errorf("%s: expected in %s but missing", name, badDir)
		}
	}
}

func checkInputError(t *testing.T, fn, path string, doc *Document, err error, phrase string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s(%s) = %+v, want an error containing %q", fn, path, doc, phrase)
	}
	if doc != nil {
		t.Errorf("%s(%s) returned a document with its error", fn, path)
	}
	var ie *InputError
	if !errors.As(err, &ie) {
		t.Fatalf("%s(%s) error %T %q is not an *InputError", fn, path, err, err)
	}
	msg := err.Error()
	if strings.ContainsAny(msg, "\n\r") {
		t.Errorf("%s(%s): message is not one line: %q", fn, path, msg)
	}
	if ie.Path != path {
		t.Errorf("%s(%s): InputError.Path = %q", fn, path, ie.Path)
	}
	if !strings.HasPrefix(msg, path+": ") {
		t.Errorf("%s(%s): message %q does not start with the path", fn, path, msg)
	}
	if !strings.Contains(msg, phrase) {
		t.Errorf("%s(%s):\n got  %s\n want a message containing %q", fn, path, msg, phrase)
	}
}

// generatedBad returns the files of fixtures/bad that are made by code rather
// than by hand: deep nesting, the binary encodings and the zip.
// Regenerate them with PRIVAPI_REGEN_BAD=1 go test -run TestGeneratedBadFixtures.
func generatedBad(t testing.TB) map[string][]byte {
	const head = `{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{}}`
	files := map[string][]byte{}

	var deep bytes.Buffer
	deep.WriteString(head + `,"variables":{"deep":{"value":`)
	deep.WriteString(strings.Repeat("[", 10000))
	deep.WriteString(strings.Repeat("]", 10000))
	deep.WriteString("}}}\n")
	files["deep-nesting.json"] = deep.Bytes()

	plan := head + `,"variables":{"owner":{"value":"platform team 🚀"}}}` + "\n"
	files["utf16-no-bom.json"] = utf16LE(plan, false)
	// The rocket's high surrogate without its low half.
	units := utf16.Encode([]rune(plan))
	var lone []uint16
	for i, u := range units {
		if u >= 0xDC00 && u <= 0xDFFF && i > 0 && units[i-1] >= 0xD800 && units[i-1] < 0xDC00 {
			continue
		}
		lone = append(lone, u)
	}
	files["utf16-unpaired-surrogate.json"] = unitsLE(lone, true)
	files["utf16-odd-length.json"] = append(utf16LE(plan, true), '\n')

	// Latin-1 "é" (0xE9) where UTF-8 needs two bytes.
	files["invalid-utf8.json"] = []byte(`{"format_version":"1.2","terraform_version":"1.9.5","resource_changes":[{"address":"aws_s3_bucket.logs","mode":"managed","type":"aws_s3_bucket","name":"logs","change":{"actions":["create"],"before":null,"after":{"bucket":"logs","tags":{"Owner":"Andr` + "\xe9" + `"}}}}],"planned_values":{"root_module":{}}}` + "\n")

	var zbuf bytes.Buffer
	zw := zip.NewWriter(&zbuf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "tfplan", Method: zip.Store, Modified: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("not a real plan: only the zip container matters here\n"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	files["binary-plan.tfplan"] = zbuf.Bytes()
	return files
}

func utf16LE(s string, bom bool) []byte { return unitsLE(utf16.Encode([]rune(s)), bom) }

func unitsLE(units []uint16, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range units {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// TestGeneratedBadFixtures checks that the generated files of fixtures/bad
// are what generatedBad makes (and rewrites them with PRIVAPI_REGEN_BAD=1).
func TestGeneratedBadFixtures(t *testing.T) {
	regen := os.Getenv("PRIVAPI_REGEN_BAD") == "1"
	for name, want := range generatedBad(t) {
		path := filepath.Join(badDir, name)
		if regen {
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (regenerate with PRIVAPI_REGEN_BAD=1)", err)
		}
		if name == "binary-plan.tfplan" {
			// Only the container matters; zip bytes may vary between Go versions.
			if _, err := zip.NewReader(bytes.NewReader(got), int64(len(got))); err != nil {
				t.Errorf("%s: not a zip archive: %v", name, err)
			}
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from what generatedBad makes (regenerate with PRIVAPI_REGEN_BAD=1)", name)
		}
	}
}
