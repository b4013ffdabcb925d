package checks

import (
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

var pa112 = &Check{
	ID:       "PA112",
	Name:     "client-sg-egress",
	Severity: finding.Error,
	Title:    "No security group of the client allows TCP 443 to the execute-api endpoint",
	Run:      runPA112,
}

// runPA112 reports reach's Egress verdict of every (endpoint, client); a
// subject without a client has nothing to judge on the client side (PA111
// judges the endpoint alone).
func runPA112(v *topology.View, r *Reporter) {
	n := r.Net(v)
	for _, ns := range n.NetSubjects() {
		if vd, ok := n.Egress(ns.Pair); ok {
			netVerdict(r, netSubject(ns, vd.Address), vd)
		}
	}
}
