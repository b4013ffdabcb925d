// Package reach links the private REST APIs of a view to the execute-api
// endpoints that carry their calls and to the clients that use those
// endpoints: the pairing that the network, DNS, policy and logging checks
// and the runbook judge. It is built once per view from the topology
// (NewNet) and never reads JSON, flags or files.
package reach

// The subjects of the reachability checks, written once for the network,
// DNS and policy checks and the runbook.
//
// APIs. Every REST API whose type is PRIVATE, or may be (Private ==
// Unknown: checks then report unverified where the answer depends on it).
//
// Endpoints that must reach an API (EndpointsFor). AWS lets a caller reach a
// private API through any execute-api Interface endpoint of the API's
// Region, in any VPC or account, that the resource policy (and the
// endpoint's own policy) admits; vpc_endpoint_ids only creates the
// {api-id}-{vpce-id} alias names. So every execute-api endpoint of the
// Region is a candidate, and these tell which of them are meant:
//  1. the endpoints named in its vpc_endpoint_ids — an id matches an
//     endpoint when symbol.Equal proves it; an id that proves no match but
//     may be some endpoint (unknown until apply) matches it with Unknown;
//     when the ids cannot be resolved, the endpoints the API's
//     endpoint_configuration references (topology.API.EndpointConfigReads;
//     FromReference);
//  2. the execute-api endpoints in the VPC of each client of the API;
//  3. the endpoints declared in the configuration file (of the API's region,
//     or of an unknown one);
//  4. the endpoints the resource policy names or admits: the values of
//     aws:SourceVpce (by id) and aws:SourceVpc (every endpoint in that VPC)
//     that limit its Allow statements (iampolicy.VpcRestrictions) — looked
//     up in the indexes by id and VPC, so the work grows with what the
//     policy names, not with the endpoints of the Region;
//  5. only when 1–4 give none: every execute-api endpoint of the API's
//     region in the plan, the state or the configuration file (a region
//     that is not known counts as possibly matching, Match Unknown), with
//     Source FromRegion, which says that nothing tells which endpoint the
//     clients use. The list is shared by every such API of a region; at
//     most WideBudget such (API, endpoint) links are made in a view, and an
//     API past that bound gets none and a reason (Unbounded), never a
//     silent pass.
//
// Clients of an API: topology's ClientsOf (compute that refers to the API,
// plus declared clients).
//
// Pairs. For each private API and each client, every endpoint of the API
// is joined to the client by a path (ClientPaths: topology.Paths.Connect
// for each subnet of the client — same VPC, or peering / transit gateway with
// routes both ways; a Lambda without vpc_config reaches none). A client
// uses an endpoint (one Pair) when the path is not proven impossible, and:
//   - if its configuration names endpoints in {api-id}-{vpce-id} URLs, only
//     those;
//   - else, if some endpoint is proven to be in its own VPC, only those (the
//     private DNS name and the client's traffic stay in its VPC);
//   - else every endpoint it may reach.
//
// Net computes all of this once per run (NewNet indexes the frozen view
// and links every private API eagerly; its methods then only read, so
// checks on several goroutines can share it); the package-level functions
// (Pairs, EndpointsFor, APIOf...) are shorthands that build a Net on every
// call — fine once per run, too slow in a loop over endpoints or clients
// of a large plan.
//
// An API with no known client gets one Pair per endpoint with Client nil:
// the endpoint side is judged alone ("is 443 admitted from anywhere inside
// the endpoint's VPC or its connected networks"). An API with clients none
// of which can use an endpoint gets no Pair for that endpoint (PA110
// reports the clients).

