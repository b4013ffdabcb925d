package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/report"
)

// subdirRepo copies a fixture's plan and .tf files into REPO/infra, with a
// .git directory in REPO, and returns REPO.
func subdirRepo(t *testing.T, fixture string) string {
	t.Helper()
	repo := filepath.Join(t.TempDir(), "repo")
	infra := filepath.Join(repo, "infra")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(infra, 0o755); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join("..", "..", "fixtures", fixture)
	for _, name := range []string{"plan.json", "main.tf"} {
		b, err := os.ReadFile(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(infra, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return repo
}

var lineOf = regexp.MustCompile(`(?m)^\s*variable\s*=\s*"aws:SourceIp"`)

// TestReportPathsFromRepoRoot: a plan in infra/ of a repository puts every
// path (text, JSON, SARIF, JUnit, github, markdown) at infra/main.tf,
// whether privapi runs in the repository root, in infra/ or elsewhere, and
// however --source is written; PA204 points at the aws:SourceIp line.
func TestReportPathsFromRepoRoot(t *testing.T) {
	t.Setenv("GITHUB_STEP_SUMMARY", "")
	repo := subdirRepo(t, "policy-source-ip")
	infra := filepath.Join(repo, "infra")
	plan := filepath.Join(infra, "plan.json")
	tf, err := os.ReadFile(filepath.Join(infra, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	loc := lineOf.FindIndex(tf)
	if loc == nil {
		t.Fatal("fixture lost its aws:SourceIp condition")
	}
	ipLine := 1 + strings.Count(string(tf[:loc[0]]), "\n")
	wantSrc := "infra/main.tf:" + strconv.Itoa(ipLine)

	golden := goldenAbs(t)
	outs := map[string]string{}
	for _, f := range report.Names() {
		_, out, errOut := runCLI(t, "", "check", "--no-color", "-f", f, plan)
		if errOut != "" {
			t.Errorf("%s: stderr %q", f, errOut)
		}
		if strings.Contains(out, repo) || strings.Contains(out, "file://") {
			t.Errorf("%s: output holds an absolute path:\n%s", f, out)
		}
		if !strings.Contains(out, "infra/main.tf") {
			t.Errorf("%s: no infra/main.tf in the output", f)
		}
		outs[f] = out
		golden(t, "subdir."+f, scrubVersion(out))
	}
	if !strings.Contains(outs["text"], "source   "+wantSrc) {
		t.Errorf("text: PA204 not at %s:\n%s", wantSrc, outs["text"])
	}
	if !strings.Contains(outs["github"], "file=infra/main.tf,line="+strconv.Itoa(ipLine)+",endLine="+strconv.Itoa(ipLine)+",title=PA204") {
		t.Errorf("github: PA204 not at %s:\n%s", wantSrc, outs["github"])
	}

	// The same report whatever the working directory and however --source
	// is given.
	for _, tc := range []struct {
		name, dir string
		args      []string
	}{
		{"in infra", infra, []string{"plan.json"}},
		{"in root, relative source", repo, []string{"--source", "infra", "infra/plan.json"}},
		{"in root, ./ source", repo, []string{"--source", "./infra/", "./infra/plan.json"}},
		{"elsewhere, absolute source", t.TempDir(), []string{"--source", infra, plan}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(tc.dir)
			for _, f := range []string{"text", "json"} {
				_, out, errOut := runCLI(t, "", append([]string{"check", "--no-color", "-f", f}, tc.args...)...)
				if errOut != "" {
					t.Errorf("%s: stderr %q", f, errOut)
				}
				if out != outs[f] {
					t.Errorf("%s differs from the run in the repository root:\n%s", f, out)
				}
			}
		})
	}

	t.Run("path-prefix", func(t *testing.T) {
		_, out, _ := runCLI(t, "", "check", "--no-color", "--path-prefix", "stacks/prod", "-f", "json", plan)
		if !strings.Contains(out, `"file": "stacks/prod/main.tf"`) || strings.Contains(out, `"infra/main.tf"`) {
			t.Errorf("--path-prefix not applied:\n%s", out)
		}
	})
	t.Run("no repository: working directory", func(t *testing.T) {
		if err := os.RemoveAll(filepath.Join(repo, ".git")); err != nil {
			t.Fatal(err)
		}
		if engine.RepoRoot(repo) != "" {
			t.Skip("the temporary directory is inside a repository")
		}
		t.Chdir(repo)
		_, out, _ := runCLI(t, "", "check", "--no-color", "-f", "json", "infra/plan.json")
		if !strings.Contains(out, `"file": "infra/main.tf"`) {
			t.Errorf("without .git, paths are not relative to the working directory:\n%s", out)
		}
	})
}

// goldenAbs is golden with the testdata directory fixed before a test
// changes directory.
func goldenAbs(t *testing.T) func(t *testing.T, name, got string) {
	dir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	return func(t *testing.T, name, got string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./cmd/privapi -update)", err)
		}
		if string(want) != got {
			t.Errorf("%s differs from golden file (run go test ./cmd/privapi -update and review the diff)\n--- got:\n%s", name, got)
		}
	}
}

// TestNoSourceIsSaid: the same plan judged without its .tf files (piped in
// from another directory) says so on standard error; with them, nothing.
func TestNoSourceIsSaid(t *testing.T) {
	repo := subdirRepo(t, "policy-source-ip")
	plan := filepath.Join(repo, "infra", "plan.json")
	_, _, errOut := runCLI(t, "", "check", "--no-color", plan)
	if errOut != "" {
		t.Errorf("with source: stderr %q", errOut)
	}
	t.Chdir(t.TempDir())
	b, err := os.ReadFile(plan)
	if err != nil {
		t.Fatal(err)
	}
	_, _, errOut = runCLI(t, string(b), "check", "--no-color", "-")
	if !strings.Contains(errOut, "no .tf source found") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("without source: stderr %q, want one line saying no .tf source was found", errOut)
	}
}
