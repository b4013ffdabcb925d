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
	memo := &subnetLinks{sides: map[*topology.Endpoint][]topology.Side{}, links: map[subnetEndpoint]topology.Link{}}
	for _, a := range n.apis {
		for _, c := range n.ClientsOf(a) {
			n.paths[apiClient{a, c}] = n.clientPaths(a, c, memo)
		}
	}
	n.pairs = n.pairsOf()
	n.linkGroups()
	n.subjects = n.netSubjects()
	n.apisOf = map[*topology.Endpoint][]*topology.API{}
	for _, a := range n.apis {
		for _, ref := range n.refs[a] {
			n.apisOf[ref.Endpoint] = append(n.apisOf[ref.Endpoint], a)
		}
	}
	n.using = map[apiEndpoint][]*topology.Client{}
	for _, p := range n.pairs {
		if p.Client != nil {
			k := apiEndpoint{p.API, p.Endpoint}
			n.using[k] = append(n.using[k], p.Client)
		}
	}
}

// subnetLinks keeps, while link runs, the sides of each endpoint and the
// link from each client subnet to each endpoint: behind a shared endpoint,
// thousands of clients sit in the same few subnets. Only link uses it (on
// one goroutine).
type subnetLinks struct {
	sides map[*topology.Endpoint][]topology.Side
	links map[subnetEndpoint]topology.Link
}

type subnetEndpoint struct {
	s *topology.Subnet
	e *topology.Endpoint
}

// connect is p.Connect(p.SubnetSide(s), the sides of e), found once.
func (m *subnetLinks) connect(p *topology.Paths, s *topology.Subnet, e *topology.Endpoint) topology.Link {
	k := subnetEndpoint{s, e}
	if l, ok := m.links[k]; ok {
		return l
	}
	to, ok := m.sides[e]
	if !ok {
		to, _ = p.EndpointSides(e)
		m.sides[e] = to
	}
	l := p.Connect(p.SubnetSide(s), to)
	m.links[k] = l
	return l
}
