package runbook

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/privapi/privapi/internal/escape"
)

// KCURL is the AWS knowledge-center article the steps come from.
const KCURL = "https://repost.aws/knowledge-center/api-gateway-private-endpoint-connection"

const kcTitle = "How do I troubleshoot issues connecting to an API Gateway private API endpoint?"

// Formats lists the output formats.
func Formats() []string { return []string{"text", "markdown"} }

// Write renders the runbook in a format ("text" or "markdown").
func Write(w io.Writer, rb *Runbook, format string) error {
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	switch format {
	case "text", "":
		writeText(bw, rb)
	case "markdown", "md":
		writeMarkdown(bw, rb)
	default:
		return fmt.Errorf("unknown runbook format %q (want %s)", format, strings.Join(Formats(), " or "))
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	// Values from the input never reach the terminal raw, and never start
	// a line the GitHub Actions runner reads as a workflow command.
	_, err := io.WriteString(w, escape.Commands(escape.Control(buf.String())))
	return err
}

func writeText(w *bufio.Writer, rb *Runbook) {
	fmt.Fprintf(w, "privapi runbook: post-apply checks for private REST APIs\n")
	fmt.Fprintf(w, "Input: %s\n", rb.Input)
	fmt.Fprintf(w, "Steps of the AWS article %q (%s), filled in.\n", kcTitle, KCURL)
	for _, sec := range rb.Sections {
		fmt.Fprintf(w, "\n== %s ==\n\n", sec.Title)
		for _, f := range sec.Facts {
			fmt.Fprintf(w, "  %s\n", f)
		}
		if len(sec.Placeholders) > 0 {
			fmt.Fprintf(w, "\n  Values known only after apply (replace them before running a command):\n")
			width := 0
			for _, p := range sec.Placeholders {
				if len(p.Name) > width {
					width = len(p.Name)
				}
			}
			for _, p := range sec.Placeholders {
				fmt.Fprintf(w, "    %-*s  %s\n", width, p.Name, p.Find)
			}
		}
		if len(sec.RunOn) > 0 {
			fmt.Fprintln(w)
			for _, l := range sec.RunOn {
				fmt.Fprintf(w, "  %s\n", l)
			}
		}
		for i, st := range sec.Steps {
			fmt.Fprintf(w, "\n  %d. %s\n", i+1, st.Title)
			for _, l := range st.Intro {
				fmt.Fprintf(w, "     %s\n", l)
			}
			for _, it := range st.Items {
				switch {
				case it.Expect != "":
					if it.Label != "" {
						fmt.Fprintf(w, "     # %s\n", it.Label)
					}
					fmt.Fprintf(w, "     $ %s\n", it.Command)
					fmt.Fprintf(w, "       expect: %s\n", it.Expect)
				case it.Command != "":
					lead := ""
					if it.Label != "" {
						lead = it.Label + ": "
					}
					fmt.Fprintf(w, "     - %s%s\n", lead, it.Command)
					if it.Text != "" {
						fmt.Fprintf(w, "       %s\n", it.Text)
					}
				default:
					fmt.Fprintf(w, "     - %s\n", it.Text)
				}
			}
		}
	}
	if len(rb.Notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range rb.Notes {
			fmt.Fprintln(w, n)
		}
	}
}

func writeMarkdown(out *bufio.Writer, rb *Runbook) {
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	defer func() {
		w.Flush()
		// one blank line between blocks, never two
		s := buf.String()
		for strings.Contains(s, "\n\n\n") {
			s = strings.ReplaceAll(s, "\n\n\n", "\n\n")
		}
		out.WriteString(strings.TrimRight(s, "\n") + "\n")
	}()
	fmt.Fprintf(w, "<!-- privapi-runbook -->\n## privapi runbook: post-apply checks for private REST APIs\n\n")
	fmt.Fprintf(w, "Input: %s. Steps of the AWS article [%s](%s), filled in.\n", mdText("`"+rb.Input+"`"), kcTitle, KCURL)
	for _, sec := range rb.Sections {
		fmt.Fprintf(w, "\n### %s\n\n", mdTitle(sec))
		for _, f := range sec.Facts {
			fmt.Fprintf(w, "- %s\n", mdText(f))
		}
		if len(sec.Placeholders) > 0 {
			fmt.Fprintf(w, "\n**Values known only after apply** (replace them before running a command):\n\n")
			fmt.Fprintf(w, "| Placeholder | Where to read it after apply |\n| --- | --- |\n")
			for _, p := range sec.Placeholders {
				fmt.Fprintf(w, "| %s | %s |\n", code(p.Name), mdText(p.Find))
			}
		}
		if len(sec.RunOn) > 0 {
			fmt.Fprintf(w, "\n%s\n", mdText(strings.Join(sec.RunOn, " ")))
		}
		for i, st := range sec.Steps {
			fmt.Fprintf(w, "\n#### %d. %s\n\n", i+1, mdText(st.Title))
			for _, l := range st.Intro {
				fmt.Fprintf(w, "%s\n\n", mdText(l))
			}
			inList := false
			for _, it := range st.Items {
				switch {
				case it.Expect != "":
					if inList {
						fmt.Fprintln(w)
						inList = false
					}
					if it.Label != "" {
						fmt.Fprintf(w, "%s:\n\n", mdText(it.Label))
					}
					fence := "```"
					for strings.Contains(it.Command, fence) {
						fence += "`"
					}
					fmt.Fprintf(w, "%ssh\n%s\n%s\n\nExpect: %s\n\n", fence, escape.Line(it.Command), fence, mdText(it.Expect))
				case it.Command != "":
					lead := ""
					if it.Label != "" {
						lead = "**" + mdText(it.Label) + "**: "
					}
					line := "- " + lead + code(it.Command)
					if it.Text != "" {
						line += " — " + mdText(it.Text)
					}
					fmt.Fprintln(w, line)
					inList = true
				default:
					fmt.Fprintf(w, "- %s\n", mdText(it.Text))
					inList = true
				}
			}
			if inList {
				fmt.Fprintln(w)
			}
		}
	}
	if len(rb.Notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range rb.Notes {
			fmt.Fprintf(w, "%s\n\n", mdText(n))
		}
	}
}

func mdTitle(sec *Section) string {
	s := "API " + code(sec.API)
	switch {
	case sec.Endpoint == "":
		return s + " — no execute-api endpoint"
	default:
		s += " through endpoint " + code(sec.Endpoint)
	}
	if sec.Client != "" {
		return s + " from client " + code(sec.Client)
	}
	return s + " (no known client)"
}

// code renders an inline code span that may itself hold backticks.
func code(s string) string {
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// placeholderRE matches a named placeholder such as <api-id of aws_api_gateway_rest_api.api>.
var placeholderRE = regexp.MustCompile(`<[^<>\x60\n]+ of [^<>\x60\n]+>|<stage name>`)

// mdText escapes Markdown and HTML outside `code` spans; the spans are
// kept as they are, and placeholders outside them become code spans.
func mdText(s string) string {
	var b strings.Builder
	for i, part := range strings.Split(s, "`") {
		if i%2 == 1 {
			b.WriteString("`" + part + "`")
			continue
		}
		for {
			loc := placeholderRE.FindStringIndex(part)
			if loc == nil {
				break
			}
			mdEscape(&b, part[:loc[0]])
			b.WriteString("`" + part[loc[0]:loc[1]] + "`")
			part = part[loc[1]:]
		}
		mdEscape(&b, part)
	}
	return b.String()
}

func mdEscape(b *strings.Builder, part string) {
	for _, r := range part {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '*', '_', '[', ']', '\\', '#', '|':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
}
