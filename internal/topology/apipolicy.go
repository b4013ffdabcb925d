package topology

import (
	"strings"

	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
)

// APIPolicy is the effective resource policy of an API, read and parsed
// once by Build.
type APIPolicy struct {
	// Source is the effective source (A5); nil when the API has none.
	Source *PolicySource
	// Outside: the policy was set outside this configuration (the API's
	// computed policy attribute), not by any source the configuration
	// writes.
	Outside bool
	// Raw is the document as written; Policy the same in the form
	// invocations of the API are compared with (ForAPI). Both nil when Err
	// is set or there is no source.
	Raw, Policy *iampolicy.Policy
	Err         error
}

// APIPolicy returns the effective resource policy of an API.
func (v *View) APIPolicy(a *API) APIPolicy {
	if v.ix != nil {
		if p, ok := v.ix.policies[a]; ok {
			return p
		}
	}
	return v.readAPIPolicy(a)
}

func (v *View) indexPolicies() map[*API]APIPolicy {
	out := make(map[*API]APIPolicy, len(v.APIs))
	for _, a := range v.APIs {
		out[a] = v.readAPIPolicy(a)
	}
	return out
}

// policyRead is what ReadPolicy returned for a source.
type policyRead struct {
	p   *iampolicy.Policy
	err error
}

// policyReads keeps the documents Build read for the APIs' effective
// policies by source: ReadPolicy then returns them instead of parsing the
// text, or rebuilding a data.aws_iam_policy_document from its
// configuration, again for every check that reads an API's policy. (The
// policy an API keeps from outside the configuration is a source made for
// it alone: no one else holds it.)
func policyReads(policies map[*API]APIPolicy) map[*PolicySource]policyRead {
	out := make(map[*PolicySource]policyRead, len(policies))
	for _, p := range policies {
		if p.Source != nil && !p.Outside {
			out[p.Source] = policyRead{p.Raw, p.Err}
		}
	}
	return out
}

func (v *View) readAPIPolicy(a *API) APIPolicy {
	var p APIPolicy
	p.Source = EffectivePolicy(a)
	if p.Source == nil {
		p.Source, p.Outside = v.outsidePolicy(a), true
		if p.Source == nil {
			p.Outside = false
			return p
		}
	}
	p.Raw, p.Err = v.ReadPolicy(p.Source)
	if p.Err == nil {
		p.Policy = v.ForAPI(p.Raw, a)
	}
	return p
}

// outsidePolicy returns the policy an API that stays keeps although no
// source of the configuration sets it (set in the console, or by another
// stack): the API's computed policy attribute. Not when a policy resource
// of the API is being destroyed (that empties the policy, A5).
func (v *View) outsidePolicy(a *API) *PolicySource {
	if a.inst == nil || v.m == nil || a.inst.Creates() {
		return nil
	}
	for _, ps := range a.Policies {
		if ps.Deleted {
			return nil
		}
	}
	s, ok := Str(v.m.Attr(a.inst, "policy"))
	if !ok || strings.TrimSpace(s) == "" || symbol.Contains(s) {
		return nil
	}
	return &PolicySource{Kind: PolicyArgument, Node: a.Node, JSON: s, Known: true}
}
