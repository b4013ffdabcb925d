package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sandboxSecret is the content of a file outside the source tree; sandboxInside
// the content of one inside it. Neither may appear in any output.
const (
	sandboxSecret = "AKIAOUTSIDE-s3cr3t-9d1e"
	sandboxInside = "inside-tree-s3cr3t-4b2c"
)

// sandboxTree builds a repository (with a .git directory) holding the root
// module of fixtures/policy-good-sourcevpce in repo/env, the REST API policy
// replaced by one whose condition key, condition value and principal come
// from path (a file() argument), next to a secret outside the repository.
// It returns the plan's path.
func sandboxTree(t *testing.T, path string, setup func(t *testing.T, top, repo string)) string {
	t.Helper()
	top := t.TempDir()
	repo := filepath.Join(top, "repo")
	env := filepath.Join(repo, "env")
	for _, d := range []string{filepath.Join(repo, ".git"), env, filepath.Join(top, "outside")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	from := "../../fixtures/policy-good-sourcevpce"
	main := mustRead(t, filepath.Join(from, "main.tf"))
	const policy = "  policy      = local.api_policy\n}"
	if !strings.Contains(main, policy) {
		t.Fatal("policy-good-sourcevpce/main.tf changed: no policy = local.api_policy")
	}
	main = strings.Replace(main, policy, "  policy      = local.hostile\n}", 1)
	hostile := `locals {
  hostile = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = [trimspace(file("` + path + `"))] }
      Action    = "execute-api:Invoke"
      Resource  = ["execute-api:/*"]
      Condition = {
        StringNotEquals = { "${trimspace(file("` + path + `"))}" = [trimspace(file("` + path + `"))] }
      }
    }]
  })
}
`
	files := map[string]string{
		filepath.Join(env, "main.tf"):             main,
		filepath.Join(env, "hostile.tf"):          hostile,
		filepath.Join(env, "plan.json"):           mustRead(t, filepath.Join(from, "plan.json")),
		filepath.Join(env, "inside.txt"):          sandboxInside + "\n",
		filepath.Join(top, "outside", "secret"):   sandboxSecret + "\n",
		filepath.Join(repo, "shared", "team.txt"): sandboxInside + "\n",
	}
	for p, body := range files {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if setup != nil {
		setup(t, top, repo)
	}
	return filepath.Join(env, "plan.json")
}

// TestFileReadsStayInTree: a .tf file from a pull request must not make
// privapi print a file from outside the source tree — by a relative path,
// an absolute path, or a symlink inside the tree — and what .tf evaluation
// reads from files inside the tree is never shown either (Terraform shows a
// file's content only after apply, if at all). Every output format, the step
// summary and standard error are checked.
func TestFileReadsStayInTree(t *testing.T) {
	link := func(target, name string) func(t *testing.T, top, repo string) {
		return func(t *testing.T, top, repo string) {
			if err := os.Symlink(filepath.Join(top, target), filepath.Join(repo, "env", name)); err != nil {
				t.Skip("cannot make a symlink:", err)
			}
		}
	}
	tests := []struct {
		name, path string
		setup      func(t *testing.T, top, repo string)
		refused    bool
	}{
		{name: "relative path out of the tree", path: "../../outside/secret", refused: true},
		{name: "path.module then out of the tree", path: "${path.module}/../../outside/secret", refused: true},
		{name: "absolute path", path: "TOP/outside/secret", refused: true},
		{name: "symlinked file", path: "${path.module}/link.txt", setup: link("outside/secret", "link.txt"), refused: true},
		{name: "symlinked directory", path: "${path.module}/linkdir/secret", setup: link("outside", "linkdir"), refused: true},
		{name: "proc environ", path: "/proc/self/environ", refused: true},
		{name: "file inside the module", path: "${path.module}/inside.txt"},
		{name: "file inside the repository", path: "${path.module}/../shared/team.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var top string
			plan := sandboxTree(t, tt.path, func(t *testing.T, tp, repo string) {
				top = tp
				if tt.setup != nil {
					tt.setup(t, tp, repo)
				}
			})
			if strings.HasPrefix(tt.path, "TOP/") {
				hostile := filepath.Join(filepath.Dir(plan), "hostile.tf")
				body := strings.ReplaceAll(mustRead(t, hostile), "TOP/", filepath.ToSlash(top)+"/")
				if err := os.WriteFile(hostile, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			out := t.TempDir()
			t.Setenv("GITHUB_STEP_SUMMARY", filepath.Join(out, "summary.md"))
			args := []string{"check", "--no-color", "--fail-on", "none"}
			for _, f := range allFormats[1:] {
				args = append(args, "-f", f+"="+filepath.Join(out, f))
			}
			args = append(args, "-f", "text", plan)
			code, stdout, stderr := runCLI(t, "", args...)
			if code != exitOK {
				t.Fatalf("exit %d, want 0; stderr %q", code, stderr)
			}
			all := stdout + stderr
			for _, f := range append(allFormats[1:], "summary.md") {
				all += mustRead(t, filepath.Join(out, f))
			}
			for _, secret := range []string{sandboxSecret, sandboxInside, "PATH="} {
				if strings.Contains(all, secret) {
					t.Errorf("output shows %q", secret)
				}
			}
			if got := strings.Contains(stderr, "outside the source tree"); got != tt.refused {
				t.Errorf("warning about a read outside the source tree: %v, want %v; stderr %q", got, tt.refused, stderr)
			}
		})
	}
}
