package main

import (
	"bufio"
	"bytes"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/longtest"
)

const module = "github.com/privapi/privapi"

// depGraph is the import graph of the privapi binary: every package it
// links, with its imports (go list -deps).
func depGraph(t *testing.T) map[string][]string {
	t.Helper()
	if goTool == "" {
		t.Skip("go tool not found")
	}
	cmd := exec.Command(goTool, "list", "-deps", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", ".")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, errb.String())
	}
	g := map[string][]string{}
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) > 0 {
			g[f[0]] = f[1:]
		}
	}
	if _, ok := g[module+"/cmd/privapi"]; !ok {
		t.Fatalf("go list -deps did not list %s/cmd/privapi", module)
	}
	return g
}

// importChain returns the shortest import chain from the binary to pkg.
func importChain(g map[string][]string, pkg string) []string {
	start := module + "/cmd/privapi"
	prev := map[string]string{start: ""}
	queue := []string{start}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if p == pkg {
			var chain []string
			for ; p != ""; p = prev[p] {
				chain = append([]string{p}, chain...)
			}
			return chain
		}
		for _, q := range g[p] {
			if _, seen := prev[q]; !seen {
				prev[q] = p
				queue = append(queue, q)
			}
		}
	}
	return nil
}

// TestNoNetworkPackages: privapi opens no network connection. The binary
// must not link an HTTP, RPC or TLS client at all; the plain net package
// may come in only through a third-party dependency (the chain is logged),
// never through an import of privapi's own code.
func TestNoNetworkPackages(t *testing.T) {
	g := depGraph(t)
	for _, pkg := range []string{"net/http", "net/rpc", "crypto/tls", "net/smtp"} {
		if _, linked := g[pkg]; linked {
			t.Errorf("the binary links %s: %s", pkg, strings.Join(importChain(g, pkg), " → "))
		}
	}
	if _, linked := g["net"]; linked {
		t.Logf("net is linked: %s", strings.Join(importChain(g, "net"), " → "))
	}
	for pkg, imports := range g {
		if !strings.HasPrefix(pkg, module+"/") {
			continue
		}
		for _, imp := range imports {
			if networking(imp) {
				t.Errorf("%s imports %s", pkg, imp)
			}
		}
	}
}

// networking reports whether a standard package opens or serves
// connections (net/url, net/netip, net/mail and net/textproto only parse).
func networking(pkg string) bool {
	switch pkg {
	case "net", "crypto/tls", "net/smtp":
		return true
	}
	return strings.HasPrefix(pkg, "net/http") || strings.HasPrefix(pkg, "net/rpc")
}

// TestExecOnlyInPlanfile: the only package that may start a process is
// internal/planfile (terraform show -json for a binary plan file). It checks
// the imports of every non-test Go file of the module, and that of the
// packages linked into the binary only internal/planfile imports os/exec
// (or syscall, with which a process could be started too).
func TestExecOnlyInPlanfile(t *testing.T) {
	// Developer tools that are separate binaries, never linked into
	// privapi; each must stay out of the binary's dependencies.
	tools := map[string]string{
		"internal/bench/cmd/rusage": "benchmark helper that runs a command to measure its resource usage",
	}
	root := "../.."
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", "testdata", "fixtures", "node_modules":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p != "os/exec" {
				continue
			}
			switch {
			case rel == "internal/planfile":
			case tools[rel] != "":
				t.Logf("%s imports os/exec: %s (not part of the privapi binary)", path, tools[rel])
			default:
				t.Errorf("%s imports os/exec; only internal/planfile may start a process", path)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	g := depGraph(t)
	for tool := range tools {
		if _, linked := g[module+"/"+tool]; linked {
			t.Errorf("%s is linked into privapi", tool)
		}
	}
	for pkg, imports := range g {
		if !strings.HasPrefix(pkg, module+"/") || pkg == module+"/internal/planfile" {
			continue
		}
		for _, imp := range imports {
			if imp == "os/exec" || imp == "syscall" || imp == "plugin" {
				t.Errorf("%s (linked into privapi) imports %s", pkg, imp)
			}
		}
	}
}

// TestOnlyTerraformShowForBinaryPlans puts a fake terraform first on PATH
// that records how it was called. privapi must not run it for any JSON
// input (plans, states, standard input), and must run exactly
// "terraform -chdir=DIR show -json FILE" for a binary plan file.
func TestOnlyTerraformShowForBinaryPlans(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("shell script stand-in")
	}
	dir := t.TempDir()
	record := filepath.Join(dir, "calls")
	plan, err := filepath.Abs(filepath.Join("..", "..", "fixtures", "good-private-api", "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	fake := "#!/bin/sh\nprintf '%s\\n' \"$*\" >> " + strconv.Quote(record) + "\ncat " + strconv.Quote(plan) + "\n"
	if err := os.WriteFile(filepath.Join(dir, "terraform"), []byte(fake), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))

	// a plan, a state and a split stack's plan; every fixture with
	// PRIVAPI_LONG_TESTS=1
	inputs := []string{"../../fixtures/good-private-api/plan.json", "../../fixtures/model-applied-state/state.json",
		"../../fixtures/split-stack-declared/plan.json"}
	if longtest.Enabled() {
		inputs = fixtureInputs(t)
	}
	for _, in := range inputs {
		if code, _, errOut := runCLI(t, "", "check", in); code != exitOK && code != exitFindings {
			t.Fatalf("%s: exit %d, stderr %q", in, code, errOut)
		}
	}
	runCLI(t, mustRead(t, "../../fixtures/good-private-api/plan.json"), "check", "-")
	if b, err := os.ReadFile(record); err == nil {
		t.Fatalf("terraform was run for JSON input: %q", b)
	}

	code, _, errOut := runCLI(t, "", "check", filepath.Join(badDir, "binary-plan.tfplan"))
	if code != exitOK && code != exitFindings {
		t.Fatalf("binary plan: exit %d, stderr %q", code, errOut)
	}
	b, err := os.ReadFile(record)
	if err != nil {
		t.Fatalf("terraform was not run for a binary plan: %v", err)
	}
	calls := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(calls) != 1 {
		t.Fatalf("terraform run %d times: %q", len(calls), calls)
	}
	abs, _ := filepath.Abs(filepath.Join(badDir, "binary-plan.tfplan"))
	want := "-chdir=" + filepath.Dir(abs) + " show -json " + abs
	if calls[0] != want {
		t.Errorf("terraform %s, want terraform %s", calls[0], want)
	}
}
