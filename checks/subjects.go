package checks

import (
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/topology"
)

// pairSubject is the reporting subject of a pair, located at address (the
// resource the finding sits on varies per check: the endpoint, a security
// group, a NACL, the client...).
func pairSubject(p reach.Pair, address string) Subject {
	// Describe reads only these four: named, and the related list built,
	// when a result is recorded
	return Subject{API: p.API, Address: address, relPair: true,
		pair: pairing{api: p.API, endpoint: p.Endpoint, client: p.Client, source: p.Source}}
}

// netSubject is the subject of a network subject with every API of the
// path related.
func netSubject(ns reach.NetSubject, address string) Subject {
	s := pairSubject(ns.Pair, address)
	for _, a := range ns.APIs {
		s.Related = append(s.Related, a.Address)
	}
	return s
}

// endpointSubject is the subject of an endpoint-level check.
func endpointSubject(n *reach.Net, e *topology.Endpoint, address string) Subject {
	api, all := n.APIOf(e)
	s := Subject{API: api, Address: address, Related: []string{e.Address}, Describe: "endpoint " + e.Address}
	for _, a := range all {
		s.Related = append(s.Related, a.Address)
	}
	return s
}
