package checks

import (
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

// PA309 body-overwrites-policy: an OpenAPI body in overwrite mode while the
// policy comes only from aws_api_gateway_rest_api_policy.
var pa309 = &Check{
	ID:       "PA309",
	Name:     "body-overwrites-policy",
	Severity: finding.Warning,
	Title:    "An OpenAPI body in overwrite mode can wipe the policy managed by aws_api_gateway_rest_api_policy",
	Run:      runPA309,
}

func runPA309(v *topology.View, r *Reporter) {
	for _, a := range r.privateAPIs(v) {
		subj := apiSubject(a)
		hasBody := a.Body != "" || (!a.BodyKnown && a.BodyConfigured)
		if !hasBody {
			r.Pass(subj)
			continue
		}
		var resource *topology.PolicySource
		other := false
		for _, ps := range apiPolicySources(a) {
			if ps.Kind == topology.PolicyResource {
				resource = ps
			} else {
				other = true
			}
		}
		if resource == nil || other {
			r.Pass(subj)
			continue
		}
		subj.Related = []string{resource.Address}
		fix := `set put_rest_api_mode = "merge" in ` + a.Address + `, or put the policy in the body as x-amazon-apigateway-policy`
		modeKnown := !a.PutRestAPIModeUnknown
		switch {
		case a.PutRestAPIMode == "merge":
			r.Pass(subj)
		case !modeKnown:
			r.Unverified(subj, fix, "%s has an OpenAPI body and its put_rest_api_mode is known only after apply; its policy comes only from %s, which an overwrite-mode body update can wipe", a.Address, resource.Address)
		default:
			mode := "unset (= overwrite)"
			if a.PutRestAPIMode != "" {
				mode = `"` + a.PutRestAPIMode + `"`
			}
			when := "a later body update"
			if _, existed := a.BodyBefore(); existed && !a.BodySame {
				when = "the body update in this plan"
			}
			failFor(r, nil, a, subj, fix,
				"%s has an OpenAPI body with put_rest_api_mode %s while its resource policy comes only from %s: PutRestApi in overwrite mode drops the policy, and %s can leave the private API without a policy (every call rejected) while the plan shows no change on %s (hashicorp/terraform-provider-aws#49672)",
				a.Address, mode, resource.Address, when, resource.Address)
		}
	}
}
