// Package pathgraph draws the path a call to a private REST API takes —
// client → its security groups → the execute-api endpoint's security groups
// → the endpoint → the endpoint policy → the resource policy → the API → its
// stages — as a graph, and marks the hops that the check results say are
// broken or unverified.
//
// The graph is built from the domain view (topology) and its pairing of
// APIs, endpoints and clients (reach), never from the plan's JSON; the
// results only mark it. Render it with Mermaid (GitHub renders Mermaid code
// blocks in Markdown) or DOT (Graphviz). Every label comes from resource
// addresses and other names in the input, which may hold any character: the
// renderers keep only a few safe ASCII characters and write every other one
// as a character reference, so nothing in a name can end a label, a
// statement or the Markdown code block around it.
package pathgraph

import (
	"fmt"
	"sort"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// State is how a hop fares.
type State int

const (
	OK         State = iota
	Unverified       // a deciding value is known only after apply
	Broken           // a check found it wrong
)

func (s State) String() string {
	switch s {
	case Broken:
		return "broken"
	case Unverified:
		return "unverified"
	}
	return "ok"
}

// Kind is what a node stands for.
type Kind string

const (
	KindClient         Kind = "client"
	KindClientSGs      Kind = "client security groups"
	KindEndpointSGs    Kind = "endpoint security groups"
	KindEndpoint       Kind = "execute-api endpoint"
	KindEndpointPolicy Kind = "endpoint policy"
	KindPolicy         Kind = "resource policy"
	KindAPI            Kind = "private REST API"
	KindStage          Kind = "stage"
	KindMore           Kind = "more clients"
)

// Node is one hop.
type Node struct {
	ID   string // n1, n2, …: unique in the graph, safe in every format
	Kind Kind
	// Lines are what the node shows under its kind: addresses, names, ids.
	Lines  []string
	State  State
	Checks []string // IDs of the results that mark it, sorted
	// Missing: the hop does not exist in the plan (no endpoint, no stage).
	Missing bool
}

// Edge is a link between two hops; only the network hop between the
// client's and the endpoint's security groups is ever marked.
type Edge struct {
	From, To *Node
	State    State
	Checks   []string
}

// Path is the graph of one API.
type Path struct {
	API   string
	Nodes []*Node
	Edges []*Edge
	// State is the worst state of its nodes and edges.
	State State
	// MoreClients counts clients left out by Options.MaxClients.
	MoreClients int
}

// Graph is the paths of every private API of a view.
type Graph struct {
	Paths []*Path
	// Omitted counts APIs left out by Options.MaxAPIs.
	Omitted int
}

// Options bound the size of a graph (a plan can hold thousands of APIs and
// clients, and a diagram of them all is neither readable nor renderable)
// and keep sensitive values out of it.
type Options struct {
	// Net is the run's reachability of the view (engine.Analysis.Net);
	// nil: Build makes its own.
	Net *reach.Net
	// Redact replaces sensitive values in a label (nil: none); pass the
	// engine's, which redacts the results the same way.
	Redact func(string) string

	MaxAPIs    int // 0 = no limit
	MaxClients int // per API; 0 = no limit
	// MarkedFirst draws the APIs with a broken or unverified hop before
	// the others, so that a cut keeps them.
	MarkedFirst bool
}

// Build draws the path of every API that is or may be private, in address
// order, and marks hops with the results (passes, waived results and info
// findings do not mark; unverified results of any severity do).
func Build(v *topology.View, results []finding.Result, lim Options) *Graph {
	g := &Graph{}
	net := lim.Net
	if net == nil {
		net = reach.NewNet(v)
	}
	apis := reach.PrivateAPIs(v)
	sort.SliceStable(apis, func(i, j int) bool { return apis[i].Address < apis[j].Address })
	byAPI := map[string][]*finding.Result{}
	for i := range results {
		r := &results[i]
		if !marks(r) {
			continue
		}
		for _, a := range involved(r) {
			byAPI[a] = append(byAPI[a], r)
		}
	}
	if lim.MarkedFirst {
		sort.SliceStable(apis, func(i, j int) bool {
			return len(byAPI[apis[i].Address]) > 0 && len(byAPI[apis[j].Address]) == 0
		})
	}
	sgs := map[string]*topology.SecurityGroup{}
	for _, sg := range v.SecurityGroups {
		if _, ok := sgs[sg.ID]; !ok && sg.ID != "" {
			sgs[sg.ID] = sg
		}
	}
	ids := 0
	for i, a := range apis {
		if lim.MaxAPIs > 0 && i >= lim.MaxAPIs {
			g.Omitted = len(apis) - i
			break
		}
		b := &pathBuilder{sgs: sgs, net: net, api: a, ids: &ids, lim: lim, p: &Path{API: a.Address}, results: byAPI[a.Address]}
		b.build()
		b.mark(byAPI[a.Address])
		if lim.Redact != nil {
			b.p.API = lim.Redact(b.p.API)
			for _, n := range b.p.Nodes {
				for i := range n.Lines {
					n.Lines[i] = lim.Redact(n.Lines[i])
				}
			}
		}
		g.Paths = append(g.Paths, b.p)
	}
	return g
}

// marks reports whether a result marks a hop.
func marks(r *finding.Result) bool {
	if r.Waiver != nil {
		return false
	}
	switch r.Status {
	case finding.Unverified:
		return true
	case finding.Fail:
		return r.Severity >= finding.Warning
	}
	return false
}

// involved lists the result's address and related addresses.
func involved(r *finding.Result) []string {
	return append([]string{r.Address}, r.Related...)
}

type pathBuilder struct {
	sgs map[string]*topology.SecurityGroup // by id
	net *reach.Net
	api *topology.API
	ids *int
	lim Options
	p   *Path

	apiNode, policy *Node
	stages          map[string]*Node // by stage address; "" = the missing stage
	endpoints       map[string]*epNodes
	noEndpoint      *Node
	clients         map[string]*clientNodes
	network         []*netEdge
	results         []*finding.Result // those that mark this API's hops
}

type epNodes struct{ sgs, endpoint, policy *Node }

type clientNodes struct{ client, sgs *Node }

type netEdge struct {
	client, endpoint string
	edge             *Edge
}

func (b *pathBuilder) node(k Kind, lines ...string) *Node {
	*b.ids++
	n := &Node{ID: fmt.Sprintf("n%d", *b.ids), Kind: k, Lines: lines}
	b.p.Nodes = append(b.p.Nodes, n)
	return n
}

func (b *pathBuilder) edge(from, to *Node) *Edge {
	e := &Edge{From: from, To: to}
	b.p.Edges = append(b.p.Edges, e)
	return e
}

func (b *pathBuilder) build() {
	a := b.api
	b.stages = map[string]*Node{}
	b.endpoints = map[string]*epNodes{}
	b.clients = map[string]*clientNodes{}

	// right to left is the order of the data, left to right the drawing
	refs := b.net.EndpointsFor(a)
	clients := append([]*topology.Client(nil), b.net.ClientsOf(a)...)
	// clients that a result marks first, so that a cut keeps them
	marked := map[string]bool{}
	for _, r := range b.results {
		switch hops[r.CheckID] {
		case hopClient, hopClientSGs, hopNetwork:
			for _, addr := range involved(r) {
				marked[addr] = true
			}
		}
	}
	sort.SliceStable(clients, func(i, j int) bool {
		x, y := clients[i], clients[j]
		if marked[x.Address] != marked[y.Address] {
			return marked[x.Address]
		}
		return x.Address < y.Address
	})
	if b.lim.MaxClients > 0 && len(clients) > b.lim.MaxClients {
		b.p.MoreClients = len(clients) - b.lim.MaxClients
		clients = clients[:b.lim.MaxClients]
	}

	for _, c := range clients {
		cn := &clientNodes{client: b.node(KindClient, clientLines(c)...)}
		cn.sgs = b.node(KindClientSGs, b.sgLines(c.SecurityGroupIDs, c.SGKnown, false, c.Declared)...)
		b.edge(cn.client, cn.sgs)
		b.clients[c.Address] = cn
	}
	var more *Node
	if b.p.MoreClients > 0 {
		what := "clients"
		if b.p.MoreClients == 1 {
			what = "client"
		}
		more = b.node(KindMore, fmt.Sprintf("%d more %s not drawn", b.p.MoreClients, what))
	}

	var eps []*epNodes
	for _, ref := range refs {
		e := ref.Endpoint
		if _, ok := b.endpoints[e.Address]; ok {
			continue
		}
		en := &epNodes{
			sgs:      b.node(KindEndpointSGs, b.sgLines(e.SecurityGroupIDs, e.SGKnown, e.DefaultSG, e.Declared)...),
			endpoint: b.node(KindEndpoint, endpointLines(e)...),
			policy:   b.node(KindEndpointPolicy, policyLines(e.Policies, "full access (no policy set)")...),
		}
		b.edge(en.sgs, en.endpoint)
		b.edge(en.endpoint, en.policy)
		b.endpoints[e.Address] = en
		eps = append(eps, en)
	}

	if len(eps) == 0 {
		b.noEndpoint = b.node(KindEndpoint, "none in the plan")
		b.noEndpoint.Missing = true
	}
	b.policy = b.node(KindPolicy, policyLines(a.Policies, "none")...)
	b.apiNode = b.node(KindAPI, a.Address)
	b.edge(b.policy, b.apiNode)
	for _, s := range a.Stages {
		n := b.node(KindStage, stageLines(s)...)
		b.stages[s.Address] = n
		b.edge(b.apiNode, n)
	}
	if len(a.Stages) == 0 {
		n := b.node(KindStage, "none in the plan")
		n.Missing = true
		b.stages[""] = n
		b.edge(b.apiNode, n)
	}
	defer b.sortEdges()

	if b.noEndpoint != nil {
		b.edge(b.noEndpoint, b.policy)
		for _, c := range clients {
			e := b.edge(b.clients[c.Address].sgs, b.noEndpoint)
			b.network = append(b.network, &netEdge{client: c.Address, edge: e})
		}
		if more != nil {
			b.edge(more, b.noEndpoint)
		}
		return
	}
	for _, en := range eps {
		b.edge(en.policy, b.policy)
	}
	for _, c := range clients {
		cn := b.clients[c.Address]
		paths := b.net.UsablePaths(a, c)
		if len(paths) == 0 {
			// the client can use none of the endpoints: draw the links it
			// would need, which the network checks mark
			paths = b.net.ClientPaths(a, c)
		}
		for _, cp := range paths {
			en, ok := b.endpoints[cp.Endpoint.Address]
			if !ok {
				continue
			}
			e := b.edge(cn.sgs, en.sgs)
			switch cp.Link.Result {
			case symbol.False:
				e.State = Broken
			case symbol.Unknown:
				e.State = Unverified
			}
			b.network = append(b.network, &netEdge{client: c.Address, endpoint: cp.Endpoint.Address, edge: e})
		}
	}
	if more != nil {
		for _, en := range eps {
			b.edge(more, en.sgs)
		}
	}
}

// sortEdges orders the edges as they are drawn: by the node they leave,
// then the node they reach, in the order the nodes were made.
func (b *pathBuilder) sortEdges() {
	at := map[*Node]int{}
	for i, n := range b.p.Nodes {
		at[n] = i
	}
	sort.SliceStable(b.p.Edges, func(i, j int) bool {
		x, y := b.p.Edges[i], b.p.Edges[j]
		if at[x.From] != at[y.From] {
			return at[x.From] < at[y.From]
		}
		return at[x.To] < at[y.To]
	})
}

// hop is where a check's results are drawn.
type hop int

const (
	hopNone hop = iota
	hopNoEndpoint
	hopEndpoint
	hopEndpointSGs
	hopEndpointPolicy
	hopClient
	hopClientSGs
	hopNetwork
	hopPolicy
	hopAPI
	hopStage
)

// hops maps each check to the hop it judges. Logging (PA5xx) and the checks
// on waivers (PA9xx) are not on the path.
var hops = map[string]hop{
	"PA101": hopNoEndpoint, "PA102": hopEndpoint, "PA103": hopEndpoint, "PA104": hopEndpoint,
	"PA110": hopNetwork, "PA111": hopEndpointSGs, "PA112": hopClientSGs, "PA113": hopEndpointSGs, "PA114": hopNetwork,
	"PA201": hopPolicy, "PA202": hopPolicy, "PA203": hopEndpointPolicy, "PA204": hopPolicy, "PA205": hopPolicy,
	"PA206": hopPolicy, "PA207": hopPolicy, "PA208": hopPolicy, "PA209": hopPolicy, "PA210": hopPolicy, "PA211": hopPolicy,
	"PA301": hopStage, "PA302": hopStage, "PA303": hopStage, "PA304": hopStage, "PA305": hopStage,
	"PA306": hopStage, "PA307": hopStage, "PA308": hopStage, "PA309": hopPolicy,
	"PA401": hopEndpoint, "PA402": hopEndpoint, "PA403": hopEndpoint, "PA404": hopAPI, "PA405": hopClient,
}

func stateOf(r *finding.Result) State {
	if r.Status == finding.Fail {
		return Broken
	}
	return Unverified
}

func (n *Node) mark(s State, id string) {
	n.State = max(n.State, s)
	n.Checks = addID(n.Checks, id)
}

func (e *Edge) mark(s State, id string) {
	e.State = max(e.State, s)
	e.Checks = addID(e.Checks, id)
}

func addID(ids []string, id string) []string {
	i := sort.SearchStrings(ids, id)
	if i < len(ids) && ids[i] == id {
		return ids
	}
	return append(ids[:i], append([]string{id}, ids[i:]...)...)
}

// mark draws each result on its hop: on the nodes of the endpoints,
// clients and stages the result names, or on all of them when it names
// none.
func (b *pathBuilder) mark(rs []*finding.Result) {
	for _, r := range rs {
		h := hops[r.CheckID]
		if h == hopNone {
			continue
		}
		names := map[string]bool{}
		for _, a := range involved(r) {
			names[a] = true
		}
		s, id := stateOf(r), r.CheckID
		switch h {
		case hopNoEndpoint:
			if b.noEndpoint != nil {
				b.noEndpoint.mark(s, id)
			} else {
				b.apiNode.mark(s, id)
			}
		case hopEndpoint, hopEndpointSGs, hopEndpointPolicy:
			for _, addr := range pick(names, b.endpoints) {
				en := b.endpoints[addr]
				switch h {
				case hopEndpoint:
					en.endpoint.mark(s, id)
				case hopEndpointSGs:
					en.sgs.mark(s, id)
				default:
					en.policy.mark(s, id)
				}
			}
			if len(b.endpoints) == 0 && b.noEndpoint != nil {
				b.noEndpoint.mark(s, id)
			}
		case hopClient, hopClientSGs:
			for _, addr := range pick(names, b.clients) {
				if h == hopClient {
					b.clients[addr].client.mark(s, id)
				} else {
					b.clients[addr].sgs.mark(s, id)
				}
			}
		case hopNetwork:
			marked := false
			for _, ne := range b.network {
				if names[ne.client] && (ne.endpoint == "" || names[ne.endpoint] || !namesAny(names, b.endpoints)) {
					ne.edge.mark(s, id)
					marked = true
				}
			}
			if !marked {
				// no drawn edge for it (a client without a usable path, or
				// one left out): mark the client's security groups
				for _, addr := range sortedKeys(b.clients) {
					if names[addr] {
						b.clients[addr].sgs.mark(s, id)
					}
				}
			}
		case hopPolicy:
			b.policy.mark(s, id)
		case hopAPI:
			b.apiNode.mark(s, id)
		case hopStage:
			for _, addr := range pick(names, b.stages) {
				b.stages[addr].mark(s, id)
			}
		}
	}
	for _, n := range b.p.Nodes {
		b.p.State = max(b.p.State, n.State)
	}
	for _, e := range b.p.Edges {
		b.p.State = max(b.p.State, e.State)
	}
}

// pick returns the addresses of all that names mentions, or all of them
// when it mentions none (sorted).
func pick[T any](names map[string]bool, all map[string]T) []string {
	var hit, every []string
	for a := range all {
		every = append(every, a)
		if names[a] {
			hit = append(hit, a)
		}
	}
	if len(hit) == 0 {
		hit = every
	}
	sort.Strings(hit)
	return hit
}

func sortedKeys[T any](m map[string]T) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func namesAny[T any](names map[string]bool, m map[string]T) bool {
	for a := range m {
		if names[a] {
			return true
		}
	}
	return false
}

func clientLines(c *topology.Client) []string {
	if c.Declared {
		return []string{c.Address, "declared in the configuration file"}
	}
	return []string{c.Address}
}

func endpointLines(e *topology.Endpoint) []string {
	if e.Declared {
		name := e.DeclaredName
		if name == "" {
			name = e.Address
		}
		return []string{"declared endpoint " + name, display(e.ID)}
	}
	return []string{e.Address}
}

func stageLines(s *topology.Stage) []string {
	if s.NameKnown && s.Name != "" {
		return []string{s.Address, "stage " + s.Name}
	}
	return []string{s.Address}
}

// sgLines names security groups by address when the plan has them, else
// by id (or what the id will be).
func (b *pathBuilder) sgLines(ids []string, known, defaultSG, declared bool) []string {
	var out []string
	for _, id := range ids {
		if sg := b.sgs[id]; sg != nil && sg.Address != "" {
			out = append(out, sg.Address)
		} else {
			out = append(out, display(id))
		}
	}
	if defaultSG && len(ids) == 0 {
		out = append(out, "the VPC's default security group")
	}
	if !known {
		out = append(out, "(more known only after apply)")
	}
	if len(out) == 0 {
		out = append(out, "none")
	}
	return out
}

// policyLines names where a policy comes from.
func policyLines(ps []*topology.PolicySource, none string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range ps {
		s := string(p.Kind)
		if p.InPlan() {
			s = p.Address
		}
		if p.DocumentAddress != "" {
			s += " (" + p.DocumentAddress + ")"
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		out = append(out, none)
	}
	return out
}

// display renders an id: a symbolic token (a value known after apply) as
// the reference it stands for.
func display(id string) string {
	if id == "" {
		return "(id unknown)"
	}
	return symbol.Display(id)
}
