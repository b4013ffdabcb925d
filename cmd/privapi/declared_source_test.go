package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// declaredLines lists the first and last lines of each endpoint and client
// block of a .privapi.hcl, by address (endpoint.NAME, client.NAME).
func declaredLines(t *testing.T, cfg []byte) map[string][2]int {
	t.Helper()
	f, diags := hclsyntax.ParseConfig(cfg, ".privapi.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	out := map[string][2]int{}
	for _, b := range f.Body.(*hclsyntax.Body).Blocks {
		if (b.Type == "endpoint" || b.Type == "client") && len(b.Labels) == 1 {
			out[b.Type+"."+b.Labels[0]] = [2]int{b.TypeRange.Start.Line, b.Body.SrcRange.End.Line}
		}
	}
	if len(out) == 0 {
		t.Fatal("no endpoint or client block found")
	}
	return out
}

// TestDeclaredFindingSources: findings on the endpoint and client that
// .privapi.hcl declares point at their blocks in every format (golden SARIF
// results and GitHub annotations), with the file relative to the
// repository root.
func TestDeclaredFindingSources(t *testing.T) {
	t.Setenv("GITHUB_STEP_SUMMARY", "")
	const sc = "split-stack-declared-broken"
	fix := filepath.Join("..", "..", "fixtures", sc)
	cfg, err := os.ReadFile(filepath.Join(fix, ".privapi.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := declaredLines(t, cfg)
	plan := filepath.Join(fix, "plan.json")
	args := []string{"check", "--no-color", "--path-prefix", "fixtures/" + sc}
	file := "fixtures/" + sc + "/.privapi.hcl"

	// JSON: every finding on a declared element has its block as source.
	_, out, errOut := runCLI(t, "", append(args, "-f", "json", plan)...)
	if errOut != "" {
		t.Errorf("stderr %q", errOut)
	}
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	declared := 0
	for _, f := range rep.Findings {
		b, ok := blocks[f.Address]
		if !ok {
			continue
		}
		declared++
		if f.Source == nil || f.Source.File != file || f.Source.Line != b[0] {
			t.Errorf("json: %s on %s: source %+v, want %s:%d", f.ID, f.Address, f.Source, file, b[0])
		}
	}
	if declared < 2 {
		t.Fatalf("json: %d findings on declared elements, want the fixture's endpoint and client findings:\n%s", declared, out)
	}

	// text: the source line of each.
	_, out, _ = runCLI(t, "", append(args, "-f", "text", plan)...)
	for addr, b := range blocks {
		if strings.Contains(out, "address  "+addr+"\n") && !strings.Contains(out, "address  "+addr+"\n      source   "+file+":"+strconv.Itoa(b[0])+"\n") {
			t.Errorf("text: %s not located at %s:%d:\n%s", addr, file, b[0], out)
		}
	}

	// GitHub annotations: file=, line= and endLine= of the block.
	_, out, _ = runCLI(t, "", append(args, "-f", "github", plan)...)
	for addr, b := range blocks {
		want := "file=" + file + ",line=" + strconv.Itoa(b[0]) + ",endLine=" + strconv.Itoa(b[1]) + ","
		if strings.Contains(out, "::"+addr+":") && !strings.Contains(out, want) {
			t.Errorf("github: %s not at %s:\n%s", addr, want, out)
		}
	}
	golden(t, "split-declared.github", scrubVersion(out))

	// SARIF: the results (the rules' help is pinned by subdir.sarif).
	_, out, _ = runCLI(t, "", append(args, "-f", "sarif", plan)...)
	var sarif struct {
		Runs []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(out), &sarif); err != nil || len(sarif.Runs) != 1 {
		t.Fatalf("sarif: %v (%d runs)", err, len(sarif.Runs))
	}
	res, err := json.MarshalIndent(sarif.Runs[0].Results, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res), `"uri": "`+file+`"`) {
		t.Errorf("sarif: no result at %s:\n%s", file, res)
	}
	golden(t, "split-declared.sarif-results", scrubVersion(string(res))+"\n")
}

// TestDeclaredSourceFromRepoRoot: the .privapi.hcl of a stack in infra/ of
// a repository is shown as infra/.privapi.hcl wherever privapi runs and
// however the configuration file is named.
func TestDeclaredSourceFromRepoRoot(t *testing.T) {
	repo := t.TempDir()
	infra := filepath.Join(repo, "infra")
	if err := os.MkdirAll(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(stageDir(t, "split-stack-declared-broken"), infra); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, dir string
		args      []string
	}{
		{"in the root", repo, []string{"infra/plan.json"}},
		{"in infra, --config", infra, []string{"--config", ".privapi.hcl", "plan.json"}},
		{"elsewhere, absolute", t.TempDir(), []string{filepath.Join(infra, "plan.json")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(tc.dir)
			_, out, errOut := runCLI(t, "", append([]string{"check", "--no-color", "-f", "sarif"}, tc.args...)...)
			if errOut != "" {
				t.Errorf("stderr %q", errOut)
			}
			if !strings.Contains(out, `"uri": "infra/.privapi.hcl"`) || strings.Contains(out, repo) {
				t.Errorf("sarif: declared findings not at infra/.privapi.hcl:\n%.3000s", out)
			}
		})
	}
}
