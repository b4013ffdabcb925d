package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/privapi/privapi/internal/escape"
	"github.com/privapi/privapi/internal/finding"
)

// The junit format: JUnit XML as GitLab and Jenkins read it. One testsuite per
// API, one testcase per result (passes included): a failure for a result
// that counts toward --fail-on (what makes the exit code 1), skipped for an
// unverified or waived one, and passed, with the finding in system-out, for
// one not met below the threshold.

func init() { Register("junit", FormatterFunc(writeJUnit)) }

type junitTestsuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	File      string        `xml:"file,attr,omitempty"`
	Line      int           `xml:"line,attr,omitempty"`
	Time      string        `xml:"time,attr"`
	Failure   *junitFailure `xml:"failure"`
	Skipped   *junitSkipped `xml:"skipped"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

type junitSkipped struct {
	Message string `xml:"message,attr"`
}

func writeJUnit(w io.Writer, r *Report) error {
	root := junitTestsuites{Name: r.toolName(), Time: "0"}
	for _, g := range groupByAPI(r.Results) {
		suite := junitSuite{Name: g.API, Time: "0"}
		if g.API == "" {
			suite.Name = r.toolName()
		}
		seen := map[string]int{}
		var addrs []string // parallel to suite.Cases
		for _, sg := range g.Subjects {
			for i := range sg.Results {
				res := &sg.Results[i]
				c := junitCase{Name: res.Subject, Classname: checkTitle(res), Time: "0"}
				if c.Name == "" {
					c.Name = res.Address
				}
				seen[c.Classname+"\x00"+c.Name]++
				if res.Source != nil && res.Source.File != "" {
					c.File, c.Line = res.Source.File, res.Source.Line
				}
				switch {
				case res.Waiver != nil:
					msg := "waived: " + oneLine(res.Waiver.Reason) + " (" + waiverOrigin(res.Waiver) + ")"
					if res.Waiver.Expires != "" {
						msg += ", expires " + res.Waiver.Expires
					}
					c.Skipped = &junitSkipped{Message: msg}
					suite.Skipped++
				case r.FailOn.Fails(res, r.Strict):
					// only what counts toward --fail-on (and, with
					// --strict, unverified results) fails, as the exit code does
					c.Failure = &junitFailure{Message: res.Message, Type: res.Severity.String(), Text: junitDetails(res)}
					suite.Failures++
				case res.Status == finding.Unverified:
					c.Skipped = &junitSkipped{Message: "unverified: " + unverifiedWhy(res) + ": " + res.Message}
					suite.Skipped++
				case res.Status == finding.Fail:
					// not met, but below the threshold: the test passes
					// and says so
					c.SystemOut = "not met, " + res.Severity.String() + " below the threshold (" + r.thresholdString() + "):\n" + junitDetails(res)
				}
				suite.Cases = append(suite.Cases, c)
				addrs = append(addrs, res.Address)
			}
		}
		// Keep classname+name unique within a suite: CI servers key test
		// history by them.
		for i := range suite.Cases {
			c := &suite.Cases[i]
			if seen[c.Classname+"\x00"+c.Name] > 1 && addrs[i] != "" && addrs[i] != c.Name {
				c.Name += " (" + addrs[i] + ")"
			}
		}
		suite.Tests = len(suite.Cases)
		root.Tests += suite.Tests
		root.Failures += suite.Failures
		root.Skipped += suite.Skipped
		root.Suites = append(root.Suites, suite)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(root); err != nil {
		return err
	}
	buf.WriteString("\n")
	_, err := w.Write(escape.XML(buf.Bytes()))
	return err
}

// junitDetails is the body of a failure: everything a reader needs to act.
func junitDetails(res *finding.Result) string {
	var b strings.Builder
	line := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s: %s\n", k, v)
		}
	}
	line("check", checkTitle(res))
	line("severity", res.Severity.String())
	line("address", res.Address)
	line("subject", res.Subject)
	line("related", strings.Join(res.Related, ", "))
	line("source", sourceString(res.Source))
	line("message", res.Message)
	line("fix", res.Fix)
	line("doc", res.Doc)
	return b.String()
}
