package report

import (
	"strings"

	"github.com/privapi/privapi/internal/finding"
)

// Verbosity chooses how much the human formats (text, markdown, github)
// show. The machine formats (json, sarif, junit) always hold everything.
type Verbosity int

const (
	// VerbosityDefault shows every finding except info results below the
	// threshold, which are counted in one line.
	VerbosityDefault Verbosity = iota
	// VerbosityQuiet shows only findings at or above the threshold.
	VerbosityQuiet
	// VerbosityVerbose shows every finding.
	VerbosityVerbose
)

// view is what the human formats show.
type view struct {
	// Shown are the findings to show, in report order; an unverified
	// result stands for every unverified result of the same API with the
	// same fix (one root cause).
	Shown []finding.Result
	// Held maps the Key of a shown result to the titles of the other
	// results it stands for ("PA203 endpoint-policy-denies").
	Held map[string][]string
	// Hidden are the findings Verbosity leaves out.
	Hidden []finding.Result
}

// shows reports whether the verbosity shows res.
func (r *Report) shows(res *finding.Result) bool {
	atThreshold := !r.FailOn.None && res.Severity >= r.FailOn.Severity
	switch r.Verbosity {
	case VerbosityQuiet:
		return atThreshold
	case VerbosityVerbose:
		return true
	}
	return atThreshold || res.Severity > finding.Info
}

// view builds the view of the report's findings.
func (r *Report) view() view {
	v := view{Held: map[string][]string{}}
	first := map[string]int{} // root cause -> index in Shown
	for _, res := range r.Findings() {
		if !r.shows(&res) {
			v.Hidden = append(v.Hidden, res)
			continue
		}
		if res.Status == finding.Unverified && res.Fix != "" {
			cause := res.API + "\x00" + res.Fix
			if i, ok := first[cause]; ok {
				k := v.Shown[i].Key()
				title := checkTitle(&res)
				if res.Address != v.Shown[i].Address {
					title += " (" + res.Address + ")"
				}
				v.Held[k] = append(v.Held[k], title)
				if res.Severity > v.Shown[i].Severity {
					v.Shown[i].Severity = res.Severity
				}
				continue
			}
			first[cause] = len(v.Shown)
		}
		v.Shown = append(v.Shown, res)
	}
	return v
}

// hiddenNote says what the verbosity left out ("" when nothing): "2
// findings below the threshold not shown (PA403, PA502): --verbose shows
// them, and the json, sarif and junit formats list every finding".
func (r *Report) hiddenNote(v view, flag string) string {
	if len(v.Hidden) == 0 {
		return ""
	}
	var ids []string
	seen := map[string]bool{}
	for _, res := range v.Hidden {
		if !seen[res.CheckID] {
			seen[res.CheckID] = true
			ids = append(ids, res.CheckID)
		}
	}
	what := plural(len(v.Hidden), "info finding", "info findings")
	if r.Verbosity == VerbosityQuiet {
		what = plural(len(v.Hidden), "finding", "findings")
		flag = "leaving out --quiet"
	}
	return what + " below the threshold not shown (" + strings.Join(ids, ", ") + "): " + flag + " shows them; the json, sarif and junit formats list every finding"
}
