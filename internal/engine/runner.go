package engine

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/config"
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/planfile"
	"github.com/privapi/privapi/internal/source"
	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/waiver"
)

// Runner owns one run of privapi: it loads the input, reads the .tf source
// and the configuration file, builds the model and the domain view, adds
// the declared endpoints and clients, runs the checks, applies the waivers
// (inline, config, expired, unused) and redacts sensitive
// values. Commands only bind flags to a Runner, render its Result and
// choose the exit code, so check, runbook and the profiler judge alike.
//
// The zero Runner reads the input without source or configuration file.
type Runner struct {
	// SourceDir is the root module's directory. When it is "" and
	// FindSource is set, the input's directory is used if it holds .tf
	// files, else the working directory if it does, else none.
	SourceDir  string
	FindSource bool
	// ConfigFile is the configuration file; when "" and FindConfig is set,
	// .privapi.hcl in the source directory (or the working directory) is
	// read if it exists.
	ConfigFile string
	FindConfig bool
	// Trusted is for runs where the repository is not trusted (Atlantis,
	// CI on pull requests): only ConfigFile is read (never a .privapi.hcl
	// found in the repository, whatever FindConfig says) and inline
	// `# privapi:ignore` comments are ignored, with one warning that says
	// how many there were.
	Trusted bool
	// Stdin is read for the input "-" (default os.Stdin).
	Stdin io.Reader
	// Now is the time waivers expire against (default time.Now).
	Now func() time.Time
	// AnalyzeOnly stops after the view is built (no checks, no waivers):
	// the runbook needs only the view.
	AnalyzeOnly bool
	// Only, when not nil, are the IDs of the only checks to run; Skip are
	// IDs of checks not to run. Both win over enabled in the configuration
	// file (a check in Only runs even if the file disables it).
	Only, Skip map[string]bool
	// PathPrefix, when not nil, replaces the repository root in the paths
	// results show: they become the prefix joined to the path relative to
	// the source directory. By default paths are relative to the
	// repository root (see RepoRoot), else to the working directory.
	PathPrefix *string
	// ReportAll keeps the results about other stacks' resources too; by
	// default a run with context inputs reports only results that concern
	// the checked plan (and the disagreements between inputs).
	ReportAll bool
	// CountPasses counts the passes (Result.Passed) instead of returning
	// them in Result.Results: for reports that only count them (every
	// format but junit). Passes are most results on large plans.
	CountPasses bool
	// Workers is how many goroutines the checks run on (see
	// checks.Options.Workers); 1 runs them one after another. The results
	// are the same, in the same order, either way. 0 is the default: one per
	// CPU (GOMAXPROCS) when there are more than two, else one after
	// another — measured on 2 CPUs (shared-endpoint plan of 30k resources,
	// four runs each), two goroutines cost 20% more CPU in the checks
	// (1.26 s against 1.05 s, median) and saved no wall time: the garbage
	// collector's marking already takes a share of the second CPU.
	Workers int
	// Stage, when set, is called after each stage with its name (the
	// profiler times them).
	Stage func(name string)
}

// Inputs are what a run reads.
type Inputs struct {
	// Plan is the plan or state to check: a JSON file, a binary plan file,
	// or "-" for Stdin.
	Plan string
	// With are other stacks' plans or states joined to it.
	With []Context
}

// Result is what a run produced.
type Result struct {
	Doc      *planfile.Document
	Analysis *Analysis
	// Config is the configuration file read (nil without one).
	Config *config.Config
	// Results are the check results with waivers applied, sorted; nil
	// with AnalyzeOnly. With Runner.CountPasses they hold no pass.
	Results []finding.Result
	// Passed counts the passes left out of Results (Runner.CountPasses).
	Passed int
	// ShowPath renders a path (absolute, or relative to the working
	// directory) the way the results show theirs.
	ShowPath func(string) string
	// Stacks are the joined context inputs, in order, with the names
	// their addresses carry ("NAME:address").
	Stacks []Stack
}

