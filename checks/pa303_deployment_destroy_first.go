package checks

import (
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// PA303 deployment-destroy-first: a deployment is replaced
// delete-then-create while a stage points at it: the apply fails.
var pa303 = &Check{
	ID:       "PA303",
	Name:     "deployment-destroy-first",
	Severity: finding.Error,
	Title:    "A deployment a stage points at is replaced delete-then-create: API Gateway refuses the delete and the apply fails",
	Run:      runPA303,
}

func runPA303(v *topology.View, r *Reporter) {
	for _, a := range r.privateAPIs(v) {
		for _, d := range a.Deployments {
			subj := deploymentSubject(a, d)
			replaced, createFirst := d.Replaced()
			if !replaced || createFirst {
				r.Pass(subj)
				continue
			}
			var held, unsure []*topology.Stage
			for _, s := range a.Stages {
				switch v.StageHeld(s, d) {
				case symbol.True:
					held = append(held, s)
				case symbol.Unknown:
					unsure = append(unsure, s)
				}
			}
			fix := "add lifecycle { create_before_destroy = true } to " + d.Address
			switch {
			case len(held) > 0:
				subj.Related = append(subj.Related, stageAddrs(held)...)
				failFor(r, nil, a, subj, fix,
					"%s is replaced delete-then-create (actions [delete create], no create_before_destroy) while stage %s points at it: API Gateway refuses to delete it (\"Active stages pointing to this deployment must be moved or deleted\") and the apply fails",
					d.Address, stageNames(held))
			case len(unsure) > 0:
				subj.Related = append(subj.Related, stageAddrs(unsure)...)
				r.Unverified(subj, fix,
					"%s is replaced delete-then-create (no create_before_destroy); whether stage %s still points at it when it is deleted cannot be told from the plan — if it does, the apply fails",
					d.Address, stageNames(unsure))
			default:
				r.Pass(subj)
			}
		}
	}
}

func stageAddrs(ss []*topology.Stage) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Address)
	}
	return out
}
