package runbook

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/planfile"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// load reads a fixture the way privapi runbook does (source = the fixture
// directory) and builds its runbook.
func load(t *testing.T, path string) *Runbook {
	t.Helper()
	doc, err := planfile.Load(path, planfile.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := engine.Analyze(doc, filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	rel := strings.TrimPrefix(filepath.ToSlash(path), "../../")
	return Build(a.View, string(doc.Kind)+" "+rel)
}

func render(t *testing.T, rb *Runbook, format string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, rb, format); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/runbook -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (run go test ./internal/runbook -update and review the diff)\n--- got:\n%s", name, got)
	}
}

var fixtures = []struct{ name, path string }{
	{"good-private-api", "../../fixtures/good-private-api/plan.json"},
	{"model-applied-state", "../../fixtures/model-applied-state/state.json"},
}

func TestGolden(t *testing.T) {
	for _, fx := range fixtures {
		if _, err := os.Stat(fx.path); err != nil {
			t.Logf("skipping %s: %v", fx.name, err)
			continue
		}
		for _, format := range Formats() {
			t.Run(fx.name+"/"+format, func(t *testing.T) {
				rb := load(t, fx.path)
				got := render(t, rb, format)
				ext := map[string]string{"text": "txt", "markdown": "md"}[format]
				golden(t, fx.name+"."+ext+".golden", got)
				if strings.Contains(got, "⟦") || strings.Contains(got, "⟧") {
					t.Errorf("raw symbol tokens in the output:\n%s", got)
				}
				// deterministic: a second build renders the same bytes
				if again := render(t, load(t, fx.path), format); again != got {
					t.Errorf("output is not deterministic")
				}
			})
		}
	}
}

// TestForms checks which invoke-URL forms and commands each situation gets
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-api-test-invoke-url.html).
func TestForms(t *testing.T) {
	tests := []struct {
		fixture string
		has     []string
		hasNot  []string
	}{
		{"good-private-api", []string{
			"- private DNS name: https://<api-id of aws_api_gateway_rest_api.api>.execute-api.us-east-1.amazonaws.com/prod",
			"- {api-id}-{vpce-id} alias: https://<api-id of aws_api_gateway_rest_api.api>-<vpce-id of aws_vpc_endpoint.execute_api>.execute-api.us-east-1.amazonaws.com/prod",
			"-H 'Host: <api-id of aws_api_gateway_rest_api.api>.execute-api.us-east-1.amazonaws.com'",
			"-H 'x-apigw-api-id: <api-id of aws_api_gateway_rest_api.api>'",
			"$ nc -vz '<api-id of aws_api_gateway_rest_api.api>.execute-api.us-east-1.amazonaws.com' 443",
			"$ aws logs tail 'API-Gateway-Execution-Logs_<api-id of aws_api_gateway_rest_api.api>/prod' --region us-east-1",
		}, nil},
		// private DNS off, endpoint not in vpc_endpoint_ids: only the endpoint's own name works
		{"dns-no-resolvable-name", []string{
			"Private DNS is off",
			"alias does not exist",
			"$ nslookup '<DNS name of aws_vpc_endpoint.execute_api>'",
			"$ nc -vz '<DNS name of aws_vpc_endpoint.execute_api>' 443",
		}, []string{"- private DNS name:", "- {api-id}-{vpce-id} alias:", "$ nslookup '<api-id"}},
		// private DNS unknown until apply: the name is offered with a condition
		{"dns-private-dns-unknown", []string{"only if private DNS turns out enabled", ", if private DNS is on"}, nil},
		// client in a peered VPC: the endpoint's private DNS zone does not answer there (D6)
		{"dns-remote-client-private-dns", []string{"does not resolve to the endpoint from the client's VPC", "from the client's VPC, public API Gateway addresses"},
			[]string{"- private DNS name:"}},
		// execute-api endpoint disabled: only the private custom domain (A13, D7)
		{"dns-custom-domain-only", []string{
			"- private custom domain: https://orders.internal.example.com/v1",
			"curl -v https://orders.internal.example.com/v1/orders",
			"HTTP 403 `Forbidden`: the execute-api endpoint is disabled",
		}, []string{"- private DNS name:", "- endpoint DNS name + Host header:"}},
		{"net-endpoint-missing", []string{"no execute-api endpoint", "Nothing to test yet"}, []string{"nslookup"}},
		// a Lambda client cannot run a shell
		{"net-lambda-vpc", []string{"is a Lambda function and cannot run a shell"}, nil},
		// execution logging off
		{"log-execution-off", []string{"the group stays empty until logging_level is ERROR or INFO"}, []string{"Execution logging is on"}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			path := "../../fixtures/" + tt.fixture + "/plan.json"
			if _, err := os.Stat(path); err != nil {
				t.Fatalf("fixture missing: %v", err)
			}
			got := render(t, load(t, path), "text")
			for _, s := range tt.has {
				if !strings.Contains(got, s) {
					t.Errorf("missing %q in:\n%s", s, got)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(got, s) {
					t.Errorf("unexpected %q in:\n%s", s, got)
				}
			}
		})
	}
}

func TestMarkdownEscaping(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                         "plain",
		"a_b *c* [d] <e> & f":           `a\_b \*c\* \[d\] &lt;e&gt; &amp; f`,
		"keep `a_b <c>` code":           "keep `a_b <c>` code",
		"id <api-id of aws_x.y> inline": "id `<api-id of aws_x.y>` inline",
	} {
		if got := mdText(in); got != want {
			t.Errorf("mdText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, &Runbook{}, "yaml"); err == nil {
		t.Error("want an error for an unknown format")
	}
}
