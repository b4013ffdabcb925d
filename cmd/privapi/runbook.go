package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/runbook"
)

// runbookOptions holds the parsed flags of privapi runbook.
type runbookOptions struct {
	Input     string
	Format    string
	Output    string
	SourceDir string
	Config    string
}

func newRunbookCmd(io streams) *cobra.Command {
	opts := &runbookOptions{}
	cmd := &cobra.Command{
		Use:   "runbook [flags] [PLAN|STATE]",
		Short: "Print the post-apply troubleshooting steps for each private API, endpoint and client",
		Long: `Runbook reads PLAN or STATE like check does (JSON from terraform show -json, a binary
plan file, or - for standard input) and prints, for each private REST API × execute-api
endpoint × client, the steps of the AWS article "How do I troubleshoot issues connecting
to an API Gateway private API endpoint?" filled in: the invoke URLs that will work, the
nslookup commands and the answer to expect, curl -v calls of a real method, nc/telnet and
traceroute on 443, and the CloudWatch log groups of the execution logs.

Values known only after apply appear as named placeholders such as
<api-id of aws_api_gateway_rest_api.api>, each listed with where to read it after apply.
Run it on the state after apply (terraform show -json > state.json) to get real values.

Exit codes: 0 runbook written; 2 usage or input error.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Input = args[0]
			}
			return runRunbook(opts, io)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "text", "output format: "+strings.Join(runbook.Formats(), " or "))
	f.StringVarP(&opts.Output, "output", "o", "", "write the runbook to FILE instead of standard output")
	f.StringVar(&opts.SourceDir, "source", "", "directory of the root module's .tf files (default: as for check)")
	f.StringVar(&opts.Config, "config", "", "configuration file with declared endpoints and clients (default: .privapi.hcl in the source directory)")
	return cmd
}

func runRunbook(opts *runbookOptions, io streams) error {
	format := opts.Format
	if format == "md" {
		format = "markdown"
	}
	valid := false
	for _, f := range runbook.Formats() {
		valid = valid || f == format
	}
	if !valid {
		return usagef("unknown format %q for runbook: use %s", opts.Format, strings.Join(runbook.Formats(), " or "))
	}
	input, err := singleInput(opts.Input, io)
	if err != nil {
		return err
	}
	runner := engine.Runner{
		SourceDir:   opts.SourceDir,
		FindSource:  true,
		ConfigFile:  opts.Config,
		FindConfig:  true,
		Stdin:       io.In,
		AnalyzeOnly: true,
	}
	res, diags := runner.Run(context.Background(), engine.Inputs{Plan: input})
	printDiags(io.Err, diags)
	if err := engine.Err(diags); err != nil {
		return err
	}
	doc, a := res.Doc, res.Analysis
	name := doc.Path
	if name == "-" {
		name = "standard input"
	}
	rb := runbook.Build(a.View, string(doc.Kind)+" "+name)
	var buf bytes.Buffer
	if err := runbook.Write(&buf, rb, format); err != nil {
		return err
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

// singleInput is the one plan or state a command reads: the argument, or
// standard input when none is given and standard input is not a terminal.
func singleInput(arg string, io streams) (string, error) {
	if arg != "" {
		return arg, nil
	}
	if io.stdinIsTerminal() {
		return "", usagef("no PLAN or STATE given: pass a file from terraform show -json, a binary plan file, or - for standard input")
	}
	return "-", nil
}