import (
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// EndpointSource says why an endpoint must reach an API.
type EndpointSource string

const (
	FromAssociation EndpointSource = "vpc_endpoint_ids"
	FromClientVPC   EndpointSource = "client VPC"
	FromDeclared    EndpointSource = "declared in the configuration file"
	FromPolicy      EndpointSource = "named by the resource policy (aws:SourceVpce)"
	FromPolicyVPC   EndpointSource = "in a VPC named by the resource policy (aws:SourceVpc)"
	FromRegion      EndpointSource = "execute-api endpoint of the API's region; nothing names the endpoint its clients use"
	FromReference   EndpointSource = "referenced by vpc_endpoint_ids (ids known after apply)"
)

// EndpointRef is an endpoint that must reach an API.
type EndpointRef struct {
	Endpoint *topology.Endpoint
	Source   EndpointSource
	// Match is True when the endpoint is proven to be the one meant, Unknown
	// when it may be (an id or region unknown until apply).
	Match symbol.Tri
}

// Pair is one subject: an API, an endpoint that must reach it, and a client
// that can use that endpoint (nil: the API has no known client, judge the
// endpoint side alone).
type Pair struct {
	API      *topology.API
	Endpoint *topology.Endpoint
	Client   *topology.Client
	Source   EndpointSource
	Match    symbol.Tri
	// Link is the path from every subnet of the client to the endpoint
	// (Result True or Unknown; zero for Client nil).
	Link topology.Link
}

// Describe names the pairing for people.
func (p Pair) Describe() string {
	s := "API " + p.API.Address + " through endpoint " + p.Endpoint.Address
	if p.Source == FromRegion {
		s += " (any execute-api endpoint of the API's region; nothing names the one its clients use)"
	}
	if p.Client != nil {
		return s + " from client " + p.Client.Address
	}
	return s + " (no known client)"
}

// PrivateAPIs lists the APIs that are, or may be, PRIVATE.
func PrivateAPIs(v *topology.View) []*topology.API {
	var out []*topology.API
	for _, a := range v.APIs {
		if a.Private != symbol.False {
			out = append(out, a)
		}
	}
	return out
}

// APIRegion returns the region of an API: the model's (resource region,
// provider configuration), else the one in its execution ARN (a state file
// carries no provider configuration), else "".
func APIRegion(a *topology.API) string {
	if a.Region != "" {
		return a.Region
	}
	if parts := strings.Split(a.ExecutionARN, ":"); len(parts) > 3 && parts[2] == "execute-api" && !symbol.Contains(parts[3]) {
		return parts[3]
	}
	return ""
}

// EndpointRegion returns the region of an endpoint: the model's, else the
// one in its service name (an existing execute-api endpoint serves its own
// region only, C8), else "".
func EndpointRegion(e *topology.Endpoint) string {
	if e.Region != "" {
		return e.Region
	}
	return ServiceNameRegion(e.ServiceName)
}

// RegionMatch compares two regions; "" is unknown, and a token (the region
// of a provider configuration that does not write it) equals itself only.
func RegionMatch(a, b string) symbol.Tri {
	if a != "" && a == b {
		return symbol.True // also one provider configuration's region that is not written down
	}
	if a == "" || b == "" || symbol.Contains(a) || symbol.Contains(b) {
		return symbol.Unknown
	}
	return symbol.FromBool(a == b)
}

// Net is the pairing of one view, computed once by NewNet: build it once
// per run, after the view is built, and do not change the view while
// using it. Its methods write nothing, so it may be shared by goroutines.
type Net struct {
	V *topology.View
	// P answers path questions (subnets, groups, routes, links, URL forms).
	P *topology.Paths

	clients  map[string][]*topology.Client // by API address
	epByID   map[string][]*topology.Endpoint
	epByVPC  map[string][]*topology.Endpoint
	declared []*topology.Endpoint
	// notFresh: endpoints whose id is not a fresh token (known now, or of
	// an existing resource): the only ones a literal id can name.
	notFresh []*topology.Endpoint
	// filled by link, once, in NewNet: the private APIs (view order) and,
	// for them, their regions and clients, what the methods answer
	apis     []*topology.API
	near     map[string][]*topology.Endpoint // EndpointsNear by region
	refs     map[*topology.API][]EndpointRef
	wide     map[string][]EndpointRef // rule 5 by region
	wideUsed int
	skipped  map[*topology.API]int // APIs past WideBudget: endpoints not linked
	paths    map[apiClient][]ClientPath
	pairs    []Pair
	subjects []NetSubject
	apisOf   map[*topology.Endpoint][]*topology.API
	regions  map[string]*regionSummary // PA101's verdict per region
	using    map[apiEndpoint][]*topology.Client
	groups   map[groupsKey]Groups // resolved security groups (resolveGroups)
}

// apiClient and apiEndpoint key the Net's maps of pairs (pointer pairs:
// half the size of [2]any and hashed without the interfaces' types).
type apiClient struct {
	a *topology.API
	c *topology.Client
}

type apiEndpoint struct {
	a *topology.API
	e *topology.Endpoint
}

// NewNet indexes the view and links its private APIs, eagerly (see link):
// build it once per run. Every call builds a new Net.
func NewNet(v *topology.View) *Net {
	n := newNet(v)
	n.link()
	return n
}

func newNet(v *topology.View) *Net {
	n := &Net{V: v, P: v.Paths(), clients: map[string][]*topology.Client{}, epByID: map[string][]*topology.Endpoint{},
		epByVPC: map[string][]*topology.Endpoint{}, refs: map[*topology.API][]EndpointRef{}, paths: map[apiClient][]ClientPath{}}
	for _, c := range v.Clients {
		for _, a := range c.APIs {
			n.clients[a] = append(n.clients[a], c)
		}
	}
	for _, e := range v.Endpoints {
		n.epByID[e.ID] = append(n.epByID[e.ID], e)
		if ExecuteAPI(e) != symbol.False {
			n.epByVPC[e.VPCID] = append(n.epByVPC[e.VPCID], e)
		}
		if e.Declared {
			n.declared = append(n.declared, e)
		}
		if r, ok := symbol.Only(e.ID); !ok || !r.Fresh {
			n.notFresh = append(n.notFresh, e)
		}
	}
	return n
}

// ClientsOf lists the clients of an API (topology.View.ClientsOf, indexed).
func (n *Net) ClientsOf(a *topology.API) []*topology.Client { return n.clients[a.Address] }

// EndpointsFor lists the endpoints that must reach api (rules in the
// package comment), sorted by address, each once with its first source.
func EndpointsFor(v *topology.View, api *topology.API) []EndpointRef {
	return NewNet(v).EndpointsFor(api)
}

// EndpointsFor lists the endpoints that must reach api. Those of the
// private APIs were linked by NewNet; for any other API the same rules are
// applied again and nothing is stored (rule 5 then takes nothing from the
// budget, and gives none once the private APIs spent it).
func (n *Net) EndpointsFor(api *topology.API) []EndpointRef {
	if refs, ok := n.refs[api]; ok {
		return refs
	}
	refs, region := n.endpointsFor(api)
	if len(refs) == 0 && n.wideUsed+len(region) <= WideBudget {
		return region
	}
	return refs
}

// endpointsFor applies rules 1–4 to api, sorted by endpoint address; when
// they give none, region is what rule 5 would give.
func (n *Net) endpointsFor(api *topology.API) (refs, region []EndpointRef) {
	rs := &refSet{seen: map[*topology.Endpoint]int{}}
	known := n.associated(api, rs)
	n.fromClients(api, rs)
	n.fromDeclared(api, rs)
	if !known && api.EndpointConfigReads != nil {
		n.fromReferences(api, rs)
	}
	n.fromPolicy(api, rs)
	out := rs.out
	if len(out) == 0 {
		return nil, n.regionWide(APIRegion(api))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Endpoint.Address < out[j].Endpoint.Address })
	return out, nil
}

