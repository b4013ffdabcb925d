package reach

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

// OutsideEndpoints lists the literal ids in a's vpc_endpoint_ids that are
// no element of the view.
func OutsideEndpoints(v *topology.View, a *topology.API) []string { return v.OutsideEndpoints(a) }

// OutsideReason says why a result that depends on outside endpoints is
// unverified.
func OutsideReason(a *topology.API, ids []string) string {
	return fmt.Sprintf("%s is bound to %s (vpc_endpoint_ids), which is in no input: pass the plan or state of the stack that owns it with --with, or declare it in the configuration file",
		a.Address, strings.Join(ids, ", "))
}

// OutsideUndeclared is the Verdict.Undeclared of a result that only
// endpoints in no input hold back: what to state in .privapi.hcl (or which
// stack to join) to settle it.
func OutsideUndeclared(ids []string) string {
	return "an endpoint block for " + strings.Join(ids, ", ") + " (or pass the stack that owns it with --with)"
}
