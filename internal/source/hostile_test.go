package source_test

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/privapi/privapi/internal/source"
)

// TestHostileFiles: a checkout can hold a *.tf file, or
// .terraform/modules/modules.json, that is not a regular file: a symlink to
// /dev/zero (endless data) or a named pipe (blocks forever). source.Load
// must neither run out of memory nor hang on them: it warns and goes on
// without that file.
func TestHostileFiles(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("unix special files")
	}
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	good := "resource \"aws_vpc\" \"main\" {\n  cidr_block = \"10.0.0.0/16\"\n}\n"
	tests := []struct {
		name string
		make func(t *testing.T, dir string)
		// warn must appear in a warning (empty: no warning required).
		warn string
	}{
		{"tf file linked to /dev/zero", func(t *testing.T, dir string) {
			if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.tf")); err != nil {
				t.Skip(err)
			}
		}, "zero.tf"},
		{"tf file that is a named pipe", func(t *testing.T, dir string) {
			if err := mkfifo(filepath.Join(dir, "pipe.tf")); err != nil {
				t.Skip(err)
			}
		}, "pipe.tf"},
		{"modules.json linked to /dev/zero", func(t *testing.T, dir string) {
			mdir := filepath.Join(dir, ".terraform", "modules")
			if err := os.MkdirAll(mdir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink("/dev/zero", filepath.Join(mdir, "modules.json")); err != nil {
				t.Skip(err)
			}
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(good), 0o644); err != nil {
				t.Fatal(err)
			}
			tt.make(t, dir)
			type result struct {
				cfg *source.Config
				err error
			}
			done := make(chan result, 1)
			go func() {
				cfg, err := source.Load(dir)
				done <- result{cfg, err}
			}()
			var r result
			select {
			case r = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("source.Load did not finish in 10s")
			}
			if r.err != nil {
				t.Fatal(r.err)
			}
			if r.cfg.Root.Resources["aws_vpc.main"] == nil {
				t.Error("main.tf was not read")
			}
			var all []string
			for _, d := range r.cfg.Warnings {
				all = append(all, d.Error())
			}
			if tt.warn != "" && !strings.Contains(strings.Join(all, "\n"), tt.warn) {
				t.Errorf("no warning naming %s: %q", tt.warn, r.cfg.Warnings)
			}
		})
	}
}

// TestModuleSymlinkLoops: module sources that are symlinks back to the
// module's own directory used to be compared by path text, so two of them
// made the loader walk a/a/b/a/... exponentially. Directories are compared
// by real path: each is loaded once, and the loops are reported.
func TestModuleSymlinkLoops(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"a", "b", "c"} {
		if err := os.Symlink(".", filepath.Join(dir, name)); err != nil {
			t.Skip("cannot make a symlink:", err)
		}
	}
	tf := `module "a" { source = "./a" }
module "b" { source = "./b" }
module "c" { source = "./c/a/b" }
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
`
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tf), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan *source.Config, 1)
	go func() {
		c, err := source.Load(dir)
		if err != nil {
			t.Error(err)
		}
		done <- c
	}()
	var c *source.Config
	select {
	case c = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("source.Load did not finish in 20s")
	}
	if c == nil {
		return
	}
	loops := 0
	for _, w := range c.Warnings {
		if strings.Contains(w.Summary, "leads back to an enclosing module") {
			loops++
		}
	}
	if loops != 3 {
		t.Errorf("%d loop warnings, want 3: %q", loops, c.Warnings)
	}
}

// TestModulesStayInTree: a module source whose real location is outside the
// source tree (by ../, or through a symlink) is not read.
func TestModulesStayInTree(t *testing.T) {
	top := t.TempDir()
	repo := filepath.Join(top, "repo")
	outside := filepath.Join(top, "outside")
	for _, d := range []string{filepath.Join(repo, ".git"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(outside, "main.tf"), []byte(`resource "aws_vpc" "x" { cidr_block = "10.9.0.0/16" }`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(repo, "linked")); err != nil {
		t.Skip("cannot make a symlink:", err)
	}
	if err := os.Symlink(filepath.Join(outside, "main.tf"), filepath.Join(repo, "linked.tf")); err != nil {
		t.Fatal(err)
	}
	tf := `module "up" { source = "../outside" }
module "link" { source = "./linked" }
`
	if err := os.WriteFile(filepath.Join(repo, "main.tf"), []byte(tf), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := source.Load(repo)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"up", "link"} {
		if call := c.Root.Calls[name]; call == nil || call.Module != nil {
			t.Errorf("module %q outside the tree was read", name)
		}
	}
	if len(c.Root.Resources) != 0 {
		t.Errorf("linked.tf (outside the tree) was read: %v", c.Root.Resources)
	}
	n := 0
	for _, w := range c.Warnings {
		if strings.Contains(w.Summary, "outside the source tree") {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d warnings about the source tree, want 3: %q", n, c.Warnings)
	}
}