// Run performs the run. Problems that stop it are error diagnostics whose
// Extra is the original error (see Err); problems that do not are warning
// diagnostics, with the range of the file they concern where one is known.
func (r Runner) Run(ctx context.Context, in Inputs) (Result, hcl.Diagnostics) {
	var res Result
	var diags hcl.Diagnostics
	fail := func(err error) (Result, hcl.Diagnostics) {
		return res, append(diags, errorDiag(err))
	}
	stage := func(name string) error {
		if r.Stage != nil {
			r.Stage(name)
		}
		return ctx.Err()
	}

	doc, err := planfile.Load(in.Plan, planfile.Options{Stdin: r.Stdin})
	if err != nil {
		return fail(err)
	}
	res.Doc = doc
	if err := stage("load"); err != nil {
		return fail(err)
	}
	srcDir := r.SourceDir
	if srcDir != "" {
		if st, err := os.Stat(srcDir); err != nil || !st.IsDir() {
			return fail(fmt.Errorf("--source %s: not a directory", srcDir))
		}
	} else if r.FindSource {
		srcDir = findSource(in.Plan)
	}
	prefix, prefixSet := "", r.PathPrefix != nil
	if prefixSet {
		prefix = *r.PathPrefix
	}
	paths := newPathDisplay(prefix, prefixSet, srcDir)
	res.ShowPath = paths.show
	if r.ConfigFile != "" || r.FindConfig && !r.Trusted {
		cfg, err := loadConfig(r.ConfigFile, srcDir)
		if err != nil {
			return fail(err)
		}
		if cfg != nil {
			for i := range cfg.Waivers {
				cfg.Waivers[i].Pos.File = paths.show(cfg.Waivers[i].Pos.File)
			}
		}
		res.Config = cfg
	}
	others, stacks, err := loadContexts(in.With, "", planfile.Options{Stdin: r.Stdin})
	if err != nil {
		return fail(err)
	}
	res.Stacks = stacks
	a, err := analyze(doc, srcDir, others, topology.Inputs{Stacks: stackNames(stacks), Declared: Declarations(res.Config)}, true)
	if err != nil {
		return fail(err)
	}
	a.DisplayPath = paths.show
	res.Analysis = a
	diags = append(diags, a.Diags...)
	if err := stage("analyze"); err != nil {
		return fail(err)
	}
	if r.AnalyzeOnly {
		sortDiags(diags)
		return res, diags
	}

	if r.Trusted {
		if n := len(a.AllInlineWaivers()); n > 0 {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning,
				Summary: fmt.Sprintf("trusted mode: %d %s comment(s) in the source ignored; waive findings in the trusted configuration file instead", n, waiver.Directive)})
		}
	} else {
		diags = append(diags, inlineWaiverDiags(a)...)
	}
	workers := r.Workers
	if workers == 0 {
		workers = defaultWorkers(runtime.GOMAXPROCS(0))
	}
	sel := selection{only: r.Only, skip: r.Skip, cfg: res.Config, noInline: r.Trusted, workers: workers}
	var results []finding.Result
	if r.CountPasses {
		var keep checks.PassFilter
		if len(stacks) > 0 && !r.ReportAll {
			keep = ownSubject
		}
		results, res.Passed = a.CheckCounted(sel.options(), keep)
	} else {
		results = a.Check(sel.options())
	}
	diags = append(diags, a.EvalDiags()...)
	if err := stage("checks"); err != nil {
		return fail(err)
	}
	now := time.Now
	if r.Now != nil {
		now = r.Now
	}
	results = applyWaivers(a, sel, results, now())
	if len(stacks) > 0 && !r.ReportAll {
		results = slices.DeleteFunc(results, func(x finding.Result) bool { return !ownResult(&x) })
	}
	finding.Sort(results)
	res.Results = results
	if err := stage("waivers"); err != nil {
		return fail(err)
	}
	sortDiags(diags)
	return res, diags
}

// defaultWorkers is how many goroutines the checks run on with procs CPUs
// (see Runner.Workers).
func defaultWorkers(procs int) int {
	if procs > 2 {
		return procs
	}
	return 1
}

// sortDiags orders warnings by file, line and text, so that standard error
// is the same from run to run whatever order maps gave them in.
func sortDiags(diags hcl.Diagnostics) {
	key := func(d *hcl.Diagnostic) (string, int) {
		if d.Subject == nil {
			return "", 0
		}
		return d.Subject.Filename, d.Subject.Start.Line
	}
	sort.SliceStable(diags, func(i, j int) bool {
		fi, li := key(diags[i])
		fj, lj := key(diags[j])
		if fi != fj {
			return fi < fj
		}
		if li != lj {
			return li < lj
		}
		return diags[i].Summary < diags[j].Summary
	})
}

