package report

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/privapi/privapi/internal/escape"
	"github.com/privapi/privapi/internal/finding"
)

// The atlantis format: for a custom policy check step of Atlantis, which puts
// the step's output in a ```diff fence of the pull request comment and
// judges the step by the substring "fail" (and by the exit code).
//
// So the form is plain text: no HTML or Markdown (neither renders inside a
// fence); a line starts with "-" only for a finding that fails the run (the
// diff colours it red); every other line starts with a letter or with
// spaces, and runs of three or more backticks in values are shown as \x60
// escapes, so that no value can close the fence. When the run does not
// fail, our wording never says "fail", and "fail" in values (a resource
// named failover) is written f\x61il. The report stops at atlantisMaxBytes
// and says what it left out.

func init() { Register("atlantis", FormatterFunc(writeAtlantis)) }

// atlantisMaxBytes keeps the policy output, with Atlantis's own text around
// it, under GitHub's 65,536 characters for a comment.
const atlantisMaxBytes = 48 << 10

var backtickRun = regexp.MustCompile("`{3,}")

// atlantisValue is a foreign value for the atlantis form: escapes for
// control characters, no fence, continuation lines indented.
func atlantisValue(s, indent string) string {
	s = escape.Control(strings.ReplaceAll(s, "\r\n", "\n"))
	s = backtickRun.ReplaceAllStringFunc(s, func(m string) string { return strings.Repeat(`\x60`, len(m)) })
	return strings.ReplaceAll(s, "\n", "\n"+indent)
}

func writeAtlantis(w io.Writer, r *Report) error {
	var b strings.Builder
	failed := r.Failed()
	if in := textInputLine(r); in != "" {
		b.WriteString(atlantisValue(in, "  ") + "\n")
	}
	if failed {
		fmt.Fprintf(&b, "Result: FAILED, %s at or above the threshold (%s).\n\n", plural(r.countFailing(), "result", "results"), r.thresholdString())
	} else {
		fmt.Fprintf(&b, "Result: ok, nothing at or above the threshold (%s).\n\n", r.thresholdString())
	}
	v := r.view()
	if len(v.Shown) == 0 {
		if r.empty() {
			b.WriteString("No findings: nothing in this input for privapi to check.\n\n")
		} else {
			fmt.Fprintf(&b, "Nothing to act on: %s passed.\n\n", plural(r.countPassed(), "check result", "check results"))
		}
	}
	left := 0
	for _, g := range groupByAPI(v.Shown) {
		if left > 0 || b.Len() > atlantisMaxBytes {
			left += len(g.Results)
			continue
		}
		if g.API == "" {
			b.WriteString(noAPIHeading + "\n")
		} else {
			b.WriteString("API " + atlantisValue(g.API, "    ") + "\n")
		}
		for i := range g.Results {
			if b.Len() > atlantisMaxBytes {
				left += len(g.Results) - i
				break
			}
			atlantisFinding(&b, r, &g.Results[i], v.Held[g.Results[i].Key()])
		}
		b.WriteString("\n")
	}
	if left > 0 {
		fmt.Fprintf(&b, "%s not shown here, to keep this comment under GitHub's size limit: run privapi check on the plan, or use --format json, for all of them.\n\n",
			plural(left, "more finding", "more findings"))
	}
	if note := r.hiddenNote(v, "--verbose"); note != "" {
		b.WriteString(note + ".\n\n")
	}
	if waived := r.Suppressed(); len(waived) > 0 && r.Verbosity != VerbosityQuiet {
		fmt.Fprintf(&b, "Waived (%d)\n", len(waived))
		for i := range waived {
			b.WriteString("  " + atlantisValue(waivedLine(&waived[i]), "    ") + "\n")
		}
		b.WriteString("\n")
	}
	b.WriteString(r.summaryLine() + "\n")
	out := escape.Commands(b.String())
	if !failed {
		out = defangFail(out, func(a byte) string { return fmt.Sprintf(`\x%02x`, a) })
	}
	_, err := io.WriteString(w, out)
	return err
}

// atlantisFinding writes one finding: a head line (starting with "-" when
// the finding fails the run), then indented fields.
func atlantisFinding(b *strings.Builder, r *Report, res *finding.Result, held []string) {
	lead := "  "
	if r.FailOn.Fails(res, r.Strict) {
		lead = "- "
	}
	label := res.Severity.String()
	status := statusLabel(res.Status)
	if res.Status == finding.Unverified {
		label = "unverified"
		status = atlantisValue(unverifiedWhy(res), "    ") + " (" + res.Severity.String() + " if not met)"
	}
	title := checkTitle(res)
	if len(held) > 0 {
		title += fmt.Sprintf(" and %d more", len(held))
	}
	fmt.Fprintf(b, "%s%s %s: %s, %s\n", lead, label, atlantisValue(title, "    "), atlantisValue(res.Address, "    "), status)
	field := func(k, v string) {
		if v != "" {
			b.WriteString("    " + k + ": " + atlantisValue(v, "      ") + "\n")
		}
	}
	field("source", sourceString(res.Source))
	field("subject", res.Subject)
	field("message", res.Message)
	field("fix", res.Fix)
	if len(held) > 0 {
		field("same for", strings.Join(held, "; "))
	}
}
