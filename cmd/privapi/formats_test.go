package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestJSONOutputMatchesSchema: the json output of fixture plans (with and
// without source, a hostile one, waivers) validates against
// docs/report.schema.json.
func TestJSONOutputMatchesSchema(t *testing.T) {
	b, err := os.ReadFile("../../docs/report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("https://privapi.test/report.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("https://privapi.test/report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	plans, _ := filepath.Glob("../../fixtures/*/plan.json")
	if len(plans) < 10 {
		t.Fatalf("only %d fixture plans", len(plans))
	}
	for _, plan := range plans {
		// the json report of the run TestDeterministicInProcess makes
		out := firstRun(t, plan).files["json"]
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			t.Errorf("%s: %v", plan, err)
			continue
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: json output does not validate: %v", plan, err)
		}
	}
}

// TestActionCategory: action.yml takes a category and passes it to the
// SARIF upload, so that two plans in one repository keep both uploads.
func TestActionCategory(t *testing.T) {
	b, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	if !regexp.MustCompile(`(?m)^  category:\n`).MatchString(s) || !strings.Contains(s, "category: ${{ inputs.category }}") {
		t.Errorf("action.yml has no category input passed to upload-sarif")
	}
}
