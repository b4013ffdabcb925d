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
	if in := textInputLine(r); in != "" {
		t.WriteString(escape.Line(in) + "\n\n")
	}
	v := r.view()
	if len(v.Shown) == 0 {
		switch {
		case r.empty():
			t.WriteString(t.paint(ansiGreen, "No findings: nothing in this input for privapi to check.") + "\n")
		case len(v.Hidden) == 0:
			t.WriteString(t.paint(ansiGreen, fmt.Sprintf("No findings: %s passed.", plural(r.countPassed(), "check result", "check results"))) + "\n")
		default:
			t.WriteString(t.paint(ansiGreen, fmt.Sprintf("Nothing to act on: %s passed.", plural(r.countPassed(), "check result", "check results"))) + "\n")
		}
	}
	for _, g := range groupByAPI(v.Shown) {
		if r.Compact {
			for i := range g.Results {
				t.compact(&g.Results[i], v.Held[g.Results[i].Key()])
			}
			continue
		}
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
				t.finding(&sg.Results[i], v.Held[sg.Results[i].Key()])
			}
		}
		t.WriteString("\n")
	}
	if r.Compact && len(v.Shown) > 0 {
		t.WriteString("\n")
	}
	if note := r.hiddenNote(v, "--verbose"); note != "" {
		t.WriteString(note + ".\n\n")
	}
	if waived := r.Suppressed(); len(waived) > 0 && r.Verbosity != VerbosityQuiet {
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
	_, err := io.WriteString(w, escape.Commands(t.String()))
	return err
}

// textInputLine names what was judged: "privapi 1.2.3 judged plan
// infra/plan.json (Terraform 1.9.5)", so that reports one after another can
// be told apart.
func textInputLine(r *Report) string {
	if r.Input.Path == "" {
		return ""
	}
	kind := r.Input.Kind
	if kind == "" {
		kind = "input"
	}
	s := r.toolName()
	if r.Tool.Version != "" {
		s += " " + r.Tool.Version
	}
	s += " judged " + kind + " " + r.Input.Path
	if r.Input.Path == "-" {
		s = strings.TrimSuffix(s, "-") + "from standard input"
	}
	if r.Input.TerraformVersion != "" {
		s += " (Terraform " + r.Input.TerraformVersion + ")"
	}
	return s
}

// label is the first column of a finding: its severity, or "unverified"
// (in its own colour: not a failure unless --strict).
func (t *textWriter) label(res *finding.Result) string {
	if res.Status == finding.Unverified {
		return t.paint(ansiMagenta, fmt.Sprintf("%-10s", "unverified"))
	}
	return t.paint(severityColor(res.Severity), fmt.Sprintf("%-10s", res.Severity))
}

// finding writes one finding block; held lists the other checks an
// unverified result stands for.
func (t *textWriter) finding(res *finding.Result, held []string) {
	const indent = "    "
	title := escape.Line(checkTitle(res))
	var status string
	switch res.Status {
	case finding.Unverified:
		status = t.paint(ansiMagenta, escape.Line(unverifiedWhy(res))) + fmt.Sprintf(" (%s if not met)", res.Severity)
	default:
		status = statusLabel(res.Status)
	}
	if len(held) > 0 {
		title += fmt.Sprintf(" and %d more", len(held))
	}
	fmt.Fprintf(&t.Buffer, "%s%s %s — %s\n", indent, t.label(res), t.paint(ansiBold, title), status)
	in := indent + "  "
	t.field(in, "address", escape.Line(res.Address))
	t.field(in, "source", escape.Line(sourceString(res.Source)))
	t.field(in, "related", escape.Line(strings.Join(res.Related, ", ")))
	t.field(in, "message", res.Message)
	t.field(in, "fix", res.Fix)
	if len(held) > 0 {
		t.field(in, "same for", escape.Line(strings.Join(held, "; ")))
	}
}

// compact writes one line: label, check, address, source, the message's
// first line cut at 160 characters.
func (t *textWriter) compact(res *finding.Result, held []string) {
	msg := escape.Line(firstLine(res.Message))
	if r := []rune(msg); len(r) > 160 {
		msg = string(r[:159]) + "…"
	}
	title := checkTitle(res)
	if len(held) > 0 {
		title += fmt.Sprintf(" (+%d)", len(held))
	}
	parts := []string{t.label(res), escape.Line(title), escape.Line(res.Address)}
	if src := sourceString(res.Source); src != "" {
		parts = append(parts, escape.Line(src))
	}
	fmt.Fprintf(&t.Buffer, "%s: %s\n", strings.Join(parts, " "), msg)
}

// firstLine is s up to its first line break.
func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
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
