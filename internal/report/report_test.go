package report

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/privapi/privapi/internal/finding"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// secret looks like an AWS secret key. It is in the environment of every
// test, and must never reach any output.
const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

const (
	apiMain  = "aws_api_gateway_rest_api.main"
	apiOther = `module.edge.aws_api_gateway_rest_api.this["b"]`
	subjApp  = "endpoint aws_vpc_endpoint.execute_api, client aws_instance.app"
	subjFn   = "endpoint aws_vpc_endpoint.execute_api, client aws_lambda_function.worker"
)

func sampleChecks() []CheckInfo {
	return []CheckInfo{
		{ID: "PA101", Name: "endpoint-private-dns", Severity: finding.Error, Title: "The execute-api endpoint has private DNS enabled",
			Doc: "Clients resolve `{api-id}.execute-api.{region}.amazonaws.com` to the endpoint only with **private DNS**.", HelpURI: "https://privapi.dev/checks/PA101"},
		{ID: "PA111", Name: "endpoint-sg-ingress", Severity: finding.Error, Title: "The endpoint's security groups admit HTTPS from every client",
			Doc: "# PA111\n\nThe security groups of the VPC endpoint must allow TCP 443 from each client.", HelpURI: "https://privapi.dev/checks/PA111"},
		{ID: "PA202", Name: "policy-denies", Severity: finding.Error, Title: "The resource policy allows calls through the endpoint",
			Doc: "A PRIVATE API without a policy that allows the endpoint answers 403."},
		{ID: "PA305", Name: "client-egress", Severity: finding.Warning, Title: "The client may send HTTPS to the endpoint"},
		{ID: "PA402", Name: "stage-logging", Severity: finding.Info, Title: "Execution logging is enabled"},
		{ID: "PA501", Name: "stage-deployed", Severity: finding.Warning, Title: "A stage is deployed"},
		{ID: "PA601", Name: "account-cloudwatch-role", Severity: finding.Info, Title: "The account has a CloudWatch role"},
	}
}

// sampleReport has two APIs and results tied to none; passes, failures and
// unverified results; sources with and without file; waivers from the config
// and inline; text that needs escaping everywhere.
func sampleReport() *Report {
	rs := []finding.Result{
		{CheckID: "PA111", Name: "endpoint-sg-ingress", Severity: finding.Error, Status: finding.Fail,
			Address: "aws_security_group.endpoint", Related: []string{"aws_vpc_endpoint.execute_api", "aws_instance.app"},
			API: apiMain, Subject: subjApp,
			Message: `security group aws_security_group.endpoint admits no TCP 443 from aws_instance.app; its only rule allows "tcp 22" from <sensitive> & 10.0.0.0/8 | *all*`,
			Fix:     "add an ingress rule for TCP 443 from the client's security group",
			Source:  &finding.Source{File: "main.tf", Line: 40}, Doc: "https://privapi.dev/checks/PA111"},
		{CheckID: "PA202", Name: "policy-denies", Severity: finding.Error, Status: finding.Unverified,
			Address: apiMain, Related: []string{"aws_vpc_endpoint.execute_api"},
			API: apiMain, Subject: subjApp,
			Message: "aws:SourceVpce in the policy is the endpoint ID, known only after apply",
			Fix:     "reference aws_vpc_endpoint.execute_api.id in the policy",
			Source:  &finding.Source{File: "modules/api/policy.tf", Line: 7}},
		{CheckID: "PA101", Name: "endpoint-private-dns", Severity: finding.Error, Status: finding.Pass,
			Address: "aws_vpc_endpoint.execute_api", API: apiMain, Subject: "endpoint aws_vpc_endpoint.execute_api",
			Source: &finding.Source{File: "main.tf", Line: 20}},
		{CheckID: "PA305", Name: "client-egress", Severity: finding.Warning, Status: finding.Fail,
			Address: "aws_lambda_function.worker", Related: []string{"aws_vpc_endpoint.execute_api", "aws_security_group.worker"},
			API: apiMain, Subject: subjFn,
			Message: "the function's security group allows no egress to the endpoint\nits egress rules: none",
			Fix:     "allow TCP 443 to the endpoint's security group"},
		{CheckID: "PA501", Name: "stage-deployed", Severity: finding.Warning, Status: finding.Fail,
			Address: "aws_api_gateway_stage.prod", API: apiMain, Message: "no stage is deployed in this plan",
			Source: &finding.Source{File: "main.tf", Line: 60},
			Waiver: &finding.Waiver{CheckID: "PA501", Address: "aws_api_gateway_stage.prod", Pattern: "aws_api_gateway_stage.*",
				Reason: "the release pipeline deploys the stage", Expires: "2030-01-31", Origin: "config",
				Source: &finding.Source{File: ".privapi.hcl", Line: 12}}},
		{CheckID: "PA402", Name: "stage-logging", Severity: finding.Info, Status: finding.Fail,
			Address: `module.edge.aws_api_gateway_stage.this["b"]`, API: apiOther,
			Subject: `stage module.edge.aws_api_gateway_stage.this["b"]`,
			Message: "execution logging is off", Fix: "set logging_level in aws_api_gateway_method_settings",
			Source: &finding.Source{File: "modules/edge/main.tf", Line: 3}},
		{CheckID: "PA111", Name: "endpoint-sg-ingress", Severity: finding.Error, Status: finding.Pass,
			Address: "module.edge.aws_security_group.endpoint", API: apiOther,
			Subject: "endpoint module.edge.aws_vpc_endpoint.this, client aws_instance.app"},
		{CheckID: "PA305", Name: "client-egress", Severity: finding.Warning, Status: finding.Unverified,
			Address: "aws_instance.app", API: apiOther,
			Subject: "endpoint module.edge.aws_vpc_endpoint.this, client aws_instance.app",
			Message: "the client's security group is created in this plan; its rules are unknown",
			Waiver: &finding.Waiver{CheckID: "PA305", Address: "aws_instance.app", Pattern: "aws_instance.app",
				Reason: "egress is managed by the network team (TICKET-42)", Origin: "inline",
				Source: &finding.Source{File: "main.tf", Line: 88}}},
		{CheckID: "PA601", Name: "account-cloudwatch-role", Severity: finding.Info, Status: finding.Fail,
			Address: "aws_api_gateway_account.this", Message: "no CloudWatch role is set for API Gateway in this account",
			Fix: "set cloudwatch_role_arn", Source: &finding.Source{File: "account.tf", Line: 1}},
	}
	finding.Sort(rs)
	return &Report{
		Tool:       Tool{Name: "privapi", Version: "1.2.3"},
		Input:      Input{Path: "plan.json", Kind: "plan", TerraformVersion: "1.9.5", FormatVersion: "1.2"},
		Results:    rs,
		Checks:     sampleChecks(),
		FailOn:     finding.Threshold{Severity: finding.Error},
		SourceRoot: "/work/infra",
	}
}

