package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestInstallScript runs scripts/install-privapi.sh, which the GitHub
// Action uses, against a local stand-in of a release page (file:// URLs):
// a release binary is installed only when its checksum matches; without a
// release the action builds its own source; a named tag that does not
// exist fails.
func TestInstallScript(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the script runs on the Linux and macOS runners here")
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("bash not found")
	}
	for _, tool := range []string{"curl", "tar"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not found", tool)
		}
	}
	script, _ := filepath.Abs("../../scripts/install-privapi.sh")
	plat := runtime.GOOS + "_" + runtime.GOARCH

	// releases/download/v1.2.3/ and releases/latest/download/ hold the
	// archive of a stand-in binary and checksums.txt; v6.6.6 has a wrong
	// checksum.
	rel := t.TempDir()
	name := "privapi_1.2.3_" + plat + ".tar.gz"
	archive := tarGz(t, "privapi", "#!/bin/sh\necho 'privapi 1.2.3 (release)'\n")
	sum := fmt.Sprintf("%x", sha256.Sum256(archive))
	for dir, sums := range map[string]string{
		"download/v1.2.3": sum + "  " + name + "\n" + strings.Repeat("0", 64) + "  privapi_1.2.3_plan9_mips.tar.gz\n",
		"latest/download": sum + "  " + name + "\n",
		"download/v6.6.6": strings.Repeat("a", 64) + "  " + name + "\n",
		"download/v7.0.0": sum + "  privapi_7.0.0_plan9_mips.tar.gz\n",
	} {
		d := filepath.Join(rel, dir)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, d, name, string(archive))
		writeFile(t, d, "checksums.txt", sums)
	}
	noReleases := t.TempDir()

	// a tiny source tree standing in for the action's checkout
	src := filepath.Join(t.TempDir(), "_actions", "privapi", "privapi", "main")
	if err := os.MkdirAll(filepath.Join(src, "cmd", "privapi"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, src, "go.mod", "module example.com/privapi\n\ngo 1.21\n")
	writeFile(t, filepath.Join(src, "cmd", "privapi"), "main.go", "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"privapi (source)\") }\n")
	tagged := filepath.Join(filepath.Dir(src), "v1.2.3")

	type result struct {
		code           int
		output, ghPath string
		version        string // what the installed privapi prints
	}
	runScript := func(t *testing.T, releases string, env []string, args ...string) result {
		t.Helper()
		runner := t.TempDir()
		out, path := filepath.Join(runner, "output"), filepath.Join(runner, "path")
		cmd := exec.Command(bash, append([]string{script}, args...)...)
		cmd.Env = append(os.Environ(), "PRIVAPI_RELEASES=file://"+releases, "RUNNER_TEMP="+runner,
			"GITHUB_OUTPUT="+out, "GITHUB_PATH="+path)
		cmd.Env = append(cmd.Env, env...)
		var buf bytes.Buffer
		cmd.Stdout, cmd.Stderr = &buf, &buf
		r := result{}
		if err := cmd.Run(); err != nil {
			ee, ok := err.(*exec.ExitError)
			if !ok {
				t.Fatal(err)
			}
			r.code = ee.ExitCode()
		}
		o, _ := os.ReadFile(out)
		p, _ := os.ReadFile(path)
		r.output, r.ghPath = strings.TrimSpace(string(o)), strings.TrimSpace(string(p))
		bin := filepath.Join(runner, "privapi-bin", "privapi")
		if len(args) == 3 {
			bin = filepath.Join(args[2], "privapi")
		}
		if v, err := exec.Command(bin).Output(); err == nil {
			r.version = strings.TrimSpace(string(v))
		}
		if t.Failed() || r.code != 0 {
			t.Logf("script output:\n%s", buf.String())
		}
		return r
	}
	const fromRelease, fromSource = "privapi 1.2.3 (release)", "privapi (source)"

	tests := []struct {
		name     string
		releases string
		env      []string
		args     []string
		want     result
	}{
		{"release tag", rel, nil, []string{"release", "v1.2.3", "DEST"}, result{code: 0, version: fromRelease}},
		{"release latest", rel, nil, []string{"release", "latest", "DEST"}, result{code: 0, version: fromRelease}},
		{"no such release", rel, nil, []string{"release", "v9.9.9", "DEST"}, result{code: 3}},
		{"no archive for this platform", rel, nil, []string{"release", "v7.0.0", "DEST"}, result{code: 3}},
		{"checksum mismatch", rel, nil, []string{"release", "v6.6.6", "DEST"}, result{code: 1}},
		{"not a version", rel, nil, []string{"release", "main", "DEST"}, result{code: 1}},
		{"source", rel, nil, []string{"source", src, "DEST"}, result{code: 0, version: fromSource}},

		{"action pinned to a released tag", rel, []string{"PRIVAPI_VERSION=", "GITHUB_ACTION_PATH=" + tagged},
			[]string{"gh-release"}, result{code: 0, output: "installed=true", ghPath: "BIN", version: fromRelease}},
		{"action pinned to a branch", rel, []string{"PRIVAPI_VERSION=", "GITHUB_ACTION_PATH=" + src},
			[]string{"gh-release"}, result{code: 0, output: "installed=false"}},
		{"action pinned to a tag without release", noReleases, []string{"PRIVAPI_VERSION=", "GITHUB_ACTION_PATH=" + tagged},
			[]string{"gh-release"}, result{code: 0, output: "installed=false"}},
		{"version latest", rel, []string{"PRIVAPI_VERSION=latest", "GITHUB_ACTION_PATH=" + src},
			[]string{"gh-release"}, result{code: 0, output: "installed=true", ghPath: "BIN", version: fromRelease}},
		{"version latest, no releases yet", noReleases, []string{"PRIVAPI_VERSION=latest", "GITHUB_ACTION_PATH=" + src},
			[]string{"gh-release"}, result{code: 0, output: "installed=false"}},
		{"version source", rel, []string{"PRIVAPI_VERSION=source", "GITHUB_ACTION_PATH=" + tagged},
			[]string{"gh-release"}, result{code: 0, output: "installed=false"}},
		{"named tag that does not exist", rel, []string{"PRIVAPI_VERSION=v9.9.9", "GITHUB_ACTION_PATH=" + src},
			[]string{"gh-release"}, result{code: 1}},
		{"tampered release", rel, []string{"PRIVAPI_VERSION=v6.6.6", "GITHUB_ACTION_PATH=" + src},
			[]string{"gh-release"}, result{code: 1}},
		{"build the action's source", rel, []string{"GITHUB_ACTION_PATH=" + src},
			[]string{"gh-source"}, result{code: 0, ghPath: "BIN", version: fromSource}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel() // each run has its own runner and destination directories
			args := append([]string(nil), tt.args...)
			if args[len(args)-1] == "DEST" {
				args[len(args)-1] = t.TempDir()
			}
			got := runScript(t, tt.releases, tt.env, args...)
			if strings.HasSuffix(got.ghPath, filepath.Join("privapi-bin")) {
				got.ghPath = "BIN"
			}
			if got != tt.want {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// tarGz returns a .tar.gz holding one executable file.
func tarGz(t *testing.T, name, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	gz := gzip.NewWriter(&buf)
	tw := tar.NewWriter(gz)
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o755, Size: int64(len(body))}); err != nil {
		t.Fatal(err)
	}
	tw.Write([]byte(body))
	tw.Close()
	gz.Close()
	return buf.Bytes()
}
