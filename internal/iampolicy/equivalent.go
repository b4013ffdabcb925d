package iampolicy

import (
	"slices"
	"sort"
)

// Equivalent reports whether a and b differ at most by JSON formatting, key
// order, a single string against a one-element list, the order (and
// repetition) of values in lists, the order of statements, or the
// execute-api:/ shorthand against its expansion under x. Anything else,
// the case of keys or "*" against {"AWS": "*"} included, counts as a
// difference.
func Equivalent(a, b *Policy, x ExpandContext) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a.Version != b.Version || a.ID != b.ID || len(a.Statements) != len(b.Statements) {
		return false
	}
	return slices.Equal(canonicalStatements(a, x), canonicalStatements(b, x))
}

// canonicalStatements renders each statement in normal form, sorted.
func canonicalStatements(p *Policy, x ExpandContext) []string {
	out := make([]string, len(p.Statements))
	for i, s := range p.Statements {
		n := normalStatement(s, x)
		doc := Policy{Statements: []Statement{n}}
		out[i] = string(doc.JSON())
	}
	sort.Strings(out)
	return out
}

func normalStatement(s Statement, x ExpandContext) Statement {
	n := Statement{
		Sid:          s.Sid,
		Effect:       s.Effect,
		Principal:    normalPrincipal(s.Principal),
		NotPrincipal: normalPrincipal(s.NotPrincipal),
		Action:       sortedSet(s.Action),
		NotAction:    sortedSet(s.NotAction),
		Resource:     sortedSet(x.expandAll(s.Resource)),
		NotResource:  sortedSet(x.expandAll(s.NotResource)),
	}
	byOpKey := map[[2]string][]string{}
	for _, c := range s.Conditions {
		k := [2]string{c.Operator, c.Key}
		byOpKey[k] = append(byOpKey[k], c.Values...)
	}
	for k, vals := range byOpKey {
		n.Conditions = append(n.Conditions, Condition{Operator: k[0], Key: k[1], Values: sortedSet(vals)})
	}
	sortConditions(n.Conditions)
	return n
}

func normalPrincipal(p *Principal) *Principal {
	if p == nil || p.Wildcard {
		return p
	}
	n := &Principal{Values: make(map[string][]string, len(p.Values))}
	for typ, ids := range p.Values {
		n.Values[typ] = sortedSet(ids)
	}
	return n
}

// sortedSet sorts and de-duplicates a copy of list; nil stays nil.
func sortedSet(list []string) []string {
	if list == nil {
		return nil
	}
	out := slices.Clone(list)
	sort.Strings(out)
	return slices.Compact(out)
}
