package checks

import (
	"fmt"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

func init() {
	Register(&Check{
		ID:       "PA203",
		Name:     "endpoint-policy-denies",
		Severity: finding.Error,
		Title:    "The execute-api endpoint's policy does not allow the API's invocations",
		Doc: `**What AWS does.** For a private API the VPC endpoint policy is evaluated first, before the resource
policy and any authorizer (aws-facts B2, B11). Its identity comes from the ` + "`Authorization`" + ` header:
unsigned requests and non-SigV4 tokens (Lambda/Cognito authorizer tokens) are anonymous, which
only ` + "`\"*\"`" + ` / ` + "`{\"AWS\": \"*\"}`" + ` principals match (B3). An endpoint without a policy
(` + "`policy`" + ` unset on ` + "`aws_vpc_endpoint`" + `, no ` + "`aws_vpc_endpoint_policy`" + `) has AWS's default
full-access policy (C7).

**Why it breaks.** An endpoint policy whose Allow names only other APIs (another API's ARN, a
literal ARN copied from another stack), only named principals while methods take unsigned
callers, or whose Deny matches, rejects the call at the endpoint with 403 — whatever the
resource policy says.

**How to fix.** Allow the API in the endpoint policy:

` + "```hcl" + `
data "aws_iam_policy_document" "endpoint" {
  statement {
    actions   = ["execute-api:Invoke"]
    resources = ["${aws_api_gateway_rest_api.api.execution_arn}/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}
` + "```" + `

or remove the endpoint policy to get full access. Judged per (API, endpoint, client) pairing
for every stage × method × path, with the same request as PA202; unverified when the policy is
known only after apply. Sources: aws-facts B2, B3, B11, C7.`,
		Run: runPA203,
	})
}

func runPA203(v *topology.View, r *Reporter) {
	for _, pr := range reach.Pairs(v) {
		e := pr.Endpoint
		s := pairSubject(pr, e.Address)
		ps := topology.EffectiveEndpointPolicy(e)
		if ps == nil {
			r.Pass(s) // default full-access policy (C7)
			continue
		}
		if ps.Inst != nil {
			s.Related = append(s.Related, pa2Addr(ps))
		}
		where := pa2PolicyWhere(ps, false)
		raw, err := v.ReadPolicy(ps)
		if err != nil {
			r.Unverified(s, pa2UnreadableFix,
				"whether the policy of endpoint %s (%s) allows calls to %s is not known: %s", e.Address, where, pr.API.Address, pa2Unreadable(err))
			continue
		}
		pol := v.ForAPI(raw, pr.API)
		x := v.APIExpandContext(pr.API)
		var os []pa2Outcome
		for _, in := range pa2Invocations(pr.API, v.APIARN(pr.API)) {
			for _, rc := range pa2PairContexts(v, e, pr.Client) {
				d := pa2Evaluate(pol, pa2Request(pol, in, rc), x)
				o := pa2Outcome{In: in, RC: rc, D: d}
				switch d.Allowed {
				case symbol.True:
					o.Level = pa2LvPass
				case symbol.Unknown:
					o.Level = pa2LvUnverified
				default:
					o.Level = pa2LvError
				}
				os = append(os, o)
			}
		}
		os = pa2Downgrade(os, pr)
		pa2Report(r, s, os, func(list []pa2Outcome) string {
			return pa2EndpointPolicyFix(v, pr, pol, list[0], pa2PolicyEditAt(ps), x)
		},
			fmt.Sprintf("the policy of endpoint %s (%s) denies calls to %s, before the resource policy is evaluated (B11)", e.Address, where, pr.API.Address))
	}
}

func pa2EndpointPolicyFix(v *topology.View, pr reach.Pair, pol *iampolicy.Policy, o pa2Outcome, where string, x iampolicy.ExpandContext) string {
	if o.D.Effect == iampolicy.ResultExplicitDeny {
		return pa2DenyFix(v, pol, o, pr.Endpoint, pr.Client) + " in " + where
	}
	return pa2AllowFix(pr.API, pol, o, x, true) + " in " + where + ", or remove the endpoint policy (the default allows full access, C7)"
}
