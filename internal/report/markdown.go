package report

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/privapi/privapi/internal/finding"
)

// The markdown format: a pull request comment (GitHub, GitLab, Atlantis) and
// the GitHub job summary. Summary table, then findings grouped by API in
// collapsible blocks, then the waived results.
//
// Every piece of text privapi did not write is escaped with mdEscape, which
// uses character references only, so that it is inert both in Markdown and
// inside the HTML blocks (<details>, <summary>, <code>) where backslash
// escapes do not work.

func init() { Register("markdown", FormatterFunc(writeMarkdown)) }

// mdMarker lets bots find and update an earlier comment.
const mdMarker = "<!-- privapi-report -->"

func severityIcon(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "🔴"
	case finding.Warning:
		return "🟠"
	}
	return "🔵"
}

func writeMarkdown(w io.Writer, r *Report) error {
	var b bytes.Buffer
	s := r.Summary()
	failed := r.Failed()

	b.WriteString(mdMarker + "\n")
	fmt.Fprintf(&b, "## %s: private REST API reachability\n\n", mdEscape(r.toolName()))
	if failed {
		fmt.Fprintf(&b, "❌ **FAILED**: %s at or above the threshold (%s).\n\n",
			plural(r.countFailing(), "result", "results"), mdEscape(r.thresholdString()))
	} else {
		fmt.Fprintf(&b, "✅ **ok**: nothing at or above the threshold (%s).\n\n", mdEscape(r.thresholdString()))
	}
	waived := r.Suppressed()
	b.WriteString("| Errors | Warnings | Info | Unverified | Waived | Threshold |\n")
	b.WriteString("| ---: | ---: | ---: | ---: | ---: | --- |\n")
	fmt.Fprintf(&b, "| %d | %d | %d | %d | %d | %s |\n\n", s.Errors, s.Warnings, s.Infos, s.Unverified, len(waived), mdEscape(r.thresholdString()))
	if meta := mdInputLine(r); meta != "" {
		b.WriteString("<sub>" + meta + "</sub>\n\n")
	}

	findings := r.Findings()
	if len(findings) == 0 {
		if len(r.Results) == 0 {
			b.WriteString("No findings: nothing in this input for privapi to check.\n\n")
		} else {
			fmt.Fprintf(&b, "No findings: %s passed.\n\n", plural(r.countPassed(), "check result", "check results"))
		}
	}
	for _, g := range groupByAPI(findings) {
		if g.API == "" {
			b.WriteString("### " + noAPIHeading + "\n\n")
		} else {
			b.WriteString("### API " + mdCode(g.API) + "\n\n")
		}
		for _, sg := range g.Subjects {
			if sg.Subject != "" {
				b.WriteString("**" + mdEscape(sg.Subject) + "**\n\n")
			}
			for i := range sg.Results {
				mdFinding(&b, r, &sg.Results[i])
			}
		}
	}
	if len(waived) > 0 {
		fmt.Fprintf(&b, "### Waived (%d)\n\n", len(waived))
		b.WriteString("| Check | Address | Reason | Waived in | Expires |\n")
		b.WriteString("| --- | --- | --- | --- | --- |\n")
		for _, res := range waived {
			wv := res.Waiver
			in := originKind(wv)
			if src := sourceString(wv.Source); src != "" {
				in += " " + mdCode(src)
			}
			expires := "never"
			if wv.Expires != "" {
				expires = mdEscape(wv.Expires)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", mdEscape(checkTitle(&res)), mdCode(res.Address), mdEscape(wv.Reason), in, expires)
		}
		b.WriteString("\n")
	}

	out := b.String()
	if !failed {
		out = defangFail(out, func(a byte) string { return "&#" + strconv.Itoa(int(a)) + ";" })
	}
	_, err := io.WriteString(w, out)
	return err
}

// mdInputLine describes the tool and the input: "privapi 1.2.0 · plan <code>plan.json</code> · Terraform 1.9.5".
func mdInputLine(r *Report) string {
	var parts []string
	if r.Tool.Version != "" {
		parts = append(parts, mdEscape(r.toolName()+" "+r.Tool.Version))
	}
	if r.Input.Path != "" {
		kind := r.Input.Kind
		if kind == "" {
			kind = "input"
		}
		parts = append(parts, mdEscape(kind)+" "+mdCode(r.Input.Path))
	}
	if r.Input.TerraformVersion != "" {
		parts = append(parts, "Terraform "+mdEscape(r.Input.TerraformVersion))
	}
	return strings.Join(parts, " · ")
}

// mdFinding writes one finding as a collapsible block.
func mdFinding(b *bytes.Buffer, r *Report, res *finding.Result) {
	icon, status := severityIcon(res.Severity), statusLabel(res.Status)
	if res.Status == finding.Unverified {
		icon, status = "❔", status+", "+unverifiedNote
	}
	fmt.Fprintf(b, "<details><summary>%s %s · <b>%s</b> · %s · %s</summary>\n\n",
		icon, res.Severity, mdEscape(checkTitle(res)), status, mdCode(res.Address))
	item := func(label, value string) {
		if value != "" {
			fmt.Fprintf(b, "- **%s:** %s\n", label, value)
		}
	}
	item("Message", mdEscape(res.Message))
	item("Fix", mdEscape(res.Fix))
	if src := sourceString(res.Source); src != "" {
		item("Source", mdCode(src))
	}
	var rel []string
	for _, a := range res.Related {
		rel = append(rel, mdCode(a))
	}
	item("Related", strings.Join(rel, ", "))
	if c, ok := r.checkInfo(res.CheckID); ok && c.HelpURI != "" {
		item("Docs", `<a href="`+mdEscape(c.HelpURI)+`">`+mdEscape(res.CheckID)+`</a>`)
	}
	b.WriteString("\n</details>\n\n")
}

// mdCode renders s as inline code through HTML, so that it stays escapable.
func mdCode(s string) string {
	if s == "" {
		return ""
	}
	return "<code>" + mdEscape(s) + "</code>"
}

// mdEscape makes text inert in Markdown and HTML: HTML specials and Markdown
// punctuation become character references, line breaks become <br>.
func mdEscape(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\n', '\r':
			b.WriteString("<br>")
		case '*', '`', '[', ']', '\\', '|', '~', '!', '#':
			b.WriteString("&#" + strconv.Itoa(int(c)) + ";")
		case '_':
			// An underscore between two letters or digits can neither open
			// nor close emphasis; keep addresses readable.
			if i > 0 && i+1 < len(s) && isAlnum(s[i-1]) && isAlnum(s[i+1]) {
				b.WriteByte(c)
			} else {
				b.WriteString("&#95;")
			}
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}
