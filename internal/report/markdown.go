package report

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/privapi/privapi/internal/escape"
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

// mdMaxBytes is where the markdown report stops adding findings: a pull
// request comment holds at most 65,536 characters and a job summary 1 MiB.
const mdMaxBytes = 56 << 10

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

	v := r.view()
	if len(v.Shown) == 0 {
		switch {
		case r.empty():
			b.WriteString("No findings: nothing in this input for privapi to check.\n\n")
		case len(v.Hidden) == 0:
			fmt.Fprintf(&b, "No findings: %s passed.\n\n", plural(r.countPassed(), "check result", "check results"))
		default:
			fmt.Fprintf(&b, "Nothing to act on: %s passed.\n\n", plural(r.countPassed(), "check result", "check results"))
		}
	}
	left := 0 // findings not written: the comment would grow past mdMaxBytes
	for _, g := range groupByAPI(v.Shown) {
		if left > 0 || b.Len() > mdMaxBytes {
			left += len(g.Results)
			continue
		}
		if g.API == "" {
			b.WriteString("### " + noAPIHeading + "\n\n")
		} else {
			b.WriteString("### API " + mdCode(g.API) + "\n\n")
		}
		for _, sg := range g.Subjects {
			if left > 0 || b.Len() > mdMaxBytes {
				left += len(sg.Results)
				continue
			}
			if sg.Subject != "" {
				b.WriteString("**" + mdEscape(sg.Subject) + "**\n\n")
			}
			for i := range sg.Results {
				if b.Len() > mdMaxBytes {
					left += len(sg.Results) - i
					break
				}
				mdFinding(&b, r, &sg.Results[i], v.Held[sg.Results[i].Key()])
			}
		}
	}
	if left > 0 {
		fmt.Fprintf(&b, "**%s not shown here**, to keep this report under GitHub's size limits (65,536 characters for a comment, 1 MiB for a job summary). The text report of the same run (`privapi check`), `--format json` and the SARIF upload list every finding.\n\n",
			plural(left, "more finding", "more findings"))
	}
	if note := r.hiddenNote(v, "`--verbose`"); note != "" {
		b.WriteString(mdEscapeKeepCode(note) + ".\n\n")
	}
	mdPaths(&b, r)
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

// mdFinding writes one finding as a collapsible block; held lists the
// other checks an unverified result stands for.
func mdFinding(b *bytes.Buffer, r *Report, res *finding.Result, held []string) {
	icon, status := severityIcon(res.Severity), statusLabel(res.Status)
	if res.Status == finding.Unverified {
		icon, status = "❔", status+", "+mdEscape(unverifiedWhy(res))
	}
	title := checkTitle(res)
	if len(held) > 0 {
		title += fmt.Sprintf(" and %d more", len(held))
	}
	fmt.Fprintf(b, "<details><summary>%s %s · <b>%s</b> · %s · %s</summary>\n\n",
		icon, res.Severity, mdEscape(title), status, mdCode(res.Address))
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
	if len(held) > 0 {
		item("Same for", mdEscape(strings.Join(held, "; ")))
	}
	if c, ok := r.checkInfo(res.CheckID); ok && c.HelpURI != "" {
		item("Docs", `<a href="`+html.EscapeString(c.HelpURI)+`">`+mdEscape(res.CheckID)+`</a>`)
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
// punctuation become character references, line breaks become <br>, control
// and bidi characters escapes (\x1b, \u202e). @mentions, #123
// references and e-mail-like strings (a@b.c, which GitHub would make a
// mailto: link) go into <code>, where GitHub links nothing, and bare links to
// hosts other than the documentation privapi cites are defanged
// (https[:]//, www[.]) so that the autolinker leaves them as text.
func mdEscape(s string) string {
	var b strings.Builder
	s = escape.Control(strings.ReplaceAll(s, "\r\n", "\n"))
	for i := 0; i < len(s); i++ {
		boundary := i == 0 || !isAlnum(s[i-1])
		if boundary {
			if n := mdEmail(s[i:]); n > 0 {
				b.WriteString("<code>" + mdEscapeChars(s[i:i+n]) + "</code>")
				i += n - 1
				continue
			}
			if n := mdMention(s[i:]); n > 0 {
				b.WriteString("<code>" + mdEscapeChars(s[i:i+n]) + "</code>")
				i += n - 1
				continue
			}
		}
		// A link inside a word ("apphttp://x") is defanged as well, whatever
		// a renderer's rule for where an autolink may start.
		if n := mdLink(s[i:]); n > 0 {
			link := s[i : i+n]
			// A trusted prefix does not vouch for a second link inside
			// ("https://docs.aws.amazon.com/http://x").
			if !mdTrustedLink(link) || mdLinkInside(link) {
				link = mdDefang(link)
			}
			b.WriteString(mdEscapeChars(link))
			i += n - 1
			continue
		}
		b.WriteString(mdEscapeByte(s, i))
	}
	return b.String()
}

// mdEscapeChars escapes each byte of s (see mdEscape).
func mdEscapeChars(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteString(mdEscapeByte(s, i))
	}
	return b.String()
}

// mdEscapeByte is s[i] as inert Markdown and HTML.
func mdEscapeByte(s string, i int) string {
	c := s[i]
	switch c {
	case '&':
		return "&amp;"
	case '<':
		return "&lt;"
	case '>':
		return "&gt;"
	case '"':
		return "&quot;"
	case '\n', '\r':
		return "<br>"
	case '*', '`', '[', ']', '\\', '|', '~', '!', '#':
		return "&#" + strconv.Itoa(int(c)) + ";"
	case '_':
		// An underscore between two letters or digits can neither open
		// nor close emphasis; keep addresses readable.
		if i > 0 && i+1 < len(s) && isAlnum(s[i-1]) && isAlnum(s[i+1]) {
			return "_"
		}
		return "&#95;"
	}
	return s[i : i+1]
}

// mdEmailPattern is what GitHub's autolinker takes for an e-mail address:
// local part, @, and a domain with at least one dot.
var mdEmailPattern = regexp.MustCompile(`^[A-Za-z0-9.+_-]+@[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+`)

// mdEmail is the length of an e-mail-like string (a@b.c) at the start of s,
// which GitHub would turn into a mailto: link (0 when there is none).
func mdEmail(s string) int {
	n := 0
	for n < len(s) && (isAlnum(s[n]) || strings.IndexByte(".+_-", s[n]) >= 0) {
		n++
	}
	if n == 0 || n >= len(s) || s[n] != '@' {
		return 0 // not one word before an @
	}
	return len(mdEmailPattern.FindString(s))
}

// mdMention is the length of an @mention or #123 reference at the start of
// s (0 when there is none).
func mdMention(s string) int {
	if len(s) < 2 || (s[0] != '@' && s[0] != '#') || !isAlnum(s[1]) {
		return 0
	}
	if s[0] == '#' && !(s[1] >= '0' && s[1] <= '9') {
		return 0
	}
	n := 1
	for n < len(s) && (isAlnum(s[n]) || s[n] == '-' || s[n] == '_' || s[n] == '/') {
		n++
	}
	return n
}

// mdLink is the length of a bare link at the start of s (http://, https://
// or www.); 0 when there is none.
func mdLink(s string) int {
	low := strings.ToLower(s[:min(len(s), 8)])
	scheme := strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "https://")
	if !scheme && !strings.HasPrefix(low, "www.") {
		return 0
	}
	n := strings.IndexFunc(s, func(r rune) bool { return r <= ' ' || strings.ContainsRune("<>\"'`", r) })
	if n < 0 {
		n = len(s)
	}
	return n
}

