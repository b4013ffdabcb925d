package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// The privapi binary for tests that run it as a separate process (to set
// GOMAXPROCS, or to see exactly what a user sees). It is built once, on first
// use, into a temporary directory that TestMain removes.
var (
	binOnce sync.Once
	binPath string
	binErr  error
	binDir  string
	goTool  string // resolved before any test changes PATH
)

func TestMain(m *testing.M) {
	goTool, _ = exec.LookPath("go")
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// privapiBinary builds ./cmd/privapi once and returns the path of the binary.
func privapiBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		if goTool == "" {
			binErr = fmt.Errorf("go tool not found on PATH")
			return
		}
		binDir, binErr = os.MkdirTemp("", "privapi-test-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "privapi")
		var out bytes.Buffer
		cmd := exec.Command(goTool, "build", "-o", binPath, ".")
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out.String())
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// procResult is what one run of the binary produced.
type procResult struct {
	code     int
	stdout   []byte
	stderr   []byte
	files    map[string][]byte // report files by format name
	procsEnv string
}

// runBinary runs the binary with args and a minimal environment (no colour
// or CI variables leak in from the test's own environment) plus env.
func runBinary(t *testing.T, bin, dir string, env []string, args ...string) procResult {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("running %s: %v", bin, err)
		}
		code = ee.ExitCode()
	}
	return procResult{code: code, stdout: stdout.Bytes(), stderr: stderr.Bytes()}
}