// Err returns the error that stopped a run (nil when none did): the
// original error of the first error diagnostic.
func Err(diags hcl.Diagnostics) error {
	for _, d := range diags {
		if d.Severity != hcl.DiagError {
			continue
		}
		if err, ok := d.Extra.(error); ok {
			return err
		}
		return errors.New(d.Summary)
	}
	return nil
}

func errorDiag(err error) *hcl.Diagnostic {
	return &hcl.Diagnostic{Severity: hcl.DiagError, Summary: err.Error(), Extra: err}
}

// findSource picks the .tf directory for input: its directory if it has
// .tf files, else the working directory if it has, else none.
func findSource(input string) string {
	if input != "-" {
		if d := filepath.Dir(input); source.HasTF(d) {
			return d
		}
	}
	if source.HasTF(".") {
		return "."
	}
	return ""
}

// loadConfig reads path, or .privapi.hcl in srcDir (the working directory
// without source) when path is "" and that file exists.
func loadConfig(path, srcDir string) (*config.Config, error) {
	if path == "" {
		dir := srcDir
		if dir == "" {
			dir = "."
		}
		path = filepath.Join(dir, ".privapi.hcl")
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
	}
	return config.Load(path, CheckIDs())
}

// CheckIDs lists the IDs of every check, the checks on waivers (PA901,
// PA902, registered in package checks) included: the IDs a configuration
// file or waiver may name.
func CheckIDs() []string {
	var ids []string
	for _, c := range checks.All() {
		ids = append(ids, c.ID)
	}
	return ids
}

// selection decides which checks run: Only, Skip, then enabled = false in
// the configuration file.
type selection struct {
	only, skip map[string]bool
	cfg        *config.Config
	// noInline: inline waiver comments are ignored (Runner.Trusted).
	noInline bool
	workers  int
}

func (s selection) enabled(id string) bool {
	if s.skip[id] {
		return false
	}
	if s.only != nil {
		return s.only[id]
	}
	if s.cfg != nil {
		if o, ok := s.cfg.Checks[id]; ok && o.Enabled != nil {
			return *o.Enabled
		}
	}
	return true
}

func (s selection) severity(id string) (finding.Severity, bool) {
	if s.cfg != nil {
		if o, ok := s.cfg.Checks[id]; ok && o.Severity != nil {
			return *o.Severity, true
		}
	}
	return 0, false
}

func (s selection) options() checks.Options {
	return checks.Options{Enabled: s.enabled, Severity: s.severity, Workers: s.workers}
}

// applyWaivers applies the config and inline waivers and adds the results
// of the checks on waivers: PA901 for expired config waivers and PA902 for
// config waivers that match no finding of a check that ran. Selection and
// severity overrides apply to those as to any other check.
func applyWaivers(a *Analysis, sel selection, results []finding.Result, now time.Time) []finding.Result {
	var cw []config.Waiver
	if sel.cfg != nil {
		cw = sel.cfg.Waivers
	}
	inline := a.InlineWaivers
	if sel.noInline {
		inline = nil
	}
	out, meta := waiver.Apply(results, cw, inline, now)
	// A waiver for a check that did not run cannot match anything: it is
	// not unused, only not tested this time.
	var ran []config.Waiver
	for _, w := range cw {
		if w.CheckID == "*" || sel.enabled(w.CheckID) {
			ran = append(ran, w)
		}
	}
	meta = append(meta, waiver.Unused(results, ran, now)...)
	for _, r := range meta {
		if !sel.enabled(r.CheckID) {
			continue
		}
		if sev, ok := sel.severity(r.CheckID); ok {
			r.Severity = sev
		}
		out = append(out, r)
	}
	return out
}

// inlineWaiverDiags warns, at its file and line, about each inline waiver
// comment that is not valid and therefore ignored.
func inlineWaiverDiags(a *Analysis) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, in := range a.InvalidInlineWaivers(CheckIDs()) {
		msg := strings.ReplaceAll(in.Err.Error(), "\n", "; ")
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagWarning,
			Summary:  fmt.Sprintf("%s comment ignored: %s", waiver.Directive, msg),
			Subject:  &hcl.Range{Filename: in.File, Start: hcl.Pos{Line: in.Line}, End: hcl.Pos{Line: in.Line}},
		})
	}
	return diags
}
