package checks

import (
	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/topology"
)

// renamedPolicies returns the policy resources of an API that this plan
// deletes and creates with the same document: a rename without a moved
// block. The document in force does not change, so PA301 leaves them to
// PA310, which reports the unordered delete and create. Each created
// resource must match a deleted one and each deleted one a created one;
// a document that cannot be read (or is known only after apply) matches
// nothing.
func renamedPolicies(v *topology.View, a *topology.API) map[*topology.PolicySource]bool {
	var deleted, created []*topology.PolicySource
	for _, ps := range a.Policies {
		if ps.Kind != topology.PolicyResource || !ps.InPlan() {
			continue
		}
		if replaced, _ := ps.Replaced(); replaced {
			continue
		}
		switch {
		case ps.Deleted && ps.BeforeKnown && ps.BeforeJSON != "":
			deleted = append(deleted, ps)
		case ps.Creates() && !ps.Deleted:
			created = append(created, ps)
		}
	}
	if len(deleted) == 0 || len(created) == 0 {
		return nil
	}
	x := expandContext(a)
	before := make([]*iampolicy.Policy, len(deleted))
	for i, ps := range deleted {
		p, err := iampolicy.Parse([]byte(ps.BeforeJSON))
		if err != nil {
			return nil
		}
		before[i] = p
	}
	matchedBefore := make([]bool, len(deleted))
	for _, ps := range created {
		p, err := v.ReadPolicy(ps)
		if err != nil || p == nil {
			return nil
		}
		found := false
		for i, b := range before {
			if iampolicy.Equivalent(b, p, x) {
				matchedBefore[i], found = true, true
			}
		}
		if !found {
			return nil
		}
	}
	for _, m := range matchedBefore {
		if !m {
			return nil
		}
	}
	out := map[*topology.PolicySource]bool{}
	for _, ps := range append(deleted, created...) {
		out[ps] = true
	}
	return out
}
