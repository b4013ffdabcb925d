package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/privapi/privapi/checks"
)

func newChecksCmd(io streams) *cobra.Command {
	return &cobra.Command{
		Use:   "checks",
		Short: "List every check",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			w := tabwriter.NewWriter(io.Out, 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tNAME\tSEVERITY\tTITLE")
			for _, c := range checks.All() {
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", c.ID, c.Name, c.SeverityShort(), c.Title)
			}
			if err := w.Flush(); err != nil {
				return err
			}
			_, err := fmt.Fprintf(io.Out, "\n%s\n", checks.PairingTitle)
			return err
		},
	}
}

func newExplainCmd(io streams) *cobra.Command {
	return &cobra.Command{
		Use:   "explain ID",
		Short: "Print a check's documentation",
		Args:  cobra.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if strings.EqualFold(args[0], "pairing") {
				fmt.Fprintf(io.Out, "pairing\n%s\n\n%s\n", checks.PairingTitle, checks.PairingDoc)
				return nil
			}
			c := checks.Lookup(args[0])
			if c == nil {
				return usagef("unknown check %q (see privapi checks)", args[0])
			}
			fmt.Fprintf(io.Out, "%s %s\nSeverity: %s\n%s\n\n%s\n", c.ID, c.Name, c.SeverityText(), c.Title, c.Doc)
			return nil
		},
	}
}
