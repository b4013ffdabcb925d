package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSplitStackStrict: a correct split stack whose .privapi.hcl declares
// the other stacks' endpoint and clients fully passes with --strict; with
// the NACL and egress statements left out it does not (unverified).
func TestSplitStackStrict(t *testing.T) {
	dir := stageDir(t, "split-stack-declared")
	plan := filepath.Join(dir, "plan.json")
	if code, out, errOut := runCLI(t, "", "check", "--strict", "--no-color", plan); code != exitOK {
		t.Fatalf("fully declared: exit %d, want 0\n%s%s", code, out, errOut)
	}
	cfg, err := os.ReadFile(filepath.Join(dir, ".privapi.hcl"))
	if err != nil {
		t.Fatal(err)
	}
	var keep []string
	for _, l := range strings.Split(string(cfg), "\n") {
		if strings.Contains(l, "nacls_allow_https") || strings.Contains(l, "egress_https_to") {
			continue
		}
		keep = append(keep, l)
	}
	if err := os.WriteFile(filepath.Join(dir, ".privapi.hcl"), []byte(strings.Join(keep, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := runCLI(t, "", "check", "--strict", "--no-color", plan)
	if code != exitFindings || !strings.Contains(out, "PA114") || !strings.Contains(out, "PA112") {
		t.Errorf("partly declared: exit %d, want 1 with PA112 and PA114 unverified\n%s", code, out)
	}
	if strings.Contains(out, "PA111") {
		t.Errorf("the ingress rule this plan adds to the declared endpoint's group must count (no PA111):\n%s", out)
	}
}
