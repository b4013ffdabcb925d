package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/privapi/privapi/internal/finding"
)

// Helpers shared by several formats: grouping, wording, counts. Everything
// here keeps the order of Report.Results, which is already sorted.

// unverifiedNote is how every human-facing format explains an unverified
// result whose doubt is a value known only after apply.
const unverifiedNote = "cannot know until apply"

// unverifiedWhy is how every human-facing format explains an unverified
// result: what to state in .privapi.hcl when the configuration file leaves
// out the fact that decides it, else unverifiedNote.
func unverifiedWhy(res *finding.Result) string {
	if res.Undeclared != "" {
		return "not stated in .privapi.hcl: set " + res.Undeclared
	}
	return unverifiedNote
}

// noAPIHeading titles the group of results not tied to one REST API.
const noAPIHeading = "Not tied to one API"

// apiGroup holds the results of one REST API ("" = not tied to one API).
type apiGroup struct {
	API      string
	Results  []finding.Result
	Subjects []subjectGroup
}

// subjectGroup holds the results of one subject within an API.
type subjectGroup struct {
	Subject string
	Results []finding.Result
}

// groupByAPI groups results by Result.API in order of first appearance, with
// results not tied to one API ("") last. Within a group, results are split by
// subject the same way (subject "" last).
func groupByAPI(rs []finding.Result) []apiGroup {
	var out []apiGroup
	idx := map[string]int{}
	var none []finding.Result
	for _, r := range rs {
		if r.API == "" {
			none = append(none, r)
			continue
		}
		i, ok := idx[r.API]
		if !ok {
			i = len(out)
			idx[r.API] = i
			out = append(out, apiGroup{API: r.API})
		}
		out[i].Results = append(out[i].Results, r)
	}
	if len(none) > 0 {
		out = append(out, apiGroup{Results: none})
	}
	for i := range out {
		out[i].Subjects = groupBySubject(out[i].Results)
	}
	return out
}

// groupBySubject groups results by Result.Subject in order of first
// appearance, with results without a subject last.
func groupBySubject(rs []finding.Result) []subjectGroup {
	var out []subjectGroup
	idx := map[string]int{}
	var none []finding.Result
	for _, r := range rs {
		if r.Subject == "" {
			none = append(none, r)
			continue
		}
		i, ok := idx[r.Subject]
		if !ok {
			i = len(out)
			idx[r.Subject] = i
			out = append(out, subjectGroup{Subject: r.Subject})
		}
		out[i].Results = append(out[i].Results, r)
	}
	if len(none) > 0 {
		out = append(out, subjectGroup{Results: none})
	}
	return out
}

// statusLabel is the human wording of a status. It never contains "fail", so
// that outputs judged by that substring (Atlantis) stay truthful.
func statusLabel(s finding.Status) string {
	switch s {
	case finding.Fail:
		return "not met"
	case finding.Unverified:
		return "unverified"
	case finding.Pass:
		return "passed"
	}
	return string(s)
}

// sourceString renders a source as file:line ("" when unknown).
func sourceString(s *finding.Source) string {
	if s == nil || s.File == "" {
		return ""
	}
	if s.Line <= 0 {
		return s.File
	}
	return s.File + ":" + strconv.Itoa(s.Line)
}

// waiverOrigin renders where a waiver was written, e.g. "config .privapi.hcl:12"
// or "inline main.tf:40".
func waiverOrigin(w *finding.Waiver) string {
	origin := originKind(w)
	if src := sourceString(w.Source); src != "" {
		return origin + " " + src
	}
	return origin
}

// originKind is "inline" for a waiver written in the .tf source,
// "baseline" for an entry of a --baseline file, else "config".
func originKind(w *finding.Waiver) string {
	switch w.Origin {
	case "inline", "baseline":
		return w.Origin
	}
	return "config"
}

// checkTitle is the display title of a result: "PA111 endpoint-sg-ingress".
func checkTitle(r *finding.Result) string {
	if r.Name == "" {
		return r.CheckID
	}
	return r.CheckID + " " + r.Name
}

// checkInfo finds the CheckInfo of id.
func (r *Report) checkInfo(id string) (CheckInfo, bool) {
	for _, c := range r.Checks {
		if c.ID == id {
			return c, true
		}
	}
	return CheckInfo{}, false
}

// countFailing counts the results that make the run fail.
func (r *Report) countFailing() int {
	n := 0
	for i := range r.Results {
		if r.FailOn.Fails(&r.Results[i], r.Strict) {
			n++
		}
	}
	return n
}

// countPassed counts passed results that no waiver touched.
func (r *Report) countPassed() int {
	n := r.Passed
	for _, res := range r.Results {
		if res.Status == finding.Pass && res.Waiver == nil {
			n++
		}
	}
	return n
}

// thresholdString renders --fail-on and --strict without the word "fail":
// "error", "warning, strict", "none".
func (r *Report) thresholdString() string {
	s := r.FailOn.String()
	if r.Strict && !r.FailOn.None {
		s += ", strict"
	}
	return s
}

// plural renders "1 error", "2 errors".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// summaryLine is the one-line summary of text and github:
// "privapi: 2 errors, 1 warning, 0 info, 1 unverified (threshold: error) — FAILED".
// It says FAILED only when the run fails, and never "fail" otherwise.
func (r *Report) summaryLine() string {
	s := r.Summary()
	parts := []string{
		plural(s.Errors, "error", "errors"),
		plural(s.Warnings, "warning", "warnings"),
		strconv.Itoa(s.Infos) + " info",
		strconv.Itoa(s.Unverified) + " unverified",
	}
	if n := len(r.Suppressed()); n > 0 {
		parts = append(parts, strconv.Itoa(n)+" waived")
	}
	verdict := "ok"
	if r.Failed() {
		verdict = "FAILED"
	}
	return fmt.Sprintf("%s: %s (threshold: %s) — %s", r.toolName(), strings.Join(parts, ", "), r.thresholdString(), verdict)
}

// toolName is Tool.Name, "privapi" when unset.
func (r *Report) toolName() string {
	if r.Tool.Name == "" {
		return "privapi"
	}
	return r.Tool.Name
}

// defangFail breaks every "fail" (any case) in s by replacing its "a" with
// repl(a). The atlantis and markdown formats run their whole output through
// it when the run does not fail: Atlantis judges a custom policy step by the
// substring "fail", and a resource named "failover" or a message saying
// "fails" must not turn a passing run into a failing one. The replacement is
// visible as an escape in the atlantis form (f\x61il) and a character
// reference in Markdown (which renders as the letter); never a hidden
// character. Our own wording never says "fail" in a passing run, so only
// foreign content changes.
func defangFail(s string, repl func(a byte) string) string {
	var b strings.Builder
	for {
		i := indexFoldASCII(s, "fail")
		if i < 0 {
			if b.Len() == 0 {
				return s
			}
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i+1])
		b.WriteString(repl(s[i+1]))
		b.WriteString(s[i+2 : i+4])
		s = s[i+4:]
	}
}

// indexFoldASCII finds lower-case ASCII sub in s ignoring ASCII case; byte
// offsets stay valid whatever else s holds.
func indexFoldASCII(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		ok := true
		for j := 0; j < len(sub); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

// oneLine folds line breaks into spaces.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\r", "")), " ")
}
