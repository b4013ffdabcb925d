package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/baseline"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/report"
)

// checkOptions holds the parsed flags of privapi check.
type checkOptions struct {
	Plans     []string
	Formats   []string
	Output    string
	FailOn    string
	SourceDir string
	Config    string
	Strict    bool
	NoColor   bool
	// NoRepoConfig: trusted mode (see trustedEnv).
	NoRepoConfig bool
	// With are other stacks' plans or states (--with); ReportAll keeps
	// their findings too (--report all).
	With   []string
	Report string
	// Baseline and CreateBaseline are --baseline and --create-baseline.
	Baseline, CreateBaseline string
	// Checks and SkipChecks are the values of --check and --skip-check.
	Checks, SkipChecks []string
	// Quiet, Verbose and Compact choose how much text, markdown and github
	// show.
	Quiet, Verbose, Compact bool
	// PathPrefix replaces the repository root in shown paths (pathPrefixSet).
	PathPrefix string

	failOnSet, strictSet, pathPrefixSet bool
	now                                 func() time.Time
	getenv                              func(string) string
}

func newCheckCmd(io streams, result *exitCode) *cobra.Command {
	opts := &checkOptions{now: time.Now, getenv: os.Getenv}
	cmd := &cobra.Command{
		Use:   "check [flags] [PLAN|DIR]...",
		Short: "Check a plan or state (JSON from terraform show -json, or a binary plan file)",
		Long: `Check reads PLAN — JSON from terraform show -json (plan or state), a binary plan file
(read with terraform show -json), or - for standard input (the default when standard
input is not a terminal) — and reports every finding. Several PLANs, or a DIR (searched
for *.tfplan.json, tfplan.json and binary *.tfplan files), are checked one by one, each
reported with its own header, under one exit code.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above --fail-on
(with --strict, unverified results count too); 2 usage or input error.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Plans = args
			opts.failOnSet = cmd.Flags().Changed("fail-on")
			opts.strictSet = cmd.Flags().Changed("strict")
			opts.pathPrefixSet = cmd.Flags().Changed("path-prefix")
			code, err := runCheck(opts, io)
			*result = code
			return err
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&opts.Formats, "format", "f", nil, "output format: "+strings.Join(report.Names(), ", ")+"; FORMAT=FILE writes it to FILE (repeatable)")
	f.StringVarP(&opts.Output, "output", "o", "", "write the output to FILE instead of standard output")
	f.StringVar(&opts.FailOn, "fail-on", "error", "lowest severity that fails the run: error, warning, info or none")
	f.StringVar(&opts.SourceDir, "source", "", "directory of the root module's .tf files (default: PLAN's directory if it has .tf files, else the working directory if it has, else none)")
	f.StringVar(&opts.Config, "config", "", "configuration file (default: .privapi.hcl in the source directory)")
	f.BoolVar(&opts.Strict, "strict", false, "unverified results count as failures")
	f.BoolVar(&opts.NoColor, "no-color", false, "never use colour")
	f.BoolVar(&opts.NoRepoConfig, "no-repo-config", false, "trusted mode: read no .privapi.hcl from the repository (only --config) and ignore # privapi:ignore comments")
	f.StringArrayVar(&opts.With, "with", nil, "another stack's plan or state (JSON from terraform show -json, or a binary plan file) to join by id; NAME=FILE names the stack (default: the file's or its directory's name); repeatable")
	f.StringVar(&opts.CreateBaseline, "create-baseline", "", "write the current findings' fingerprints to FILE (a baseline for --baseline) and exit 0")
	f.StringVar(&opts.Baseline, "baseline", "", "hide the findings listed in FILE (written by --create-baseline); say how many were hidden and which entries no longer match")
	f.StringVar(&opts.Report, "report", "checked", "whose findings to report with --with: checked (the checked plan's) or all (every input's)")
	f.StringSliceVar(&opts.Checks, "check", nil, "run only these checks: IDs or names, comma-separated or repeated (see privapi checks)")
	f.StringSliceVar(&opts.SkipChecks, "skip-check", nil, "do not run these checks: IDs or names, comma-separated or repeated")
	f.BoolVarP(&opts.Quiet, "quiet", "q", false, "show only findings at or above --fail-on (text, markdown, github)")
	f.BoolVar(&opts.Verbose, "verbose", false, "show every finding, info results below --fail-on included (text, markdown, github)")
	f.BoolVar(&opts.Compact, "compact", false, "text: one line per finding")
	f.StringVar(&opts.PathPrefix, "path-prefix", "", "show file paths as PREFIX/ plus the path relative to the source directory (default: relative to the repository root, found by walking up to .git, else to the working directory)")
	return cmd
}

// trustedEnv names the server-side configuration file of trusted mode: as
// --config FILE --no-repo-config, for CI and Atlantis servers where the
// repository's .privapi.hcl and inline waivers come from the pull request.
const trustedEnv = "PRIVAPI_TRUSTED_CONFIG"

// output is one format and where it goes ("" = standard output).
type output struct {
	name, file string
}

func parseOutputs(formats []string, outFile string) ([]output, error) {
	if len(formats) == 0 {
		formats = []string{"text"}
	}
	var outs []output
	stdoutTaken := false
	for _, f := range formats {
		for _, part := range strings.Split(f, ",") {
			name, file, _ := strings.Cut(strings.TrimSpace(part), "=")
			if _, err := report.Get(name); err != nil {
				return nil, usagef("%v", err)
			}
			if file == "" {
				if stdoutTaken && outFile == "" {
					return nil, usagef("only one format can go to standard output; write the others to files with --format %s=FILE", name)
				}
				file, stdoutTaken = outFile, true
				if outFile != "" {
					outFile = ""
					stdoutTaken = false
				}
			}
			outs = append(outs, output{name: name, file: file})
		}
	}
	if !stdoutTaken {
		// every report goes to a file: the terminal still gets the text report
		outs = append(outs, output{name: "text"})
	}
	return outs, nil
}

func runCheck(opts *checkOptions, io streams) (exitCode, error) {
	outs, err := parseOutputs(opts.Formats, opts.Output)
	if err != nil {
		return exitInput, err
	}
	threshold, err := finding.ParseThreshold(opts.FailOn)
	if err != nil {
		return exitInput, usagef("%v", err)
	}
	if opts.Report != "checked" && opts.Report != "all" {
		return exitInput, usagef("--report %s: use checked or all", quoteArg(opts.Report))
	}
	only, skip, err := selectedChecks(opts)
	if err != nil {
		return exitInput, err
	}
	if opts.Baseline != "" && opts.CreateBaseline != "" {
		return exitInput, usagef("--baseline and --create-baseline exclude each other")
	}
	plans, multi, err := checkedPlans(opts, io)
	if err != nil {
		return exitInput, err
	}
	if multi {
		if outs, err = perPlanOutputs(outs); err != nil {
			return exitInput, err
		}
	}
	base, created, err := openBaselines(opts)
	if err != nil {
		return exitInput, err
	}
	var with []engine.Context
	for _, w := range opts.With {
		with = append(with, engine.ParseContext(w))
	}
	runner := checkRunner(opts, outs, only, skip, io)
	code, hidden := exitOK, 0
	for i, plan := range plans {
		if multi {
			writeHeader(outs, plan, i, len(plans), io)
		}
		c, n, err := checkPlan(runner, plan, with, threshold, opts, outs, multi, base, created, io)
		hidden += n
		if err != nil {
			if !multi {
				return exitInput, err
			}
			for _, line := range errorLines(err) {
				fmt.Fprintf(io.Err, "privapi: %s\n", line)
			}
			c = exitInput
		}
		code = worse(code, c)
	}
	return finishBaselines(opts, code, base, created, hidden, io)
}

// selectedChecks resolves --check and --skip-check.
func selectedChecks(opts *checkOptions) (only, skip map[string]bool, err error) {
	if only, err = resolveChecks("check", opts.Checks); err != nil {
		return nil, nil, err
	}
	if skip, err = resolveChecks("skip-check", opts.SkipChecks); err != nil {
		return nil, nil, err
	}
	return only, skip, nil
}

// checkedPlans lists the plans to check (standard input when none is given
// and it is not a terminal) and whether they are several (or a directory).
func checkedPlans(opts *checkOptions, io streams) ([]string, bool, error) {
	plans, dir, err := expandPlans(opts.Plans)
	if err != nil {
		return nil, false, err
	}
	if len(plans) == 0 {
		if io.stdinIsTerminal() {
			return nil, false, usagef("no PLAN given: pass a file from terraform show -json, a binary plan file, or - for standard input")
		}
		plans = []string{"-"}
	}
	return plans, dir || len(plans) > 1, nil
}

// openBaselines reads --baseline and starts the file of --create-baseline
// (nil when not asked for).
func openBaselines(opts *checkOptions) (base, created *baseline.File, err error) {
	if opts.Baseline != "" {
		if base, err = baseline.Read(opts.Baseline); err != nil {
			return nil, nil, err
		}
	}
	if opts.CreateBaseline != "" {
		created = &baseline.File{}
	}
	return base, created, nil
}

// checkRunner binds the flags (and the trusted configuration of the
// server, see trustedEnv) to the engine's runner.
func checkRunner(opts *checkOptions, outs []output, only, skip map[string]bool, io streams) engine.Runner {
	configFile, trusted := opts.Config, opts.NoRepoConfig
	if f := opts.getenv(trustedEnv); f != "" {
		// set on the server: wins over a --config that a repository-side
		// workflow could pass
		if configFile != "" && configFile != f {
			fmt.Fprintf(io.Err, "privapi: warning: --config %s ignored: %s is set\n", quoteArg(configFile), trustedEnv)
		}
		configFile, trusted = f, true
	}
	runner := engine.Runner{
		SourceDir:  opts.SourceDir,
		FindSource: true,
		ConfigFile: configFile,
		FindConfig: true,
		Trusted:    trusted,
		Stdin:      io.In,
		Now:        opts.now,
		Only:       only,
		Skip:       skip,
		ReportAll:  opts.Report == "all",
	}
	// passes are counted, not built, unless a format lists them
	runner.CountPasses = true
	for _, o := range outs {
		if report.ListsPasses(o.name) {
			runner.CountPasses = false
		}
	}
	if opts.pathPrefixSet {
		runner.PathPrefix = &opts.PathPrefix
	}
	return runner
}

// finishBaselines writes the baseline --create-baseline asked for (the
// run then exits 0 despite findings) and says what --baseline hid and
// which of its entries match nothing any more.
func finishBaselines(opts *checkOptions, code exitCode, base, created *baseline.File, hidden int, io streams) (exitCode, error) {
	if created != nil {
		if err := created.Write(opts.CreateBaseline); err != nil {
			return exitInput, err
		}
		fmt.Fprintf(io.Err, "privapi: wrote %d findings to the baseline %s\n", len(created.Entries), printable(opts.CreateBaseline))
		if code == exitFindings {
			code = exitOK
		}
	}
	if base != nil {
		fmt.Fprintf(io.Err, "privapi: the baseline %s hid %d findings\n", printable(opts.Baseline), hidden)
		for _, e := range base.Stale() {
			fmt.Fprintf(io.Err, "privapi: warning: %s: baseline entry %s %s no longer matches a finding (fixed or gone: delete it)\n", printable(opts.Baseline), e.ID, printable(e.Address))
		}
	}
	return code, nil
}

// worse is the exit code of two results together: input errors over
// findings over success.
func worse(a, b exitCode) exitCode {
	if a == exitInput || b == exitInput {
		return exitInput
	}
	return max(a, b)
}

// checkPlan checks one plan and writes its reports. It returns the exit
// code for the plan and how many findings the baseline hid.
func checkPlan(runner engine.Runner, plan string, with []engine.Context, threshold finding.Threshold, opts *checkOptions, outs []output, multi bool,
	base, created *baseline.File, io streams) (exitCode, int, error) {
	res, diags := runner.Run(context.Background(), engine.Inputs{Plan: plan, With: with})
	printDiags(io.Err, diags)
	if err := engine.Err(diags); err != nil {
		return exitInput, 0, err
	}
	doc, cfg, results := res.Doc, res.Config, res.Results
	strict := opts.Strict
	if cfg != nil {
		if cfg.FailOn != nil && !opts.failOnSet {
			threshold = *cfg.FailOn
		}
		if cfg.Strict != nil && !opts.strictSet {
			strict = *cfg.Strict
		}
	}
	hidden := 0
	if base != nil {
		hidden = base.Apply(baselinePlan(plan), results)
	}
	if created != nil {
		created.Add(baselinePlan(plan), results)
	}

	rep := &report.Report{
		Tool:       report.Tool{Name: "privapi", Version: toolVersion()},
		Input:      report.Input{Path: res.ShowPath(doc.Path), Kind: string(doc.Kind), TerraformVersion: doc.TerraformVersion, FormatVersion: doc.FormatVersion},
		Results:    results,
		Passed:     res.Passed,
		FailOn:     threshold,
		Strict:     strict,
		SourceRoot: res.Analysis.SourceDir,
		Compact:    opts.Compact,
	}
	switch {
	case opts.Quiet && opts.Verbose:
		return exitInput, 0, usagef("--quiet and --verbose exclude each other")
	case opts.Quiet:
		rep.Verbosity = report.VerbosityQuiet
	case opts.Verbose:
		rep.Verbosity = report.VerbosityVerbose
	}
	if res.Analysis.SourceDir == "" {
		fmt.Fprintln(io.Err, "privapi: note: no .tf source found (none next to the plan, none in the working directory): findings carry no file:line, and values only the source holds stay unverified; pass --source DIR")
	}
	for _, c := range checks.All() {
		rep.Checks = append(rep.Checks, report.CheckInfo{ID: c.ID, Name: c.Name, Severity: c.Severity, Title: c.Title, Doc: c.Doc, HelpURI: c.HelpURI()})
	}
	reportPaths(rep, res, outs)
	planOuts := outs
	if multi {
		planOuts = nil
		for _, o := range outs {
			if o.file != "" {
				o.file = perPlanFile(o.file, plan)
			}
			planOuts = append(planOuts, o)
		}
	}
	if err := writeOutputs(rep, planOuts, opts, io); err != nil {
		return exitInput, hidden, err
	}
	if rep.Failed() {
		return exitFindings, hidden, nil
	}
	return exitOK, hidden, nil
}

// baselinePlan is how a baseline names a plan: its path with forward
// slashes ("" for standard input, so that it matches any plan).
func baselinePlan(plan string) string {
	if plan == "-" {
		return ""
	}
	return filepath.ToSlash(filepath.Clean(plan))
}

// perPlanOutputs checks that the outputs suit several plans: JSON, SARIF
// and JUnit documents cannot be concatenated on standard output, so they
// must go to files (one per plan).
func perPlanOutputs(outs []output) ([]output, error) {
	for _, o := range outs {
		if o.file == "" && (o.name == "json" || o.name == "sarif" || o.name == "junit") {
			return nil, usagef("with several plans, write --format %s to files: --format %s=FILE writes one FILE per plan, named after it", o.name, o.name)
		}
	}
	return outs, nil
}

// writeHeader starts the report of one of several plans on standard output.
func writeHeader(outs []output, plan string, i, n int, io streams) {
	for _, o := range outs {
		if o.file != "" {
			continue
		}
		name := printable(plan)
		if plan == "-" {
			name = "standard input"
		}
		switch o.name {
		case "markdown":
			fmt.Fprintf(io.Out, "## %s (plan %d of %d)\n\n", report.MarkdownText(name), i+1, n)
		default:
			if i > 0 {
				fmt.Fprintln(io.Out)
			}
			fmt.Fprintf(io.Out, "== %s (plan %d of %d)\n", name, i+1, n)
		}
	}
}

func writeOutputs(rep *report.Report, outs []output, opts *checkOptions, io streams) error {
	for _, o := range outs {
		f, _ := report.Get(o.name)
		r := *rep
		r.Color = o.file == "" && o.name == "text" && !opts.NoColor && opts.getenv("NO_COLOR") == "" && io.stdoutIsTerminal()
		if o.name == "github" {
			if p := opts.getenv("GITHUB_STEP_SUMMARY"); p != "" {
				sf, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
				if err != nil {
					return fmt.Errorf("GITHUB_STEP_SUMMARY: %v", err)
				}
				defer sf.Close()
				r.StepSummary = sf
			}
		}
		if err := writeOutput(f, &r, o, io); err != nil {
			return err
		}
	}
	return nil
}

// writeOutput streams one format to its destination through a buffer of a
// fixed size: the report is never held whole in memory by the command (the
// json format writes each finding as it goes). A file is opened as
// os.WriteFile opens it (created 0644 or truncated).
func writeOutput(f report.Formatter, r *report.Report, o output, io streams) error {
	if o.file == "" {
		bw := bufio.NewWriterSize(io.Out, 64<<10)
		if err := f.Write(bw, r); err != nil {
			return fmt.Errorf("writing %s output: %v", o.name, err)
		}
		return bw.Flush()
	}
	fh, err := os.OpenFile(o.file, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("writing %s: %v", o.file, err)
	}
	bw := bufio.NewWriterSize(fh, 64<<10)
	err = f.Write(bw, r)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := fh.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing %s: %v", o.file, err)
	}
	return nil
}
