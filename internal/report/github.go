package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/privapi/privapi/internal/escape"
	"github.com/privapi/privapi/internal/finding"
)

// The github format: GitHub Actions workflow commands that annotate the .tf
// lines of a pull request, a plain summary line, and, when the CLI passes the
// GITHUB_STEP_SUMMARY file as Report.StepSummary, the markdown report as the
// job summary.

func init() { Register("github", FormatterFunc(writeGitHub)) }

// ghEscapeData escapes the message of a workflow command: the runner's own
// escapes for %, CR and LF, and every other control character, DEL, C1
// control and bidi override shown as an escape (\x1b, \u202e), which the
// runner leaves as text.
func ghEscapeData(s string) string {
	return escape.Control(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", "##[", `#\x23[`).Replace(s))
}

// ghEscapeProperty escapes a property value of a workflow command.
func ghEscapeProperty(s string) string {
	return escape.Control(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C", "##[", `#\x23[`).Replace(s))
}

// ghCommand renders "::cmd k=v,k=v::message" with everything escaped; props
// holds key/value pairs in order, empty values left out.
func ghCommand(cmd string, props [][2]string, msg string) string {
	var p []string
	for _, kv := range props {
		if kv[1] != "" {
			p = append(p, kv[0]+"="+ghEscapeProperty(kv[1]))
		}
	}
	s := "::" + cmd
	if len(p) > 0 {
		s += " " + strings.Join(p, ",")
	}
	return s + "::" + ghEscapeData(msg)
}

// ghAnnotation turns one finding into a workflow command; held lists the
// other checks an unverified result stands for.
func ghAnnotation(res *finding.Result, held []string) string {
	cmd := "notice"
	switch res.Severity {
	case finding.Error:
		cmd = "error"
	case finding.Warning:
		cmd = "warning"
	}
	title := checkTitle(res)
	var msg strings.Builder
	if res.Status == finding.Unverified {
		cmd = "warning"
		title += " (unverified)"
		msg.WriteString("Unverified, " + unverifiedWhy(res) + ": ")
	}
	if res.Address != "" {
		msg.WriteString(res.Address + ": ")
	}
	msg.WriteString(res.Message)
	if res.Fix != "" {
		msg.WriteString("\nFix: " + res.Fix)
	}
	if len(res.Related) > 0 {
		msg.WriteString("\nRelated: " + strings.Join(res.Related, ", "))
	}
	if len(held) > 0 {
		title += fmt.Sprintf(" and %d more", len(held))
		msg.WriteString("\nSame for: " + strings.Join(held, "; "))
	}
	var file, line, end string
	if res.Source != nil && res.Source.File != "" {
		file = res.Source.File
		if res.Source.Line > 0 {
			line = strconv.Itoa(res.Source.Line)
			if res.Source.EndLine >= res.Source.Line {
				end = strconv.Itoa(res.Source.EndLine)
			}
		}
	}
	return ghCommand(cmd, [][2]string{{"file", file}, {"line", line}, {"endLine", end}, {"title", title}}, msg.String())
}

// ghPerType is how many annotations of one type (error, warning, notice)
// GitHub shows for a step; privapi writes no more than that.
const ghPerType = 10

func writeGitHub(w io.Writer, r *Report) error {
	var b bytes.Buffer
	v := r.view()
	written := map[string]int{}
	left := map[string]int{}
	for _, g := range groupByAPI(v.Shown) {
		for _, sg := range g.Subjects {
			for i := range sg.Results {
				res := &sg.Results[i]
				a := ghAnnotation(res, v.Held[res.Key()])
				typ := a[2:]
				typ = typ[:strings.IndexAny(typ, " :")]
				if written[typ] >= ghPerType {
					left[typ]++
					continue
				}
				written[typ]++
				b.WriteString(a + "\n")
			}
		}
	}
	for _, typ := range []string{"error", "warning", "notice"} {
		if n := left[typ]; n > 0 {
			fmt.Fprintf(&b, "%s: %s not annotated (GitHub shows %d per type and step); the job summary, the text report and the SARIF upload list every finding\n",
				r.toolName(), plural(n, "more "+typ, "more "+typ+"s"), ghPerType)
		}
	}
	if note := r.hiddenNote(v, "--verbose"); note != "" {
		fmt.Fprintf(&b, "%s: %s\n", r.toolName(), note)
	}
	// A plain line is not a command; keep foreign text out of it.
	fmt.Fprintln(&b, r.summaryLine())
	if _, err := w.Write(b.Bytes()); err != nil {
		return err
	}
	if r.StepSummary != nil {
		if err := writeMarkdown(r.StepSummary, r); err != nil {
			return fmt.Errorf("writing the job summary: %w", err)
		}
	}
	return nil
}
