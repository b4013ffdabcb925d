package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// writeFile writes name in dir.
func writeFile(t *testing.T, dir, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// findingIDs returns the IDs of the findings in a JSON report.
func findingIDs(t *testing.T, out, errOut string) map[string]int {
	t.Helper()
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v; stderr %s", err, errOut)
	}
	ids := map[string]int{}
	for _, f := range rep.Findings {
		ids[f.ID]++
	}
	return ids
}

// TestInlineWaiverWarnings: an inline waiver with a typo'd ID, an unknown
// ID or no reason is reported on stderr at file:line and does not apply.
func TestInlineWaiverWarnings(t *testing.T) {
	dir := stageDir(t, "log-no-access-logs")
	mainTF := filepath.Join(dir, "main.tf")
	src, _ := os.ReadFile(mainTF)
	const block = `resource "aws_api_gateway_stage" "prod" {`
	i := strings.Index(string(src), block)
	if i < 0 {
		t.Fatal("stage block not found in the fixture")
	}
	line := strings.Count(string(src[:i]), "\n") + 1            // the block's line before the edit
	comments := "# privapi:ignore PA50l data trace is fine\n" + // typo: l for 1
		"# privapi:ignore PA504\n" + // no reason
		"# privapi:ignore PA599 not a check\n" + // unknown ID
		"# privapi:ignore PA502 valid and applied\n"
	s := string(src[:i]) + comments + string(src[i:])
	writeFile(t, dir, "main.tf", s)

	code, out, errOut := runCLI(t, "", "check", "-f", "json", filepath.Join(dir, "plan.json"))
	if code != exitOK {
		t.Fatalf("exit %d; stderr %s", code, errOut)
	}
	want := []string{
		"privapi: warning: main.tf:" + itoa(line) + `: privapi:ignore comment ignored: "PA50L" is not a check ID such as PA501`,
		"privapi: warning: main.tf:" + itoa(line+1) + ": privapi:ignore comment ignored: waiver of PA504 has no reason",
		"privapi: warning: main.tf:" + itoa(line+2) + ": privapi:ignore comment ignored: PA599 is not a check of this version of privapi",
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != len(want) {
		t.Fatalf("stderr has %d lines, want %d:\n%s", len(lines), len(want), errOut)
	}
	for k, w := range want {
		if !strings.HasPrefix(lines[k], w) {
			t.Errorf("stderr line %d = %q\nwant prefix      %q", k+1, lines[k], w)
		}
	}
	ids := findingIDs(t, out, errOut)
	if ids["PA504"] != 1 || ids["PA502"] != 0 {
		t.Errorf("findings %v: PA504 must stay (its waiver has no reason), PA502 must be waived", ids)
	}
}

// TestUnusedConfigWaiver: a config waiver that matches no finding of a
// check that ran is reported as PA902 at its block; a waiver for a check
// that was not run is not; PA902 can be skipped or disabled like any check.
func TestUnusedConfigWaiver(t *testing.T) {
	dir := stageDir(t, "log-no-access-logs")
	writeFile(t, dir, ".privapi.hcl", `waiver {
  check   = "PA504"
  address = "aws_api_gateway_stage.prod"
  reason  = "used"
}

waiver {
  check   = "PA113"
  address = "aws_vpc_endpoint.gone"
  reason  = "the endpoint was deleted long ago"
}
`)
	plan := filepath.Join(dir, "plan.json")
	type unused struct{ address, file string }
	pa902 := func(args ...string) []unused {
		t.Helper()
		code, out, errOut := runCLI(t, "", append(append([]string{"check", "-f", "json"}, args...), plan)...)
		if code != exitOK {
			t.Fatalf("exit %d; stderr %s", code, errOut)
		}
		var rep jsonReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		var got []unused
		for _, f := range rep.Findings {
			if f.ID == "PA902" {
				if f.Severity != "info" || f.Source == nil || f.Source.Line != 7 {
					t.Errorf("PA902 = %+v, want info at .privapi.hcl:7", f)
				}
				got = append(got, unused{f.Address, f.Source.File})
			}
		}
		return got
	}
	if got := pa902(); len(got) != 1 || got[0].address != "aws_vpc_endpoint.gone" || !strings.HasSuffix(got[0].file, ".privapi.hcl") {
		t.Errorf("PA902 = %+v, want one for aws_vpc_endpoint.gone", got)
	}
	if got := pa902("--skip-check", "endpoint-default-sg"); len(got) != 0 {
		t.Errorf("PA113 did not run, yet its waiver is reported unused: %+v", got)
	}
	if got := pa902("--skip-check", "PA902"); len(got) != 0 {
		t.Errorf("--skip-check PA902 still reports: %+v", got)
	}
	writeFile(t, dir, ".privapi.hcl", mustRead(t, filepath.Join(dir, ".privapi.hcl"))+"\ncheck \"PA902\" {\n  enabled = false\n}\n")
	if got := pa902(); len(got) != 0 {
		t.Errorf(`check "PA902" { enabled = false } still reports: %+v`, got)
	}
}

// TestConfigErrorsAllReported: every problem in .privapi.hcl is reported,
// one line each, in file order, with exit code 2.
func TestConfigErrorsAllReported(t *testing.T) {
	dir := stageDir(t, "good-private-api")
	writeFile(t, dir, ".privapi.hcl", `fail_on = "sometimes"

waiver {
  check   = "PA11l"
  address = "aws_vpc_endpoint.x"
}

colour = "red"
`)
	code, out, errOut := runCLI(t, "", "check", filepath.Join(dir, "plan.json"))
	if code != exitInput || out != "" {
		t.Fatalf("exit %d, stdout %q; want 2 and nothing", code, out)
	}
	cfg := filepath.Join(dir, ".privapi.hcl")
	want := []string{
		"privapi: " + cfg + `:1,11: Invalid fail_on`,
		"privapi: " + cfg + `:3,8: Missing required argument; The argument "reason" is required`,
		"privapi: " + cfg + `:4,13: Invalid check ID; "PA11l" is not a check ID`,
		"privapi: " + cfg + `:8,1: Unsupported argument; An argument named "colour" is not expected here.`,
	}
	lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("stderr has %d lines, want %d:\n%s", len(lines), len(want), errOut)
	}
	for k, w := range want {
		if !strings.HasPrefix(lines[k], w) {
			t.Errorf("line %d = %q\nwant prefix %q", k+1, lines[k], w)
		}
	}
}

