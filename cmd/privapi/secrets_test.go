package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const secretsDir = "../../fixtures/secrets-sensitive"

// secrets are the values fixtures/secrets-sensitive marks sensitive (see its
// main.tf), or distinctive parts of them: a sensitive variable, two
// sensitive CIDRs (any address of 10.20.137.0/24 would reveal them) and an
// endpoint id wrapped in sensitive() inside the resource policy.
var secrets = []string{
	"s3cr3t-do-not-print-7f3a",
	"do-not-print",
	"10.20.137.",
	"vpce-0s3cr3tp0l1cy7f3a",
}

// leaks returns the secrets that s contains.
func leaks(s string) []string {
	var out []string
	for _, x := range secrets {
		if strings.Contains(s, x) {
			out = append(out, x)
		}
	}
	return out
}

// TestSecretsFixtureHasSecrets makes sure the fixture really carries the
// secrets in the input privapi reads, so that TestNoSecretsInOutput cannot
// pass because they went missing.
func TestSecretsFixtureHasSecrets(t *testing.T) {
	all := []string{"s3cr3t-do-not-print-7f3a", "10.20.137.0/24", "10.20.137.0/25", "vpce-0s3cr3tp0l1cy7f3a"}
	for f, want := range map[string][]string{
		"main.tf":    all,
		"state.json": all,
		// The policy is unknown in the plan (it names the endpoint's id), so
		// its secret is only in the source and the state.
		"plan.json": all[:3],
	} {
		b, err := os.ReadFile(filepath.Join(secretsDir, f))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range want {
			if !bytes.Contains(b, []byte(s)) {
				t.Errorf("%s does not contain %q", f, s)
			}
		}
	}
}

// TestNoSecretsInOutput runs privapi check on the plan and the state of
// fixtures/secrets-sensitive, with source and without, from a file and from
// standard input, and asserts that no secret appears in any output format
// (standard output, report files, the GitHub step summary) or on standard
// error. Every format of one run is checked separately so that a failure
// names the format.
func TestNoSecretsInOutput(t *testing.T) {
	nosrc := t.TempDir()
	copyFiles(t, nosrc, map[string]string{
		filepath.Join(secretsDir, "plan.json"):  "plan.json",
		filepath.Join(secretsDir, "state.json"): "state.json",
	})
	for _, in := range []string{"plan.json", "state.json"} {
		for _, mode := range []string{"source", "no-source", "stdin"} {
			t.Run(in+"/"+mode, func(t *testing.T) {
				path := filepath.Join(secretsDir, in)
				stdin := ""
				switch mode {
				case "no-source":
					path = filepath.Join(nosrc, in)
				case "stdin":
					stdin = mustRead(t, path)
					path = "-"
				}
				out := t.TempDir()
				summary := filepath.Join(out, "step-summary.md")
				t.Setenv("GITHUB_STEP_SUMMARY", summary)
				for _, stdoutFormat := range allFormats {
					args := []string{"check", "--no-color", "--fail-on", "info"}
					for _, f := range allFormats {
						if f != stdoutFormat {
							args = append(args, "-f", f+"="+filepath.Join(out, f))
						}
					}
					args = append(args, "-f", stdoutFormat, path)
					code, stdout, stderr := runCLI(t, stdin, args...)
					if code != exitFindings {
						t.Fatalf("exit %d, want 1 (the fixture has findings); stderr %q", code, stderr)
					}
					if l := leaks(stdout); len(l) > 0 {
						t.Errorf("%s on standard output shows %q", stdoutFormat, l)
					}
					if l := leaks(stderr); len(l) > 0 {
						t.Errorf("standard error shows %q: %s", l, stderr)
					}
					for _, f := range allFormats {
						if f == stdoutFormat {
							continue
						}
						b, err := os.ReadFile(filepath.Join(out, f))
						if err != nil {
							t.Fatal(err)
						}
						if l := leaks(string(b)); len(l) > 0 && stdoutFormat == allFormats[0] {
							t.Errorf("%s report file shows %q", f, l)
						}
					}
				}
				b, err := os.ReadFile(summary)
				if err != nil {
					t.Fatalf("no GitHub step summary: %v", err)
				}
				if l := leaks(string(b)); len(l) > 0 {
					t.Errorf("GitHub step summary shows %q", l)
				}
			})
		}
	}
}