// refSet collects the endpoints of one API, each once with its first
// source; a later proven match upgrades an Unknown one.
type refSet struct {
	out  []EndpointRef
	seen map[*topology.Endpoint]int
}

func (rs *refSet) add(e *topology.Endpoint, src EndpointSource, m symbol.Tri) {
	if i, ok := rs.seen[e]; ok {
		if m == symbol.True && rs.out[i].Match != symbol.True {
			rs.out[i].Match = symbol.True
		}
		return
	}
	rs.seen[e] = len(rs.out)
	rs.out = append(rs.out, EndpointRef{Endpoint: e, Source: src, Match: m})
}

// associated adds the endpoints of vpc_endpoint_ids (rule 1) and reports
// whether those ids are known.
func (n *Net) associated(api *topology.API, rs *refSet) bool {
	ids, known := n.P.APIEndpointIDs(api)
	for _, id := range ids {
		if exact := n.epByID[id]; len(exact) > 0 {
			for _, e := range exact {
				rs.add(e, FromAssociation, symbol.True)
			}
			continue
		}
		// A literal or a fresh id can only be Unknown-equal to an endpoint
		// whose own id is not fresh (symbol.Equal): skip the fresh ones.
		candidates := n.notFresh
		if r, ok := symbol.Only(id); symbol.Contains(id) && !(ok && r.Fresh) {
			candidates = n.V.Endpoints
		}
		for _, e := range candidates {
			if topology.Same(e.ID, id) == symbol.Unknown {
				rs.add(e, FromAssociation, symbol.Unknown)
			}
		}
	}
	return known
}

