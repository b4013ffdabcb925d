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
