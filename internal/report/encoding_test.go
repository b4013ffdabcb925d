package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/privapi/privapi/internal/escape"
	"github.com/privapi/privapi/internal/finding"
)

// hostileStrings are values a pull request can put in resource names, keys,
// stage names, condition keys, file names and waiver reasons.
var hostileStrings = []string{
	"prod\n::error title=pwned::owned",
	"prod\r::add-mask::x",
	"x\n  ::stop-commands::token",
	"##[error]v1 command",
	"\x1b]52;c;cHduZWQ=\x07clipboard",
	"\x1b[2J\x1b[31mred",
	"\u009b31mC1",
	"gnp.\u202eexe",
	"\u2066isolate\u2069",
	"@octocat please look",
	"see https://evil.example/x and www.evil.example",
	"<img src=x onerror=alert(1)><script>alert(1)</script>",
	"</details></summary>",
	"```\n- deleted\n+ added",
	"100% %0A %25",
	"a|b*c_d`e[f](g)",
	"\xff\xfe invalid utf-8",
	"\x00nul\x7fdel",
	"line1\r\nline2",
	"#123 GH-1",
	"prod'$(touch pwned)'",
}

// hostileReport puts s wherever foreign text can appear.
func hostileReport(s string) *Report {
	r := sampleReport()
	r.Verbosity = VerbosityVerbose
	r.Input.Path = s + "/plan.json"
	for i := range r.Results {
		res := &r.Results[i]
		res.Address += s
		res.Message += " " + s
		res.Fix += " " + s
		res.Subject += s
		res.Related = append(res.Related, s)
		if res.API != "" {
			res.API += s
		}
		if res.Source != nil {
			res.Source = &finding.Source{File: s + ".tf", Line: res.Source.Line}
		}
		if res.Waiver != nil {
			w := *res.Waiver
			w.Reason += " " + s
			res.Waiver = &w
		}
	}
	return r
}

var (
	mdTag       = regexp.MustCompile(`<(/?)([a-zA-Z!][a-zA-Z0-9-]*)`)
	mdCodeSpan  = regexp.MustCompile(`(?s)<code>.*?</code>`)
	mdHref      = regexp.MustCompile(`href="[^"]*"`)
	mdMentionRE = regexp.MustCompile(`(^|[^A-Za-z0-9&#;/])@[A-Za-z0-9]`)
	mdBareLink  = regexp.MustCompile(`(?i)https?://|www\.`)
)

var mdAllowedTags = map[string]bool{"details": true, "summary": true, "code": true, "b": true, "br": true, "sub": true, "a": true, "!--": true}

// checkInert asserts that out, in format, holds s only as inert text.
func checkInert(t *testing.T, format string, out []byte, findings int) {
	t.Helper()
	s := string(out)
	if !utf8.ValidString(s) {
		t.Errorf("%s: invalid UTF-8 in the output", format)
	}
	for _, c := range s {
		if escape.Unsafe(c) {
			t.Errorf("%s: raw control or bidi character %U in the output", format, c)
			break
		}
	}
	if strings.Contains(s, "##[") {
		t.Errorf("%s: ##[ (an old-style workflow command) in the output", format)
	}
	commands := 0
	for _, l := range strings.Split(s, "\n") {
		if !escape.IsCommandLine(l) {
			continue
		}
		if format == "github" && regexp.MustCompile(`^::(error|warning|notice) file=`).MatchString(l) || format == "github" && regexp.MustCompile(`^::(error|warning|notice) title=`).MatchString(l) {
			commands++
			continue
		}
		t.Errorf("%s: a line the Actions runner reads as a command: %q", format, l)
	}
	if format == "github" && commands != findings {
		t.Errorf("github: %d command lines for %d findings", commands, findings)
	}
	switch format {
	case "json", "sarif":
		var v any
		if err := json.Unmarshal(out, &v); err != nil {
			t.Errorf("%s does not parse: %v", format, err)
		}
	case "junit":
		d := xml.NewDecoder(bytes.NewReader(out))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("junit does not parse: %v", err)
				break
			}
		}
	case "atlantis":
		checkAtlantisForm(t, s)
	case "markdown":
		for _, m := range mdTag.FindAllStringSubmatch(s, -1) {
			if !mdAllowedTags[strings.ToLower(m[2])] {
				t.Errorf("markdown: HTML tag <%s%s> in the output", m[1], m[2])
			}
		}
		outside := mdHref.ReplaceAllString(mdCodeSpan.ReplaceAllString(s, ""), "")
		if m := mdMentionRE.FindString(outside); m != "" {
			t.Errorf("markdown: @mention %q outside code", m)
		}
		for _, loc := range mdBareLink.FindAllStringIndex(outside, -1) {
			if !mdTrustedLink(outside[loc[0]:]) {
				t.Errorf("markdown: bare link %q", outside[loc[0]:min(len(outside), loc[0]+40)])
			}
		}
	}
}

