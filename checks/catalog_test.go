package checks_test

import (
	"bufio"
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/waiver"
)

// TestRegistry: the list is in ID order without duplicates, every check
// has a name, a title and documentation, every documentation file belongs
// to a listed check, only the waiver checks lack Run, and those match what
// the waiver step reports.
func TestRegistry(t *testing.T) {
	all := checks.All()
	if len(all) == 0 {
		t.Fatal("no checks registered")
	}
	listed := map[string]bool{}
	idRe := regexp.MustCompile(`^PA[1-9][0-9]{2}$`)
	for i, c := range all {
		if !idRe.MatchString(c.ID) || c.Name == "" || c.Title == "" || c.Doc == "" {
			t.Errorf("%q: want an ID PAnnn, a name, a title and documentation", c.ID)
		}
		if i > 0 && all[i-1].ID >= c.ID {
			t.Errorf("registry out of order or duplicated: %s before %s", all[i-1].ID, c.ID)
		}
		if (c.Run == nil) != strings.HasPrefix(c.ID, "PA9") {
			t.Errorf("%s: only the waiver checks (PA9xx) may have no Run", c.ID)
		}
		if checks.Lookup(c.ID) != c || checks.Lookup(c.Name) != c || checks.Lookup(strings.ToLower(c.ID)) != c {
			t.Errorf("Lookup does not find %s by ID and name", c.ID)
		}
		listed[c.ID] = true
	}
	files, err := filepath.Glob("docs/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no documentation files: %v", err)
	}
	for _, f := range files {
		if id := strings.TrimSuffix(filepath.Base(f), ".md"); !listed[id] {
			t.Errorf("%s documents %s, which the registry does not list", f, id)
		}
	}
	for _, w := range []struct {
		id, name, title string
		sev             finding.Severity
	}{
		{waiver.ExpiredID, waiver.ExpiredName, waiver.ExpiredTitle, finding.Warning},
		{waiver.UnusedID, waiver.UnusedName, waiver.UnusedTitle, finding.Info},
	} {
		c := checks.Lookup(w.id)
		if c == nil || c.Name != w.name || c.Title != w.title || c.Severity != w.sev {
			t.Errorf("registry entry for %s differs from what the waiver step reports (%s, %q, %s)", w.id, w.name, w.title, w.sev)
		}
	}
}

// TestCatalogUpToDate fails when docs/checks.md is not what the embedded
// documentation generates.
func TestCatalogUpToDate(t *testing.T) {
	got, err := os.ReadFile(filepath.Join("..", checks.DocsPath))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, checks.Catalog()) {
		t.Errorf("%s is out of date: run go generate ./checks", checks.DocsPath)
	}
}

// githubAnchors returns the fragments GitHub generates for the headings of
// a Markdown document (outside code fences).
func githubAnchors(t *testing.T, path string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	fence := false
	drop := regexp.MustCompile(`[^\p{L}\p{N} _-]`)
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			fence = !fence
			continue
		}
		if fence || !strings.HasPrefix(line, "#") {
			continue
		}
		h := strings.TrimSpace(strings.TrimLeft(line, "#"))
		slug := strings.ReplaceAll(drop.ReplaceAllString(strings.ToLower(h), ""), " ", "-")
		out[slug] = true
	}
	return out
}

// TestDocLinks: every link into docs/checks.md — each check's HelpURI
// (findings' doc, SARIF helpUri) and every link into the catalog written
// in the repository's Markdown, Go and YAML files — names an anchor that
// exists.
func TestDocLinks(t *testing.T) {
	anchors := githubAnchors(t, filepath.Join("..", checks.DocsPath))
	for _, c := range checks.All() {
		u := c.HelpURI()
		i := strings.Index(u, "#")
		if i < 0 || !strings.HasSuffix(u[:i], checks.DocsPath) || !anchors[u[i+1:]] {
			t.Errorf("%s: HelpURI %s names no heading of %s", c.ID, u, checks.DocsPath)
		}
	}
	link := regexp.MustCompile(`checks\.md#([A-Za-z0-9_-]+)`)
	n := 0
	err := filepath.WalkDir("..", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "fixtures" || strings.HasPrefix(d.Name(), ".") && d.Name() != "..") {
			return filepath.SkipDir
		}
		switch filepath.Ext(p) {
		case ".md", ".go", ".yml", ".yaml":
		default:
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		n++
		for _, m := range link.FindAllStringSubmatch(string(data), -1) {
			if !anchors[m[1]] {
				t.Errorf("%s links to checks.md#%s, which does not exist", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Errorf("read only %d files: the walk is broken", n)
	}
}

// factCode matches the codes of the project's internal fact sheet ("B6",
// "aws-facts A7", "KC-PRIV"), which users do not have: user-visible text
// links the AWS or Terraform documentation instead.
// unicodeC1 is where the docs name the Unicode C1 control characters.
var unicodeC1 = regexp.MustCompile(`\bC1( controls?|, U\+)`)

// factSheet is the internal fact sheet named in a comment: doc comments are
// read on pkg.go.dev and in editors, so they link the documentation instead.
var factSheet = regexp.MustCompile(`aws-facts|KC-PRIV`)

var factCode = regexp.MustCompile(`aws-facts|\bKC(?:-[A-Z0-9]+)?\b|\b[A-G][0-9]{1,2}\b`)

// TestNoFactCodes checks what users read: every check's title and
// documentation, docs/*.md (the generated catalog among them), the
// README and bench/README.md, the golden outputs of the CLI and the runbook, and every string
// literal and comment of the repository's Go code outside tests.
func TestNoFactCodes(t *testing.T) {
	for _, c := range checks.All() {
		for _, s := range []string{c.Title, c.Doc} {
			if m := factCode.FindString(s); m != "" {
				t.Errorf("%s: documentation cites %q", c.ID, m)
			}
		}
	}
	files, _ := filepath.Glob("../docs/*.md")
	for _, pat := range []string{"../cmd/privapi/testdata/*", "../internal/runbook/testdata/*.golden"} {
		more, _ := filepath.Glob(pat)
		if len(more) == 0 {
			t.Fatalf("no golden files match %s", pat)
		}
		files = append(files, more...)
	}
	for _, f := range append(files, filepath.Join("..", "README.md"), filepath.Join("..", "bench", "README.md")) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := unicodeC1.ReplaceAllString(string(data), "") // the Unicode control block, not a fact
		if m := factCode.FindString(text); m != "" {
			t.Errorf("%s cites %q", f, m)
		}
	}
	n := 0
	err := filepath.WalkDir("..", func(f string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "fixtures" || d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") && d.Name() != "..") {
			return filepath.SkipDir
		}
		if !strings.HasSuffix(f, ".go") || strings.HasSuffix(f, "_test.go") {
			return nil
		}
		n++
		fs := token.NewFileSet()
		af, err := parser.ParseFile(fs, f, nil, parser.ParseComments)
		if err != nil {
			return err
		}
		for _, cg := range af.Comments {
			if m := factSheet.FindString(cg.Text()); m != "" {
				t.Errorf("%s: a comment cites the internal fact sheet (%q): link the AWS or Terraform page", fs.Position(cg.Pos()), m)
			}
		}
		ast.Inspect(af, func(n ast.Node) bool {
			if bl, ok := n.(*ast.BasicLit); ok && bl.Kind == token.STRING {
				s, err := strconv.Unquote(bl.Value)
				if err == nil && factCode.MatchString(s) {
					t.Errorf("%s: user-visible text cites %q: %s", fs.Position(bl.Pos()), factCode.FindString(s), s)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Errorf("read only %d Go files: the walk is broken", n)
	}
}
