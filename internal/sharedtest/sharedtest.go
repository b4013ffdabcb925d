// Package sharedtest finds the inputs that tests read from ../shared, the
// directory beside the repository that holds real-world plans, the offline
// Terraform stand-in and its example plans.
//
// Where they are absent a test skips, except under CI (CI=true, which
// GitHub Actions and most CI systems set): there a missing input is a
// failure, so that a CI run cannot pass by skipping its corpus. A CI
// configuration that knowingly runs without ../shared says so with
// PRIVAPI_SHARED_OPTIONAL=1.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Glob returns the files matching pattern (a path relative to the test's
// package directory). When none match it skips t, or fails it under CI.
func Glob(t testing.TB, pattern string) []string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err == nil && len(files) > 0 {
		return files
	}
	missing(t, pattern)
	return nil
}

// Require skips t (or fails it under CI) unless path exists.
func Require(t testing.TB, path string) {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		missing(t, path)
	}
}

func missing(t testing.TB, what string) {
	t.Helper()
	if Required() {
		t.Fatalf("%s is absent, and under CI (CI=true) the shared test inputs are required (set PRIVAPI_SHARED_OPTIONAL=1 to run without them)", what)
		return
	}
	t.Skipf("%s is absent: skipping", what)
}

// Required reports whether absent shared inputs fail the tests.
func Required() bool {
	return os.Getenv("CI") == "true" && os.Getenv("PRIVAPI_SHARED_OPTIONAL") != "1"
}
