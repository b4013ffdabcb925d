package report

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"

	"github.com/privapi/privapi/internal/finding"
)

// The sarif format: SARIF 2.1.0 for code scanning (GitHub, GitLab, IDEs). One
// rule per enabled check; one result per finding and per waived finding,
// located at the .tf file and line relative to SRCROOT, or, without source,
// logically at the Terraform address (never at the plan JSON).

func init() { Register("sarif", FormatterFunc(writeSARIF)) }

const (
	sarifSchemaURI       = "https://json.schemastore.org/sarif-2.1.0.json"
	sarifSrcRoot         = "SRCROOT"
	sarifFingerprintKey  = "privapi/v1"
	sarifStatusProperty  = "privapi-status"
	sarifInformationURI  = "https://github.com/privapi/privapi"
	sarifLogicalKindAddr = "resource"
)

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s finding.Severity) string {
	switch s {
	case finding.Error:
		return sarif.LevelError
	case finding.Warning:
		return sarif.LevelWarning
	}
	return sarif.LevelNote
}

// fingerprint is the stable identity of a result across runs and commits.
func fingerprint(res *finding.Result) string {
	sum := sha256.Sum256([]byte(res.Key()))
	return hex.EncodeToString(sum[:])
}

func writeSARIF(w io.Writer, r *Report) error {
	log := sarif.NewReport()
	log.Schema = sarifSchemaURI

	driver := sarif.NewToolComponent()
	name := r.toolName()
	driver.Name = &name
	if r.Tool.Version != "" {
		v := r.Tool.Version
		driver.Version = &v
	}
	info := sarifInformationURI
	driver.InformationURI = &info

	ruleIndex := map[string]int{}
	addRule := func(c CheckInfo) {
		rule := sarif.NewRule(c.ID)
		if c.Name != "" {
			rule.WithName(c.Name)
		}
		short := c.Title
		if short == "" {
			short = c.Name
		}
		if short == "" {
			short = c.ID
		}
		rule.WithShortDescription(sarif.NewMultiformatMessageString().WithText(short))
		if c.Doc != "" {
			rule.WithFullDescription(sarif.NewMultiformatMessageString().WithText(c.Doc).WithMarkdown(c.Doc))
			rule.WithHelp(sarif.NewMultiformatMessageString().WithText(c.Doc).WithMarkdown(c.Doc))
		}
		if c.HelpURI != "" {
			rule.WithHelpURI(c.HelpURI)
		}
		rule.WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(sarifLevel(c.Severity)))
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

	run := sarif.NewRun()
	run.Tool = sarif.NewTool()
	run.Tool.Driver = driver
	if root := sourceRootURI(r.SourceRoot); root != "" {
		run.WithOriginalUriBaseIds(map[string]sarif.ArtifactLocation{
			sarifSrcRoot: *sarif.NewArtifactLocation().WithURI(root),
		})
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
		out := sarif.NewRuleResult(res.CheckID).
			WithRuleIndex(ruleIndex[res.CheckID]).
			WithLevel(sarifLevel(res.Severity)).
			WithMessage(sarif.NewTextMessage(text)).
			WithPartialFingerprints(map[string]string{sarifFingerprintKey: fingerprint(res)})
		out.AddLocation(sarifLocation(res))
		for _, rel := range res.Related {
			out.AddRelatedLocation(sarif.NewLocation().AddLogicalLocation(logicalAddress(rel)))
		}
		if res.Status == finding.Unverified {
			out.WithProperties(sarif.NewPropertyBag().Add(sarifStatusProperty, string(finding.Unverified)))
		}
		if wv := res.Waiver; wv != nil {
			kind := "external"
			if originKind(wv) == "inline" {
				kind = "inSource"
			}
			out.AddSuppression(sarif.NewSuppression().WithKind(kind).WithJustification(wv.Reason))
		}
		run.AddResult(out)
	}
	log.AddRun(run)
	if err := log.PrettyWrite(w); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// sarifLocation is the result's place: the .tf file and line when known, and
// always the Terraform address as a logical location.
func sarifLocation(res *finding.Result) *sarif.Location {
	loc := sarif.NewLocation()
	if res.Source != nil && res.Source.File != "" {
		phys := sarif.NewPhysicalLocation().WithArtifactLocation(
			sarif.NewArtifactLocation().WithURI(relativeURI(res.Source.File)).WithURIBaseID(sarifSrcRoot))
		if res.Source.Line > 0 {
			phys.WithRegion(sarif.NewRegion().WithStartLine(res.Source.Line))
		}
		loc.WithPhysicalLocation(phys)
	}
	if res.Address != "" {
		loc.AddLogicalLocation(logicalAddress(res.Address))
	}
	return loc
}

func logicalAddress(addr string) *sarif.LogicalLocation {
	return sarif.NewLogicalLocation().WithName(addr).WithFullyQualifiedName(addr).WithKind(sarifLogicalKindAddr)
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

// sourceRootURI is the file URI of an absolute directory, ending with a slash
// as SARIF requires of originalUriBaseIds ("" when root is "").
func sourceRootURI(root string) string {
	if root == "" {
		return ""
	}
	p := filepath.ToSlash(root)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows: C:/x -> /C:/x
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
