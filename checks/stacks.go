package checks

import (
	"github.com/privapi/privapi/internal/topology"
)

// outsideListed reports whether id is an outside endpoint that some API
// of the view lists in its vpc_endpoint_ids (Build indexes them once:
// PA205 asks for every literal of every policy).
func outsideListed(v *topology.View, id string) bool { return v.OutsideListed(id) }
