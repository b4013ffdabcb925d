package waiver

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// FuzzParseInlineFixtures is FuzzParseInline seeded with every .tf file of
// the fixtures (and fixtures/bad/syntax-error.tf): inline waivers are found
// on lines that exist, valid ones have IDs and a reason, and Scan/At never
// panic.
func FuzzParseInlineFixtures(f *testing.F) {
	var files []string
	filepath.WalkDir("../../fixtures", func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".tf") {
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	if len(files) == 0 {
		f.Fatal("no .tf files under fixtures")
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		nlines := strings.Count(string(src), "\n") + 1
		for _, in := range ParseInline("f.tf", src) {
			if in.Line < 1 || in.Line > nlines {
				t.Fatalf("line %d out of 1..%d", in.Line, nlines)
			}
			if in.Err == nil && (len(in.CheckIDs) == 0 || in.Reason == "") {
				t.Fatalf("valid waiver without IDs or reason: %+v", in)
			}
		}
		sf := Scan("f.tf", src)
		for l := -1; l <= len(sf.Lines)+1; l++ {
			sf.At(l)
		}
	})
}
