package checks

import (
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

// PA305 stage-missing: a private API with no stage cannot be invoked.
var pa305 = &Check{
	ID:       "PA305",
	Name:     "stage-missing",
	Severity: finding.Warning,
	Title:    "The private API has no stage, so nothing can be invoked",
	Run:      runPA305,
}

func runPA305(v *topology.View, r *Reporter) {
	for _, a := range r.privateAPIs(v) {
		subj := apiSubject(a)
		if len(a.Stages) > 0 {
			r.Pass(subj)
			continue
		}
		viaDeployment, unknown := false, false
		for _, d := range a.Deployments {
			name, known := v.DeploymentStageName(d)
			switch {
			case !known:
				unknown = true
			case name != "":
				viaDeployment = true
			}
		}
		dep := "aws_api_gateway_deployment.<name>"
		if len(a.Deployments) > 0 {
			dep = a.Deployments[0].Address
		}
		fix := `add resource "aws_api_gateway_stage" "prod" { rest_api_id = ` + a.Address + `.id, deployment_id = ` + dep + `.id, stage_name = "prod" }`
		switch {
		case viaDeployment:
			r.Pass(subj)
		case unknown:
			r.Unverified(subj, fix, "%s has no aws_api_gateway_stage and the stage_name of its deployment is known only after apply: it may have no stage to invoke", a.Address)
		default:
			deps := "no deployment either"
			if len(a.Deployments) > 0 {
				deps = "its deployment " + a.Deployments[0].Address + " is not served by any stage"
			}
			failFor(r, nil, a, subj, fix,
				"private API %s has no aws_api_gateway_stage (%s): there is no invoke URL, so no client can call it — unless a stage is managed in another configuration",
				a.Address, deps)
		}
	}
}
