package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/privapi/privapi/internal/escape"
	"github.com/privapi/privapi/internal/finding"
)

// The sarif format: SARIF 2.1.0 for code scanning (GitHub, GitLab, IDEs). One
// rule per enabled check; one result per finding and per waived finding,
// located at the .tf file and lines, or, without source, logically at the
// Terraform address (never at the plan JSON). File URIs are relative to the
// repository root and carry no uriBaseId: GitHub code scanning resolves
// them from the repository root and ignores uriBaseId. The object
// model is in sarif_types.go.

func init() { Register("sarif", FormatterFunc(writeSARIF)) }

const (
	sarifSchemaURI       = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifFingerprintKey  = "privapi/v1"
	sarifStatusProperty  = "privapi-status"
	sarifInformationURI  = "https://github.com/privapi/privapi"
	sarifLogicalKindAddr = "resource"
)

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return sarifLevelError
	case finding.Warning:
		return sarifLevelWarning
	}
	return sarifLevelNote
}

// fingerprint is the stable identity of a result across runs and commits.
func fingerprint(res *finding.Result) string { return res.Fingerprint() }

func writeSARIF(w io.Writer, r *Report) error {
	driver := sarifToolComponent{
		Name:           r.toolName(),
		Version:        r.Tool.Version,
		InformationURI: sarifInformationURI,
	}

	ruleIndex := map[string]int{}
	addRule := func(c CheckInfo) {
		short := c.Title
		if short == "" {
			short = c.Name
		}
		if short == "" {
			short = c.ID
		}
		rule := sarifReportingDescriptor{
			ID:                   c.ID,
			Name:                 c.Name,
			ShortDescription:     &sarifMultiformatMessage{Text: short},
			HelpURI:              c.HelpURI,
			DefaultConfiguration: &sarifReportingConfiguration{Level: sarifLevel(c.Severity)},
			Properties: map[string]any{
				"tags":              sarifTags(c.ID),
				"security-severity": sarifSecuritySeverity(c.Severity),
				"precision":         "high",
			},
		}
		if c.Doc != "" {
			rule.FullDescription = &sarifMultiformatMessage{Text: c.Doc, Markdown: c.Doc}
			rule.Help = &sarifMultiformatMessage{Text: c.Doc, Markdown: c.Doc}
		}
		ruleIndex[c.ID] = len(driver.Rules)
		driver.Rules = append(driver.Rules, rule)
	}
	for _, c := range r.Checks {
		if _, dup := ruleIndex[c.ID]; !dup {
			addRule(c)
		}
	}
	// A result of a check missing from Checks still gets a rule, so that
	// every ruleIndex points at its rule.
	for _, res := range r.Results {
		if _, ok := ruleIndex[res.CheckID]; !ok && res.IsFinding() {
			addRule(CheckInfo{ID: res.CheckID, Name: res.Name, Severity: res.Severity})
		}
	}

	run := sarifRun{
		Tool:    sarifTool{Driver: driver},
		Results: []sarifResult{},
	}

	for i := range r.Results {
		res := &r.Results[i]
		if !res.IsFinding() {
			continue
		}
		text := res.Message
		if res.Fix != "" {
			text += " Fix: " + res.Fix
		}
		out := sarifResult{
			RuleID:              res.CheckID,
			RuleIndex:           ruleIndex[res.CheckID],
			Level:               sarifLevel(res.Severity),
			Message:             sarifMessage{Text: text},
			Locations:           []sarifLocation{resultLocation(res)},
			PartialFingerprints: map[string]string{sarifFingerprintKey: fingerprint(res)},
		}
		for _, rel := range res.Related {
			out.RelatedLocations = append(out.RelatedLocations, sarifLocation{
				LogicalLocations: []sarifLogicalLocation{logicalAddress(rel)},
			})
		}
		out.Properties = map[string]any{"security-severity": sarifSecuritySeverity(res.Severity)}
		if res.Status == finding.Unverified {
			out.Properties[sarifStatusProperty] = string(finding.Unverified)
		}
		if wv := res.Waiver; wv != nil {
			kind := "external"
			if originKind(wv) == "inline" {
				kind = "inSource"
			}
			out.Suppressions = append(out.Suppressions, sarifSuppression{Kind: kind, Justification: wv.Reason})
		}
		run.Results = append(run.Results, out)
	}

	log := sarifLog{Schema: sarifSchemaURI, Version: sarifVersion, Runs: []sarifRun{run}}
	b, err := json.MarshalIndent(log, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	_, err = w.Write(escape.JSON(b))
	return err
}

// resultLocation is the result's place: the .tf file and line when known, and
// always the Terraform address as a logical location.
func resultLocation(res *finding.Result) sarifLocation {
	var loc sarifLocation
	if res.Source != nil && res.Source.File != "" {
		phys := &sarifPhysicalLocation{ArtifactLocation: sarifArtifactLocation{
			URI: relativeURI(res.Source.File),
		}}
		if res.Source.Line > 0 {
			phys.Region = &sarifRegion{StartLine: res.Source.Line}
			if res.Source.EndLine > res.Source.Line {
				phys.Region.EndLine = res.Source.EndLine
			}
		}
		loc.PhysicalLocation = phys
	}
	if res.Address != "" {
		loc.LogicalLocations = append(loc.LogicalLocations, logicalAddress(res.Address))
	}
	return loc
}

func logicalAddress(addr string) sarifLogicalLocation {
	return sarifLogicalLocation{Name: addr, FullyQualifiedName: addr, Kind: sarifLogicalKindAddr}
}

// relativeURI turns a relative file path into a relative URI reference:
// forward slashes, each segment percent-encoded.
func relativeURI(file string) string {
	segs := strings.Split(filepath.ToSlash(file), "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	// A colon in the first segment would read as a URI scheme.
	segs[0] = strings.ReplaceAll(segs[0], ":", "%3A")
	return strings.Join(segs, "/")
}

// sarifSecuritySeverity is the score GitHub code scanning ranks a security
// result by (a string: over 9.0 critical, 7.0 to 8.9 high, 4.0 to 6.9
// medium, 0.1 to 3.9 low). An error makes the API unreachable or over-open:
// high; a warning medium; an info low.
func sarifSecuritySeverity(s finding.Severity) string {
	switch s {
	case finding.Error:
		return "8.0"
	case finding.Warning:
		return "5.0"
	}
	return "2.0"
}

// sarifTags are the rule's tags: "security" (which makes GitHub use
// security-severity), the tool's domain, and the check family by ID.
func sarifTags(id string) []string {
	tags := []string{"security", "terraform", "aws", "api-gateway", "private-api"}
	family := map[string]string{"PA1": "network", "PA2": "iam-policy", "PA3": "deployment", "PA4": "dns", "PA5": "logging", "PA6": "stacks", "PA9": "waivers"}
	if len(id) >= 3 {
		if f, ok := family[id[:3]]; ok {
			tags = append(tags, f)
		}
	}
	return tags
}
