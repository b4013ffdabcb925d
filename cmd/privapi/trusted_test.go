package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTrustedMode: under Atlantis or CI on a pull request, the repository's
// .privapi.hcl and its # privapi:ignore comments come from the pull request.
// With --no-repo-config, or with PRIVAPI_TRUSTED_CONFIG naming a server-side
// file, neither can switch the check off: the repository's fail_on = "none"
// and waivers are not read, the inline waiver is ignored with a warning,
// and only the trusted file counts.
func TestTrustedMode(t *testing.T) {
	const from = "../../fixtures/policy-denies-other-vpce"
	dir := t.TempDir()
	src := mustRead(t, filepath.Join(from, "main.tf"))
	const api = `resource "aws_api_gateway_rest_api" "api" {`
	if !strings.Contains(src, api) {
		t.Fatal("policy-denies-other-vpce/main.tf changed: no aws_api_gateway_rest_api.api")
	}
	src = strings.Replace(src, api, "# privapi:ignore PA202 the pull request says so\n"+api, 1)
	files := map[string]string{
		"main.tf":      src,
		"plan.json":    mustRead(t, filepath.Join(from, "plan.json")),
		".privapi.hcl": "fail_on = \"none\"\n\nwaiver {\n  check   = \"PA202\"\n  address = \"*\"\n  reason  = \"the pull request says so\"\n}\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	server := filepath.Join(t.TempDir(), "server.privapi.hcl")
	if err := os.WriteFile(server, []byte("fail_on = \"error\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	plan := filepath.Join(dir, "plan.json")
	tests := []struct {
		name    string
		env     string
		args    []string
		want    exitCode
		ignored bool // the warning about ignored inline waivers
	}{
		{name: "repository config and waivers apply", want: exitOK},
		{name: "--no-repo-config", args: []string{"--no-repo-config"}, want: exitFindings, ignored: true},
		{name: "--no-repo-config with a server config", args: []string{"--no-repo-config", "--config", server}, want: exitFindings, ignored: true},
		{name: "PRIVAPI_TRUSTED_CONFIG", env: server, want: exitFindings, ignored: true},
		{name: "PRIVAPI_TRUSTED_CONFIG wins over --config", env: server, args: []string{"--config", filepath.Join(dir, ".privapi.hcl")}, want: exitFindings, ignored: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(trustedEnv, tt.env)
			args := append([]string{"check", "--no-color"}, tt.args...)
			code, stdout, stderr := runCLI(t, "", append(args, plan)...)
			if code != tt.want {
				t.Fatalf("exit %d, want %d; stderr %q\n%s", code, tt.want, stderr, stdout)
			}
			if got := strings.Contains(stderr, "trusted mode: 1 privapi:ignore comment(s) in the source ignored"); got != tt.ignored {
				t.Errorf("warning about the ignored inline waiver: %v, want %v; stderr %q", got, tt.ignored, stderr)
			}
			if tt.want == exitFindings && !strings.Contains(stdout, "PA202") {
				t.Errorf("PA202 not reported:\n%s", stdout)
			}
		})
	}
}
