package main

import (
	"bytes"
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/pathgraph"
	"github.com/privapi/privapi/internal/report"
)

// graphOptions holds the parsed flags of privapi graph.
type graphOptions struct {
	Input      string
	Format     string
	Output     string
	SourceDir  string
	Config     string
	MaxAPIs    int
	MaxClients int
}

// graphFormats are the formats privapi graph writes.
var graphFormats = []string{"mermaid", "dot"}

func newGraphCmd(io streams) *cobra.Command {
	opts := &graphOptions{}
	cmd := &cobra.Command{
		Use:   "graph [flags] [PLAN|STATE]",
		Short: "Draw each private API's path (client → security groups → endpoint → policies → API → stage), marking broken hops",
		Long: `Graph reads PLAN or STATE like check does and draws, for every private REST API, the
path a call takes: client → its security groups → the execute-api endpoint's security
groups → the endpoint → the endpoint policy → the resource policy → the API → its stages.
Hops that a check finds broken are drawn red with the check IDs; hops that can only be
judged after apply are drawn dashed amber.

--format mermaid (default) writes a Mermaid flowchart (GitHub renders it in a
` + "```mermaid" + ` code block); --format dot writes Graphviz DOT (dot -Tsvg).

Large plans are cut to --max-apis APIs and --max-clients clients per API; what was left out
is said on standard error and in a comment at the end.

Exit codes: 0 graph written; 2 usage or input error.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Input = args[0]
			}
			return runGraph(opts, io)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "mermaid", "output format: mermaid or dot")
	f.StringVarP(&opts.Output, "output", "o", "", "write the graph to FILE instead of standard output")
	f.StringVar(&opts.SourceDir, "source", "", "directory of the root module's .tf files (default: as for check)")
	f.StringVar(&opts.Config, "config", "", "configuration file (default: .privapi.hcl in the source directory)")
	f.IntVar(&opts.MaxAPIs, "max-apis", 50, "draw at most this many APIs (0: all)")
	f.IntVar(&opts.MaxClients, "max-clients", 20, "draw at most this many clients per API (0: all)")
	_ = cmd.RegisterFlagCompletionFunc("format", cobra.FixedCompletions(graphFormats, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func runGraph(opts *graphOptions, io streams) error {
	if opts.Format != "mermaid" && opts.Format != "dot" {
		return usagef("unknown format %s for graph: use mermaid or dot", quoteArg(opts.Format))
	}
	if opts.MaxAPIs < 0 || opts.MaxClients < 0 {
		return usagef("--max-apis and --max-clients must be 0 (no limit) or more")
	}
	input, err := singleInput(opts.Input, io)
	if err != nil {
		return err
	}
	runner := engine.Runner{
		SourceDir:  opts.SourceDir,
		FindSource: true,
		ConfigFile: opts.Config,
		FindConfig: true,
		Stdin:      io.In,
	}
	res, diags := runner.Run(context.Background(), engine.Inputs{Plan: input})
	printDiags(io.Err, diags)
	if err := engine.Err(diags); err != nil {
		return err
	}
	g := pathgraph.Build(res.Analysis.View, res.Results, pathgraph.Options{MaxAPIs: opts.MaxAPIs, MaxClients: opts.MaxClients, Redact: res.Analysis.Redactor(), Net: res.Analysis.Net()})
	var buf bytes.Buffer
	if opts.Format == "dot" {
		err = g.DOT(&buf)
	} else {
		err = g.Mermaid(&buf)
	}
	if err != nil {
		return err
	}
	if g.Omitted > 0 {
		fmt.Fprintf(io.Err, "privapi: warning: %d more APIs not drawn (--max-apis %d)\n", g.Omitted, opts.MaxAPIs)
	}
	if n := moreClients(g); n > 0 {
		fmt.Fprintf(io.Err, "privapi: warning: %d clients not drawn (--max-clients %d)\n", n, opts.MaxClients)
	}
	if opts.Output != "" {
		if err := os.WriteFile(opts.Output, buf.Bytes(), 0o644); err != nil {
			return fmt.Errorf("writing %s: %v", opts.Output, err)
		}
		return nil
	}
	_, err = io.Out.Write(buf.Bytes())
	return err
}

func moreClients(g *pathgraph.Graph) int {
	n := 0
	for _, p := range g.Paths {
		n += p.MoreClients
	}
	return n
}

// Options of the drawings in the markdown report and the step summary: GitHub
// drops a step summary over 1 MiB, and a handful of diagrams is what a
// reader looks at. privapi graph draws the rest.
var reportPathOptions = pathgraph.Options{MaxAPIs: 5, MaxClients: 8, MarkedFirst: true}

// reportPaths draws the paths for the markdown report when one of the
// outputs shows it (markdown, or github through the step summary).
func reportPaths(rep *report.Report, res engine.Result, outs []output) {
	want := false
	for _, o := range outs {
		want = want || o.name == "markdown" || o.name == "github"
	}
	if !want || res.Analysis == nil {
		return
	}
	lim := reportPathOptions
	lim.Redact = res.Analysis.Redactor()
	lim.Net = res.Analysis.Net()
	g := pathgraph.Build(res.Analysis.View, res.Results, lim)
	for _, p := range g.Paths {
		var b bytes.Buffer
		if err := p.Mermaid(&b); err != nil {
			continue
		}
		rep.Paths = append(rep.Paths, report.PathDiagram{API: p.API, State: p.State.String(), Mermaid: b.String()})
	}
	rep.PathsOmitted = g.Omitted
}
