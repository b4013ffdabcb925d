package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/topology"
)

// Endpoints of other stacks: an API whose vpc_endpoint_ids lists a literal
// id that no input holds is bound to an endpoint privapi cannot see (most
// often one the network stack owns). What depends on it is unverified, not
// failed: the run cannot tell, until that stack's plan or state is joined
// with --with or the endpoint is declared in the configuration file.

// outsideEndpoints lists the literal ids in a's vpc_endpoint_ids that are
// no element of the view.
func outsideEndpoints(v *topology.View, a *topology.API) []string { return v.OutsideEndpoints(a) }

// outsideListed reports whether id is an outside endpoint that some API
// of the view lists in its vpc_endpoint_ids (Build indexes them once:
// PA205 asks for every literal of every policy).
func outsideListed(v *topology.View, id string) bool { return v.OutsideListed(id) }

// outsideReason says why a result that depends on outside endpoints is
// unverified.
func outsideReason(a *topology.API, ids []string) string {
	return fmt.Sprintf("%s is bound to %s (vpc_endpoint_ids), which is in no input: pass the plan or state of the stack that owns it with --with, or declare it in the configuration file",
		a.Address, strings.Join(ids, ", "))
}