// mdDefang breaks every "://" and "www." in a link that is not trusted
// ("http[:]//www[.]x"), so that no part of it starts a link of its own.
func mdDefang(link string) string {
	var b strings.Builder
	for i := 0; i < len(link); i++ {
		switch {
		case strings.HasPrefix(link[i:], "://"):
			b.WriteString("[:]//")
			i += 2
		case len(link)-i >= 4 && strings.EqualFold(link[i:i+4], "www."):
			b.WriteString(link[i:i+3] + "[.]")
			i += 3
		default:
			b.WriteByte(link[i])
		}
	}
	return b.String()
}

// mdLinkInside: after the "scheme://" or "www." a link starts with, it
// holds another "://" or "www." (any case).
func mdLinkInside(link string) bool {
	_, rest, ok := strings.Cut(link, "://")
	if !ok {
		rest = link[min(len(link), 4):]
	}
	return strings.Contains(rest, "://") || strings.Contains(strings.ToLower(rest), "www.")
}

// mdTrustedLink: links to the documentation privapi itself cites, and the
// invoke URLs of API Gateway (*.execute-api.REGION.amazonaws.com) that
// messages tell the user to call, stay links.
func mdTrustedLink(link string) bool {
	for _, p := range []string{"https://docs.aws.amazon.com/", "https://developer.hashicorp.com/", "https://repost.aws/", "https://github.com/privapi/privapi/"} {
		if strings.HasPrefix(link, p) {
			return true
		}
	}
	host, ok := strings.CutPrefix(link, "https://")
	if !ok {
		return false
	}
	host, _, _ = strings.Cut(host, "/")
	return strings.Contains(host, ".execute-api.") && strings.HasSuffix(host, ".amazonaws.com") && !strings.ContainsAny(host, "@?#")
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// mdEscapeKeepCode is mdEscape for privapi's own text with `code` spans.
func mdEscapeKeepCode(s string) string {
	var b strings.Builder
	for i, part := range strings.Split(s, "`") {
		if i%2 == 1 {
			b.WriteString(mdCode(part))
		} else {
			b.WriteString(mdEscape(part))
		}
	}
	return b.String()
}

// MarkdownText is s as inert Markdown and HTML text, for a caller that
// writes Markdown around a report (a heading per plan): the same encoding as
// every value inside the report.
func MarkdownText(s string) string { return mdEscape(s) }
