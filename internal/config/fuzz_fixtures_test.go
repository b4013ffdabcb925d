package config

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// FuzzParseFixtures is FuzzLoadConfig seeded from the fixtures: the broken
// configuration of fixtures/bad, every .hcl file under fixtures/, and the
// .tf files (HCL native syntax, the blocks a configuration file does not
// have). Parse never panics; it returns a configuration or an *Error with
// one "file:line,col: ..." line per diagnostic.
func FuzzParseFixtures(f *testing.F) {
	var files []string
	filepath.WalkDir("../../fixtures", func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".hcl") || strings.HasSuffix(path, ".tf")) {
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	if len(files) == 0 {
		f.Fatal("no .hcl or .tf files under fixtures")
	}
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	ids := []string{"PA101", "PA113", "PA202", "PA501", "PA901", "PA902"}
	f.Fuzz(func(t *testing.T, src []byte) {
		cfg, err := Parse("fuzz.hcl", src, ids)
		if err == nil {
			if cfg == nil {
				t.Fatal("nil config without error")
			}
			return
		}
		var cerr *Error
		if !errors.As(err, &cerr) {
			t.Fatalf("error %T is not *Error", err)
		}
		lines := strings.Split(err.Error(), "\n")
		if len(lines) == 0 || len(lines) != len(cerr.Diagnostics) {
			t.Fatalf("%d lines for %d diagnostics:\n%s", len(lines), len(cerr.Diagnostics), err)
		}
		for _, l := range lines {
			if !strings.HasPrefix(l, "fuzz.hcl") || strings.ContainsRune(l, '\r') {
				t.Fatalf("malformed line %q", l)
			}
		}
	})
}