// TestNoSecretsInMessages damages the secrets fixture around its secrets and
// asserts that the resulting input errors and warnings do not quote them:
// a plan cut off right after a secret, a secret with an invalid escape, a
// secret followed by a raw line break, the secret's key repeated, and a .tf
// file whose syntax error is on the line of a secret.
func TestNoSecretsInMessages(t *testing.T) {
	plan := mustRead(t, filepath.Join(secretsDir, "plan.json"))
	const secret = "s3cr3t-do-not-print-7f3a"
	i := strings.Index(plan, `"`+secret+`"`)
	if i < 0 {
		t.Fatal("secret not found in the plan")
	}
	end := i + 1 + len(secret)
	damaged := map[string]string{
		"truncated after the secret":   plan[:end],
		"truncated inside the secret":  plan[:i+1+len(secret)/2],
		"invalid escape in the secret": plan[:end] + `\q` + plan[end:],
		"line break after the secret":  plan[:end] + "\n" + plan[end:],
		"key of the secret repeated":   plan[:end+1] + `,"value":"` + secret + `"` + plan[end+1:],
		"secret as a bare word":        plan[:i] + secret + plan[end+1:],
	}
	for name, data := range damaged {
		t.Run(name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, data, "check", "-")
			if code != exitInput {
				t.Fatalf("exit %d, want 2; stderr %q", code, stderr)
			}
			if l := leaks(stdout + stderr); len(l) > 0 {
				t.Errorf("message shows %q: %s", l, stderr)
			}
		})
	}

	t.Run("tf syntax error on a secret's line", func(t *testing.T) {
		dir := t.TempDir()
		copyFiles(t, dir, map[string]string{filepath.Join(secretsDir, "plan.json"): "plan.json"})
		src := mustRead(t, filepath.Join(secretsDir, "main.tf"))
		src = strings.Replace(src, `default   = "`+secret+`"`, `default   = "`+secret+`" "`+secret+`" =`, 1)
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runCLI(t, "", "check", filepath.Join(dir, "plan.json"))
		if code != exitFindings {
			t.Fatalf("exit %d, want 1; stderr %q", code, stderr)
		}
		if !strings.Contains(stderr, "warning") {
			t.Errorf("no warning for the broken .tf file: %q", stderr)
		}
		// Standard output is TestNoSecretsInOutput's business.
		_ = stdout
		if l := leaks(stderr); len(l) > 0 {
			t.Errorf("warning shows %q: %s", l, stderr)
		}
	})
}

// TestNoModuleSecretsInOutput: fixtures/secrets-module-sensitive builds the
// REST API policy in a child module from two variables declared sensitive
// (one passed in by the root, one the variable's default) and returns it as
// a sensitive output. PA205 quotes the two endpoint ids (with %q, which
// escapes): no format, report file, step summary or standard error may show
// them, with source and without.
func TestNoModuleSecretsInOutput(t *testing.T) {
	const dir = "../../fixtures/secrets-module-sensitive"
	moduleSecrets := []string{"vpce-0m0dul3s3cr3t9c1", "vpce-0d3fau1t5ecret4a2", "0m0dul3s3cr3t", "0d3fau1t5ecret"}
	src := mustRead(t, filepath.Join(dir, "modules", "policy", "main.tf")) + mustRead(t, filepath.Join(dir, "main.tf"))
	for _, s := range moduleSecrets[:2] {
		if !strings.Contains(src, s) {
			t.Fatalf("the fixture's source no longer holds %q", s)
		}
	}
	nosrc := t.TempDir()
	copyFiles(t, nosrc, map[string]string{filepath.Join(dir, "plan.json"): "plan.json"})
	for _, plan := range []string{filepath.Join(dir, "plan.json"), filepath.Join(nosrc, "plan.json")} {
		out := t.TempDir()
		t.Setenv("GITHUB_STEP_SUMMARY", filepath.Join(out, "summary.md"))
		args := []string{"check", "--no-color", "--fail-on", "none"}
		for _, f := range allFormats[1:] {
			args = append(args, "-f", f+"="+filepath.Join(out, f))
		}
		code, stdout, stderr := runCLI(t, "", append(args, "-f", "text", plan)...)
		if code != exitOK {
			t.Fatalf("exit %d; stderr %q", code, stderr)
		}
		all := stdout + stderr
		for _, f := range append(allFormats[1:], "summary.md") {
			all += mustRead(t, filepath.Join(out, f))
		}
		for _, s := range moduleSecrets {
			if strings.Contains(all, s) {
				t.Errorf("%s: output shows %q", plan, s)
			}
		}
	}
}
