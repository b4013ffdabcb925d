package reach

import "github.com/privapi/privapi/internal/topology"

// link computes, once, what the Net answers about the private APIs of the
// view, in view order: their endpoints (rules 1–5; the WideBudget of rule
// 5 is spent in that order, so the answers never depend on which question
// is asked first), the paths from their clients, the pairs and what is
// grouped from them, and PA101's verdict for their regions. After link
// the Net is only read: checks on several goroutines share it.
func (n *Net) link() {
	n.apis = PrivateAPIs(n.V)
	n.near = map[string][]*topology.Endpoint{}
	n.wide = map[string][]EndpointRef{}
	n.regions = map[string]*regionSummary{}
	for _, a := range n.apis {
		region := APIRegion(a)
		if _, ok := n.regions[region]; ok {
			continue
		}
		if region != "" {
			n.near[region] = n.EndpointsNear(region)
		}
		n.wide[region] = n.regionWide(region)
		n.regions[region] = n.regionSummary(region)
	}
	for _, a := range n.apis {
		refs, region := n.endpointsFor(a)
		if len(refs) == 0 {
			if n.wideUsed+len(region) > WideBudget {
				if n.skipped == nil {
					n.skipped = map[*topology.API]int{}
				}
				n.skipped[a] = len(region)
				region = nil
			} else {
				n.wideUsed += len(region)
			}
			refs = region
		}
		n.refs[a] = refs
	}
	for _, a := range n.apis {
		for _, c := range n.ClientsOf(a) {
			n.paths[[2]any{a, c}] = n.clientPaths(a, c)
		}
	}
	n.pairs = n.pairsOf()
	n.subjects = n.netSubjects()
	n.apisOf = map[*topology.Endpoint][]*topology.API{}
	for _, a := range n.apis {
		for _, ref := range n.refs[a] {
			n.apisOf[ref.Endpoint] = append(n.apisOf[ref.Endpoint], a)
		}
	}
	n.using = map[[2]any][]*topology.Client{}
	for _, p := range n.pairs {
		if p.Client != nil {
			k := [2]any{p.API, p.Endpoint}
			n.using[k] = append(n.using[k], p.Client)
		}
	}
}
