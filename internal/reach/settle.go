package reach

import (
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// Settle is the one rule by which a result about API a is reported, by
// privapi check (checks.Reporter.Settled, Verdict.Settled) and by the
// runbook alike: a fail (False) about an API that may not be PRIVATE (its
// endpoint type is known only after apply) is unverified, since it matters
// only if the API is PRIVATE. demoted says the result was changed; the
// caller then says why (PrivateNote, or its own words).
func Settle(t symbol.Tri, a *topology.API) (settled symbol.Tri, demoted bool) {
	if t == symbol.False && a != nil && a.Private == symbol.Unknown {
		return symbol.Unknown, true
	}
	return t, false
}