// fromClients adds the execute-api endpoints in the VPCs of the API's
// clients (rule 2).
func (n *Net) fromClients(api *topology.API, rs *refSet) {
	for _, c := range n.ClientsOf(api) {
		vpcs, _ := n.P.ClientVPCIDs(c)
		for _, vpc := range vpcs {
			for _, e := range n.epByVPC[vpc] {
				rs.add(e, FromClientVPC, symbol.True)
			}
		}
	}
}

// fromDeclared adds the declared endpoints of the API's region (rule 3).
func (n *Net) fromDeclared(api *topology.API, rs *refSet) {
	for _, e := range n.declared {
		if m := RegionMatch(EndpointRegion(e), APIRegion(api)); m != symbol.False {
			rs.add(e, FromDeclared, symbol.True)
		}
	}
}

// fromReferences adds, when the ids are not known, the endpoints the
// API's endpoint_configuration references (rule 1), bounded by what it
// reads (topology.EndpointConfigReads): those it references, and every
// endpoint whose id is not fresh, whose literal id the expression may hold.
func (n *Net) fromReferences(api *topology.API, rs *refSet) {
	r := api.EndpointConfigReads
	if !r.Bounded {
		return
	}
	referenced := make(map[*topology.Endpoint]bool, len(r.Endpoints))
	for _, e := range r.Endpoints {
		referenced[e] = true
	}
	candidates := append([]*topology.Endpoint(nil), r.Endpoints...)
	for _, e := range n.notFresh {
		if !referenced[e] {
			candidates = append(candidates, e)
		}
	}
	for _, e := range candidates {
		if ExecuteAPI(e) == symbol.False || RegionMatch(EndpointRegion(e), APIRegion(api)) == symbol.False {
			continue
		}
		if referenced[e] {
			rs.add(e, FromReference, symbol.Unknown)
		} else if r.Resources > 0 {
			// an existing endpoint's literal id may be written in
			// the expression, which the plan does not show
			rs.add(e, FromRegion, symbol.Unknown)
		}
	}
}

// fromPolicy adds the endpoints the resource policy names (rule 4).
func (n *Net) fromPolicy(api *topology.API, rs *refSet) {
	ids, vpcs, bounded := n.policyNames(api)
	if !bounded {
		return
	}
	for _, id := range ids {
		for _, e := range n.epByID[id] {
			if ExecuteAPI(e) != symbol.False {
				rs.add(e, FromPolicy, symbol.True)
			}
		}
	}
	for _, vpc := range vpcs {
		for _, e := range n.epByVPC[vpc] {
			rs.add(e, FromPolicyVPC, symbol.True)
		}
	}
}

// EndpointsNear lists, in view order, the endpoints that may be in region:
// those of that region and those whose region is not known (all of them
// when region itself is not known).
func (n *Net) EndpointsNear(region string) []*topology.Endpoint {
	if region == "" {
		return n.V.Endpoints
	}
	if l, ok := n.near[region]; ok {
		return l
	}
	var l []*topology.Endpoint
	for _, e := range n.V.Endpoints {
		if RegionMatch(EndpointRegion(e), region) != symbol.False {
			l = append(l, e)
		}
	}
	return l
}

// ClientPath is the path from a client to one endpoint of an API.
type ClientPath struct {
	EndpointRef
	Link topology.Link
}

