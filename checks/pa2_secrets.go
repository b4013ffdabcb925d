package checks

import "github.com/privapi/privapi/internal/topology"

// SensitiveStrings lists every string no message may show, longest first
// (topology finds them when it builds the view: View.SensitiveStrings).
// The engine replaces each of them in every message, fix and subject
// (checks evaluate on plain strings, so they cannot keep the marks
// themselves).
func SensitiveStrings(v *topology.View) []string { return v.SensitiveStrings() }
