package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/report"
)

// polish adds what the command tree needs to be pleasant to type: --version,
// suggestions for mistyped commands, and shell completion of formats, levels
// and check IDs.
func polish(root *cobra.Command) {
	root.Version = toolVersion()
	root.SetVersionTemplate("privapi {{.Version}}\n")
	root.SuggestionsMinimumDistance = 2
	for _, c := range root.Commands() {
		f := c.Flags()
		if f.Lookup("format") != nil && c.Name() == "check" {
			_ = c.RegisterFlagCompletionFunc("format", completeFormats)
		}
		if f.Lookup("fail-on") != nil {
			_ = c.RegisterFlagCompletionFunc("fail-on", cobra.FixedCompletions(failOnLevels(), cobra.ShellCompDirectiveNoFileComp))
		}
		for _, name := range []string{"check", "skip-check"} {
			if f.Lookup(name) != nil {
				_ = c.RegisterFlagCompletionFunc(name, completeCheckIDs)
			}
		}
		if c.Name() == "explain" {
			c.ValidArgsFunction = func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
				if len(args) > 0 {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
				return completeCheckIDs(nil, nil, toComplete)
			}
		}
	}
}

func failOnLevels() []string {
	return []string{finding.Error.String(), finding.Warning.String(), finding.Info.String(), "none"}
}

// completeFormats offers each format, and FORMAT= to write it to a file
// (after which the shell completes the file name).
func completeFormats(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if name, _, ok := strings.Cut(toComplete, "="); ok {
		if _, err := report.Get(name); err == nil {
			return nil, cobra.ShellCompDirectiveDefault
		}
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return report.Names(), cobra.ShellCompDirectiveNoFileComp
}

// completeCheckIDs offers every check ID with its name and title as the
// description; after a comma it completes the next ID of the list.
func completeCheckIDs(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	prefix := ""
	if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
		prefix = toComplete[:i+1]
	}
	var out []cobra.Completion
	for _, c := range knownChecks() {
		out = append(out, cobra.CompletionWithDesc(prefix+c.ID, c.Name))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// suggestionLine turns cobra's "unknown command" error, whose suggestions
// follow on further lines, into one line: `unknown command "chek" for
// "privapi"; did you mean check?`. Other messages are returned unchanged.
func suggestionLine(msg string) string {
	head, tail, ok := strings.Cut(msg, "\n\nDid you mean this?\n")
	if !ok {
		return msg
	}
	var sugg []string
	for _, l := range strings.Split(tail, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			sugg = append(sugg, l)
		}
	}
	if len(sugg) == 0 {
		return head
	}
	return head + "; did you mean " + strings.Join(sugg, " or ") + "?"
}
