package model_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/planfile"
	"github.com/privapi/privapi/internal/source"
)

// hostileScenario copies fixtures/policy-good-sourcevpce into a temporary
// directory with the REST API policy set to local.hostile, defined in an
// extra file, plus any other files given, and returns the directory.
func hostileScenario(t *testing.T, hostile string, files map[string]string) string {
	t.Helper()
	from := filepath.Join("..", "..", "fixtures", "policy-good-sourcevpce")
	dir := t.TempDir()
	plan, err := os.ReadFile(filepath.Join(from, "plan.json"))
	if err != nil {
		t.Fatal(err)
	}
	main, err := os.ReadFile(filepath.Join(from, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	const policy = "  policy      = local.api_policy\n}"
	if !strings.Contains(string(main), policy) {
		t.Fatal("policy-good-sourcevpce/main.tf changed: no policy = local.api_policy")
	}
	src := strings.Replace(string(main), policy, "  policy      = local.hostile\n}", 1)
	files["main.tf"] = src
	files["hostile.tf"] = "locals {\n  hostile = " + hostile + "\n}\n"
	files["plan.json"] = string(plan)
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestHostileFileFunctions: file() and templatefile() in a hostile .tf must
// not crash privapi, exhaust its memory or hang: a device such as /dev/zero,
// a named pipe, a huge file, and templatefile() calling itself (directly or
// through another template) give an unknown value, not a fatal error.
func TestHostileFileFunctions(t *testing.T) {
	tests := []struct {
		name    string
		hostile string
		files   map[string]string
		setup   func(t *testing.T, dir string)
	}{
		{name: "file of /dev/zero", hostile: `file("/dev/zero")`},
		{name: "templatefile of /dev/zero", hostile: `templatefile("/dev/zero", {})`},
		{name: "file of a named pipe", hostile: `file("${path.module}/pipe")`,
			setup: func(t *testing.T, dir string) {
				if err := mkfifo(filepath.Join(dir, "pipe")); err != nil {
					t.Skip("cannot make a named pipe:", err)
				}
			}},
		{name: "templatefile calls itself", hostile: `templatefile("${path.module}/self.tpl", {})`,
			files: map[string]string{"self.tpl": `${templatefile("self.tpl", {})}`}},
		{name: "templates call each other", hostile: `templatefile("${path.module}/a.tpl", {})`,
			files: map[string]string{"a.tpl": `a ${templatefile("b.tpl", {})}`, "b.tpl": `b ${templatefile("a.tpl", {})}`}},
		{name: "file larger than any policy", hostile: `file("${path.module}/huge.json")`,
			setup: func(t *testing.T, dir string) {
				f, err := os.Create(filepath.Join(dir, "huge.json"))
				if err != nil {
					t.Fatal(err)
				}
				defer f.Close()
				if err := f.Truncate(1 << 30); err != nil { // sparse: no disk used
					t.Skip("cannot make a sparse file:", err)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if strings.Contains(tt.hostile, "/dev/zero") {
				if _, err := os.Stat("/dev/zero"); err != nil {
					t.Skip("no /dev/zero")
				}
			}
			files := map[string]string{}
			for k, v := range tt.files {
				files[k] = v
			}
			dir := hostileScenario(t, tt.hostile, files)
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			doc, err := planfile.Load(filepath.Join(dir, "plan.json"), planfile.Options{})
			if err != nil {
				t.Fatal(err)
			}
			src, err := source.Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			m := model.FromPlan(doc.Plan, src)
			inst := m.Instance("aws_api_gateway_rest_api_policy.api")
			if inst == nil {
				t.Fatal("no aws_api_gateway_rest_api_policy.api")
			}
			done := make(chan string, 1)
			go func() { done <- model.Display(m.Attr(inst, "policy")) }()
			select {
			case got := <-done:
				if len(got) > 1000 {
					t.Errorf("policy resolved to %d bytes of file content", len(got))
				}
			case <-time.After(20 * time.Second):
				t.Fatal("resolving the policy did not finish in 20s")
			}
		})
	}
}
