package planfile

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// addSeeds adds the real plans, the example plans and the bad corpus.
func addSeeds(f *testing.F, add func(data []byte, i int)) {
	var files []string
	for _, pattern := range []string{
		filepath.Join(realPlansDir, "*.json"),
		examplesGlob,
		filepath.Join(badDir, "*"),
	} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	for i, path := range files {
		if strings.HasSuffix(path, ".md") {
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		add(data, i)
	}
	for i, s := range []string{
		``, `{}`, `{"format_version":"1.0"}`, `{"format_version":"1.2","planned_values":{}}`,
		`{"format_version":"1.0","values":{"root_module":{}}}`, `[[[[`, `{"a":1,"a":2}`, `1e400`,
		`{"format_version":"1.0","resource_changes":[{"change":{"actions":"x"}}]}`,
		"\xff\xfe{\x00}\x00", "\xfe\xff\x00{\x00}", "\xef\xbb\xbf{}",
	} {
		add([]byte(s), i)
	}
}

// FuzzDecode: Decode never panics, every error is a one-line *InputError, and
// a document is always a consistent plan or state.
func FuzzDecode(f *testing.F) {
	addSeeds(f, func(data []byte, i int) { f.Add(data, uint8(i)) })
	f.Fuzz(func(t *testing.T, data []byte, w uint8) {
		want := []Kind{"", KindPlan, KindState}[w%3]
		doc, err := Decode(data, "fuzz.json", want)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %T is not an *InputError: %v", err, err)
			}
			if doc != nil {
				t.Fatalf("document returned with error %v", err)
			}
			msg := err.Error()
			if strings.ContainsAny(msg, "\n\r") || !utf8.ValidString(msg) {
				t.Fatalf("message not one line of UTF-8: %q", msg)
			}
			return
		}
		if want != "" && doc.Kind != want {
			t.Fatalf("Kind %q with Want %q", doc.Kind, want)
		}
		switch doc.Kind {
		case KindPlan:
			if doc.Plan == nil || doc.State != nil {
				t.Fatal("plan without Plan")
			}
		case KindState:
			if doc.State == nil || doc.Plan != nil {
				t.Fatal("state without State")
			}
		default:
			t.Fatalf("Kind %q", doc.Kind)
		}
		if doc.FormatVersion == "" {
			t.Fatal("no format version")
		}
	})
}

// FuzzScan: the scanner accepts only what encoding/json accepts, and refuses
// valid UTF-8 JSON only for duplicate keys, huge numbers or deep nesting.
func FuzzScan(f *testing.F) {
	addSeeds(f, func(data []byte, _ int) { f.Add(data) })
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := scanSpans(data, 1)
		if err == nil {
			// the spans are the containers inside the sections' elements
			for k, sp := range res.spans {
				if end := skipValue(data, int(sp.start)); int(sp.end) != end || (k > 0 && sp.start <= res.spans[k-1].start) {
					t.Fatalf("span %d [%d,%d): the container ends at %d", k, sp.start, sp.end, end)
				}
			}
		}
		valid := json.Valid(data)
		if err == nil && !valid {
			t.Fatalf("scan accepts what encoding/json refuses")
		}
		if err != nil && valid && utf8.Valid(data) {
			switch err.kind {
			case errDupKey, errNumRange, errDepth:
			default:
				t.Fatalf("scan refuses valid JSON: %+v", err)
			}
		}
		if err != nil && (err.off < 0 || err.off > len(data)) {
			t.Fatalf("offset %d outside the input", err.off)
		}
	})
}
