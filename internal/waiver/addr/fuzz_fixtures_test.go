package addr

import (
	"regexp"
	"testing"

	"github.com/privapi/privapi/internal/fixturejson"
)

// FuzzMatchFixtures is FuzzMatch seeded with every resource address of the
// fixtures' plans and states, each with patterns made from it (the address
// itself, its indexes as [*], its type and name as *, a ** prefix). Compile
// and Match never panic, a canonical address parses again, and an address
// matches the pattern that is itself.
func FuzzMatchFixtures(f *testing.F) {
	seen := map[string]bool{}
	var addrs []string
	fixturejson.Each(f, "../../..", func(_ string, doc map[string]any) {
		fixturejson.Walk(doc, func(v any) {
			if x, ok := v.(map[string]any); ok {
				if a, ok := x["address"].(string); ok && !seen[a] {
					seen[a] = true
					addrs = append(addrs, a)
				}
			}
		})
	})
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
