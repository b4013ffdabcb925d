package source_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/planfile"
	"github.com/privapi/privapi/internal/source"
)

const fixtures = "../../fixtures"

// fixedPlan is the plan every fuzz input is read against: the README example,
// whose resources a mutated main.tf most often still names.
//
// Only the resources of the API and its endpoint are kept: every check
// runs on every input, and under the fuzzer's coverage instrumentation the
// whole 60 KB plan took 100-200 ms per input, so the fuzzer stalled at 0
// execs/s.
var fixedPlan = sync.OnceValues(func() ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(fixtures, "good-private-api", "plan.json"))
	if err != nil {
		return nil, err
	}
	var plan struct {
		FormatVersion    string           `json:"format_version"`
		TerraformVersion string           `json:"terraform_version"`
		ResourceChanges  []map[string]any `json:"resource_changes"`
	}
	if err := json.Unmarshal(b, &plan); err != nil {
		return nil, err
	}
	keep := map[string]bool{"aws_api_gateway_rest_api": true, "aws_api_gateway_rest_api_policy": true, "aws_vpc_endpoint": true,
		"aws_api_gateway_stage": true, "aws_api_gateway_deployment": true, "aws_vpc": true, "aws_security_group": true}
	var rcs []map[string]any
	for _, rc := range plan.ResourceChanges {
		if t, _ := rc["type"].(string); keep[t] {
			rcs = append(rcs, rc)
		}
	}
	plan.ResourceChanges = rcs
	return json.Marshal(plan)
})

// hostileSeeds are .tf snippets aimed at the reader and the model: broken
// syntax, cycles, odd meta-arguments, functions that read files, deep
// nesting.
var hostileSeeds = []string{
	"",
	"\xef\xbb\xbf",
	"resource \"aws_vpc\" \"main\" {\n",
	"resource \"aws_vpc\" {}\nresource \"a\" \"b\" \"c\" {}\ndata \"x\" {}\nmodule {}\nvariable {}\noutput {}\n",
	"locals {\n  a = local.b\n  b = local.a\n}\nresource \"aws_api_gateway_rest_api\" \"api\" {\n  name   = local.a\n  policy = local.b\n}\n",
	"variable \"x\" {\n  default = var.x\n}\nresource \"aws_vpc\" \"main\" {\n  cidr_block = var.x\n}\n",
	"resource \"aws_subnet\" \"private\" {\n  count = -1\n  cidr_block = cidrsubnet(\"10.0.0.0/16\", 99, count.index)\n}\n",
	"resource \"aws_subnet\" \"private\" {\n  for_each = \"x\"\n  cidr_block = each.value\n}\n",
	"resource \"aws_vpc_endpoint\" \"execute_api\" {\n  subnet_ids = [for s in aws_subnet.private : s.id if s.id == aws_vpc_endpoint.execute_api.id]\n}\n",
	"resource \"aws_api_gateway_rest_api_policy\" \"api\" {\n  policy = jsonencode({Statement = {Effect = \"Allow\", Condition = {NotIpAdress = {\"aws:VpcSourceIp\" = 1e400}}}})\n}\n",
	"resource \"aws_api_gateway_rest_api_policy\" \"api\" {\n  policy = <<EOT\n{\"Statement\": [\nEOT\n}\n",
	"resource \"aws_api_gateway_rest_api_policy\" \"api\" {\n  policy = templatefile(\"${path.module}/nope.tpl\", {a = aws_vpc_endpoint.execute_api.id})\n}\n",
	"resource \"aws_api_gateway_rest_api_policy\" \"api\" {\n  policy = file(\"/dev/null\")\n}\n",
	"resource \"aws_api_gateway_deployment\" \"api\" {\n  triggers = { r = sha1(jsonencode([timestamp(), uuid()])) }\n  lifecycle {\n    create_before_destroy = \"yes\"\n  }\n  depends_on = [aws_api_gateway_rest_api_policy.api, module.x, var.y[0]]\n}\n",
	"module \"m\" {\n  source = \"./\"\n}\n",
	"module \"m\" {\n  source = \"../../../../../../../../\"\n}\n",
	"x = " + strings.Repeat("[", 2000) + strings.Repeat("]", 2000) + "\n",
	"x = " + strings.Repeat("(", 2000) + "1" + strings.Repeat(")", 2000) + "\n",
	"x = \"" + strings.Repeat("${", 500) + "1" + strings.Repeat("}", 500) + "\"\n",
	"# privapi:ignore PA113 reason\nresource \"aws_vpc_endpoint\" \"execute_api\" {\n  # privapi:ignore *\n}\n",
}

