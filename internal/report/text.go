package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/privapi/privapi/internal/escape"
	"github.com/privapi/privapi/internal/finding"
)

// The text format: for people on a terminal. Findings grouped by API, then by
// subject; then the waived results; then a one-line summary.

func init() { Register("text", FormatterFunc(writeText)) }

const (
	ansiReset   = "\x1b[0m"
	ansiBold    = "\x1b[1m"
	ansiRed     = "\x1b[31m"
	ansiGreen   = "\x1b[32m"
	ansiYellow  = "\x1b[33m"
	ansiMagenta = "\x1b[35m"
	ansiCyan    = "\x1b[36m"
)

// textWriter accumulates the output; colour codes only when allowed.
type textWriter struct {
	bytes.Buffer
	color bool
}

func (t *textWriter) paint(code, s string) string {
	if !t.color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func severityColor(s finding.Severity) string {
	switch s {
	case finding.Error:
		return ansiBold + ansiRed
	case finding.Warning:
		return ansiYellow
	}
	return ansiCyan
}

// field writes "label  value" at indent, continuation lines aligned.
func (t *textWriter) field(indent, label, value string) {
	if value == "" {
		return
	}
	pad := indent + strings.Repeat(" ", 9)
	lines := strings.Split(textClean(strings.ReplaceAll(value, "\r\n", "\n")), "\n")
	fmt.Fprintf(&t.Buffer, "%s%-8s %s\n", indent, label, lines[0])
	for _, l := range lines[1:] {
		t.WriteString(pad + l + "\n")
	}
}

func writeText(w io.Writer, r *Report) error {
	t := &textWriter{color: r.Color}
	findings := r.Findings()
	if len(findings) == 0 {
		if len(r.Results) == 0 {
			t.WriteString(t.paint(ansiGreen, "No findings: nothing in this input for privapi to check.") + "\n")
		} else {
			t.WriteString(t.paint(ansiGreen, fmt.Sprintf("No findings: %s passed.", plural(r.countPassed(), "check result", "check results"))) + "\n")
		}
	}
	for _, g := range groupByAPI(findings) {
		if g.API == "" {
			t.WriteString(t.paint(ansiBold, noAPIHeading) + "\n")
		} else {
			t.WriteString(t.paint(ansiBold, "API "+escape.Line(g.API)) + "\n")
		}
		for j, sg := range g.Subjects {
			if j > 0 {
				t.WriteString("\n")
			}
			if sg.Subject != "" {
				t.WriteString("  " + t.paint(ansiBold, escape.Line(sg.Subject)) + "\n")
			}
			for i := range sg.Results {
				t.finding(&sg.Results[i])
			}
		}
		t.WriteString("\n")
	}
	if waived := r.Suppressed(); len(waived) > 0 {
		t.WriteString(t.paint(ansiBold, fmt.Sprintf("Waived (%d)", len(waived))) + "\n")
		for i := range waived {
			t.WriteString("  " + escape.Line(waivedLine(&waived[i])) + "\n")
		}
		t.WriteString("\n")
	}
	line := r.summaryLine()
	if r.Failed() {
		line = t.paint(ansiBold+ansiRed, line)
	} else {
		line = t.paint(ansiGreen, line)
	}
	t.WriteString(line + "\n")

	// A value with a line break must not start a line the GitHub Actions
	// runner reads as a workflow command.
	out := escape.Commands(t.String())
	if !r.Failed() {
		out = defangFail(out, func(a byte) string { return string(a) + "\u200b" })
	}
	_, err := io.WriteString(w, out)
	return err
}

// finding writes one finding block.
func (t *textWriter) finding(res *finding.Result) {
	const indent = "    "
	sev := fmt.Sprintf("%-7s", res.Severity)
	status := statusLabel(res.Status)
	if res.Status == finding.Unverified {
		status = t.paint(ansiMagenta, status+": "+unverifiedNote)
	}
	fmt.Fprintf(&t.Buffer, "%s%s %s — %s\n", indent, t.paint(severityColor(res.Severity), sev), t.paint(ansiBold, escape.Line(checkTitle(res))), status)
	in := indent + "  "
	t.field(in, "address", escape.Line(res.Address))
	t.field(in, "source", escape.Line(sourceString(res.Source)))
	t.field(in, "related", escape.Line(strings.Join(res.Related, ", ")))
	t.field(in, "message", res.Message)
	t.field(in, "fix", res.Fix)
}

// waivedLine renders "waived: PA501 aws_api_gateway_stage.prod — reason
// (config .privapi.hcl:12), expires 2026-01-31".
func waivedLine(res *finding.Result) string {
	w := res.Waiver
	s := fmt.Sprintf("waived: %s %s — %s (%s)", res.CheckID, res.Address, oneLine(w.Reason), waiverOrigin(w))
	if w.Expires != "" {
		s += ", expires " + w.Expires
	}
	return s
}

// textClean shows control characters and bidi overrides in foreign text as
// escapes (\x1b, \u202e), so that a message quoting a value cannot drive the
// terminal or reorder what is shown. Line breaks and tabs stay.
func textClean(s string) string { return escape.Control(s) }
