package report

import (
	"encoding/json"
	"io"

	"github.com/privapi/privapi/internal/finding"
)

// The json format: the stable contract of format_version "1" (issue 2), for
// other tools. Field names, order and types must not change within a version.

func init() { Register("json", FormatterFunc(writeJSON)) }

type jsonReport struct {
	FormatVersion string            `json:"format_version"`
	Tool          Tool              `json:"tool"`
	Input         Input             `json:"input"`
	Summary       finding.Summary   `json:"summary"`
	Findings      []jsonFinding     `json:"findings"`
	Suppressions  []jsonSuppression `json:"suppressions"`
}

type jsonFinding struct {
	ID       string           `json:"id"`
	Name     string           `json:"name"`
	Severity finding.Severity `json:"severity"`
	Status   finding.Status   `json:"status"`
	Address  string           `json:"address"`
	Related  []string         `json:"related"`
	Message  string           `json:"message"`
	Fix      string           `json:"fix"`
	Source   *finding.Source  `json:"source"`
	Doc      string           `json:"doc"`
}

// jsonSuppression is one waived result: the result's check ID and address,
// the waiver's reason, expiry date (null when none), origin ("config" or
// "inline") and where the waiver is written (null when unknown).
type jsonSuppression struct {
	ID      string          `json:"id"`
	Address string          `json:"address"`
	Reason  string          `json:"reason"`
	Expires *string         `json:"expires"`
	Origin  string          `json:"origin"`
	Source  *finding.Source `json:"source"`
}

func writeJSON(w io.Writer, r *Report) error {
	out := jsonReport{
		FormatVersion: FormatVersion,
		Tool:          r.Tool,
		Input:         r.Input,
		Summary:       r.Summary(),
		Findings:      []jsonFinding{},
		Suppressions:  []jsonSuppression{},
	}
	for _, res := range r.Findings() {
		related := res.Related
		if related == nil {
			related = []string{}
		}
		out.Findings = append(out.Findings, jsonFinding{
			ID:       res.CheckID,
			Name:     res.Name,
			Severity: res.Severity,
			Status:   res.Status,
			Address:  res.Address,
			Related:  related,
			Message:  res.Message,
			Fix:      res.Fix,
			Source:   jsonSource(res.Source),
			Doc:      res.Doc,
		})
	}
	for _, res := range r.Suppressed() {
		wv := res.Waiver
		s := jsonSuppression{
			ID:      res.CheckID,
			Address: res.Address,
			Reason:  wv.Reason,
			Origin:  originKind(wv),
			Source:  jsonSource(wv.Source),
		}
		if wv.Expires != "" {
			exp := wv.Expires
			s.Expires = &exp
		}
		out.Suppressions = append(out.Suppressions, s)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out) // Encode ends with a newline
}

// jsonSource is the source or null; an empty file counts as unknown.
func jsonSource(s *finding.Source) *finding.Source {
	if s == nil || s.File == "" {
		return nil
	}
	return s
}
