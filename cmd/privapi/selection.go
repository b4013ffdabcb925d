package main

import (
	"strings"

	"github.com/privapi/privapi/checks"
)

// checkRef is a check as the command line may name it.
type checkRef struct{ ID, Name string }

// knownChecks lists every check a flag or .privapi.hcl may name: the
// registry, which includes the checks on waivers (PA901, PA902).
func knownChecks() []checkRef {
	var out []checkRef
	for _, c := range checks.All() {
		out = append(out, checkRef{c.ID, c.Name})
	}
	return out
}

// resolveChecks turns the values of --check or --skip-check (IDs or names,
// any case, comma-separated or repeated) into check IDs.
func resolveChecks(flag string, vals []string) (map[string]bool, error) {
	if len(vals) == 0 {
		return nil, nil
	}
	known := knownChecks()
	out := map[string]bool{}
	for _, v := range vals {
		for _, part := range strings.Split(v, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			id := ""
			for _, c := range known {
				if strings.EqualFold(part, c.ID) || strings.EqualFold(part, c.Name) {
					id = c.ID
					break
				}
			}
			if id == "" {
				msg := "--" + flag + ": unknown check " + quoteArg(part) + " (see privapi checks)"
				if s := closestCheck(part, known); s != "" {
					msg += "; did you mean " + s + "?"
				}
				return nil, usagef("%s", msg)
			}
			out[id] = true
		}
	}
	if len(out) == 0 {
		return nil, usagef("--%s: no check named", flag)
	}
	return out, nil
}

// quoteArg quotes a command-line value for a message, so that control
// characters in it cannot reach the terminal.
func quoteArg(s string) string {
	const max = 60
	if len(s) > max {
		s = s[:max] + "…"
	}
	return strings.ToValidUTF8(quoteGo(s), "?")
}

// printable replaces control characters (a file name may hold any) so a
// message stays one line and cannot drive the terminal.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return '?'
		}
		return r
	}, strings.ToValidUTF8(s, "?"))
}

func quoteGo(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			b.WriteByte('?')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// closestCheck suggests the ID or name nearest to s (at most 2 edits away
// from an ID, or a third of a name's length).
func closestCheck(s string, known []checkRef) string {
	best, bestD := "", 1<<30
	for _, c := range known {
		for _, cand := range []string{c.ID, c.Name} {
			d := editDistance(strings.ToLower(s), strings.ToLower(cand))
			limit := 2
			if cand == c.Name {
				limit = max(2, len(cand)/3)
			}
			if d <= limit && d < bestD {
				best, bestD = cand, d
			}
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