// maxFuzzTF bounds the size of a fuzzed main.tf.
const maxFuzzTF = 8 << 10

// FuzzSourceLoad writes random bytes as main.tf into an empty directory,
// reads it with source.Load and runs the whole analysis of a fixed plan
// with it (model, topology, checks, source locations, inline waivers). It
// must not panic, must finish, and every warning must be one line. Seeds:
// every .tf file of the fixtures of at most maxFuzzTF bytes,
// fixtures/bad/syntax-error.tf and hostileSeeds.
func FuzzSourceLoad(f *testing.F) {
	for _, s := range hostileSeeds {
		f.Add([]byte(s))
	}
	var tfs []string
	filepath.WalkDir(fixtures, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".tf") {
			tfs = append(tfs, path)
		}
		return nil
	})
	if len(tfs) == 0 {
		f.Fatal("no .tf files under fixtures")
	}
	for _, p := range tfs {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		// Large seeds make every mutation slow, and the fuzzer then
		// stalls at 0 execs/s: the smaller .tf files cover the same syntax.
		if len(b) <= maxFuzzTF {
			f.Add(b)
		}
	}
	plan, err := fixedPlan()
	if err != nil {
		f.Fatal(err)
	}
	// Decoded once: the analysis reads the document and never changes it.
	doc, err := planfile.Decode(plan, "plan.json", planfile.KindPlan)
	if err != nil {
		f.Fatal(err)
	}
	// One directory for every input of this process (inputs run one at a
	// time): a fresh t.TempDir per input costs more than the analysis.
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, tf []byte) {
		if len(tf) > maxFuzzTF {
			t.Skip("larger than the inputs worth fuzzing")
		}
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), tf, 0o644); err != nil {
			t.Fatal(err)
		}
		// The analysis runs in its own goroutine so that a hang is reported
		// as such; it reports problems through problem, never through t.
		done := make(chan struct{})
		var warnings []string
		var problem string
		go func() {
			defer close(done)
			// engine.Analyze reads the source (source.Load) and keeps
			// its warnings in a.Diags
			a, err := engine.Analyze(doc, dir)
			if err != nil {
				problem = "engine.Analyze: " + err.Error()
				return
			}
			for _, d := range a.Diags {
				warnings = append(warnings, d.Error())
			}
			for _, r := range a.Check(checks.Options{}) {
				a.InlineWaivers(r.Address)
			}
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("analysis did not finish in 10s for main.tf:\n%.500s", tf)
		}
		if problem != "" {
			t.Fatal(problem)
		}
		for _, w := range warnings {
			if strings.ContainsAny(w, "\n\r") {
				t.Errorf("warning is not one line: %q", w)
			}
		}
	})
}

// TestSelfReferencingModulesFinish: modules whose source is their own
// directory. One such call recurses to the depth limit; two or more must not
// multiply into an exponential number of loads (2^32 with the depth limit
// of 32): reading the source must finish promptly. The load runs in a child
// process, so that a hang can be killed.
func TestSelfReferencingModulesFinish(t *testing.T) {
	if dir := os.Getenv("PRIVAPI_SELFMOD_DIR"); dir != "" {
		if _, err := source.Load(dir); err != nil {
			t.Fatal(err)
		}
		return
	}
	dir := t.TempDir()
	tf := "module \"a\" {\n  source = \"./\"\n}\nmodule \"b\" {\n  source = \"./\"\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(tf), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestSelfReferencingModulesFinish$")
	cmd.Env = append(os.Environ(), "PRIVAPI_SELFMOD_DIR="+dir)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		t.Fatal("source.Load did not finish in 5s: modules calling their own directory are loaded exponentially often")
	}
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
}
