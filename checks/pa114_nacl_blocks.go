package checks

import (
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

var pa114 = &Check{
	ID:       "PA114",
	Name:     "nacl-blocks",
	Severity: finding.Error,
	Title:    "A network ACL on the client's or the endpoint's subnet blocks TCP 443 or the return traffic",
	Run:      runPA114,
}

// runPA114 reports reach's NACLs verdicts of every (endpoint, client): one
// result per network ACL on the path.
func runPA114(v *topology.View, r *Reporter) {
	n := r.Net(v)
	for _, ns := range n.NetSubjects() {
		for _, vd := range n.NACLs(ns.Pair) {
			netVerdict(r, netSubject(ns, vd.Address), vd)
		}
	}
}
