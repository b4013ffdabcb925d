// Package fixturejson visits the JSON of the generated fixtures' plans and
// states (fixtures/*/plan.json and state.json), for tests: seeds of fuzz
// targets and inputs of table tests. It is imported only by _test files.
package fixturejson

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// Files lists the plans and states of the fixtures under root (the
// repository root, relative to the test's package), sorted.
func Files(root string) []string {
	files, _ := filepath.Glob(filepath.Join(root, "fixtures", "*", "plan.json"))
	states, _ := filepath.Glob(filepath.Join(root, "fixtures", "*", "state.json"))
	files = append(files, states...)
	sort.Strings(files)
	return files
}

// Each decodes every plan and state of the fixtures (generic JSON values,
// numbers as float64) and calls visit with each, in Files order. It fails
// the test when there is none or one does not decode.
func Each(tb testing.TB, root string, visit func(path string, doc map[string]any)) {
	tb.Helper()
	files := Files(root)
	if len(files) == 0 {
		tb.Fatalf("no fixtures under %s", root)
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		var doc map[string]any
		if err := json.Unmarshal(b, &doc); err != nil {
			tb.Fatalf("%s: %v", p, err)
		}
		visit(p, doc)
	}
}

// Walk calls fn with v and with every value inside it, depth first, the
// members of objects in the order of their keys (so that seeds come out in
// a stable order).
func Walk(v any, fn func(v any)) {
	fn(v)
	switch x := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			Walk(x[k], fn)
		}
	case []any:
		for _, e := range x {
			Walk(e, fn)
		}
	}
}
