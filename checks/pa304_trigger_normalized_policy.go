package checks

import (
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

// PA304 trigger-normalized-policy: a deployment's triggers hash the
// provider-normalised policy attribute instead of the input document.
var pa304 = &Check{
	ID:       "PA304",
	Name:     "trigger-normalized-policy",
	Severity: finding.Warning,
	Title:    "The deployment's triggers hash the provider-normalised policy attribute instead of the input document",
	Run:      runPA304,
}

// normalizedPolicyRead reports whether a reference reads a provider-
// normalised policy attribute.
func normalizedPolicyRead(rr topology.Reached) bool {
	if rr.Kind != topology.RefResource || rr.Replaces {
		return false
	}
	switch {
	case strings.HasPrefix(rr.Name, "aws_api_gateway_rest_api_policy."):
		return rr.Attr == "policy" || rr.Attr == ""
	case strings.HasPrefix(rr.Name, "aws_api_gateway_rest_api."):
		return rr.Attr == "policy"
	}
	return false
}

func runPA304(v *topology.View, r *Reporter) {
	for _, a := range r.privateAPIs(v) {
		for _, d := range a.Deployments {
			w := d.TriggerReads
			var bad []topology.Reached
			for _, rr := range w.Reached {
				if normalizedPolicyRead(rr) {
					bad = append(bad, rr)
				}
			}
			if len(bad) == 0 {
				r.Pass(deploymentSubject(a, d))
				continue
			}
			var chains, related []string
			for _, b := range bad {
				chains = append(chains, b.Chain())
				related = append(related, b.Address())
			}
			input := ""
			for _, ps := range apiPolicySources(a) {
				if ps.Kind == topology.PolicyBody {
					continue
				}
				if input = policyInput(v, ps); input != "" {
					break
				}
			}
			fix := "hash the policy's input document in the triggers of " + d.Address + " instead of " + bad[0].String()
			if input != "" {
				fix = "in the triggers of " + d.Address + " replace " + bad[0].String() + " with " + input + ", the input document the policy is set from"
			}
			failFor(r, nil, a, deploymentSubject(a, d, related...), fix,
				"the triggers of %s hash %s, the provider-normalised copy of the policy: its form can change between plan and apply (\"Provider produced inconsistent final plan\" on .triggers, https://github.com/hashicorp/terraform-provider-aws/issues/17341, https://github.com/hashicorp/terraform-provider-aws/issues/20811) or lag one refresh behind",
				d.Address, strings.Join(chains, ", "))
		}
	}
}
