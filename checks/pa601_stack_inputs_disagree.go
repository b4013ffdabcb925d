package checks

import (
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

var pa601 = &Check{
	ID:       "PA601",
	Name:     "stack-inputs-disagree",
	Severity: finding.Error,
	Title:    "Two joined inputs (plan or state of different stacks) describe the same id differently",
	Run:      runPA601,
}

func runPA601(v *topology.View, r *Reporter) {
	for _, c := range v.Conflicts {
		s := Subject{Address: c.Kept, Related: []string{c.Dropped}, Describe: c.Kind + " " + c.ID}
		r.Fail(s, "pass the current state of the stack that owns "+c.ID+" and drop the stale input, or refresh it",
			"%s %s is described differently by %s and %s (%s); privapi judged with %s",
			c.Kind, c.ID, c.Kept, c.Dropped, strings.Join(c.Diffs, "; "), c.Kept)
	}
}
