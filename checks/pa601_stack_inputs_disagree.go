package checks

import (
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

func init() {
	Register(&Check{
		ID:       "PA601",
		Name:     "stack-inputs-disagree",
		Severity: finding.Error,
		Title:    "Two joined inputs (plan or state of different stacks) describe the same id differently",
		Doc: `**What it means.** With ` + "`privapi check PLAN --with OTHER`" + `, the checked plan and the
other stacks' plans or states are joined by id: a literal ` + "`vpce-…`" + `, ` + "`sg-…`" + `, ` + "`subnet-…`" + `
or ` + "`vpc-…`" + ` in one input is the resource that carries that id in another. Two inputs here
hold the same id with different attributes (another VPC, other subnets, other security groups or
rules, private DNS on in one and off in the other).

**Why it matters.** At most one of them is what AWS has. privapi judges with the input that ranks
first (the checked plan, then the ` + "`--with`" + ` inputs in the order given) and says so here
instead of picking one silently; every conclusion drawn from that id may be wrong.

**How to fix.** Pass the current state of the stack that owns the resource (` + "`terraform show -json`" + `
after its last apply) and drop the stale copy, or refresh the input that is out of date. An
endpoint declared in the privapi configuration file wins over every input.`,
		Run: runPA601,
	})
}

func runPA601(v *topology.View, r *Reporter) {
	for _, c := range v.Conflicts {
		s := Subject{Address: c.Kept, Related: []string{c.Dropped}, Describe: c.Kind + " " + c.ID}
		r.Fail(s, "pass the current state of the stack that owns "+c.ID+" and drop the stale input, or refresh it",
			"%s %s is described differently by %s and %s (%s); privapi judged with %s",
			c.Kind, c.ID, c.Kept, c.Dropped, strings.Join(c.Diffs, "; "), c.Kept)
	}
}