// passingReport has findings below the threshold whose own text says "fail":
// text and markdown must still not contain the substring.
func passingReport() *Report {
	checks := append(sampleChecks(), CheckInfo{ID: "PA701", Name: "failover-endpoint", Severity: finding.Warning,
		Title: "A failover endpoint exists", HelpURI: "https://privapi.dev/checks/failover"})
	rs := []finding.Result{
		{CheckID: "PA701", Name: "failover-endpoint", Severity: finding.Warning, Status: finding.Fail,
			Address: "aws_vpc_endpoint.failover", API: apiMain, Subject: "endpoint aws_vpc_endpoint.failover",
			Message: "calls FAIL over to nothing: the Failover endpoint has no subnet",
			Fix:     "give aws_vpc_endpoint.failover a subnet so that failure of one zone is survivable",
			Source:  &finding.Source{File: "failover.tf", Line: 5}},
		{CheckID: "PA202", Name: "policy-denies", Severity: finding.Error, Status: finding.Unverified,
			Address: apiMain, Related: []string{"aws_vpc_endpoint.failover"}, API: apiMain,
			Subject: "endpoint aws_vpc_endpoint.failover", Message: "the policy names an endpoint ID known only after apply"},
		{CheckID: "PA111", Name: "endpoint-sg-ingress", Severity: finding.Error, Status: finding.Fail,
			Address: "aws_security_group.failover", API: apiMain, Subject: "endpoint aws_vpc_endpoint.failover",
			Message: "the security group fails to admit TCP 443",
			Waiver: &finding.Waiver{Reason: "accepted failure domain", Origin: "inline",
				Source: &finding.Source{File: "failover.tf", Line: 30}}},
		{CheckID: "PA101", Name: "endpoint-private-dns", Severity: finding.Error, Status: finding.Pass,
			Address: "aws_vpc_endpoint.failover", API: apiMain, Subject: "endpoint aws_vpc_endpoint.failover"},
	}
	finding.Sort(rs)
	return &Report{
		Tool:    Tool{Name: "privapi", Version: "1.2.3"},
		Input:   Input{Path: "failover/plan.json", Kind: "plan", TerraformVersion: "1.9.5", FormatVersion: "1.2"},
		Results: rs,
		Checks:  checks,
		FailOn:  finding.Threshold{Severity: finding.Error},
	}
}

// undeclaredReport has two unverified results: one held back by a value
// known only after apply, one by a fact .privapi.hcl leaves out (Undeclared),
// which reports word apart.
func undeclaredReport() *Report {
	rs := []finding.Result{
		{CheckID: "PA114", Name: "nacl-blocks", Severity: finding.Error, Status: finding.Unverified,
			Address: "endpoint.shared", Related: []string{apiMain, "client.batch-hosts"}, API: apiMain,
			Subject:    "API " + apiMain + " through endpoint endpoint.shared from client client.batch-hosts",
			Message:    "whether network ACLs pass tcp/443 and the replies between client.batch-hosts and endpoint.shared is not known: .privapi.hcl does not say whether the network ACLs of the subnets of endpoint.shared pass tcp/443 and the replies (set nacls_allow_https)",
			Fix:        "state in .privapi.hcl what the network ACLs of the subnets of endpoint.shared pass: nacls_allow_https = true in its block when they pass tcp/443 and the replies, false when they block them",
			Source:     &finding.Source{File: ".privapi.hcl", Line: 4, EndLine: 21},
			Undeclared: "nacls_allow_https in endpoint.shared"},
		{CheckID: "PA202", Name: "policy-denies", Severity: finding.Error, Status: finding.Unverified,
			Address: apiMain, Related: []string{"aws_vpc_endpoint.execute_api"}, API: apiMain, Subject: subjApp,
			Message: "aws:SourceVpce in the policy is the endpoint ID, known only after apply",
			Source:  &finding.Source{File: "modules/api/policy.tf", Line: 7}},
	}
	finding.Sort(rs)
	return &Report{Tool: Tool{Name: "privapi", Version: "1.2.3"}, Input: Input{Path: "plan.json", Kind: "plan"},
		Results: rs, Checks: sampleChecks(), FailOn: finding.Threshold{Severity: finding.Error}}
}

