package checks

import (
	"errors"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

var pa209 = &Check{
	ID:       "PA209",
	Name:     "policy-unverifiable",
	Severity: finding.Info,
	Varies:   map[finding.Severity]string{finding.Error: "the document is not a valid IAM policy (the apply fails)"},
	Title:    "A resource or endpoint policy is known only after apply and cannot be rebuilt",
	Run:      runPA209,
}

func runPA209(v *topology.View, r *Reporter) {
	fix := pa2UnreadableFix
	for _, api := range r.privateAPIs(v) {
		p := r.apiPolicy(v, api)
		switch {
		case p.Source == nil:
		case p.Readable():
			r.Pass(p.Subject())
		case errors.Is(p.Err, topology.ErrPolicyUnknown):
			r.Unverified(p.Subject(), fix, "the resource policy of %s (%s) cannot be evaluated before apply: %s", api.Address, p.Where(), pa2Unreadable(p.Err))
		default:
			r.FailAt(finding.Error, p.Subject(), "fix the policy document: it must be a valid IAM policy (API Gateway rejects an invalid one when applying)", "the resource policy of %s (%s) is not a valid policy: %s", api.Address, p.Where(), pa2Unreadable(p.Err))
		}
	}
	for _, e := range reach.ManagedEndpoints(v) {
		ps := topology.EffectiveEndpointPolicy(e)
		if ps == nil {
			continue
		}
		api, _ := r.Net(v).APIOf(e)
		if api == nil {
			continue
		}
		s := endpointSubject(r.Net(v), e, e.Address)
		if ps.InPlan() && ps.Address != e.Address {
			s.Related = append(s.Related, pa2Addr(ps))
		}
		_, err := v.ReadPolicy(ps)
		switch {
		case err == nil:
			r.Pass(s)
		case errors.Is(err, topology.ErrPolicyUnknown):
			r.Unverified(s, fix, "the policy of endpoint %s (%s) cannot be evaluated before apply: %s", e.Address, pa2Addr(ps), pa2Unreadable(err))
		default:
			r.FailAt(finding.Error, s, "fix the policy document: it must be a valid IAM policy (the endpoint rejects an invalid one when applying)", "the policy of endpoint %s (%s) is not a valid policy: %s", e.Address, pa2Addr(ps), pa2Unreadable(err))
		}
	}
}
