package checks

import (
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// PA306 deployment-before-policy: a deployment created in this plan is not
// ordered after the API's aws_api_gateway_rest_api_policy.
var pa306 = &Check{
	ID:       "PA306",
	Name:     "deployment-before-policy",
	Severity: finding.Warning,
	Title:    "A new deployment does not depend on the policy resource and may snapshot the API before the policy is attached",
	Run:      runPA306,
}

func runPA306(v *topology.View, r *Reporter) {
	for _, a := range r.privateAPIs(v) {
		var policies []*topology.PolicySource
		for _, ps := range apiPolicySources(a) {
			if ps.Kind == topology.PolicyResource && ps.ResourceChanges() {
				policies = append(policies, ps)
			}
		}
		for _, d := range a.Deployments {
			if !d.Creates() || len(policies) == 0 {
				r.Pass(deploymentSubject(a, d))
				continue
			}
			var missing, unsure []*topology.PolicySource
			for _, ps := range policies {
				switch t, _ := d.OrderedAfter(ps); t {
				case symbol.False:
					missing = append(missing, ps)
				case symbol.Unknown:
					unsure = append(unsure, ps)
				}
			}
			switch {
			case len(missing) > 0:
				ps := missing[0]
				fix := "add depends_on = [" + ps.Address + "] to " + d.Address
				effect := "its snapshot can be taken before the policy exists and every call then fails with \"Private REST API doesn't have a resource policy attached\" until the next deployment"
				if !ps.Creates() {
					effect = "its snapshot can be taken before the policy update is applied, so the new policy is not live until the next deployment"
				}
				failFor(r, nil, a, deploymentSubject(a, d, ps.Address), fix,
					"%s is created in this plan but depends on %s neither by reference nor by depends_on, directly or through other resources: Terraform may create the deployment first, so %s",
					d.Address, ps.Address, effect)
			case len(unsure) > 0:
				var names []string
				for _, ps := range unsure {
					names = append(names, ps.Address)
				}
				r.Unverified(deploymentSubject(a, d, names...), "add depends_on = ["+strings.Join(names, ", ")+"] to "+d.Address,
					"%s is created in this plan; whether it is ordered after %s cannot be told (part of the configuration it refers to cannot be read)",
					d.Address, strings.Join(names, ", "))
			default:
				r.Pass(deploymentSubject(a, d))
			}
		}
	}
}
