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
	Doc: `**What AWS does.** A deployment snapshots the API, its resource policy included, at
the moment it is created. A private API without a policy rejects every call
("Private REST API doesn't have a resource policy attached").

**Why it breaks.** Terraform creates resources in dependency order only. When nothing
makes the deployment depend on ` + "`aws_api_gateway_rest_api_policy`" + ` — a trigger that hashes
` + "`data.aws_iam_policy_document.x.json`" + ` does not, and the policy resource is otherwise not
referenced — Terraform may create the deployment first: the first snapshot has no policy
(or, on an update, the old one) until the next deployment.

**How privapi judges.** For each deployment of a private API created in this plan
(replacement included) and each ` + "`aws_api_gateway_rest_api_policy`" + ` of that API created or
updated in this plan: the deployment's arguments and ` + "`depends_on`" + ` are followed transitively
(through other resources, data sources, locals, module variables and outputs, whole
modules); no path to the policy resource fails.

**How to fix.** Add ` + "`depends_on = [aws_api_gateway_rest_api_policy.<name>]`" + ` to the deployment.

Sources: aws-facts.md A4, A5, A7, A11.`,
	Run: runPA306,
}

func init() { Register(pa306) }

func runPA306(v *topology.View, r *Reporter) {
	for _, a := range privateAPIs(v) {
		var policies []*topology.PolicySource
		for _, ps := range apiPolicySources(a) {
			if ps.Kind == topology.PolicyResource && ps.Inst.Changes() {
				policies = append(policies, ps)
			}
		}
		for _, d := range a.Deployments {
			if !d.Inst.Creates() || len(policies) == 0 {
				r.Pass(deploymentSubject(a, d))
				continue
			}
			var missing, unsure []*topology.PolicySource
			for _, ps := range policies {
				switch t, _ := v.DependsOnInstance(d.Inst, ps.Inst); t {
				case symbol.False:
					missing = append(missing, ps)
				case symbol.Unknown:
					unsure = append(unsure, ps)
				}
			}
			switch {
			case len(missing) > 0:
				ps := missing[0]
				fix := "add depends_on = [" + ps.Inst.Address + "] to " + d.Address
				effect := "its snapshot can be taken before the policy exists and every call then fails with \"Private REST API doesn't have a resource policy attached\" until the next deployment"
				if !ps.Inst.Creates() {
					effect = "its snapshot can be taken before the policy update is applied, so the new policy is not live until the next deployment"
				}
				failFor(r, nil, a, deploymentSubject(a, d, ps.Inst.Address), fix,
					"%s is created in this plan but depends on %s neither by reference nor by depends_on, directly or through other resources: Terraform may create the deployment first, so %s (aws-facts A4, A11)",
					d.Address, ps.Inst.Address, effect)
			case len(unsure) > 0:
				var names []string
				for _, ps := range unsure {
					names = append(names, ps.Inst.Address)
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
