package planfile

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeFixtures is FuzzDecode seeded with the repository's own inputs
// (FuzzDecode's seeds live next to the repository and may be absent): every
// plan and state under fixtures/ and every file of fixtures/bad. Decode
// never panics, refuses with a one-line *InputError and no document, or
// returns a consistent plan or state.
func FuzzDecodeFixtures(f *testing.F) {
	var files []string
	for _, pattern := range []string{"../../fixtures/*/plan.json", "../../fixtures/*/state.json", filepath.Join(badDir, "*")} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	sort.Strings(files)
	n := 0
	for _, p := range files {
		if strings.HasSuffix(p, ".md") {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(n))
		n++
	}
	if n == 0 {
		f.Fatal("no fixtures")
	}
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
			if msg := err.Error(); strings.ContainsAny(msg, "\n\r") || !utf8.ValidString(msg) {
				t.Fatalf("message not one line of UTF-8: %q", msg)
			}
			return
		}
		if want != "" && doc.Kind != want {
			t.Fatalf("Kind %q with Want %q", doc.Kind, want)
		}
		if (doc.Kind == KindPlan) != (doc.Plan != nil) || (doc.Kind == KindState) != (doc.State != nil) {
			t.Fatalf("Kind %q with Plan %v, State %v", doc.Kind, doc.Plan != nil, doc.State != nil)
		}
		if doc.FormatVersion == "" {
			t.Fatal("no format version")
		}
	})
}
