package checks

import (
	"fmt"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa203 = &Check{
	ID:       "PA203",
	Name:     "endpoint-policy-denies",
	Severity: finding.Error,
	Title:    "The execute-api endpoint's policy does not allow the API's invocations",
	Run:      runPA203,
}

func runPA203(v *topology.View, r *Reporter) {
	// decisions of endpoint policies that do not look at the resource,
	// shared by the pairs of every API behind the endpoint (pa2Decisions)
	memo := pa2Decisions{}
	for _, pr := range r.Net(v).Pairs() {
		e := pr.Endpoint
		s := pairSubject(pr, e.Address)
		ps := topology.EffectiveEndpointPolicy(e)
		if ps == nil {
			r.Pass(s) // default full-access policy (C7)
			continue
		}
		if ps.InPlan() {
			s.Related = append(s.Related, pa2Addr(ps))
		}
		raw, err := v.ReadPolicy(ps)
		if err != nil && ps.Kind == topology.PolicyDeclared && !ps.Known {
			// declared in .privapi.hcl without its policy: stating it settles this
			r.Undeclared(s, "policy or policy_file in "+e.Address,
				"state the endpoint's policy in its block of .privapi.hcl: policy = the JSON document (a heredoc works), policy = \"default\" when it has none (full access), or policy_file = a file of the repository",
				"whether the policy of endpoint %s (%s) allows calls to %s is not known: %s", e.Address, pa2PolicyWhere(ps, false), pr.API.Address, pa2Unreadable(err))
			continue
		}
		if err != nil {
			r.Unverified(s, pa2UnreadableFix,
				"whether the policy of endpoint %s (%s) allows calls to %s is not known: %s", e.Address, pa2PolicyWhere(ps, false), pr.API.Address, pa2Unreadable(err))
			continue
		}
		// a policy that does not look at the resource is the same for
		// every API (ForAPI rewrites resource patterns only)
		free := pa2ResourceFree(raw)
		pol := raw
		if !free {
			pol = v.ForAPI(raw, pr.API)
		}
		// the API's expand context and ARN, made once per run (apiPolicy)
		ap := r.apiPolicy(v, pr.API)
		x := ap.X
		invs := pa2Invocations(pr.API, ap.ARN)
		rcs := pa2PairContexts(v, e, pr.Client)
		os := make([]pa2Outcome, 0, len(invs)*len(rcs))
		for _, in := range invs {
			for _, rc := range rcs {
				var d iampolicy.Decision
				if free {
					d = memo.endpoint(pol, in, rc, x)
				} else {
					d = pa2Evaluate(pol, pa2EndpointRequest(pol, in, rc), x)
				}
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
		}, func() string {
			return fmt.Sprintf("the policy of endpoint %s (%s) denies calls to %s, before the resource policy is evaluated", e.Address, pa2PolicyWhere(ps, false), pr.API.Address)
		})
	}
}

func pa2EndpointPolicyFix(v *topology.View, pr reach.Pair, pol *iampolicy.Policy, o pa2Outcome, where string, x iampolicy.ExpandContext) string {
	if o.D.Effect == iampolicy.ResultExplicitDeny {
		return pa2DenyFix(v, pol, o, pr.Endpoint, pr.Client) + " in " + where
	}
	return pa2AllowFix(pr.API, pol, o, x, true) + " in " + where + ", or remove the endpoint policy (the default allows full access)"
}