// cleanReport has only passes.
func cleanReport() *Report {
	rs := []finding.Result{
		{CheckID: "PA101", Name: "endpoint-private-dns", Severity: finding.Error, Status: finding.Pass,
			Address: "aws_vpc_endpoint.execute_api", API: apiMain},
		{CheckID: "PA111", Name: "endpoint-sg-ingress", Severity: finding.Error, Status: finding.Pass,
			Address: "aws_security_group.endpoint", API: apiMain, Subject: subjApp},
	}
	return &Report{Tool: Tool{Name: "privapi", Version: "1.2.3"}, Input: Input{Path: "plan.json", Kind: "plan"},
		Results: rs, Checks: sampleChecks(), FailOn: finding.Threshold{Severity: finding.Error}}
}

// guardEnv puts look-alike secrets and CI variables in the environment; no
// formatter may read them.
func guardEnv(t *testing.T) string {
	t.Helper()
	summary := filepath.Join(t.TempDir(), "step_summary.md")
	t.Setenv("AWS_SECRET_ACCESS_KEY", secret)
	t.Setenv("GITHUB_STEP_SUMMARY", summary)
	return summary
}

func render(t *testing.T, format string, r *Report) []byte {
	t.Helper()
	f, err := Get(format)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := f.Write(&b, r); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return b.Bytes()
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from %s (run go test ./internal/report -update to accept):\n--- got\n%s\n--- want\n%s", name, path, got, want)
	}
}

var goldenCases = []struct {
	name, format string
	report       func() *Report
	tweak        func(*Report)
}{
	{"text", "text", sampleReport, nil},
	{"text_color", "text", sampleReport, func(r *Report) { r.Color = true }},
	{"text_ok", "text", passingReport, nil},
	{"text_clean", "text", cleanReport, nil},
	{"text_empty", "text", func() *Report { return &Report{Tool: Tool{Name: "privapi"}} }, nil},
	{"json", "json", sampleReport, nil},
	{"json_clean", "json", cleanReport, nil},
	{"sarif", "sarif", sampleReport, nil},
	{"junit", "junit", sampleReport, nil},
	{"github", "github", sampleReport, nil},
	{"markdown", "markdown", sampleReport, nil},
	{"markdown_ok", "markdown", passingReport, nil},
	{"markdown_clean", "markdown", cleanReport, nil},
	{"atlantis", "atlantis", sampleReport, nil},
	{"atlantis_ok", "atlantis", passingReport, nil},
	{"text_compact", "text", sampleReport, func(r *Report) { r.Compact = true }},
	{"text_quiet", "text", sampleReport, func(r *Report) { r.Verbosity = VerbosityQuiet }},
	{"text_verbose", "text", sampleReport, func(r *Report) { r.Verbosity = VerbosityVerbose }},
	{"text_undeclared", "text", undeclaredReport, nil},
	{"markdown_undeclared", "markdown", undeclaredReport, nil},
	{"github_undeclared", "github", undeclaredReport, nil},
	{"atlantis_undeclared", "atlantis", undeclaredReport, nil},
	{"junit_undeclared", "junit", undeclaredReport, nil},
}

func TestGolden(t *testing.T) {
	summaryFile := guardEnv(t)
	for _, tc := range goldenCases {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.report()
			if tc.tweak != nil {
				tc.tweak(r)
			}
			got := render(t, tc.format, r)
			golden(t, tc.name, got)
			if again := render(t, tc.format, r); !bytes.Equal(got, again) {
				t.Errorf("%s: two runs differ", tc.name)
			}
			if bytes.Contains(got, []byte(secret)) {
				t.Errorf("%s: output holds the secret from the environment", tc.name)
			}
			if bytes.Contains(got, []byte("\x1b[")) != r.Color {
				t.Errorf("%s: ANSI colour present = %v, want %v", tc.name, !r.Color, r.Color)
			}
			if len(got) == 0 || got[len(got)-1] != '\n' {
				t.Errorf("%s: output does not end with a newline", tc.name)
			}
		})
	}
	if b, err := os.ReadFile(summaryFile); err == nil && len(b) > 0 {
		t.Errorf("a formatter wrote to $GITHUB_STEP_SUMMARY itself")
	}
}

