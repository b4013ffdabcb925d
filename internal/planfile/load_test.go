package planfile

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// spaces is an io.Reader of n bytes made of the pattern repeated, then tail.
type spaces struct {
	n, read int64
	pattern int    // length of the pattern
	block   []byte // the pattern repeated
	tail    *bytes.Reader
}

func newSpaces(n int64, pattern, tail string) *spaces {
	block := bytes.Repeat([]byte(pattern), (32<<10)/len(pattern)+1)
	return &spaces{n: n, pattern: len(pattern), block: block, tail: bytes.NewReader([]byte(tail))}
}

func (s *spaces) Read(p []byte) (int, error) {
	if s.read >= s.n {
		return s.tail.Read(p)
	}
	start := int(s.read % int64(s.pattern))
	k := min(int64(len(p)), s.n-s.read, int64(len(s.block)-s.pattern))
	copy(p, s.block[start:start+int(k)])
	s.read += k
	return int(k), nil
}

// allocated runs f and returns the bytes it allocated on the heap.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

const memBudget = 8 << 20 // far below the sizes read

func TestHugeWhitespaceIsRefusedInBoundedMemory(t *testing.T) {
	// 1 GB of plain spaces (64 MB with -short), 64 MB of the other patterns.
	huge := int64(1 << 30)
	if testing.Short() {
		huge = 64 << 20
	}
	plan := `{"format_version":"1.2","planned_values":{}}`
	tests := []struct {
		name, pattern, tail string
		bom                 []byte
		err                 string // "" = must load
	}{
		{name: "spaces", pattern: " ", err: "empty input (only whitespace)"},
		{name: "mixed whitespace", pattern: " \t\r\n    ", err: "empty input (only whitespace)"},
		{name: "utf8 bom", pattern: "\n ", bom: bomUTF8, err: "empty input (only whitespace)"},
		{name: "utf16 bom", pattern: " \x00\n\x00", bom: bomUTF16LE, err: "empty input (only whitespace)"},
		{name: "then a plan", pattern: " ", tail: plan},
		{name: "utf16 then a plan", pattern: "\x00 ", bom: bomUTF16BE, tail: string(unitsBE(utf16Units(plan), false))},
		{name: "then garbage", pattern: " ", tail: "}", err: "not JSON: starts with \"}\""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			size := int64(64 << 20)
			if tc.name == "spaces" {
				size = huge
			}
			r := io.MultiReader(bytes.NewReader(tc.bom), newSpaces(size, tc.pattern, tc.tail))
			var doc *Document
			var err error
			alloc := allocated(func() { doc, err = Load("-", Options{Stdin: r}) })
			if alloc > memBudget {
				t.Errorf("allocated %d MB reading %d MB of whitespace", alloc>>20, size>>20)
			}
			if tc.err != "" {
				checkInputError(t, "Load", "<stdin>", doc, err, tc.err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := int64(len(tc.bom)) + size + int64(len(tc.tail))
			if doc.Kind != KindPlan || doc.Size != want {
				t.Errorf("Kind %q Size %d, want plan of %d bytes", doc.Kind, doc.Size, want)
			}
		})
	}

	t.Run("offsets count the skipped whitespace", func(t *testing.T) {
		r := newSpaces(100<<10, " ", `{"a":1,"a":2}`)
		_, err := Load("-", Options{Stdin: r})
		checkInputError(t, "Load", "<stdin>", nil, err, `duplicate key "a" at offset 102407 (line 1, column 102408) in the top-level object (first at offset 102401)`)
		r = newSpaces(100<<10, "\n  ", `{"a":1,"a":2}`)
		_, err = Load("-", Options{Stdin: r})
		checkInputError(t, "Load", "<stdin>", nil, err, `duplicate key "a" at offset 102407 (line 34135, column 8) in the top-level object (first at offset 102401)`)
		r = newSpaces(100<<10, "\x00\n\x00 ", string(unitsBE(utf16Units(`{"a":1,"a":2}`), false)))
		_, err = Load("-", Options{Stdin: io.MultiReader(bytes.NewReader(bomUTF16BE), r)})
		checkInputError(t, "Load", "<stdin>", nil, err, `duplicate key "a" at line 25601, column 9 (offset 51207 of the text converted from UTF-16)`)
	})
}

func utf16Units(s string) []uint16 {
	var u []uint16
	for _, r := range s {
		u = append(u, uint16(r))
	}
	return u
}

// TestHugeWhitespaceFile does the same through a real 1 GB file.
func TestHugeWhitespaceFile(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 1 GB file")
	}
	path := filepath.Join(t.TempDir(), "spaces.json")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if _, err := io.Copy(w, newSpaces(1<<30, "  \n", "")); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	var doc *Document
	alloc := allocated(func() { doc, err = Load(path, Options{}) })
	checkInputError(t, "Load", path, doc, err, "empty input (only whitespace)")
	if alloc > memBudget {
		t.Errorf("allocated %d MB reading a 1 GB file of whitespace", alloc>>20)
	}
}

// TestLargeBinaryIsRefusedEarly checks that input whose first byte cannot
// start JSON is refused from its first bytes.
func TestLargeBinaryIsRefusedEarly(t *testing.T) {
	r := newSpaces(256<<20, "\x7fELF\x00\x01", "")
	var err error
	alloc := allocated(func() { _, err = Load("-", Options{Stdin: r}) })
	checkInputError(t, "Load", "<stdin>", nil, err, "not JSON: starts with byte 0x7F")
	if alloc > memBudget {
		t.Errorf("allocated %d MB to refuse a binary", alloc>>20)
	}
}

