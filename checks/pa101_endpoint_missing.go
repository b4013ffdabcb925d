package checks

import (
	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa101 = &Check{
	ID:       "PA101",
	Name:     "endpoint-missing",
	Severity: finding.Error,
	Title:    "A private REST API has no execute-api interface VPC endpoint in its region",
	Run:      runPA101,
}

func runPA101(v *topology.View, r *Reporter) {
	n := r.Net(v)
	for _, a := range r.privateAPIs(n.V) {
		s := Subject{API: a, Address: a.Address}.lazyDescribe("API ", a.Address)
		vd := n.EndpointMissing(a)
		// Related: the API's own qualifying endpoints, else the first of
		// its region; and those in doubt.
		for _, ref := range n.EndpointsFor(a) {
			if t, _, _ := reach.EndpointQualifies(ref.Endpoint, reach.APIRegion(a)); t == symbol.True {
				s.Related = append(s.Related, ref.Endpoint.Address)
			}
		}
		s.Related = append(s.Related, n.RegionRelated(a, len(s.Related) > 0)...)
		netVerdict(r, s, vd)
	}
}

func netRegionText(r string) string { return reach.RegionText(r) }
