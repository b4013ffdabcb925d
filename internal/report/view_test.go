package report

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/finding"
)

// bigReport has n failing errors, n warnings and n infos on n APIs, and on
// each API seven unverified results that share one fix.
func bigReport(n int) *Report {
	var rs []finding.Result
	for i := 0; i < n; i++ {
		api := fmt.Sprintf("aws_api_gateway_rest_api.api[%d]", i)
		for _, sev := range []finding.Severity{finding.Error, finding.Warning, finding.Info} {
			rs = append(rs, finding.Result{CheckID: "PA111", Name: "endpoint-sg-ingress", Severity: sev, Status: finding.Fail,
				Address: fmt.Sprintf("aws_security_group.sg%d_%d", i, sev), API: api, Message: strings.Repeat("m", 300), Fix: "f",
				Source: &finding.Source{File: "main.tf", Line: i + 1}})
		}
		for j := 0; j < 7; j++ {
			rs = append(rs, finding.Result{CheckID: fmt.Sprintf("PA20%d", j), Name: "policy", Severity: finding.Error, Status: finding.Unverified,
				Address: api, API: api, Message: "the policy cannot be read before apply", Fix: "build the policy with jsonencode()"})
		}
	}
	finding.Sort(rs)
	return &Report{Tool: Tool{Name: "privapi"}, Input: Input{Path: "plan.json", Kind: "plan"}, Results: rs,
		FailOn: finding.Threshold{Severity: finding.Error}}
}

func TestViewGroupsOneRootCause(t *testing.T) {
	r := bigReport(1)
	v := r.view()
	unverified := 0
	for _, res := range v.Shown {
		if res.Status == finding.Unverified {
			unverified++
			if got := len(v.Held[res.Key()]); got != 6 {
				t.Errorf("the unverified finding holds %d others, want 6", got)
			}
		}
	}
	if unverified != 1 {
		t.Errorf("%d unverified findings shown, want 1 for one root cause", unverified)
	}
	out := string(render(t, "text", r))
	if !strings.Contains(out, "PA200 policy and 6 more") || !strings.Contains(out, "same for PA201 policy; PA202 policy") {
		t.Errorf("text does not list what the grouped finding holds back:\n%s", out)
	}
}

func TestVerbosity(t *testing.T) {
	for _, tc := range []struct {
		v               Verbosity
		failOn          finding.Threshold
		errors, warns   bool
		infos, hideNote bool
	}{
		{VerbosityDefault, finding.Threshold{Severity: finding.Error}, true, true, false, true},
		{VerbosityQuiet, finding.Threshold{Severity: finding.Error}, true, false, false, true},
		{VerbosityVerbose, finding.Threshold{Severity: finding.Error}, true, true, true, false},
		{VerbosityDefault, finding.Threshold{Severity: finding.Info}, true, true, true, false},
	} {
		r := bigReport(1)
		r.Verbosity, r.FailOn = tc.v, tc.failOn
		out := string(render(t, "text", r))
		for label, want := range map[string]bool{"error      PA111": tc.errors, "warning    PA111": tc.warns, "info       PA111": tc.infos, "below the threshold not shown": tc.hideNote} {
			if strings.Contains(out, label) != want {
				t.Errorf("verbosity %d, fail-on %s: %q shown = %v, want %v\n%s", tc.v, tc.failOn, label, !want, want, out)
			}
		}
	}
}

func TestCompactOneLinePerFinding(t *testing.T) {
	r := bigReport(3)
	r.Compact = true
	out := string(render(t, "text", r))
	n := len(r.view().Shown)
	lines := 0
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, " PA1") || strings.Contains(l, " PA2") {
			lines++
			if len([]rune(l)) > 300 {
				t.Errorf("compact line of %d characters", len([]rune(l)))
			}
		}
	}
	if lines != n {
		t.Errorf("%d finding lines for %d findings:\n%s", lines, n, out)
	}
}

func TestUnverifiedHasItsOwnLabel(t *testing.T) {
	r := bigReport(1)
	r.Color = true
	out := string(render(t, "text", r))
	if !strings.Contains(out, ansiMagenta+"unverified") || strings.Contains(out, ansiBold+ansiRed+"error  ") && strings.Contains(out, "error   \x1b[0m\x1b[1mPA200") {
		t.Errorf("unverified is not labelled apart from errors:\n%q", out)
	}
}

func TestMarkdownCapped(t *testing.T) {
	r := bigReport(2000)
	md := string(render(t, "markdown", r))
	if len(md) > 65536 {
		t.Errorf("markdown is %d bytes; a GitHub comment holds 65,536 characters", len(md))
	}
	if !strings.Contains(md, "more findings not shown here") {
		t.Errorf("markdown does not say what it left out")
	}
}

func TestAnnotationsCapped(t *testing.T) {
	r := bigReport(50)
	out := string(render(t, "github", r))
	count := map[string]int{}
	for _, l := range strings.Split(out, "\n") {
		for _, typ := range []string{"error", "warning", "notice"} {
			if strings.HasPrefix(l, "::"+typ+" ") {
				count[typ]++
			}
		}
	}
	for typ, n := range count {
		if n > ghPerType {
			t.Errorf("%d %s annotations; GitHub shows %d", n, typ, ghPerType)
		}
	}
	if !strings.Contains(out, "more errors not annotated") || !strings.Contains(out, "more warnings not annotated") {
		t.Errorf("github output does not say what it left out:\n%s", out)
	}
}

// TestAtlantisInDiffFence renders the atlantis form inside the ```diff fence
// Atlantis puts a custom policy step's output in: no HTML, no character
// references, nothing that closes the fence, "-" (red) only on the findings
// that fail the run, no "fail" when the run passes, under the comment size.
func TestAtlantisInDiffFence(t *testing.T) {
	for name, r := range map[string]*Report{"sample": sampleReport(), "passing": passingReport(), "clean": cleanReport(), "big": bigReport(2000)} {
		out := string(render(t, "atlantis", r))
		comment := "```diff\n" + out + "```\n"
		body := strings.TrimSuffix(strings.TrimPrefix(comment, "```diff\n"), "```\n")
		checkAtlantisForm(t, body)
		// The sample's own values hold "<sensitive>", shown as text inside
		// the fence; the form itself uses no HTML at all.
		for _, m := range mdTag.FindAllStringSubmatch(body, -1) {
			if mdAllowedTags[strings.ToLower(m[2])] {
				t.Errorf("%s: HTML <%s%s> in the atlantis form", name, m[1], m[2])
			}
		}
		if regexp.MustCompile(`&(#[0-9]+|[a-z]+);`).MatchString(body) {
			t.Errorf("%s: a character reference in the atlantis form", name)
		}
		failing := 0
		for i := range r.Results {
			if r.FailOn.Fails(&r.Results[i], r.Strict) {
				failing++
			}
		}
		minus := strings.Count("\n"+body, "\n- ")
		if r.Failed() != (minus > 0) || minus > failing {
			t.Errorf("%s: %d red lines for %d failing results", name, minus, failing)
		}
		if !r.Failed() && strings.Contains(strings.ToLower(body), "fail") {
			t.Errorf("%s: a passing run says fail", name)
		}
		if len(comment) > 60000 {
			t.Errorf("%s: %d bytes; with Atlantis's text a comment must stay under 65,536 characters", name, len(comment))
		}
		if name == "big" && !strings.Contains(body, "more findings not shown here") {
			t.Errorf("big: the cut is not said")
		}
	}
}
