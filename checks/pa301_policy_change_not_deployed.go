package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// PA301 policy-change-not-deployed: the plan changes a private API's
// resource policy but creates no deployment that a stage serves.
var pa301 = &Check{
	ID:       "PA301",
	Name:     "policy-change-not-deployed",
	Severity: finding.Error,
	Varies:   map[finding.Severity]string{finding.Warning: "some stages get the new deployment and others keep the old one"},
	Title:    "A resource-policy change is applied but no stage gets a new deployment, so it never goes live",
	Run:      runPA301,
}

func runPA301(v *topology.View, r *Reporter) {
	for _, a := range r.privateAPIs(v) {
		if len(a.Stages) == 0 {
			continue // PA305
		}
		var why, related []string
		renamed := renamedPolicies(v, a)
		for _, ps := range a.Policies {
			if renamed[ps] {
				continue // the same document under a new address: PA310's
			}
			if changed, w := policyChange(a, ps); changed {
				why = append(why, w)
				related = append(related, ps.Address)
			}
		}
		if len(why) == 0 {
			r.Pass(apiSubject(a))
			continue
		}
		var live, stale, unsure []*topology.Stage
		for _, s := range a.Stages {
			switch t, _ := redeployedFor(v, a, s); t {
			case symbol.True:
				live = append(live, s)
			case symbol.Unknown:
				unsure = append(unsure, s)
			default:
				stale = append(stale, s)
			}
			related = append(related, s.Address)
		}
		for _, d := range a.Deployments {
			related = append(related, d.Address)
		}
		if len(live) > 0 && len(stale) == 0 {
			r.Pass(apiSubject(a, related...))
			continue
		}
		// the change and the fix, named only for a finding
		change := strings.Join(why, "; ")
		fix := redeployFix(v, a, servingDeployment(v, a))
		switch {
		case len(live) == 0 && len(unsure) == 0:
			created := "no aws_api_gateway_deployment of this API is created in this plan"
			if cd := createdDeployments(a); len(cd) > 0 {
				created = fmt.Sprintf("the deployment created in this plan (%s) is not used by any stage", cd[0].Address)
			}
			failFor(r, nil, a, apiSubject(a, related...), fix,
				"the resource policy changes (%s) but %s: stage %s keeps serving its old deployment snapshot with the old policy, so the change never goes live",
				change, created, stageNames(stale))
		case len(live) == 0:
			r.Unverified(apiSubject(a, related...), fix,
				"the resource policy changes (%s); whether stage %s moves to the deployment created in this plan is known only after apply",
				change, stageNames(unsure))
		default: // some stages move to the new deployment, some keep the old one
			failFor(r, sevp(finding.Warning), a, apiSubject(a, related...), fix,
				"the resource policy changes (%s) and stage %s gets a new deployment, but stage %s keeps its old deployment and so the old policy",
				change, stageNames(live), stageNames(stale))
		}
	}
}
