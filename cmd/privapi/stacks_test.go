package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The multi-stack fixtures (fixtures/stacks, see its generate.sh): a
// network stack applied and exported as state, a pending plan of it, and
// service stacks planned against the network's literal ids.
const (
	stacksDir   = "../../fixtures/stacks/"
	networkSt   = stacksDir + "network/state.json"
	networkNext = stacksDir + "network-next/plan.json"
	ordersPlan  = stacksDir + "services/orders/tfplan.json"
	reportsPlan = stacksDir + "services/reports/tfplan.json"
	billingPlan = stacksDir + "services/billing/tfplan.json"
	ledgerPlan  = stacksDir + "ledger/tfplan.json"
)

type jsonFinding struct {
	ID       string   `json:"id"`
	Severity string   `json:"severity"`
	Status   string   `json:"status"`
	Address  string   `json:"address"`
	Related  []string `json:"related"`
	Message  string   `json:"message"`
}

func findingsOf(t *testing.T, out string) []jsonFinding {
	t.Helper()
	var rep struct {
		Findings []jsonFinding `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	return rep.Findings
}

func TestStacksJoin(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code exitCode
		// want lists "ID status address" that must be reported; none lists
		// IDs that must not be, "error" meaning any failed error.
		want []string
		none []string
	}{
		{"correct pair, joined", []string{"--with", networkSt, ordersPlan}, exitOK,
			nil, []string{"error", "PA101", "PA110", "PA205", "PA111"}},
		{"correct pair, alone: unverified, not failed", []string{ordersPlan}, exitOK,
			[]string{"PA101 unverified module.api.aws_api_gateway_rest_api.this", "PA110 unverified aws_instance.client", "PA205 unverified module.api.aws_api_gateway_rest_api.this"},
			[]string{"error"}},
		{"endpoint SG of the network stack does not admit the client", []string{"--with", networkSt, reportsPlan}, exitFindings,
			[]string{"PA111 fail network:aws_security_group.execute_api"}, []string{"PA101", "PA110"}},
		{"the service's own ingress rule on the network stack's endpoint SG admits its client", []string{"--with", networkSt, ledgerPlan}, exitOK,
			nil, []string{"error", "PA111", "PA110"}},
		{"policy names an endpoint in no input", []string{"--with", networkSt, billingPlan}, exitOK,
			[]string{"PA205 fail module.api.aws_api_gateway_rest_api.this"}, []string{"error"}},
		{"two inputs disagree on an endpoint", []string{"--with", networkSt, "--with", networkNext, ordersPlan}, exitFindings,
			[]string{"PA601 fail network:aws_vpc_endpoint.execute_api"}, nil},
		{"named stack", []string{"--with", "net=" + networkSt, reportsPlan}, exitFindings,
			[]string{"PA111 fail net:aws_security_group.execute_api"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", append([]string{"check", "-f", "json"}, tt.args...)...)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.code, errOut)
			}
			fs := findingsOf(t, out)
			var got []string
			for _, f := range fs {
				got = append(got, f.ID+" "+f.Status+" "+f.Address)
			}
			for _, w := range tt.want {
				found := false
				for _, g := range got {
					found = found || g == w
				}
				if !found {
					t.Errorf("want %q; got %q", w, got)
				}
			}
			for _, n := range tt.none {
				for _, f := range fs {
					if f.ID == n || (n == "error" && f.Severity == "error" && f.Status == "fail") {
						t.Errorf("unexpected %s %s %s: %s", f.ID, f.Status, f.Address, f.Message)
					}
				}
			}
		})
	}
}

// TestStacksReportScope: by default only findings that concern the checked
// plan are reported; --report all adds the other stacks' own findings, and
// every address of another stack names its stack.
func TestStacksReportScope(t *testing.T) {
	_, out, _ := runCLI(t, "", "check", "-f", "json", "--with", networkSt, ordersPlan)
	_, all, _ := runCLI(t, "", "check", "-f", "json", "--report", "all", "--with", networkSt, ordersPlan)
	own, every := findingsOf(t, out), findingsOf(t, all)
	if len(every) < len(own) {
		t.Fatalf("--report all has %d findings, fewer than the default's %d", len(every), len(own))
	}
	for _, f := range own {
		addrs := append([]string{f.Address}, f.Related...)
		checked := false
		for _, a := range addrs {
			checked = checked || !strings.Contains(a, ":")
		}
		if !checked && f.ID != "PA601" {
			t.Errorf("default report has %s on %v, which mentions no address of the checked plan", f.ID, addrs)
		}
	}
	for _, f := range every {
		for _, a := range append([]string{f.Address}, f.Related...) {
			if strings.HasPrefix(a, "aws_vpc") || strings.HasPrefix(a, "aws_subnet") {
				t.Errorf("%s names %s without its stack (the network stack's resource)", f.ID, a)
			}
		}
	}
	code, _, errOut := runCLI(t, "", "check", "--report", "mine", ordersPlan)
	if code != exitInput || !strings.Contains(errOut, "--report") {
		t.Errorf("--report mine: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "", "check", "--with", stacksDir+"no-such.json", ordersPlan)
	if code != exitInput || strings.Count(errOut, "\n") != 1 {
		t.Errorf("missing --with file: exit %d, %q", code, errOut)
	}
}

// TestSeveralPlans: a directory of three plans (and the same plans named
// one by one) is checked plan by plan, each with its own header, under one
// exit code: the worst of the plans'.
func TestSeveralPlans(t *testing.T) {
	code, out, errOut := runCLI(t, "", "check", "--no-color", "--with", networkSt, stacksDir+"services")
	if code != exitFindings {
		t.Errorf("exit %d, want %d (reports fails); stderr %q", code, exitFindings, errOut)
	}
	headers := []string{
		"== " + stacksDir + "services/billing/tfplan.json (plan 1 of 3)",
		"== " + stacksDir + "services/orders/tfplan.json (plan 2 of 3)",
		"== " + stacksDir + "services/reports/tfplan.json (plan 3 of 3)",
	}
	last := -1
	for _, h := range headers {
		i := strings.Index(out, h+"\n")
		if i < 0 || i < last {
			t.Fatalf("header %q missing or out of order in:\n%s", h, out)
		}
		last = i
	}
	if n := strings.Count(out, "\nprivapi: "); n != 3 {
		t.Errorf("%d summary lines, want one per plan", n)
	}
	// the same plans named one by one give the same report
	_, byName, _ := runCLI(t, "", "check", "--no-color", "--with", networkSt,
		stacksDir+"services/billing/tfplan.json", stacksDir+"services/orders/tfplan.json", stacksDir+"services/reports/tfplan.json")
	if byName != out {
		t.Errorf("plans named one by one differ from the directory:\n%s\n---\n%s", byName, out)
	}
	// only passing plans: exit 0
	if code, _, _ := runCLI(t, "", "check", "--with", networkSt, ordersPlan, billingPlan); code != exitOK {
		t.Errorf("orders and billing: exit %d, want 0", code)
	}
	// one broken plan: the others are still reported, exit 2
	code, out, errOut = runCLI(t, "", "check", "--no-color", ordersPlan, stacksDir+"no-such.tfplan.json")
	if code != exitInput || !strings.Contains(out, "(plan 1 of 2)") || !strings.Contains(errOut, "no-such.tfplan.json") {
		t.Errorf("a missing plan among two: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// machine formats go to one file per plan
	code, _, errOut = runCLI(t, "", "check", "-f", "json", stacksDir+"services")
	if code != exitInput || !strings.Contains(errOut, "json=FILE") {
		t.Errorf("json on standard output for several plans: exit %d, %q", code, errOut)
	}
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "", "check", "-f", "json="+dir+"/r.json", "--with", networkSt, stacksDir+"services"); code != exitFindings {
		t.Fatalf("json=FILE for several plans: exit %d, %q", code, errOut)
	}
	for _, name := range []string{"billing", "orders", "reports"} {
		data, err := os.ReadFile(filepath.Join(dir, "r."+name+".json"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(data), "services/"+name+"/tfplan.json") {
			t.Errorf("r.%s.json is not the report of %s", name, name)
		}
	}
	code, _, errOut = runCLI(t, "", "check", t.TempDir())
	if code != exitInput || !strings.Contains(errOut, "no plan found") {
		t.Errorf("empty directory: exit %d, %q", code, errOut)
	}
}

// TestBaselineRoundTrip: --create-baseline records every finding of the
// three plans; --baseline then hides them all (and says how many), keeps
// the exit code of a clean run, and names entries that no longer match.
// The fingerprints are SARIF's.
func TestBaselineRoundTrip(t *testing.T) {
	dir := t.TempDir()
	bl := filepath.Join(dir, "baseline.json")
	args := []string{"check", "--no-color", "--with", networkSt, stacksDir + "services"}
	code, _, errOut := runCLI(t, "", append(args, "--create-baseline", bl)...)
	if code != exitOK || !strings.Contains(errOut, "wrote 8 findings to the baseline") {
		t.Fatalf("--create-baseline: exit %d, %q", code, errOut)
	}
	data, err := os.ReadFile(bl)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		FormatVersion string `json:"format_version"`
		Baseline      []struct {
			ID, Address, Reason, Plan, Fingerprint string
			Expires                                *string
		} `json:"baseline"`
	}
	if err := json.Unmarshal(data, &file); err != nil || file.FormatVersion != "1" || len(file.Baseline) != 8 {
		t.Fatalf("baseline file: %v, %+v", err, file)
	}
	// the fingerprints are those of SARIF
	_, sarif, _ := runCLI(t, "", "check", "-f", "sarif", "--with", networkSt, reportsPlan)
	for _, e := range file.Baseline {
		if e.ID == "" || e.Address == "" || e.Reason == "" || e.Expires != nil {
			t.Errorf("entry without the waiver fields: %+v", e)
		}
		if e.Plan == stacksDir+"services/reports/tfplan.json" && !strings.Contains(sarif, `"privapi/v1": "`+e.Fingerprint+`"`) {
			t.Errorf("fingerprint of %s %s is not SARIF's", e.ID, e.Address)
		}
	}
	// the same run again writes the same file (stable across runs)
	bl2 := filepath.Join(dir, "again.json")
	runCLI(t, "", append(args, "--create-baseline", bl2)...)
	if again, _ := os.ReadFile(bl2); string(again) != string(data) {
		t.Errorf("a second --create-baseline differs from the first")
	}

	code, out, errOut := runCLI(t, "", append(args, "--baseline", bl)...)
	if code != exitOK || !strings.Contains(errOut, "hid 8 findings") || strings.Contains(errOut, "no longer matches") {
		t.Errorf("--baseline: exit %d, stderr %q", code, errOut)
	}
	if strings.Contains(out, "PA111") && !strings.Contains(out, "waived") {
		t.Errorf("PA111 still reported:\n%s", out)
	}
	// one plan, named by another path: the fingerprints still match, and the
	// entries of the other plans no longer match
	abs, err := filepath.Abs(reportsPlan)
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, "", "check", "--with", networkSt, abs, "--baseline", bl)
	if code != exitOK || !strings.Contains(errOut, "hid 3 findings") || strings.Count(errOut, "no longer matches") != 5 {
		t.Errorf("--baseline on one plan: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCLI(t, "", append(args, "--baseline", filepath.Join(dir, "none.json"))...)
	if code != exitInput || strings.Count(errOut, "\n") != 1 {
		t.Errorf("missing baseline: exit %d, %q", code, errOut)
	}
	if err := os.WriteFile(filepath.Join(dir, "bad.json"), []byte(`{"format_version":"1","baseline":[{"id":"PA111"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, "", append(args, "--baseline", filepath.Join(dir, "bad.json"))...)
	if code != exitInput || !strings.Contains(errOut, "fingerprint") {
		t.Errorf("entry without fingerprint: exit %d, %q", code, errOut)
	}
}
