package checks

import (
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

var pa111 = &Check{
	ID:       "PA111",
	Name:     "endpoint-sg-ingress",
	Severity: finding.Error,
	Title:    "No security group of the execute-api endpoint admits TCP 443 from the client",
	Run:      runPA111,
}

// runPA111 reports reach's Ingress verdict of every (endpoint, client).
func runPA111(v *topology.View, r *Reporter) {
	n := r.Net(v)
	for _, ns := range n.NetSubjects() {
		vd := n.Ingress(ns.Pair)
		netVerdict(r, netSubject(ns, vd.Address), vd)
	}
}
