package model

import "github.com/zclconf/go-cty/cty"

// ResolvedAttrs lists the attribute values an instance holds resolved (by
// Attr or SharedAttr; not ConfigValue's), in the order they were read.
func ResolvedAttrs(inst *Instance) (names []string, vals []cty.Value) {
	for _, a := range inst.attrs {
		if len(a.name) > 0 && a.name[0] == configPrefix[0] {
			continue
		}
		names, vals = append(names, a.name), append(vals, a.v)
	}
	return names, vals
}

// SharedUses counts the later instances SharedAttr answered from an entry:
// replayed and with parts replaced.
func SharedUses(m *Model) (hits, misses int) {
	for _, es := range m.shared {
		for _, e := range es {
			hits += e.hits
			misses += e.misses
		}
	}
	return hits, misses
}

// SameValue is sameValue: equal values with equal marks.
func SameValue(a, b cty.Value) bool { return sameValue(a, b) }
