package checks_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestNoFactCodesInFixtures: the fixtures are the worked examples users
// read and copy (main.tf and its modules, .privapi.hcl, READMEs, policy
// templates, expected.json), so their comments cite no code of the internal
// fact sheet either: they link the AWS or Terraform page instead
// (TestNoFactCodes covers the docs, the README and the Go code). plan.json
// is generated and carries no comments, so it is not read.
func TestNoFactCodesInFixtures(t *testing.T) {
	n := 0
	err := filepath.WalkDir(filepath.Join("..", "fixtures"), func(f string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || d.Name() == "plan.json" {
			return nil
		}
		n++
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		text := unicodeC1.ReplaceAllString(string(data), "") // the Unicode control block, not a fact
		if m := factCode.FindString(text); m != "" {
			t.Errorf("%s cites %q: link the AWS or Terraform page instead", f, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 300 {
		t.Errorf("read only %d fixture files: the walk is broken", n)
	}
}
