package checks

import (
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

var pa110 = &Check{
	ID:       "PA110",
	Name:     "client-unreachable",
	Severity: finding.Error,
	Title:    "A client of a private API has no network path to any of its execute-api endpoints",
	Run:      runPA110,
}

// runPA110 reports reach's ClientReach verdict of every client of every
// private API.
func runPA110(v *topology.View, r *Reporter) {
	n := r.Net(v)
	for _, a := range r.privateAPIs(n.V) {
		for _, c := range n.ClientsOf(a) {
			s := Subject{API: a, Address: c.Address, relAPI: true}.lazyDescribe("API ", a.Address, " from client ", c.Address)
			for _, p := range n.ClientPaths(a, c) {
				s.Related = append(s.Related, p.Endpoint.Address)
			}
			netVerdict(r, s, n.ClientReach(a, c))
		}
	}
}