// TestCheckSelection: --check and --skip-check take IDs or names, in any
// case, comma-separated or repeated; unknown ones are usage errors with a
// suggestion.
func TestCheckSelection(t *testing.T) {
	plan := "../../fixtures/log-no-access-logs/plan.json" // PA403, PA502, PA504
	tests := []struct {
		name   string
		args   []string
		want   []string // finding IDs
		errHas string
	}{
		{"all", nil, []string{"PA403", "PA502", "PA504"}, ""},
		{"check by ID", []string{"--check", "PA504"}, []string{"PA504"}, ""},
		{"check by name, any case", []string{"--check", "Access-Logging-Off"}, []string{"PA504"}, ""},
		{"check list", []string{"--check", "pa504,data-trace-off"}, []string{"PA502", "PA504"}, ""},
		{"check repeated", []string{"--check", "PA504", "--check", "PA403"}, []string{"PA403", "PA504"}, ""},
		{"skip", []string{"--skip-check", "PA403,access-logging-off"}, []string{"PA502"}, ""},
		{"skip wins over check", []string{"--check", "PA502,PA504", "--skip-check", "PA504"}, []string{"PA502"}, ""},
		{"check a passing one", []string{"--check", "PA101"}, nil, ""},
		{"typo in ID", []string{"--check", "PA5O4"}, nil, `--check: unknown check "PA5O4" (see privapi checks); did you mean PA504?`},
		{"typo in name", []string{"--skip-check", "acess-logging-off"}, nil, `--skip-check: unknown check "acess-logging-off" (see privapi checks); did you mean access-logging-off?`},
		{"nothing like it", []string{"--check", "frobnicate"}, nil, `--check: unknown check "frobnicate" (see privapi checks)`},
		{"hostile value", []string{"--check", "x\x1b[31my\a"}, nil, `--check: unknown check "x?[31my?"`},
		{"empty", []string{"--check", ","}, nil, "--check: no check named"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", append(append([]string{"check", "-f", "json"}, tt.args...), plan)...)
			if tt.errHas != "" {
				if code != exitInput || !strings.Contains(errOut, tt.errHas) || strings.Count(errOut, "\n") != 1 {
					t.Errorf("exit %d, stderr %q; want 2 and one line with %q", code, errOut, tt.errHas)
				}
				if strings.HasSuffix(tt.errHas, ")") && strings.Contains(errOut, "did you mean") {
					t.Errorf("suggestion for a value that is like no check: %q", errOut)
				}
				return
			}
			if code != exitOK {
				t.Fatalf("exit %d; stderr %s", code, errOut)
			}
			ids := findingIDs(t, out, errOut)
			var got []string
			for id := range ids {
				got = append(got, id)
			}
			if strings.Join(sorted(got), ",") != strings.Join(tt.want, ",") {
				t.Errorf("findings %v, want %v", sorted(got), tt.want)
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}
