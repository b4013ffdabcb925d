package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// reportSchema compiles docs/report.schema.json. strict adds
// "additionalProperties": false to every object schema, so that a field
// the json format writes but the schema does not describe is caught.
func reportSchema(t *testing.T, strict bool) *jsonschema.Schema {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "report.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if strict {
		var walk func(v any)
		walk = func(v any) {
			switch x := v.(type) {
			case map[string]any:
				if _, ok := x["properties"]; ok {
					x["additionalProperties"] = false
				}
				for _, e := range x {
					walk(e)
				}
			case []any:
				for _, e := range x {
					walk(e)
				}
			}
		}
		walk(doc)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://privapi.test/report.schema.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func validateJSON(t *testing.T, sch *jsonschema.Schema, out []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	return sch.Validate(inst)
}

// TestJSONSchema: every json output validates against the shipped schema,
// which describes every field it writes (strict), and the schema is not
// vacuous.
func TestJSONSchema(t *testing.T) {
	sch := reportSchema(t, true)
	reports := map[string]*Report{"sample": sampleReport(), "passing": passingReport(), "clean": cleanReport(), "big": bigReport(3)}
	for _, s := range hostileStrings {
		reports["hostile "+s] = hostileReport(s)
	}
	for name, r := range reports {
		if err := validateJSON(t, sch, render(t, "json", r)); err != nil {
			t.Errorf("%s: json does not validate: %v", name, err)
		}
	}
	out := string(render(t, "json", sampleReport()))
	for name, bad := range map[string]string{
		"renamed field":  replaceOnce(out, `"errors":`, `"error_count":`),
		"unknown status": replaceOnce(out, `"status": "fail"`, `"status": "failed"`),
		"new field":      replaceOnce(out, `"format_version": "1",`, `"format_version": "1", "extra": 1,`),
	} {
		if validateJSON(t, sch, []byte(bad)) == nil {
			t.Errorf("the schema accepts a %s", name)
		}
	}
}

func replaceOnce(s, old, repl string) string {
	return string(bytes.Replace([]byte(s), []byte(old), []byte(repl), 1))
}

// TestSARIFSecuritySeverity: code scanning ranks results by the rules'
// security-severity, which GitHub reads only with the "security" tag.
func TestSARIFSecuritySeverity(t *testing.T) {
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID         string `json:"id"`
						Properties struct {
							Tags     []string `json:"tags"`
							Severity string   `json:"security-severity"`
						} `json:"properties"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID     string            `json:"ruleId"`
				Level      string            `json:"level"`
				Properties map[string]string `json:"properties"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(render(t, "sarif", sampleReport()), &log); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"error": "8.0", "warning": "5.0", "note": "2.0"}
	for _, rule := range log.Runs[0].Tool.Driver.Rules {
		p := rule.Properties
		if len(p.Tags) == 0 || p.Tags[0] != "security" || p.Severity == "" {
			t.Errorf("rule %s: tags %v, security-severity %q", rule.ID, p.Tags, p.Severity)
		}
	}
	for _, res := range log.Runs[0].Results {
		if got := res.Properties["security-severity"]; got != want[res.Level] {
			t.Errorf("result %s (%s): security-severity %q, want %q", res.RuleID, res.Level, got, want[res.Level])
		}
	}
}