// fakeTerraform writes a shell script named terraform into a new directory
// and returns that directory. The script records its arguments, one per line,
// in $FAKE_TF_ARGS and then runs body.
func fakeTerraform(t *testing.T, body string) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake terraform is a shell script")
	}
	dir := t.TempDir()
	script := "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$FAKE_TF_ARGS\"\n" + body + "\n"
	if err := os.WriteFile(filepath.Join(dir, "terraform"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FAKE_TF_ARGS", filepath.Join(t.TempDir(), "args"))
	return dir
}

func writeZip(t *testing.T, dir, name string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, generatedBad(t)["binary-plan.tfplan"], 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestBinaryPlan(t *testing.T) {
	plan := `{"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{}},"resource_changes":[]}`
	tfDir := fakeTerraform(t, `printf '%s' '`+plan+`'`)
	t.Setenv("PATH", tfDir)

	work := t.TempDir()
	planFile := writeZip(t, work, "plan.json") // the name lies: it is a zip
	t.Chdir(work)

	for _, path := range []string{planFile, "plan.json", "./plan.json"} {
		doc, err := Load(path, Options{Want: KindPlan})
		if err != nil {
			t.Fatalf("Load(%s): %v", path, err)
		}
		if doc.Kind != KindPlan || doc.Path != path || doc.TerraformVersion != "1.9.5" || doc.Size != int64(len(plan)) {
			t.Errorf("Load(%s) = %+v", path, doc)
		}
		args, err := os.ReadFile(os.Getenv("FAKE_TF_ARGS"))
		if err != nil {
			t.Fatal(err)
		}
		want := "-chdir=" + work + "\nshow\n-json\n" + planFile + "\n"
		if string(args) != want {
			t.Errorf("terraform ran with\n%s\nwant\n%s", args, want)
		}
	}

	// Options.Terraform names the binary; PATH is not needed then.
	t.Setenv("PATH", t.TempDir())
	if _, err := Load(planFile, Options{Terraform: filepath.Join(tfDir, "terraform")}); err != nil {
		t.Errorf("with Options.Terraform: %v", err)
	}
	doc, err := Load(planFile, Options{Terraform: filepath.Join(tfDir, "tofu")})
	checkInputError(t, "Load", planFile, doc, err, "binary plan file needs terraform to read it, but "+filepath.Join(tfDir, "tofu")+" was not found")
}

func TestBinaryPlanWithoutTerraform(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	path := writeZip(t, t.TempDir(), "tfplan")
	doc, err := Load(path, Options{})
	checkInputError(t, "Load", path, doc, err, "binary plan file needs terraform on PATH to read it (or pass the output of terraform show -json)")
}

func TestBinaryPlanTerraformFails(t *testing.T) {
	path := writeZip(t, t.TempDir(), "tfplan")
	tests := []struct{ name, body, err string }{
		{
			name: "exit 1",
			body: `printf '\n\033[31m╷\033[0m\n\033[31m│\033[0m \033[1m\033[31mError: \033[0m\033[0m\033[1mFailed to read the given file as a state or plan file\033[0m\n│ \n│ State read error: zip: not a valid zip file\n╵\n' >&2; exit 1`,
			err:  "terraform show -json failed (exit status 1): Error: Failed to read the given file as a state or plan file",
		},
		{
			// terraform prints CLI configuration problems and warnings before
			// the error that matters
			name: "error after other diagnostics",
			body: `printf 'There are some problems with the CLI configuration:\n\033[33m╷\033[0m\n\033[33m│\033[0m \033[1m\033[33mWarning: \033[0m\033[0m\033[1mUnable to open CLI configuration file\033[0m\n│ \n╵\n\nAs a result of the above problems, Terraform may not behave as intended.\n\n\n╷\n│ Error: Failed to load plugin schemas\n│ \n│ Error while loading schemas for plugin components.\n╵\n' >&2; exit 1`,
			err:  "terraform show -json failed (exit status 1): Error: Failed to load plugin schemas",
		},
		{
			name: "no Error line",
			body: `printf '\n  something odd\nsecond line\n' >&2; exit 1`,
			err:  "terraform show -json failed (exit status 1): something odd",
		},
		{
			name: "silent failure",
			body: `exit 3`,
			err:  "terraform show -json failed (exit status 3)",
		},
		{
			name: "no output",
			body: `exit 0`,
			err:  "output of terraform show -json: empty input",
		},
		{
			name: "not json",
			body: `echo "Terraform v1.9.5"`,
			err:  `output of terraform show -json: not JSON: starts with "Terraform v1.9.5"`,
		},
		{
			name: "a state",
			body: `echo '{"format_version":"1.0","values":{}}'`,
			err:  "output of terraform show -json: is a Terraform state, not a plan",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("PATH", fakeTerraform(t, tc.body))
			doc, err := Load(path, Options{Want: KindPlan})
			checkInputError(t, "Load", path, doc, err, tc.err)
			if strings.Contains(err.Error(), "\x1b") {
				t.Errorf("message keeps terminal escapes: %q", err)
			}
		})
	}
}

func TestFileThatChangesSize(t *testing.T) {
	// readSized copes with a file that is shorter or longer than its stat.
	plan := `{"format_version":"1.2","planned_values":{}}`
	for _, n := range []int64{0, 10, int64(len(plan)), int64(len(plan)) + 100} {
		got, err := readSized(strings.NewReader(plan), n)
		if err != nil || string(got) != plan {
			t.Errorf("readSized(n=%d) = %q, %v", n, got, err)
		}
	}
}
