// Package report turns a run's results into the output formats privapi
// supports. Every format reads the same Report; adding a format is one file
// with a Formatter and one line in the registry.
package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/privapi/privapi/internal/finding"
)

// FormatVersion of the JSON output contract.
const FormatVersion = "1"

// Tool identifies privapi in outputs.
type Tool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// Input describes what was read.
type Input struct {
	Path             string `json:"path"`
	Kind             string `json:"kind"` // plan | state
	TerraformVersion string `json:"terraform_version"`
	FormatVersion    string `json:"format_version"`
}

// CheckInfo describes a check for formats that list rules (SARIF).
type CheckInfo struct {
	ID       string
	Name     string
	Severity finding.Severity
	Title    string
	Doc      string
	HelpURI  string
}

// Report is everything a formatter may show.
type Report struct {
	Tool  Tool
	Input Input
	// Results holds every verdict, passes included, sorted with finding.Sort
	// — or, when Passed is set, every verdict but the passes.
	Results []finding.Result
	// Passed counts passes that Results leaves out (the CLI counts them
	// instead of building them when no format lists passes: only junit
	// does, see ListsPasses).
	Passed int
	// Checks lists every enabled check, sorted by ID.
	Checks []CheckInfo
	FailOn finding.Threshold
	Strict bool
	// SourceRoot is the absolute root module directory ("" without source).
	// Finding sources are relative to the repository root, not to it; no
	// format writes it.
	SourceRoot string
	// Verbosity chooses how much text, markdown and github show; Compact
	// writes one line per finding in text.
	Verbosity Verbosity
	Compact   bool
	// Color allows ANSI colours (text on a terminal only).
	Color bool
	// StepSummary, when set, receives a Markdown job summary from the github
	// format. The CLI opens it from GITHUB_STEP_SUMMARY (append mode);
	// formatters never read the environment themselves.
	StepSummary io.Writer
	// Paths are Mermaid drawings of APIs' paths, which the markdown report
	// (and so the step summary) shows; PathsOmitted counts the APIs left
	// out. The CLI fills them from the domain view (package pathgraph).
	Paths        []PathDiagram
	PathsOmitted int
}

// Findings returns the results shown as findings: not passed, not waived.
func (r *Report) Findings() []finding.Result {
	var out []finding.Result
	for _, res := range r.Results {
		if res.IsFinding() && res.Waiver == nil {
			out = append(out, res)
		}
	}
	return out
}

// Suppressed returns the results a waiver suppressed.
func (r *Report) Suppressed() []finding.Result {
	var out []finding.Result
	for _, res := range r.Results {
		if res.Waiver != nil {
			out = append(out, res)
		}
	}
	return out
}

// Summary counts the findings.
func (r *Report) Summary() finding.Summary { return finding.Summarize(r.Results) }

// Failed reports whether the run fails under FailOn and Strict.
func (r *Report) Failed() bool { return r.FailOn.AnyFails(r.Results, r.Strict) }

// ListsPasses reports whether the format name lists passes one by one
// (junit); the others only count them, so Report.Passed may stand for them.
func ListsPasses(name string) bool { return name == "junit" }

// empty reports whether the report holds no result at all.
func (r *Report) empty() bool { return len(r.Results) == 0 && r.Passed == 0 }

// Formatter writes a report in one format.
type Formatter interface {
	Write(w io.Writer, r *Report) error
}

// FormatterFunc adapts a function to Formatter.
type FormatterFunc func(w io.Writer, r *Report) error

func (f FormatterFunc) Write(w io.Writer, r *Report) error { return f(w, r) }

var formats = map[string]Formatter{}

// Register adds a format; called from each format's init.
func Register(name string, f Formatter) { formats[name] = f }

// Get returns the formatter for name.
func Get(name string) (Formatter, error) {
	f, ok := formats[name]
	if !ok {
		return nil, fmt.Errorf("unknown format %q (want one of %s)", name, strings.Join(Names(), ", "))
	}
	return f, nil
}

// Names lists the registered formats.
func Names() []string {
	var n []string
	for k := range formats {
		n = append(n, k)
	}
	sort.Strings(n)
	return n
}