func TestFormatsRegistered(t *testing.T) {
	want := []string{"github", "json", "junit", "markdown", "sarif", "text"}
	got := Names()
	for _, n := range want {
		found := false
		for _, g := range got {
			found = found || g == n
		}
		if !found {
			t.Errorf("format %q not registered (have %v)", n, got)
		}
	}
}

// TestNoFailWordWhenPassing: Atlantis judges a custom policy step by the
// substring "fail"; a run below --fail-on must never contain it, whatever
// the checks and the user wrote.
func TestNoFailWordWhenPassing(t *testing.T) {
	reports := map[string]*Report{"passing": passingReport(), "clean": cleanReport()}
	// The sample below a higher threshold, and with no threshold at all.
	r := sampleReport()
	r.FailOn = finding.Threshold{None: true}
	reports["sample-none"] = r
	r = passingReport()
	r.Color = true
	reports["passing-color"] = r
	for name, r := range reports {
		if r.Failed() {
			t.Fatalf("%s: report fails; the test needs a passing one", name)
		}
		for _, format := range []string{"atlantis", "markdown"} {
			out := strings.ToLower(string(render(t, format, r)))
			if i := strings.Index(out, "fail"); i >= 0 {
				lo, hi := max(0, i-40), min(len(out), i+40)
				t.Errorf("%s/%s: contains %q near %q", name, format, "fail", out[lo:hi])
			}
		}
	}
	// The defanged words still read the same once rendered.
	md := string(render(t, "markdown", passingReport()))
	if !strings.Contains(md, "<code>aws_vpc_endpoint.f&#97;ilover</code>") || !strings.Contains(md, "F&#65;IL over") {
		t.Errorf("markdown: fail not replaced by a character reference:\n%s", md)
	}
	at := string(render(t, "atlantis", passingReport()))
	if !strings.Contains(at, `aws_vpc_endpoint.f\x61ilover`) {
		t.Errorf("atlantis: fail not written as f\\x61il:\n%s", at)
	}
	// No format hides a zero-width character in words: it breaks copy,
	// paste and grep. The text report keeps values as they are.
	for _, f := range Names() {
		if out := string(render(t, f, passingReport())); strings.ContainsAny(out, "\u200b\u200c\u200d\u2060\ufeff") {
			t.Errorf("%s: zero-width character in the output", f)
		}
	}
	if txt := string(render(t, "text", passingReport())); !strings.Contains(txt, "aws_vpc_endpoint.failover") {
		t.Errorf("text: the address is not shown as it is:\n%s", txt)
	}
}

// TestFailWordWhenFailing: the other half of the Atlantis contract.
func TestFailWordWhenFailing(t *testing.T) {
	r := sampleReport()
	if !r.Failed() {
		t.Fatal("sample report should fail")
	}
	for _, format := range []string{"text", "markdown", "github", "atlantis"} {
		if out := render(t, format, r); !bytes.Contains(out, []byte("FAILED")) {
			t.Errorf("%s: failing run does not say FAILED", format)
		}
	}
	// strict turns an unverified error into a failure.
	p := passingReport()
	p.Strict = true
	if !p.Failed() || !bytes.Contains(render(t, "markdown", p), []byte("FAILED")) {
		t.Errorf("strict: unverified error should fail the markdown report")
	}
}

func TestJSONContract(t *testing.T) {
	r := sampleReport()
	out := render(t, "json", r)
	var doc struct {
		FormatVersion string          `json:"format_version"`
		Summary       finding.Summary `json:"summary"`
		Findings      []map[string]json.RawMessage
		Suppressions  []map[string]json.RawMessage
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(out, &raw); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"format_version", "tool", "input", "summary", "findings", "suppressions"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("missing top-level key %q", k)
		}
	}
	if len(raw) != 6 {
		t.Errorf("top-level keys: got %d, want 6", len(raw))
	}
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.FormatVersion != "1" {
		t.Errorf("format_version = %q", doc.FormatVersion)
	}
	if want := (finding.Summary{Errors: 1, Warnings: 1, Infos: 2, Unverified: 1}); doc.Summary != want {
		t.Errorf("summary = %+v, want %+v", doc.Summary, want)
	}
	if len(doc.Findings) != len(r.Findings()) || len(doc.Findings) != 5 {
		t.Fatalf("findings: got %d, want 5", len(doc.Findings))
	}
	keys := []string{"id", "name", "severity", "status", "address", "related", "message", "fix", "source", "doc"}
	for i, f := range doc.Findings {
		if len(f) != len(keys) {
			t.Errorf("finding %d has %d keys, want %d", i, len(f), len(keys))
		}
		for _, k := range keys {
			if _, ok := f[k]; !ok {
				t.Errorf("finding %d lacks %q", i, k)
			}
		}
		if string(f["related"]) == "null" {
			t.Errorf("finding %d: related is null", i)
		}
		var st string
		_ = json.Unmarshal(f["status"], &st)
		if st != "fail" && st != "unverified" {
			t.Errorf("finding %d: status %q", i, st)
		}
	}
	// Order is the report's: sorted by API, severity, check ID, ...
	var ids []string
	for _, f := range doc.Findings {
		var id string
		_ = json.Unmarshal(f["id"], &id)
		ids = append(ids, id)
	}
	if got, want := strings.Join(ids, " "), "PA601 PA111 PA202 PA305 PA402"; got != want {
		t.Errorf("finding order %q, want %q", got, want)
	}
	if len(doc.Suppressions) != 2 {
		t.Fatalf("suppressions: got %d, want 2", len(doc.Suppressions))
	}
	for i, s := range doc.Suppressions {
		for _, k := range []string{"id", "address", "reason", "expires", "origin", "source"} {
			if _, ok := s[k]; !ok {
				t.Errorf("suppression %d lacks %q", i, k)
			}
		}
	}
	if !bytes.HasSuffix(out, []byte("}\n")) || !bytes.Contains(out, []byte("\n  \"tool\": {")) {
		t.Errorf("want 2-space indentation and a trailing newline")
	}
}

