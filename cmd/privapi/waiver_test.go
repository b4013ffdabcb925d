package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// stageDir copies a fixture's plan and .tf files into a temporary directory,
// so that a test can add a .privapi.hcl or edit the source.
func stageDir(t *testing.T, scenario string) string {
	t.Helper()
	src := filepath.Join("..", "..", "fixtures", scenario)
	dir := t.TempDir()
	files, _ := filepath.Glob(filepath.Join(src, "*"))
	for _, f := range files {
		if st, err := os.Stat(f); err != nil || st.IsDir() {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

type jsonReport struct {
	Summary struct {
		Errors, Warnings, Infos, Unverified int
	} `json:"summary"`
	Findings []struct {
		ID, Address, Status, Severity string
		Source                        *struct {
			File string
			Line int
		}
	} `json:"findings"`
	Suppressions []struct {
		ID, Address, Reason, Origin string
	} `json:"suppressions"`
}

// TestWaivers: config and inline waivers suppress findings and are listed;
// an expired waiver no longer applies and is itself reported (PA901, a
// warning located in .privapi.hcl).
func TestWaivers(t *testing.T) {
	dir := stageDir(t, "log-no-access-logs")
	tomorrow := time.Now().UTC().AddDate(0, 0, 1).Format("2006-01-02")
	cfg := `fail_on = "warning"

waiver {
  check   = "PA502"
  address = "aws_api_gateway_stage.*"
  reason  = "data trace stays off in production"
  expires = "` + tomorrow + `"
}

waiver {
  check   = "PA403"
  address = "aws_vpc_endpoint.execute_api"
  reason  = "no public APIs are called from this VPC"
  expires = "2020-01-31"
}
`
	if err := os.WriteFile(filepath.Join(dir, ".privapi.hcl"), []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	// inline waiver on the stage for PA504
	mainTF := filepath.Join(dir, "main.tf")
	src, _ := os.ReadFile(mainTF)
	s := strings.Replace(string(src), `resource "aws_api_gateway_stage" "prod" {`, "# privapi:ignore PA504 access logs go to the central firehose\nresource \"aws_api_gateway_stage\" \"prod\" {", 1)
	if s == string(src) {
		t.Fatal("stage block not found in the fixture")
	}
	if err := os.WriteFile(mainTF, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", "check", "-f", "json", filepath.Join(dir, "plan.json"))
	var rep jsonReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v; stderr %s", err, errOut)
	}
	sup := map[string]string{}
	for _, x := range rep.Suppressions {
		sup[x.ID] = x.Origin
	}
	if sup["PA502"] != "config" || sup["PA504"] != "inline" {
		t.Errorf("suppressions = %+v, want PA502 (config) and PA504 (inline)", rep.Suppressions)
	}
	expired := false
	for _, f := range rep.Findings {
		switch f.ID {
		case "PA502", "PA504":
			t.Errorf("%s should be waived: %+v", f.ID, f)
		case "PA901":
			expired = f.Severity == "warning" && f.Source != nil && f.Source.File != "" && f.Source.Line == 10
		}
	}
	if !expired {
		t.Errorf("the expired PA403 waiver is not reported as PA901 at .privapi.hcl:10: %+v", rep.Findings)
	}
	// fail_on = "warning" from the config: the PA901 warning fails the run.
	if code != exitFindings {
		t.Errorf("exit %d, want 1 (fail_on = warning and an expired waiver)", code)
	}
	// the flag wins over the config
	if code, _, _ := runCLI(t, "", "check", "--fail-on", "error", "-f", "json", filepath.Join(dir, "plan.json")); code != exitOK {
		t.Errorf("--fail-on error: exit %d, want 0", code)
	}
	// text lists the applied waivers
	_, text, _ := runCLI(t, "", "check", "--no-color", filepath.Join(dir, "plan.json"))
	if !strings.Contains(text, "data trace stays off in production") || !strings.Contains(text, "central firehose") {
		t.Errorf("text output does not list the applied waivers:\n%s", text)
	}
}

// TestExpiredWaiverOverride: a check block applies to PA901 like to any
// other check (severity, enabled).
func TestExpiredWaiverOverride(t *testing.T) {
	for _, tc := range []struct {
		block, want string
	}{
		{`check "PA901" { severity = "error" }`, "error"},
		{`check "PA901" { enabled = false }`, ""},
	} {
		dir := stageDir(t, "log-no-access-logs")
		cfg := tc.block + `

waiver {
  check   = "PA403"
  address = "aws_vpc_endpoint.execute_api"
  reason  = "no public APIs are called from this VPC"
  expires = "2020-01-31"
}
`
		if err := os.WriteFile(filepath.Join(dir, ".privapi.hcl"), []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		_, out, errOut := runCLI(t, "", "check", "-f", "json", filepath.Join(dir, "plan.json"))
		var rep jsonReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatalf("%v; stderr %s", err, errOut)
		}
		got := ""
		for _, f := range rep.Findings {
			if f.ID == "PA901" {
				got = f.Severity
			}
		}
		if got != tc.want {
			t.Errorf("%s: PA901 severity %q, want %q", tc.block, got, tc.want)
		}
	}
}
