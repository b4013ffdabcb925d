package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/privapi/privapi/internal/escape"
	"github.com/privapi/privapi/internal/finding"
)

// encodeJSONReference is the json format as encoding/json writes jsonReport
// (what writeJSON did before it streamed), through escape.JSON: the
// reference writeJSON must match byte for byte.
func encodeJSONReference(r *Report) []byte {
	out := jsonReport{
		FormatVersion: FormatVersion, Tool: r.Tool, Input: r.Input, Summary: r.jsonSummary(),
		Findings: []jsonFinding{}, Suppressions: []jsonSuppression{},
	}
	for _, res := range r.Findings() {
		related := res.Related
		if related == nil {
			related = []string{}
		}
		out.Findings = append(out.Findings, jsonFinding{ID: res.CheckID, Name: res.Name, Severity: res.Severity,
			Status: res.Status, Address: res.Address, Related: related, Message: res.Message, Fix: res.Fix,
			Source: jsonSource(res.Source), Doc: res.Doc})
	}
	for _, res := range r.Suppressed() {
		wv := res.Waiver
		s := jsonSuppression{ID: res.CheckID, Address: res.Address, Reason: wv.Reason, Origin: originKind(wv), Source: jsonSource(wv.Source)}
		if wv.Expires != "" {
			exp := wv.Expires
			s.Expires = &exp
		}
		out.Suppressions = append(out.Suppressions, s)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
	return escape.JSON(buf.Bytes())
}

// streamReport is a report whose findings carry s in every string field.
func streamReport(s string, withFindings bool) *Report {
	r := &Report{
		Tool:  Tool{Name: "privapi", Version: s},
		Input: Input{Path: s, Kind: "plan", TerraformVersion: "1.11.4", FormatVersion: "1.2"},
	}
	if !withFindings {
		return r
	}
	r.Results = []finding.Result{
		{CheckID: "PA101", Name: "endpoint-missing", Severity: finding.Error, Status: finding.Fail,
			Address: s, Related: []string{s, "aws_vpc.x"}, Message: s, Fix: s, Doc: s,
			Source: &finding.Source{File: s, Line: 7}},
		{CheckID: "PA202", Name: s, Severity: finding.Warning, Status: finding.Unverified, Address: "a", Related: nil, Message: "m"},
		{CheckID: "PA203", Name: "n", Severity: finding.Info, Status: finding.Fail, Address: "b", Related: []string{}, Source: &finding.Source{}},
		{CheckID: "PA204", Name: "n", Severity: finding.Error, Status: finding.Pass, Address: "c"},
		{CheckID: "PA205", Name: "n", Severity: finding.Error, Status: finding.Fail, Address: s,
			Waiver: &finding.Waiver{Reason: s, Expires: "2030-01-01", Origin: "config", Source: &finding.Source{File: s, Line: 3}}},
		{CheckID: "PA206", Name: "n", Severity: finding.Error, Status: finding.Fail, Address: "d",
			Waiver: &finding.Waiver{Reason: "r", Origin: "inline"}},
	}
	return r
}

var streamStrings = []string{
	"", "plain", `quote " backslash \ slash /`, "<html> & 'apos'", "ctl \x00\x01\b\f\n\r\t\x1f\x7f",
	"bad utf-8 \xff\xfe \xc3", "sep \u2028 \u2029", "emoji 🙂 é ü", "\xed\xa0\x80 surrogate",
}

func checkJSONStream(t *testing.T, r *Report) {
	t.Helper()
	var got bytes.Buffer
	if err := writeJSON(&got, r); err != nil {
		t.Fatal(err)
	}
	if want := encodeJSONReference(r); !bytes.Equal(got.Bytes(), want) {
		t.Fatalf("streamed json differs from encoding/json:\n got %q\nwant %q", got.Bytes(), want)
	}
}

func TestJSONStreamMatchesEncoder(t *testing.T) {
	for _, s := range streamStrings {
		for _, with := range []bool{false, true} {
			checkJSONStream(t, streamReport(s, with))
		}
	}
}

func FuzzJSONStream(f *testing.F) {
	for _, s := range streamStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkJSONStream(t, streamReport(s, true)) })
}