// ClientPaths joins a client to every endpoint of an API: the Link from
// each of the client's subnets, combined so that every subnet must reach
// the endpoint (the weakest subnet's link is kept).
func (n *Net) ClientPaths(api *topology.API, c *topology.Client) []ClientPath {
	if cp, ok := n.paths[apiClient{api, c}]; ok {
		return cp
	}
	return n.clientPaths(api, c, nil)
}

// clientPaths is ClientPaths; memo, when set, keeps the links it found
// (link passes one).
func (n *Net) clientPaths(api *topology.API, c *topology.Client, memo *subnetLinks) []ClientPath {
	var out []ClientPath
	for _, ref := range n.EndpointsFor(api) {
		out = append(out, ClientPath{EndpointRef: ref, Link: n.clientLink(c, ref.Endpoint, memo)})
	}
	return out
}

// clientLink is the path from every subnet of c to e.
func (n *Net) clientLink(c *topology.Client, e *topology.Endpoint, memo *subnetLinks) topology.Link {
	if c.NoVPC {
		return topology.Link{Result: symbol.False, Kind: topology.LinkNone,
			Reason: c.Address + " has no vpc_config, so it runs outside every VPC and cannot reach an interface endpoint"}
	}
	if memo != nil && !c.Declared {
		// one side per subnet (topology.Paths.ClientSides), each linked once
		subs, known := n.P.ClientSubnets(c)
		return clientWorst(c, len(subs), known, func(i int) topology.Link { return memo.connect(n.P, subs[i], e) })
	}
	sides, known := n.P.ClientSides(c)
	var to []topology.Side
	if len(sides) > 0 {
		to, _ = n.P.EndpointSides(e)
	}
	return clientWorst(c, len(sides), known, func(i int) topology.Link { return n.P.Connect(sides[i], to) })
}

// clientWorst is the link of client c from the links of its sides (link(i)
// for i < sides; known: every side is known): the weakest.
func clientWorst(c *topology.Client, sides int, known bool, link func(i int) topology.Link) topology.Link {
	if sides == 0 {
		why := "the subnets of " + c.Address + " are not known until apply"
		if known {
			why = c.Address + " names no subnet"
		}
		return topology.Link{Result: symbol.Unknown, Kind: topology.LinkNone, Reason: why}
	}
	var worst topology.Link
	for i := range sides {
		l := link(i)
		if i == 0 || netRank(l.Result) < netRank(worst.Result) {
			worst = l
		}
	}
	if !known && worst.Result == symbol.True {
		worst.Result = symbol.Unknown
		worst.Reason += "; some subnets of " + c.Address + " are not in the plan"
	}
	return worst
}

func netRank(t symbol.Tri) int {
	switch t {
	case symbol.False:
		return 0
	case symbol.Unknown:
		return 1
	}
	return 2
}

// Pairs returns every (API, endpoint, client) subject of the view (rules in
// the package comment), ordered by API, endpoint and client address.
func Pairs(v *topology.View) []Pair { return NewNet(v).Pairs() }

// Pairs returns every (API, endpoint, client) subject.
func (n *Net) Pairs() []Pair { return n.pairs }

