package checks

import (
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/topology"
)

// outsideEndpoints lists the literal ids in a's vpc_endpoint_ids that are
// no element of the view.
func outsideEndpoints(v *topology.View, a *topology.API) []string { return v.OutsideEndpoints(a) }

// outsideListed reports whether id is an outside endpoint that some API
// of the view lists in its vpc_endpoint_ids (Build indexes them once:
// PA205 asks for every literal of every policy).
func outsideListed(v *topology.View, id string) bool { return v.OutsideListed(id) }

// outsideReason says why a result that depends on outside endpoints is
// unverified (reach.OutsideReason).
func outsideReason(a *topology.API, ids []string) string { return reach.OutsideReason(a, ids) }
