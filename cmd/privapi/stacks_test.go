package main

import (
	"encoding/json"
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
