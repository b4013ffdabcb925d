package sharedtest

import (
	"testing"
)

// recorder is a testing.TB that records how a helper ended the test.
type recorder struct {
	testing.TB
	failed, skipped bool
}

func (r *recorder) Helper()               {}
func (r *recorder) Fatalf(string, ...any) { r.failed = true }
func (r *recorder) Skipf(string, ...any)  { r.skipped = true }

func TestMissingInput(t *testing.T) {
	for _, tt := range []struct {
		ci, optional string
		wantFail     bool
	}{
		{ci: "", wantFail: false},
		{ci: "true", wantFail: true},
		{ci: "true", optional: "1", wantFail: false},
		{ci: "false", wantFail: false},
	} {
		t.Setenv("CI", tt.ci)
		t.Setenv("PRIVAPI_SHARED_OPTIONAL", tt.optional)
		r := &recorder{TB: t}
		if files := Glob(r, "testdata/does-not-exist/*.json"); files != nil {
			t.Fatal("Glob returned files for a missing pattern")
		}
		if r.failed != tt.wantFail || r.skipped == tt.wantFail {
			t.Errorf("CI=%q PRIVAPI_SHARED_OPTIONAL=%q: failed=%v skipped=%v, want failed=%v", tt.ci, tt.optional, r.failed, r.skipped, tt.wantFail)
		}
		r = &recorder{TB: t}
		Require(r, "sharedtest.go")
		if r.failed || r.skipped {
			t.Errorf("Require of an existing file ended the test")
		}
	}
}
