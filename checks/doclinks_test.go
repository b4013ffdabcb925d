package checks_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// repoBlob is how documentation links a file of this repository.
const repoBlob = "https://github.com/privapi/privapi/blob/main/"

// mdLink is a Markdown inline link's target.
var mdLink = regexp.MustCompile(`\]\(([^)\s]+)\)`)

// mdHeading is a Markdown heading line.
var mdHeading = regexp.MustCompile(`(?m)^#{1,6}[ \t]+(.+?)[ \t]*$`)

// githubAnchor is the anchor GitHub gives a heading: lower case, without
// punctuation but hyphens, spaces as hyphens.
func githubAnchor(h string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7f:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// anchors lists the headings' anchors of a Markdown file (outside code
// blocks).
func anchors(t *testing.T, path string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, m := range mdHeading.FindAllStringSubmatch(stripFences(string(data)), -1) {
		out[githubAnchor(m[1])] = true
	}
	return out
}

// stripFences drops fenced code blocks, whose lines are not headings or
// links.
func stripFences(s string) string {
	var b strings.Builder
	in := false
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			in = !in
			continue
		}
		if !in {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// TestDocRelativeLinks: every relative link of the README and docs/*.md
// names a file of the repository (and a heading of it, with a #anchor);
// a check's documentation, which privapi explain and SARIF's rule help show
// away from the repository, has no relative link at all.
func TestDocRelativeLinks(t *testing.T) {
	files, _ := filepath.Glob("../docs/*.md")
	files = append(files, "../README.md")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range mdLink.FindAllStringSubmatch(stripFences(string(data)), -1) {
			l := m[1]
			if strings.Contains(l, "://") || strings.HasPrefix(l, "mailto:") {
				continue
			}
			p, frag, _ := strings.Cut(l, "#")
			target := f
			if p != "" {
				target = filepath.Join(filepath.Dir(f), p)
			}
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s links to %s, which is not in the repository", f, l)
				continue
			}
			if frag != "" && strings.HasSuffix(target, ".md") && !anchors(t, target)[frag] {
				t.Errorf("%s links to %s, which has no heading #%s", f, p, frag)
			}
		}
	}
	docs, _ := filepath.Glob("docs/*.md")
	if len(docs) == 0 {
		t.Fatal("no check documentation in checks/docs")
	}
	for _, f := range docs {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range mdLink.FindAllStringSubmatch(stripFences(string(data)), -1) {
			if !strings.Contains(m[1], "://") {
				t.Errorf("%s links to %s: privapi explain and SARIF show it away from the repository, so link https://github.com/privapi/privapi/blob/main/…", f, m[1])
			}
			// a link into this repository names one of its files and headings
			rest, ok := strings.CutPrefix(m[1], repoBlob)
			if !ok {
				continue
			}
			p, frag, _ := strings.Cut(rest, "#")
			target := filepath.Join("..", filepath.FromSlash(p))
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s links to %s, which is not in the repository", f, m[1])
			} else if frag != "" && !anchors(t, target)[frag] {
				t.Errorf("%s links to %s, which has no heading #%s", f, p, frag)
			}
		}
	}
}

// TestNoFactCodesInIntegrations: what users copy into their pipelines (the
// GitHub Action, the pre-commit hook, the examples and the scripts that
// print to them) cites no code of the internal fact sheet either
// (TestNoFactCodes covers the docs, the README and the Go code).
func TestNoFactCodesInIntegrations(t *testing.T) {
	var files []string
	for _, pat := range []string{"../action.yml", "../.pre-commit-hooks.yaml", "../examples/*/*", "../scripts/*.sh"} {
		m, _ := filepath.Glob(pat)
		if len(m) == 0 {
			t.Fatalf("nothing matches %s", pat)
		}
		files = append(files, m...)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if m := factCode.FindString(string(data)); m != "" {
			t.Errorf("%s cites %q: link the AWS or Terraform page instead", f, m)
		}
	}
}
