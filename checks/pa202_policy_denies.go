package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa202 = &Check{
	ID:       "PA202",
	Name:     "policy-denies",
	Severity: finding.Error,
	Varies:   map[finding.Severity]string{finding.Warning: "only AWS_IAM-signed calls are denied (a caller in the API's own account whose IAM policy grants execute-api:Invoke still gets in)"},
	Title:    "The API's resource policy does not allow a client's calls through its endpoint",
	Run:      runPA202,
}

func runPA202(v *topology.View, r *Reporter) {
	for _, pr := range r.Net(v).Pairs() {
		p := r.apiPolicy(v, pr.API) // read once per run (Reporter.apiPolicy)
		s := pairSubject(pr, pr.API.Address)
		if a := p.SourceAddress(); a != "" {
			s.Related = append(s.Related, a)
		}
		s.Spot = p.Subject().Spot // the policy attribute, not the API
		switch {
		case p.Source == nil:
			continue // PA201
		case !p.Readable():
			r.Unverified(s, pa2UnreadableFix,
				"whether the resource policy of %s allows calls through %s is not known: %s", pr.API.Address, pr.Endpoint.Address, pa2Unreadable(p.Err))
			continue
		}
		os := pa2JudgeAPIPolicy(v, p, pr)
		pa2Report(r, s, os, func(list []pa2Outcome) string { return pa2ApiPolicyFix(v, p, list[0], pr) },
			func() string {
				return fmt.Sprintf("the resource policy of %s (%s) does not allow calls through %s", pr.API.Address, p.Where(), pa2PairWho(pr))
			})
	}
}

// pa2PairWho names the endpoint and client of a pairing.
func pa2PairWho(pr reach.Pair) string {
	s := "endpoint " + pr.Endpoint.Address
	if pr.Client != nil {
		return s + " from client " + pr.Client.Address
	}
	return s + " (no known client; judged for the endpoint VPC's range)"
}

// pa2JudgeAPIPolicy evaluates every invocation of the pairing.
func pa2JudgeAPIPolicy(v *topology.View, p pa2ApiPolicy, pr reach.Pair) []pa2Outcome {
	invs := pa2Invocations(pr.API, p.ARN)
	rcs := pa2PairContexts(v, pr.Endpoint, pr.Client)
	out := make([]pa2Outcome, 0, len(invs)*len(rcs))
	for _, in := range invs {
		for _, rc := range rcs {
			d := pa2Evaluate(p.Policy, pa2Request(p.Policy, in, rc), p.X)
			o := pa2Outcome{In: in, RC: rc, D: d}
			switch {
			case d.Allowed == symbol.True:
				o.Level = pa2LvPass
			case d.Allowed == symbol.Unknown:
				o.Level = pa2LvUnverified
			case d.Effect == iampolicy.ResultExplicitDeny:
				o.Level = pa2LvError
			default:
				switch in.Kind {
				case pa2AuthAnonymous:
					o.Level = pa2LvError
				case pa2AuthIAM:
					o.Level = pa2LvWarning
					o.Note = "an AWS_IAM call from the API's own account is still allowed when the caller's IAM policy grants execute-api:Invoke; from another account it is denied"
				case pa2AuthCustom:
					o.Level = pa2LvPass // the Lambda authorizer's policy supplies the Allow (B2)
				default:
					o.Level = pa2LvUnverified
					o.Note = "denied for unsigned callers; other authorization types may be allowed by an authorizer or IAM policy"
				}
			}
			out = append(out, o)
		}
	}
	return pa2Downgrade(out, pr)
}

// pa2Downgrade turns failures into unverified results when the pairing itself
// is not certain: the endpoint may not be the API's, or the API may not be
// PRIVATE.
func pa2Downgrade(os []pa2Outcome, pr reach.Pair) []pa2Outcome {
	var why string
	switch {
	case pr.API.Private != symbol.True:
		why = "applies if " + pr.API.Address + " is PRIVATE (known only after apply)"
	case pr.Match != symbol.True:
		why = "applies if " + pr.Endpoint.Address + " is an endpoint of " + pr.API.Address + " (known only after apply)"
	default:
		return os
	}
	for i := range os {
		if os[i].Level > pa2LvUnverified {
			os[i].Level = pa2LvUnverified
			os[i].Note = strings.TrimPrefix(os[i].Note+"; "+why, "; ")
		}
	}
	return os
}

// pa2ApiPolicyFix explains how to admit the pairing.
func pa2ApiPolicyFix(v *topology.View, p pa2ApiPolicy, o pa2Outcome, pr reach.Pair) string {
	where := " in " + p.EditAt()
	if o.D.Effect == iampolicy.ResultExplicitDeny {
		return pa2DenyFix(v, p.Policy, o, pr.Endpoint, pr.Client) + where + ", then redeploy the API"
	}
	return pa2AllowFix(pr.API, p.Policy, o, p.X, false) + where + ", then redeploy the API"
}