func (n *Net) pairsOf() []Pair {
	var out []Pair
	for _, api := range n.apis {
		clients := n.ClientsOf(api)
		if len(clients) == 0 {
			for _, ref := range n.EndpointsFor(api) {
				out = append(out, Pair{API: api, Endpoint: ref.Endpoint, Source: ref.Source, Match: ref.Match})
			}
			continue
		}
		for _, c := range clients {
			for _, cp := range n.UsablePaths(api, c) {
				out = append(out, Pair{API: api, Endpoint: cp.Endpoint, Client: c, Source: cp.Source, Match: cp.Match, Link: cp.Link})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.API.Address != b.API.Address {
			return a.API.Address < b.API.Address
		}
		if a.Endpoint.Address != b.Endpoint.Address {
			return a.Endpoint.Address < b.Endpoint.Address
		}
		return ClientAddr(a.Client) < ClientAddr(b.Client)
	})
	return out
}

// ClientAddr is the address of a client, "" for none.
func ClientAddr(c *topology.Client) string {
	if c == nil {
		return ""
	}
	return c.Address
}

// UsablePaths returns the paths of ClientPaths a client uses (rules in the
// package comment).
//
// The slice returned may be ClientPaths' own (capped, when nothing is left
// out): callers only read it.
func (n *Net) UsablePaths(api *topology.API, c *topology.Client) []ClientPath {
	all := n.ClientPaths(api, c)
	possible := all[:len(all):len(all)] // every path is possible: no copy
	if slices.ContainsFunc(all, func(cp ClientPath) bool { return cp.Link.Result == symbol.False }) {
		possible = nil
		for _, cp := range all {
			if cp.Link.Result != symbol.False {
				possible = append(possible, cp)
			}
		}
	}
	if forms := n.P.InvokeFormsOf(c, api); len(forms.Alias) > 0 {
		var named []ClientPath
		for _, cp := range possible {
			for _, id := range forms.Alias {
				if topology.Same(cp.Endpoint.ID, id) != symbol.False {
					named = append(named, cp)
					break
				}
			}
		}
		if len(named) > 0 {
			return named
		}
	}
	isLocal := func(cp ClientPath) bool {
		return cp.Link.Kind == topology.LinkSameVPC && cp.Link.Result == symbol.True
	}
	if !slices.ContainsFunc(possible, func(cp ClientPath) bool { return !isLocal(cp) }) {
		return possible // every path is local (or there is none): all of them
	}
	var local []ClientPath
	for _, cp := range possible {
		if isLocal(cp) {
			local = append(local, cp)
		}
	}
	if len(local) > 0 {
		return local
	}
	return possible
}

// ClientsUsing lists the clients that use e for a (from Pairs).
func (n *Net) ClientsUsing(a *topology.API, e *topology.Endpoint) []*topology.Client {
	return n.using[apiEndpoint{a, e}]
}

// NetSubject is one network subject: an endpoint and a client (or nil),
// with every pair that needs it. Network facts do not depend on the API,
// so the network checks judge each (endpoint, client) once.
type NetSubject struct {
	Pair
	// APIs lists every API that needs this path (first = Pair.API).
	APIs []*topology.API
}

// NetSubjects groups Pairs by (endpoint, client).
func (n *Net) NetSubjects() []NetSubject { return n.subjects }

func (n *Net) netSubjects() []NetSubject {
	var out []NetSubject
	idx := make(map[[2]string]int, len(n.pairs))
	for _, p := range n.Pairs() {
		k := [2]string{p.Endpoint.Address, ClientAddr(p.Client)}
		if i, ok := idx[k]; ok {
			out[i].APIs = append(out[i].APIs, p.API)
			// a proven API wins over one that may not be private
			if out[i].API.Private != symbol.True && p.API.Private == symbol.True {
				out[i].Pair.API = p.API
			}
			continue
		}
		idx[k] = len(out)
		out = append(out, NetSubject{Pair: p, APIs: []*topology.API{p.API}})
	}
	return out
}

// APIOf returns the first private API that needs the endpoint (nil when
// none; a proven private API first), and every such API.
func (n *Net) APIOf(e *topology.Endpoint) (*topology.API, []*topology.API) {
	all := n.apisOf[e]
	if len(all) == 0 {
		return nil, nil
	}
	first := all[0]
	for _, a := range all {
		if a.Private == symbol.True {
			first = a
			break
		}
	}
	return first, all
}

// ExecuteAPI reports whether an endpoint is for execute-api: True for a
// service name ending in .execute-api, Unknown when the service name is
// known only after apply, False otherwise.
func ExecuteAPI(e *topology.Endpoint) symbol.Tri {
	switch {
	case e.ServiceUnknown:
		return symbol.Unknown
	case e.ExecuteAPI():
		return symbol.True
	case e.ServiceName == "" || symbol.Contains(e.ServiceName):
		return symbol.Unknown
	}
	return symbol.False
}

// ManagedEndpoints lists the endpoints of the plan (not the declared ones)
// that are, or may be, for execute-api: the subjects of the endpoint-level
// checks.
func ManagedEndpoints(v *topology.View) []*topology.Endpoint {
	var out []*topology.Endpoint
	for _, e := range v.Endpoints {
		if !e.Declared && ExecuteAPI(e) != symbol.False {
			out = append(out, e)
		}
	}
	return out
}

// DeclaredEndpoints lists the endpoints declared in the configuration
// file: the endpoint-level checks judge them on what the file declares
// (subnets and their Availability Zones, the VPC's DNS attributes) and
// report unverified where it declares nothing.
func DeclaredEndpoints(v *topology.View) []*topology.Endpoint {
	var out []*topology.Endpoint
	for _, e := range v.Endpoints {
		if e.Declared {
			out = append(out, e)
		}
	}
	return out
}

var serviceNameRegion = regexp.MustCompile(`^(?:cn\.)?com\.amazonaws\.([^.]+)\.execute-api$`)

// ServiceNameRegion returns the region in an execute-api service name
// (com.amazonaws.REGION.execute-api, cn.com.amazonaws.REGION.execute-api),
// "" when it cannot be read.
func ServiceNameRegion(svc string) string {
	if symbol.Contains(svc) {
		return ""
	}
	m := serviceNameRegion.FindStringSubmatch(strings.TrimSpace(svc))
	if m == nil {
		return ""
	}
	return m[1]
}

// WideBudget bounds the (API, endpoint) links rule 5 makes in one view
// (package comment): beyond it, an API that nothing binds to an endpoint is
// reported as such (Unbounded) instead of being linked to every endpoint of
// its region, so that 5,000 such APIs and 5,000 endpoints in one region do
// not make 25 million pairings.
const WideBudget = 200_000

// regionWide lists, once per region, every endpoint of the region that is
// or may be for execute-api (rule 5), sorted by address.
func (n *Net) regionWide(region string) []EndpointRef {
	if l, ok := n.wide[region]; ok {
		return l
	}
	var out []EndpointRef
	for _, e := range n.EndpointsNear(region) {
		x := ExecuteAPI(e)
		if x == symbol.False {
			continue
		}
		if m := RegionMatch(EndpointRegion(e), region).And(x); m != symbol.False {
			out = append(out, EndpointRef{Endpoint: e, Source: FromRegion, Match: m})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Endpoint.Address < out[j].Endpoint.Address })
	return out
}

// Unbounded returns, for an API that nothing binds to an endpoint (rule 5)
// and that is past WideBudget, how many endpoints of its region may carry
// its calls but were not linked to it; 0 otherwise.
func (n *Net) Unbounded(api *topology.API) int {
	return n.skipped[api]
}

// Wide reports whether the API's endpoints come from rule 5: nothing (no
// vpc_endpoint_ids, client, declared endpoint or policy condition) names
// the endpoint its clients use.
func (n *Net) Wide(api *topology.API) bool {
	refs := n.EndpointsFor(api)
	return n.skipped[api] > 0 || (len(refs) > 0 && refs[0].Source == FromRegion)
}

// policyNames reads the endpoint ids and VPC ids that the API's resource
// policy limits its Allow statements to (rule 4). bounded is false when
// the policy cannot be read, or when some Allow admits endpoints that are
// not named one by one: no VPC condition at all, aws:VpcSourceIp, or a
// pattern such as "vpce-*".
func (n *Net) policyNames(api *topology.API) (ids, vpcs []string, bounded bool) {
	ps := topology.EffectivePolicy(api)
	if ps == nil {
		return nil, nil, false
	}
	pol, err := n.V.ReadPolicy(ps) // the document Build read, not parsed again
	if err != nil || pol == nil {
		return nil, nil, false
	}
	allows := pol.VpcRestrictions(n.V.APIExpandContext(api))
	if len(allows) == 0 {
		return nil, nil, false
	}
	for _, ar := range allows {
		if !ar.Restricted() {
			return nil, nil, false
		}
		for _, r := range ar.Restrictions {
			for _, val := range r.Condition.Values {
				if strings.ContainsAny(symbol.Display(val), "*?") {
					return nil, nil, false
				}
				switch r.Key {
				case iampolicy.KeySourceVpce:
					ids = append(ids, val)
				case iampolicy.KeySourceVpc:
					vpcs = append(vpcs, val)
				default:
					return nil, nil, false
				}
			}
		}
	}
	return ids, vpcs, true
}
