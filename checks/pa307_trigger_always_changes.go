package checks

import (
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

// PA307 trigger-always-changes: triggers or variables built from
// timestamp(), plantimestamp() or uuid() redeploy on every apply.
var pa307 = &Check{
	ID:       "PA307",
	Name:     "trigger-always-changes",
	Severity: finding.Warning,
	Title:    "The deployment's triggers or variables change on every plan (timestamp(), plantimestamp(), uuid())",
	Run:      runPA307,
}

func runPA307(v *topology.View, r *Reporter) {
	for _, a := range r.privateAPIs(v) {
		for _, d := range a.Deployments {
			if !d.SourceKnown {
				continue // functions are visible only in the .tf source
			}
			w := d.TriggerReads
			uses := w.Calls("timestamp", "plantimestamp", "uuid")
			if len(uses) == 0 {
				r.Pass(deploymentSubject(a, d))
				continue
			}
			var calls []string
			for _, u := range uses {
				c := u.Name + "()"
				if u.In != "" {
					c += " in " + u.In
				}
				calls = append(calls, c)
			}
			failFor(r, nil, a, deploymentSubject(a, d), "remove "+uses[0].Name+"() from the triggers/variables of "+d.Address+" and hash the route resources and the policy's input document instead",
				"the triggers/variables of %s call %s: the value is new on every plan, so every apply replaces the deployment and real policy or route changes are lost in the noise",
				d.Address, strings.Join(calls, ", "))
		}
	}
}