func TestSARIFSchema(t *testing.T) {
	// The OASIS SARIF 2.1.0 schema, kept in testdata as tflint does.
	f, err := os.Open(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	schemaDoc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://privapi.test/sarif-2.1.0.json"
	if err := c.AddResource(url, schemaDoc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(url)
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]*Report{"sample": sampleReport(), "passing": passingReport(), "clean": cleanReport(), "empty": {}} {
		out := render(t, "sarif", r)
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: SARIF does not validate: %v", name, err)
		}
	}
	// The validator is not vacuous: a wrong level is refused.
	bad := bytes.Replace(render(t, "sarif", sampleReport()), []byte(`"level": "error"`), []byte(`"level": "fatal"`), 1)
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
	if err != nil {
		t.Fatal(err)
	}
	if sch.Validate(inst) == nil {
		t.Errorf("schema accepted level \"fatal\"")
	}
}

func TestSARIFContent(t *testing.T) {
	r := sampleReport()
	out := render(t, "sarif", r)
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID                   string `json:"id"`
						HelpURI              string `json:"helpUri"`
						DefaultConfiguration struct {
							Level string `json:"level"`
						} `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			OriginalURIBaseIDs map[string]struct {
				URI string `json:"uri"`
			} `json:"originalUriBaseIds"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation *struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
					LogicalLocations []struct {
						FullyQualifiedName string `json:"fullyQualifiedName"`
					} `json:"logicalLocations"`
				} `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				Properties          map[string]any    `json:"properties"`
				Suppressions        []struct {
					Kind          string `json:"kind"`
					Justification string `json:"justification"`
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	rules := run.Tool.Driver.Rules
	if len(rules) != len(r.Checks) {
		t.Fatalf("rules: got %d, want %d", len(rules), len(r.Checks))
	}
	levels := map[string]string{"PA111": "error", "PA305": "warning", "PA402": "note"}
	for _, rule := range rules {
		if want, ok := levels[rule.ID]; ok && rule.DefaultConfiguration.Level != want {
			t.Errorf("rule %s level %q, want %q", rule.ID, rule.DefaultConfiguration.Level, want)
		}
	}
	if rules[1].HelpURI != "https://privapi.dev/checks/PA111" {
		t.Errorf("rule PA111 helpUri %q", rules[1].HelpURI)
	}
	// GitHub ignores uriBaseId and resolves uri from the repository root:
	// neither may be relied on.
	if len(run.OriginalURIBaseIDs) != 0 {
		t.Errorf("originalUriBaseIds %v: GitHub ignores them; uris are relative to the repository root", run.OriginalURIBaseIDs)
	}
	// Every non-pass result, waived ones included.
	var nonPass []finding.Result
	for _, res := range r.Results {
		if res.IsFinding() {
			nonPass = append(nonPass, res)
		}
	}
	if len(run.Results) != len(nonPass) {
		t.Fatalf("results: got %d, want %d", len(run.Results), len(nonPass))
	}
	for i, got := range run.Results {
		want := nonPass[i]
		if got.RuleID != want.CheckID || rules[got.RuleIndex].ID != want.CheckID {
			t.Errorf("result %d: rule %s/%d, want %s", i, got.RuleID, got.RuleIndex, want.CheckID)
		}
		sum := sha256.Sum256([]byte(want.Key()))
		if got.PartialFingerprints["privapi/v1"] != hex.EncodeToString(sum[:]) {
			t.Errorf("result %d: fingerprint %q", i, got.PartialFingerprints["privapi/v1"])
		}
		if len(got.Locations) != 1 {
			t.Fatalf("result %d: %d locations", i, len(got.Locations))
		}
		loc := got.Locations[0]
		if want.Source == nil {
			if loc.PhysicalLocation != nil {
				t.Errorf("result %d: physical location without source", i)
			}
		} else if pl := loc.PhysicalLocation; pl == nil || pl.ArtifactLocation.URI != want.Source.File ||
			pl.ArtifactLocation.URIBaseID != "" || pl.Region.StartLine != want.Source.Line {
			t.Errorf("result %d: physical location %+v, want %s:%d", i, pl, want.Source.File, want.Source.Line)
		}
		if len(loc.LogicalLocations) != 1 || loc.LogicalLocations[0].FullyQualifiedName != want.Address {
			t.Errorf("result %d: logical location %+v, want %s", i, loc.LogicalLocations, want.Address)
		}
		if want.Fix != "" && !strings.HasSuffix(got.Message.Text, " Fix: "+want.Fix) {
			t.Errorf("result %d: message %q lacks the fix", i, got.Message.Text)
		}
		if st := got.Properties["privapi-status"]; (want.Status == finding.Unverified) != (st == "unverified") {
			t.Errorf("result %d: privapi-status %v for status %s", i, st, want.Status)
		}
		switch {
		case want.Waiver == nil && len(got.Suppressions) > 0:
			t.Errorf("result %d: suppressed without waiver", i)
		case want.Waiver != nil:
			kind := map[string]string{"config": "external", "inline": "inSource"}[want.Waiver.Origin]
			if len(got.Suppressions) != 1 || got.Suppressions[0].Kind != kind || got.Suppressions[0].Justification != want.Waiver.Reason {
				t.Errorf("result %d: suppressions %+v, want %s %q", i, got.Suppressions, kind, want.Waiver.Reason)
			}
		}
	}
	if bytes.Contains(out, []byte("plan.json")) {
		t.Errorf("SARIF points at the plan JSON")
	}
	// Fingerprints do not depend on anything but the result's identity.
	r2 := sampleReport()
	r2.SourceRoot, r2.Tool.Version = "/elsewhere", "9.9.9"
	for i := range r2.Results {
		r2.Results[i].Message += " (reworded)"
		r2.Results[i].Source = nil
	}
	var fp1, fp2 []string
	for _, res := range r.Results {
		fp1 = append(fp1, fingerprint(&res))
	}
	for _, res := range r2.Results {
		fp2 = append(fp2, fingerprint(&res))
	}
	if strings.Join(fp1, ",") != strings.Join(fp2, ",") {
		t.Errorf("fingerprints change with message, source or version")
	}
}

// TestSARIFCompact pins what the hand-written SARIF model leaves out and
// what it must keep: no empty arrays or objects and no -1 defaults, but
// always a results array (empty means "ran, found nothing") and ruleIndex 0.
func TestSARIFCompact(t *testing.T) {
	for name, r := range map[string]*Report{"sample": sampleReport(), "passing": passingReport(), "clean": cleanReport(), "empty": {}} {
		out := render(t, "sarif", r)
		var doc map[string]any
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		run := doc["runs"].([]any)[0].(map[string]any)
		if _, ok := run["results"].([]any); !ok {
			t.Errorf("%s: run has no results array", name)
		}
		var walk func(path string, v any)
		walk = func(path string, v any) {
			switch v := v.(type) {
			case map[string]any:
				if len(v) == 0 {
					t.Errorf("%s: empty object at %s", name, path)
				}
				for k, x := range v {
					walk(path+"."+k, x)
				}
			case []any:
				if len(v) == 0 && path != ".runs[].results" {
					t.Errorf("%s: empty array at %s", name, path)
				}
				for _, x := range v {
					walk(path+"[]", x)
				}
			case float64:
				if v < 0 {
					t.Errorf("%s: negative number at %s", name, path)
				}
			}
		}
		walk("", doc)
	}
	out := render(t, "sarif", &Report{
		Checks:  []CheckInfo{{ID: "PA101", Severity: finding.Error}},
		Results: []finding.Result{{CheckID: "PA101", Severity: finding.Error, Status: finding.Fail, Message: "m"}},
	})
	if !bytes.Contains(out, []byte(`"ruleIndex": 0`)) {
		t.Errorf("ruleIndex 0 omitted:\n%s", out)
	}
}

func TestSARIFPaths(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"main.tf", "main.tf"},
		{"modules/api/main.tf", "modules/api/main.tf"},
		{"dir with space/a#b.tf", "dir%20with%20space/a%23b.tf"},
		{"c:odd.tf", "c%3Aodd.tf"},
	} {
		if got := relativeURI(tc.in); got != tc.want {
			t.Errorf("relativeURI(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestJUnitParses(t *testing.T) {
	r := sampleReport()
	out := render(t, "junit", r)
	// Well-formed: the tokenizer reads to the end.
	dec := xml.NewDecoder(bytes.NewReader(out))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
	}
	type tc struct {
		Name      string `xml:"name,attr"`
		Classname string `xml:"classname,attr"`
		File      string `xml:"file,attr"`
		Failure   *struct {
			Message string `xml:"message,attr"`
			Type    string `xml:"type,attr"`
			Body    string `xml:",chardata"`
		} `xml:"failure"`
		Skipped *struct {
			Message string `xml:"message,attr"`
		} `xml:"skipped"`
	}
	var doc struct {
		XMLName  xml.Name `xml:"testsuites"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Skipped  int      `xml:"skipped,attr"`
		Suites   []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Skipped  int    `xml:"skipped,attr"`
			Cases    []tc   `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	// Only what fails the run is a failure: the one error; the warning and
	// the two infos below --fail-on error pass (with system-out).
	if doc.Tests != len(r.Results) || doc.Failures != r.countFailing() || doc.Failures != 1 || doc.Skipped != 3 {
		t.Errorf("totals tests=%d failures=%d skipped=%d, want %d 1 3", doc.Tests, doc.Failures, doc.Skipped, len(r.Results))
	}
	// With --fail-on info, every failing result is a failure; with
	// --strict, the unverified error too.
	r2 := sampleReport()
	r2.FailOn, r2.Strict = finding.Threshold{Severity: finding.Info}, true
	var doc2 struct {
		Failures int `xml:"failures,attr"`
	}
	if err := xml.Unmarshal(render(t, "junit", r2), &doc2); err != nil {
		t.Fatal(err)
	}
	if doc2.Failures != r2.countFailing() || doc2.Failures != 5 {
		t.Errorf("fail-on info, strict: failures=%d, want %d", doc2.Failures, r2.countFailing())
	}
	var names []string
	for _, s := range doc.Suites {
		names = append(names, s.Name)
		if s.Tests != len(s.Cases) {
			t.Errorf("suite %s: tests=%d, %d cases", s.Name, s.Tests, len(s.Cases))
		}
		f, k := 0, 0
		for _, c := range s.Cases {
			if c.Failure != nil {
				f++
			}
			if c.Skipped != nil {
				k++
			}
		}
		if f != s.Failures || k != s.Skipped {
			t.Errorf("suite %s: attributes say %d/%d failures/skipped, cases %d/%d", s.Name, s.Failures, s.Skipped, f, k)
		}
	}
	if got, want := strings.Join(names, "|"), apiMain+"|"+apiOther+"|privapi"; got != want {
		t.Errorf("suites %q, want %q", got, want)
	}
	// Escaped text comes back intact.
	var sg *finding.Result
	for i := range r.Results {
		if r.Results[i].CheckID == "PA111" && r.Results[i].Status == finding.Fail {
			sg = &r.Results[i]
		}
	}
	c := doc.Suites[0].Cases[1] // after the PA101 pass
	if c.Classname != "PA111 endpoint-sg-ingress" || c.Name != subjApp || c.File != "main.tf" {
		t.Errorf("PA111 case %+v", c)
	}
	if c.Failure == nil || c.Failure.Message != sg.Message || c.Failure.Type != "error" || !strings.Contains(c.Failure.Body, "fix: "+sg.Fix) {
		t.Errorf("PA111 failure %+v, want message %q", c.Failure, sg.Message)
	}
	var unverified, waived int
	for _, s := range doc.Suites {
		for _, c := range s.Cases {
			if c.Skipped != nil && strings.HasPrefix(c.Skipped.Message, "unverified: cannot know until apply") {
				unverified++
			}
			if c.Skipped != nil && strings.HasPrefix(c.Skipped.Message, "waived: ") {
				waived++
			}
		}
	}
	if unverified != 1 || waived != 2 {
		t.Errorf("skipped: %d unverified, %d waived; want 1 and 2", unverified, waived)
	}
}

func TestJUnitInvalidXMLCharacters(t *testing.T) {
	r := sampleReport()
	r.Results[0].Message = "bell \x07 and NUL \x00 and ]]> end"
	out := render(t, "junit", r)
	var v any
	if err := xml.Unmarshal(out, &v); err != nil {
		t.Fatalf("control characters break the XML: %v", err)
	}
}

func TestGitHubEscaping(t *testing.T) {
	for _, tc := range []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"a\nb", "a%0Ab", "a%0Ab"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"k:v,w", "k:v,w", "k%3Av%2Cw"},
		{"%0A literal", "%250A literal", "%250A literal"},
		{"::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"},
		{"esc\x1b]52;c;cHduZWQ=\x07", `esc\x1b]52;c;cHduZWQ=\x07`, `esc\x1b]52;c;cHduZWQ=\x07`},
		{"c1\u009b31m", `c1\x9b31m`, `c1\x9b31m`},
		{"bidi\u202egnp.exe", `bidi\u202egnp.exe`, `bidi\u202egnp.exe`},
	} {
		if got := ghEscapeData(tc.in); got != tc.data {
			t.Errorf("ghEscapeData(%q) = %q, want %q", tc.in, got, tc.data)
		}
		if got := ghEscapeProperty(tc.in); got != tc.prop {
			t.Errorf("ghEscapeProperty(%q) = %q, want %q", tc.in, got, tc.prop)
		}
	}
	got := ghCommand("error", [][2]string{{"file", "dir,x/main.tf"}, {"line", "4"}, {"title", "PA1 a:b"}}, "50% done\nnext")
	if want := "::error file=dir%2Cx/main.tf,line=4,title=PA1 a%3Ab::50%25 done%0Anext"; got != want {
		t.Errorf("ghCommand = %q, want %q", got, want)
	}
}

func TestGitHubCommands(t *testing.T) {
	r := sampleReport()
	r.Verbosity = VerbosityVerbose
	var step bytes.Buffer
	r.StepSummary = &step
	out := string(render(t, "github", r))
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(r.Findings())+1 {
		t.Fatalf("got %d lines, want one per finding plus the summary:\n%s", len(lines), out)
	}
	for _, l := range lines[:len(lines)-1] {
		if !strings.HasPrefix(l, "::error ") && !strings.HasPrefix(l, "::warning ") && !strings.HasPrefix(l, "::notice ") {
			t.Errorf("not a workflow command: %q", l)
		}
	}
	// Grouped like text and markdown: by API, results without API last.
	if !strings.HasPrefix(lines[0], "::error file=main.tf,line=40,title=PA111 endpoint-sg-ingress::") {
		t.Errorf("error finding: %q", lines[0])
	}
	if !strings.HasPrefix(lines[1], "::warning file=modules/api/policy.tf,line=7,title=PA202 policy-denies (unverified)::Unverified, cannot know until apply") {
		t.Errorf("unverified finding: %q", lines[1])
	}
	if !strings.HasPrefix(lines[2], "::warning title=PA305 client-egress::") || !strings.Contains(lines[2], "%0A") {
		t.Errorf("finding without source: %q", lines[2])
	}
	if !strings.HasPrefix(lines[4], "::notice file=account.tf,line=1,title=PA601 account-cloudwatch-role::") {
		t.Errorf("info finding: %q", lines[4])
	}
	verbose := sampleReport()
	verbose.Verbosity = VerbosityVerbose
	if md := render(t, "markdown", verbose); !bytes.Equal(step.Bytes(), md) {
		t.Errorf("job summary is not the markdown report")
	}
	// Without a step summary writer nothing else is written.
	r.StepSummary = nil
	if string(render(t, "github", r)) != out {
		t.Errorf("output depends on the step summary")
	}
}

func TestGroupByAPI(t *testing.T) {
	gs := groupByAPI(sampleReport().Results)
	var got []string
	for _, g := range gs {
		var subs []string
		for _, s := range g.Subjects {
			subs = append(subs, s.Subject)
		}
		got = append(got, g.API+"="+strings.Join(subs, ";"))
	}
	want := []string{
		apiMain + "=endpoint aws_vpc_endpoint.execute_api;" + subjApp + ";" + subjFn + ";",
		apiOther + "=endpoint module.edge.aws_vpc_endpoint.this, client aws_instance.app;stage module.edge.aws_api_gateway_stage.this[\"b\"]",
		"=",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("groups:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDefangFail(t *testing.T) {
	ref := func(a byte) string { return "&#" + strconv.Itoa(int(a)) + ";" }
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"nothing here", "nothing here"},
		{"failover", "f&#97;ilover"},
		{"FAIL Failed fAiLuRe", "F&#65;IL F&#97;iled f&#65;iLuRe"},
		{"ffailfail", "ff&#97;ilf&#97;il"},
		{"ünïcödé fail", "ünïcödé f&#97;il"},
		{"fai", "fai"},
	} {
		if got := defangFail(tc.in, ref); got != tc.want {
			t.Errorf("defangFail(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestMarkdownEscape(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"aws_api_gateway_rest_api.main", "aws_api_gateway_rest_api.main"},
		{`x["k"]`, "x&#91;&quot;k&quot;&#93;"},
		{"<b>&</b>", "&lt;b&gt;&amp;&lt;/b&gt;"},
		{"a|b *c* `d` _e_ ~f~ \\", "a&#124;b &#42;c&#42; &#96;d&#96; &#95;e&#95; &#126;f&#126; &#92;"},
		{"line1\nline2\r\nline3", "line1<br>line2<br>line3"},
	} {
		if got := mdEscape(tc.in); got != tc.want {
			t.Errorf("mdEscape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTextClean(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain\tand\nlines", "plain\tand\nlines"},
		{"esc \x1b[31mred", `esc \x1b[31mred`},
		{"bell\x07 del\x7f c1\u009b", `bell\x07 del\x7f c1\x9b`},
		{"bidi \u202eevil", `bidi \u202eevil`},
	} {
		if got := textClean(tc.in); got != tc.want {
			t.Errorf("textClean(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	r := sampleReport()
	r.Results[1].Message = "evil \x1b]0;title\x07 message"
	if out := render(t, "text", r); bytes.ContainsRune(out, 0x1b) {
		t.Errorf("text passes an escape sequence through:\n%s", out)
	}
}

func TestJUnitUniqueNames(t *testing.T) {
	r := &Report{FailOn: finding.Threshold{Severity: finding.Error}, Results: []finding.Result{
		{CheckID: "PA111", Name: "endpoint-sg-ingress", Status: finding.Fail, Address: "aws_security_group.a", API: apiMain, Subject: subjApp},
		{CheckID: "PA111", Name: "endpoint-sg-ingress", Status: finding.Fail, Address: "aws_security_group.b", API: apiMain, Subject: subjApp},
		{CheckID: "PA202", Name: "policy-denies", Status: finding.Pass, Address: apiMain, API: apiMain, Subject: subjApp},
	}}
	var doc struct {
		Cases []struct {
			Name string `xml:"name,attr"`
		} `xml:"testsuite>testcase"`
	}
	if err := xml.Unmarshal(render(t, "junit", r), &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range doc.Cases {
		got = append(got, c.Name)
	}
	want := []string{subjApp + " (aws_security_group.a)", subjApp + " (aws_security_group.b)", subjApp}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("names %q, want %q", got, want)
	}
}