func TestHostileStringsInert(t *testing.T) {
	for _, s := range hostileStrings {
		r := hostileReport(s)
		for _, f := range Names() {
			checkInert(t, f, render(t, f, r), len(r.view().Shown))
		}
		var step bytes.Buffer
		r.StepSummary = &step
		render(t, "github", r)
		checkInert(t, "markdown", step.Bytes(), 0)
	}
}

// FuzzOutputEncoding: any string in a resource name, key, value, file name
// or waiver reason comes out inert in every format.
func FuzzOutputEncoding(f *testing.F) {
	for _, s := range hostileStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := hostileReport(s)
		for _, name := range Names() {
			fm, _ := Get(name)
			var b bytes.Buffer
			if err := fm.Write(&b, r); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			checkInert(t, name, b.Bytes(), len(r.view().Shown))
		}
	})
}

func TestTextNewlineCannotStartCommand(t *testing.T) {
	r := hostileReport("prod\n::error::owned")
	out := string(render(t, "text", r))
	if strings.Contains(out, "\n::error") || regexp.MustCompile(`(?m)^\s*::`).MatchString(out) {
		t.Errorf("a line of the text report starts a workflow command:\n%s", out)
	}
	if !strings.Contains(out, `prod\n::error::owned`) && !strings.Contains(out, `\x3a:error::owned`) {
		t.Errorf("the value is not shown escaped:\n%s", out)
	}
}

func TestMarkdownNeutralises(t *testing.T) {
	for _, tc := range []struct{ in, want, not string }{
		{"ping @octocat now", "<code>@octocat</code>", ""},
		{"mail a@b.c", "<code>a@b.c</code>", "<code>@b"},
		{"aws:username = jane.doe+ops@corp.example.com.", "<code>jane.doe+ops@corp.example.com</code>.", ""},
		{"ends with a@", "a@", "<code>"},
		{"a @b.c", "<code>@b</code>", ""},
		{"see https://evil.example/x", "https[:]//evil.example/x", "https://evil"},
		{"www.evil.example", "www[.]evil.example", ""},
		{"https://docs.aws.amazon.com/apigateway/", "https://docs.aws.amazon.com/apigateway/", "[:]"},
		{"<script>", "&lt;script&gt;", "<script"},
		{"issue #12", "<code>&#35;12</code>", ""},
		{"esc\x1b[31m", `esc&#92;x1b&#91;31m`, "\x1b"},
	} {
		got := mdEscape(tc.in)
		// brackets are character references in the output
		want := strings.NewReplacer("[:]", "&#91;:&#93;", "[.]", "&#91;.&#93;").Replace(tc.want)
		if !strings.Contains(got, want) || (tc.not != "" && strings.Contains(got, tc.not)) {
			t.Errorf("mdEscape(%q) = %q, want it to hold %q and not %q", tc.in, got, want, tc.not)
		}
	}
}

var (
	// a fence line: up to three spaces, then three or more backticks or tildes
	fenceLine = regexp.MustCompile("^ {0,3}(```|~~~)")
	// the head line of a finding that fails the run
	failingHead = regexp.MustCompile(`^- (error|warning|info|unverified) PA`)
)

// checkAtlantisForm: inside Atlantis's ```diff fence, no value can close
// the fence, and only the head lines of failing findings start with "-"
// (red); no line starts with "+".
func checkAtlantisForm(t *testing.T, out string) {
	t.Helper()
	for _, l := range strings.Split(out, "\n") {
		switch {
		case fenceLine.MatchString(l):
			t.Errorf("atlantis: a line closes the diff fence: %q", l)
		case strings.HasPrefix(l, "+"):
			t.Errorf("atlantis: a line starts with +: %q", l)
		case strings.HasPrefix(l, "-") && !failingHead.MatchString(l):
			t.Errorf("atlantis: a line starts with - and is not a failing finding: %q", l)
		}
	}
}

// TestMarkdownLinksInsideWords: a link glued to a word, a link inside a
// defanged link and a link behind a trusted prefix are all defanged.
func TestMarkdownLinksInsideWords(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"apphttp://0", "apphttp&#91;:&#93;//0"},
		{"0000http://www.x", "0000http&#91;:&#93;//www&#91;.&#93;x"},
		{"awww.example.com", "awww&#91;.&#93;example.com"},
		{"https://docs.aws.amazon.com/http://evil", "https&#91;:&#93;//docs.aws.amazon.com/http&#91;:&#93;//evil"},
		{"https://docs.aws.amazon.com/apigateway/", "https://docs.aws.amazon.com/apigateway/"},
	} {
		if got := mdEscape(tc.in); got != tc.want {
			t.Errorf("mdEscape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
