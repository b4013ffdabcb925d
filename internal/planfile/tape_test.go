package planfile

import (
	"os"
	"path/filepath"
	"testing"
)

// TestScanSpans: every span the scanner records is a container inside a
// section's elements, ending where counting brackets ends it, by start,
// and only the large ones.
func TestScanSpans(t *testing.T) {
	paths, _ := filepath.Glob("../../fixtures/*/plan.json")
	if len(paths) == 0 {
		t.Fatal("no fixture plans")
	}
	recorded := 0
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		data := utf8Text(t, raw)
		for _, min := range []int{1, minSpan} {
			res, err := scanSpans(data, min)
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			for k, sp := range res.spans {
				start, end := int(sp.start), int(sp.end)
				if c := data[start]; c != '{' && c != '[' {
					t.Fatalf("%s: span %d starts with %q", p, k, c)
				}
				if want := skipValue(data, start); end != want || end-start < min {
					t.Fatalf("%s: span %d is [%d,%d), the container ends at %d (min %d)", p, k, start, end, want, min)
				}
				if k > 0 && sp.start <= res.spans[k-1].start {
					t.Fatalf("%s: spans %d and %d out of order", p, k-1, k)
				}
			}
			recorded += len(res.spans)
		}
	}
	if recorded == 0 {
		t.Error("no spans recorded")
	}
}
