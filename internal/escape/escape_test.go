package escape

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestControl(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain\ttext\n", "plain\ttext\n"},
		{"\x1b[31mred", `\x1b[31mred`},
		{"a\rb", `a\x0db`},
		{"\u009b", `\x9b`},
		{"\x7f", `\x7f`},
		{"gnp.\u202eexe", `gnp.\u202eexe`},
		{"\xffbad", "\ufffdbad"},
	} {
		if got := Control(tc.in); got != tc.want {
			t.Errorf("Control(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := Line("a\nb\r\n"); got != `a\nb\x0d\n` {
		t.Errorf("Line = %q", got)
	}
}

func TestCommands(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"ok: a::b\n", "ok: a::b\n"},
		{"::error::x", `\x3a:error::x`},
		{"x\n   ::add-mask::y\n", "x\n   \\x3a:add-mask::y\n"},
		{"\t::stop-commands::t", "\t\\x3a:stop-commands::t"},
		{"old ##[error]x", `old #\x23[error]x`},
	} {
		got := Commands(tc.in)
		if got != tc.want {
			t.Errorf("Commands(%q) = %q, want %q", tc.in, got, tc.want)
		}
		for _, l := range strings.Split(got, "\n") {
			if IsCommandLine(l) {
				t.Errorf("Commands(%q) leaves command line %q", tc.in, l)
			}
		}
	}
}

// TestShellQuotesForSh runs each quoted word through /bin/sh: it must come
// back as one argument (escaped where Unsafe), and nothing in it may run.
func TestShellQuotesForSh(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	dir := t.TempDir()
	for _, s := range []string{
		"prod", "prod'$(touch pwned)'", "a b", "'; touch pwned; '", "$(touch pwned)", "`touch pwned`",
		"<api-id of aws_api_gateway_rest_api.api>.execute-api", "it's", "", "x\ny", "\x1b]52;c;eA==\x07",
	} {
		cmd := exec.Command(sh, "-c", "printf '%s\\n' "+Shell(s)+" | wc -l; printf %s "+Shell(s))
		cmd.Dir = dir
		out, err := cmd.Output()
		if err != nil {
			t.Errorf("sh on %q: %v", Shell(s), err)
			continue
		}
		lines, value, _ := strings.Cut(string(out), "\n")
		if strings.TrimSpace(lines) != "1" {
			t.Errorf("Shell(%q) = %s is %s words", s, Shell(s), strings.TrimSpace(lines))
		}
		if value != Line(s) {
			t.Errorf("Shell(%q) = %s reads back as %q, want %q", s, Shell(s), value, Line(s))
		}
		if _, err := os.Stat(filepath.Join(dir, "pwned")); err == nil {
			t.Fatalf("Shell(%q) = %s ran a command", s, Shell(s))
		}
	}
}

func TestJSONAndXMLKeepData(t *testing.T) {
	in := "a\u202eb\u009bc\x7f ##[x"
	if got := string(JSON([]byte(`"` + in + `"`))); got != `"a\u202eb\u009bc\u007f #\u0023[x"` {
		t.Errorf("JSON = %s", got)
	}
	if got := string(XML([]byte(in))); got != "a&#x202E;b&#x9B;c&#x7F; #&#35;[x" {
		t.Errorf("XML = %s", got)
	}
}

// TestHasRawUnsafe: the ASCII fast path answers as bytes.ContainsFunc does,
// wherever the first byte at or above 0x7f sits.
func TestHasRawUnsafe(t *testing.T) {
	for _, s := range []string{
		"", "plain ascii", "tab\tnewline\n", "\x7f", "a\x7f", "é", "café", "x\u2028y", "ok \u202e",
		"\u0085", "\xff", "ab\xffcd", "é\u2029", "\U0001F600", "a\U0001F600\u200b", "\xe2\x80", "zz\xe2\x80\xa8",
	} {
		b := []byte(s)
		if got, want := hasRawUnsafe(b), bytes.ContainsFunc(b, rawUnsafe); got != want {
			t.Errorf("hasRawUnsafe(%q) = %v, want %v", s, got, want)
		}
	}
	if !hasRawUnsafe([]byte("message \u202e here")) || hasRawUnsafe([]byte(strings.Repeat("ascii ", 100))) {
		t.Error("hasRawUnsafe misses a bidi control or flags plain ASCII")
	}
}
