package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestStrict: unverified results never pass silently. Without --strict they
// are listed (and counted in the summary) but do not fail the run; with
// --strict, or strict = true in the configuration, an unverified result at
// or above --fail-on fails it (exit 1). --strict=false on the command line
// wins over the configuration. The last argument of each case is the plan.
func TestStrict(t *testing.T) {
	cfgDir := t.TempDir()
	strictCfg := filepath.Join(cfgDir, "strict.hcl")
	if err := os.WriteFile(strictCfg, []byte("strict = true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mutated := mutatedNACLPlan(t)
	const (
		notJSON = "../../fixtures/hostile-policy-not-json/plan.json"
		badOp   = "../../fixtures/hostile-policy-unknown-operator/plan.json"
		dnsUnk  = "../../fixtures/dns-private-dns-unknown/plan.json"
		ipam    = "../../fixtures/net-sg-cidr-ipam/plan.json"
	)
	const sameAsPlain = exitCode(-1) // the exit code of the run without --strict
	tests := []struct {
		name string
		args []string
		want exitCode
		// mention must appear in the text report.
		mention string
	}{
		// Only unverified results at error severity: the plain run passes.
		{"sg cidr from IPAM", []string{ipam}, exitOK, "unverified"},
		{"sg cidr from IPAM, --strict", []string{"--strict", ipam}, exitFindings, "unverified"},
		{"sg cidr from IPAM, config strict", []string{"--config", strictCfg, ipam}, exitFindings, "unverified"},
		{"sg cidr from IPAM, config strict, --strict=false", []string{"--config", strictCfg, "--strict=false", ipam}, exitOK, "unverified"},
		// A failing finding of a fixture turned unverified by making its
		// deciding attribute unknown (see TestFailClosed in checks/).
		{"fail made unverified", []string{mutated}, exitOK, "unverified"},
		{"fail made unverified, --strict", []string{"--strict", mutated}, exitFindings, "unverified"},
		// Only warning- and info-level results are unverified here: --strict
		// fails the run only at or above --fail-on.
		{"warning unverified, --strict", []string{"--strict", dnsUnk}, exitOK, "unverified"},
		{"warning unverified, --strict --fail-on warning", []string{"--strict", "--fail-on", "warning", dnsUnk}, exitFindings, "unverified"},
		// Policies AWS refuses: reported (naming the problem), and --strict
		// fails the run whatever the plain run does.
		{"policy not JSON", []string{notJSON}, sameAsPlain, "not JSON"},
		{"policy not JSON, --strict", []string{"--strict", notJSON}, exitFindings, "not JSON"},
		{"policy not JSON, config strict", []string{"--config", strictCfg, notJSON}, exitFindings, "not JSON"},
		{"unknown operator, --strict", []string{"--strict", badOp}, exitFindings, "NotIpAdress"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"check", "--no-color"}, tt.args...)
			code, out, errOut := runCLI(t, "", args...)
			if tt.want == sameAsPlain {
				tt.want, _, _ = runCLI(t, "", "check", tt.args[len(tt.args)-1])
			}
			if code != tt.want {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.want, errOut)
			}
			if !strings.Contains(out, tt.mention) {
				t.Errorf("report does not mention %q:\n%s", tt.mention, out)
			}
			// The JSON report counts the unverified results either way.
			_, js, _ := runCLI(t, "", append([]string{"check", "-f", "json"}, tt.args...)...)
			var rep struct {
				Summary struct{ Unverified int } `json:"summary"`
			}
			if err := json.Unmarshal([]byte(js), &rep); err != nil {
				t.Fatalf("JSON report: %v", err)
			}
			if rep.Summary.Unverified == 0 {
				t.Error("summary counts no unverified result")
			}
		})
	}
}

// mutatedNACLPlan writes fixtures/net-nacl-deny-443's plan, without source,
// with the endpoint subnets' network ACL rules (ingress) unknown until
// apply: PA114, which fails on the known rules, becomes unverified, and
// nothing else fails at error.
func mutatedNACLPlan(t *testing.T) string {
	t.Helper()
	raw := mustRead(t, "../../fixtures/net-nacl-deny-443/plan.json")
	var plan map[string]any
	d := json.NewDecoder(strings.NewReader(raw))
	d.UseNumber()
	if err := d.Decode(&plan); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, x := range plan["resource_changes"].([]any) {
		rc := x.(map[string]any)
		if rc["address"] != "aws_network_acl.endpoint" {
			continue
		}
		change := rc["change"].(map[string]any)
		delete(change["after"].(map[string]any), "ingress")
		change["after_unknown"].(map[string]any)["ingress"] = true
		found = true
	}
	if !found {
		t.Fatal("aws_network_acl.endpoint not in the plan")
	}
	b, err := json.Marshal(plan)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "plan.json")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
