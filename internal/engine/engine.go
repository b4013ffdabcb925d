// Package engine runs the one-way pipeline from a decoded plan or state to
// check results: source → model → topology → checks → locations. The CLI,
// the fixture tests and the benchmarks all call it, so they judge the same
// way.
package engine

import (
	"fmt"
	"net/netip"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/config"
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/planfile"
	"github.com/privapi/privapi/internal/source"
	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/waiver"
)

// Analysis is everything derived from one input.
type Analysis struct {
	Doc *planfile.Document
	// SourceDir is the absolute root module directory ("" without source).
	SourceDir string
	Source    *source.Config
	Model     *model.Model
	View      *topology.View
	// Diags are the problems that did not stop the run (unparsable .tf
	// files), as warnings with the file's range where one is known.
	Diags hcl.Diagnostics

	scanned map[string]*waiver.File
}

// Analyze builds the model and view. srcDir may be "" (no source).
func Analyze(doc *planfile.Document, srcDir string) (*Analysis, error) {
	a := &Analysis{Doc: doc}
	if srcDir != "" {
		abs, err := filepath.Abs(srcDir)
		if err != nil {
			return nil, err
		}
		cfg, err := source.Load(abs)
		if err != nil {
			a.Diags = append(a.Diags, &hcl.Diagnostic{Severity: hcl.DiagWarning,
				Summary: fmt.Sprintf("reading .tf source in %s: %v (continuing without source)", srcDir, err)})
		} else {
			a.SourceDir, a.Source = abs, cfg
			for _, w := range cfg.Warnings {
				d := *w
				d.Summary += " (continuing without that file)"
				a.Diags = append(a.Diags, &d)
			}
		}
	}
	switch doc.Kind {
	case planfile.KindPlan:
		a.Model = model.FromPlan(doc.Plan, a.Source)
	default:
		a.Model = model.FromState(doc.State, a.Source)
	}
	a.View = topology.Build(a.Model)
	return a, nil
}

// EvalDiags returns the warnings of evaluating the source (a file read
// refused), sorted. They exist only once checks have read the attributes,
// so call it after Check.
func (a *Analysis) EvalDiags() hcl.Diagnostics {
	if a.Model == nil {
		return nil
	}
	var diags hcl.Diagnostics
	for _, w := range a.Model.Warnings() {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: w})
	}
	return diags
}

// Check runs the checks and fills in source locations.
func (a *Analysis) Check(opts checks.Options) []finding.Result {
	rs := checks.Run(a.View, opts)
	a.Locate(rs)
	redact(rs, checks.SensitiveStrings(a.View))
	return rs
}

// redact replaces every sensitive value that a message, fix or subject
// quotes by "(sensitive value)": a safety net on top of the sensitive marks
// that checks honour.
func redact(rs []finding.Result, secrets []string) {
	if len(secrets) == 0 {
		return
	}
	// longest first, so that a secret containing another is replaced whole
	secrets = append([]string(nil), secrets...)
	sort.Slice(secrets, func(i, j int) bool {
		return len(secrets[i]) > len(secrets[j]) || len(secrets[i]) == len(secrets[j]) && secrets[i] < secrets[j]
	})
	r := strings.NewReplacer(pairs(secrets)...)
	var nets []netip.Prefix
	for _, s := range secrets {
		if p, err := netip.ParsePrefix(s); err == nil {
			nets = append(nets, p.Masked())
		} else if a, err := netip.ParseAddr(s); err == nil {
			nets = append(nets, netip.PrefixFrom(a, a.BitLen()))
		}
	}
	clean := func(s string) string {
		s = r.Replace(s)
		if len(nets) == 0 {
			return s
		}
		// addresses derived from a sensitive range (a sub-range, a host) are
		// as telling as the range itself
		return addrPattern.ReplaceAllStringFunc(s, func(m string) string {
			p, err := netip.ParsePrefix(m)
			if err != nil {
				a, err := netip.ParseAddr(m)
				if err != nil {
					return m
				}
				p = netip.PrefixFrom(a, a.BitLen())
			}
			for _, n := range nets {
				if n.Overlaps(p.Masked()) && n.Bits() > 0 && p.Bits() > 0 {
					return "(sensitive value)"
				}
			}
			return m
		})
	}
	for i := range rs {
		rs[i].Message = clean(rs[i].Message)
		rs[i].Fix = clean(rs[i].Fix)
		rs[i].Subject = clean(rs[i].Subject)
	}
}

// addrPattern finds IPv4 and IPv6 addresses and CIDR ranges in text.
var addrPattern = regexp.MustCompile(`\b(?:\d{1,3}\.){3}\d{1,3}(?:/\d{1,2})?\b|\b[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{0,4}){2,7}(?:/\d{1,3})?`)

func pairs(secrets []string) []string {
	out := make([]string, 0, 2*len(secrets))
	for _, s := range secrets {
		out = append(out, s, "(sensitive value)")
	}
	return out
}

// Locate sets Source on results whose address maps to a .tf block.
func (a *Analysis) Locate(rs []finding.Result) {
	for i := range rs {
		if rs[i].Source != nil {
			continue
		}
		if f, l := a.Location(rs[i].Address); f != "" {
			rs[i].Source = &finding.Source{File: f, Line: l}
		}
	}
}

// Location maps a resource instance address to file:line relative to the
// source root ("" when unknown).
func (a *Analysis) Location(addr string) (string, int) {
	if a.Source == nil {
		return "", 0
	}
	inst := a.Model.Instance(addr)
	if inst == nil {
		return "", 0
	}
	file, line := a.Model.Location(inst)
	if file == "" {
		return "", 0
	}
	if rel, err := filepath.Rel(a.SourceDir, file); err == nil && !strings.HasPrefix(rel, "..") {
		file = rel
	}
	return filepath.ToSlash(file), line
}

// InlineWaivers returns the `# privapi:ignore` comments that apply to the
// resource block of addr.
func (a *Analysis) InlineWaivers(addr string) []waiver.Inline {
	if a.Source == nil {
		return nil
	}
	inst := a.Model.Instance(addr)
	if inst == nil {
		return nil
	}
	mod, r := a.Model.SourceResource(inst)
	if r == nil {
		return nil
	}
	if a.scanned == nil {
		a.scanned = map[string]*waiver.File{}
	}
	f, ok := a.scanned[r.Range.Filename]
	if !ok {
		rel, _ := a.Location(addr)
		f = waiver.Scan(rel, mod.Files[r.Range.Filename])
		a.scanned[r.Range.Filename] = f
	}
	return f.At(r.Range.Start.Line)
}

// Declare adds the endpoints and clients declared in the configuration file
// to the view.
func (a *Analysis) Declare(cfg *config.Config) {
	topology.Declare(a.View, cfg)
}
