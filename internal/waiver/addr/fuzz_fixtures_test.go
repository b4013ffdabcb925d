package addr

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
)

// FuzzMatchFixtures is FuzzMatch seeded with every resource address of the
// fixtures' plans and states, each with patterns made from it (the address
// itself, its indexes as [*], its type and name as *, a ** prefix). Compile
// and Match never panic, a canonical address parses again, and an address
// matches the pattern that is itself.
func FuzzMatchFixtures(f *testing.F) {
	files, _ := filepath.Glob("../../../fixtures/*/plan.json")
	states, _ := filepath.Glob("../../../fixtures/*/state.json")
	files = append(files, states...)
	sort.Strings(files)
	seen := map[string]bool{}
	var addrs []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if a, ok := x["address"].(string); ok && !seen[a] {
				seen[a] = true
				addrs = append(addrs, a)
			}
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				walk(x[k])
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(b, &doc); err != nil {
			f.Fatalf("%s: %v", p, err)
		}
		walk(doc)
	}
	if len(addrs) == 0 {
		f.Fatal("no addresses in the fixtures")
	}
	index := regexp.MustCompile(`\[[^\]]*\]`)
	for _, a := range addrs {
		f.Add(a, a)
		f.Add(index.ReplaceAllString(a, "[*]"), a)
		f.Add("**."+regexp.MustCompile(`[^.]+$`).ReplaceAllString(a, "*"), a)
	}
	f.Fuzz(func(t *testing.T, pattern, address string) {
		p, err := Compile(pattern)
		if err == nil {
			p.Match(address)
		}
		a, err := Parse(address)
		if err != nil {
			return
		}
		canon := a.String()
		if _, err := Parse(canon); err != nil {
			t.Fatalf("canonical form %q of %q does not parse: %v", canon, address, err)
		}
		if q, err := Compile(canon); err == nil && !q.Match(canon) {
			t.Fatalf("address %q does not match itself as a pattern", canon)
		}
	})
}
