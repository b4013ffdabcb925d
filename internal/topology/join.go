package topology

// Joining stacks: a view built from a model that absorbed other stacks'
// models (model.Absorb) holds their VPCs, subnets, security groups,
// NACLs, route tables, peerings, transit gateway attachments, endpoints,
// APIs and clients too, under addresses qualified with the stack name. A
// literal id in the checked plan then finds the element that carries it.
// joinStacks keeps one element per id and reports the ids that two inputs
// describe differently.

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/waiver/addr"
)

// Conflict is one id that two inputs describe differently.
type Conflict struct {
	ID   string
	Kind string // "VPC endpoint", "VPC", "subnet", "security group", ...
	// Kept is the address of the element the view keeps (the checked
	// plan's, else the first context input's); Dropped the other one's.
	Kept, Dropped string
	// Diffs name each attribute that differs: "vpc_id: vpc-1 vs vpc-2".
	Diffs []string
}

// joinStacks keeps, for every known id, the element of the input that
// ranks first (the checked plan before the context inputs, in the order of
// stacks), drops the later ones and records a Conflict where they disagree.
// A context input's endpoint whose id a declared endpoint has (declared,
// from the configuration file) is dropped too: an explicit declaration
// wins over a context input. Build calls it before declare.
func (v *View) joinStacks(stacks []string, declared []string) {
	rank := map[string]int{"": 0}
	for i, s := range stacks {
		rank[s] = i + 1
	}
	rankOf := func(address string) int { return rank[addr.StackOf(address)] }
	decl := map[string]bool{}
	for _, id := range declared {
		decl[id] = true
	}
	v.Endpoints = dedupe(v, v.Endpoints, rankOf, "VPC endpoint", func(e *Endpoint) (Node, string) { return e.Node, e.ID }, diffEndpoints, func(e *Endpoint) bool {
		return decl[e.ID] && addr.StackOf(e.Address) != ""
	})
	v.VPCs = dedupe(v, v.VPCs, rankOf, "VPC", func(x *VPC) (Node, string) { return x.Node, x.ID }, diffVPCs, nil)
	v.Subnets = dedupe(v, v.Subnets, rankOf, "subnet", func(x *Subnet) (Node, string) { return x.Node, x.ID }, diffSubnets, nil)
	v.SecurityGroups = dedupe(v, v.SecurityGroups, rankOf, "security group", func(x *SecurityGroup) (Node, string) { return x.Node, x.ID }, diffGroups, nil)
	v.NACLs = dedupe(v, v.NACLs, rankOf, "network ACL", func(x *NACL) (Node, string) { return x.Node, x.ID }, diffNACLs, nil)
	v.RouteTables = dedupe(v, v.RouteTables, rankOf, "route table", func(x *RouteTable) (Node, string) { return x.Node, x.ID }, diffRouteTables, nil)
	v.Peerings = dedupe(v, v.Peerings, rankOf, "VPC peering connection", func(x *Peering) (Node, string) { return x.Node, x.ID }, diffPeerings, nil)
	v.APIs = dedupe(v, v.APIs, rankOf, "REST API", func(x *API) (Node, string) { return x.Node, x.ID }, diffAPIs, nil)
	sort.Slice(v.Conflicts, func(i, j int) bool {
		a, b := v.Conflicts[i], v.Conflicts[j]
		if a.ID != b.ID {
			return a.ID < b.ID
		}
		return a.Dropped < b.Dropped
	})
}

// dedupe keeps the first-ranked element of each known id, in the slice's
// order otherwise. drop, when set, removes an element outright.
func dedupe[T any](v *View, xs []T, rankOf func(string) int, kind string, key func(T) (Node, string), diff func(a, b T) []string, drop func(T) bool) []T {
	type item struct {
		x    T
		rank int
		pos  int
	}
	items := make([]item, 0, len(xs))
	for i, x := range xs {
		if drop != nil && drop(x) {
			continue
		}
		n, _ := key(x)
		items = append(items, item{x, rankOf(n.Address), i})
	}
	// first-ranked first; the view's order within a rank
	sort.SliceStable(items, func(i, j int) bool { return items[i].rank < items[j].rank })
	kept := map[string]T{}
	out := make([]T, 0, len(items))
	for _, it := range items {
		n, id := key(it.x)
		if id == "" || symbol.Contains(id) {
			out = append(out, it.x)
			continue
		}
		first, dup := kept[id]
		if !dup {
			kept[id] = it.x
			out = append(out, it.x)
			continue
		}
		if d := diff(first, it.x); len(d) > 0 {
			fn, _ := key(first)
			v.Conflicts = append(v.Conflicts, &Conflict{ID: id, Kind: kind, Kept: fn.Address, Dropped: n.Address, Diffs: d})
		}
	}
	return out
}

// differ appends "name: a vs b" when both values are known and differ.
func differ(d []string, name, a, b string) []string {
	if a == "" || b == "" || symbol.Contains(a) || symbol.Contains(b) || a == b {
		return d
	}
	return append(d, fmt.Sprintf("%s: %s vs %s", name, a, b))
}

func differList(d []string, name string, a []string, aKnown bool, b []string, bKnown bool) []string {
	if !aKnown || !bKnown {
		return d
	}
	for _, s := range append(slices.Clone(a), b...) {
		if symbol.Contains(s) {
			return d
		}
	}
	as, bs := sorted(a), sorted(b)
	if slices.Equal(as, bs) {
		return d
	}
	return append(d, fmt.Sprintf("%s: [%s] vs [%s]", name, strings.Join(as, ", "), strings.Join(bs, ", ")))
}

func sorted(l []string) []string {
	out := slices.Clone(l)
	sort.Strings(out)
	return slices.Compact(out)
}

func triString(t symbol.Tri) string {
	switch t {
	case symbol.True:
		return "true"
	case symbol.False:
		return "false"
	}
	return ""
}

func diffEndpoints(a, b *Endpoint) []string {
	var d []string
	d = differ(d, "vpc_id", a.VPCID, b.VPCID)
	d = differ(d, "service_name", a.ServiceName, b.ServiceName)
	if !a.TypeDefaulted && !b.TypeDefaulted {
		d = differ(d, "vpc_endpoint_type", a.Type, b.Type)
	}
	d = differList(d, "subnet_ids", a.SubnetIDs, a.SubnetsKnown, b.SubnetIDs, b.SubnetsKnown)
	d = differList(d, "security_group_ids", a.SecurityGroupIDs, a.SGKnown && !a.DefaultSG, b.SecurityGroupIDs, b.SGKnown && !b.DefaultSG)
	return differ(d, "private_dns_enabled", triString(a.PrivateDNS), triString(b.PrivateDNS))
}

func diffVPCs(a, b *VPC) []string {
	return differList(nil, "cidr_block", a.CIDRs, a.CIDRsKnown, b.CIDRs, b.CIDRsKnown)
}

func diffSubnets(a, b *Subnet) []string {
	var d []string
	d = differ(d, "vpc_id", a.VPCID, b.VPCID)
	d = differ(d, "cidr_block", a.CIDR, b.CIDR)
	return differ(d, "availability_zone", a.AZ, b.AZ)
}

func diffGroups(a, b *SecurityGroup) []string {
	d := differ(nil, "vpc_id", a.VPCID, b.VPCID)
	if a.RulesKnown && b.RulesKnown {
		d = differList(d, "rules", ruleStrings(a.Rules), true, ruleStrings(b.Rules), true)
	}
	return d
}

func ruleStrings(rs []Rule) []string {
	var out []string
	for _, r := range rs {
		dir := "ingress"
		if r.Egress {
			dir = "egress"
		}
		src := append(append(sorted(r.CIDRs), sorted(r.PrefixLists)...), sorted(r.SecurityGroups)...)
		if r.Self {
			src = append(src, "self")
		}
		out = append(out, fmt.Sprintf("%s %s %d-%d from %s", dir, r.Protocol, r.FromPort, r.ToPort, strings.Join(src, " ")))
	}
	return out
}

func diffNACLs(a, b *NACL) []string {
	d := differ(nil, "vpc_id", a.VPCID, b.VPCID)
	return differList(d, "subnet_ids", a.SubnetIDs, true, b.SubnetIDs, true)
}

func diffRouteTables(a, b *RouteTable) []string {
	d := differ(nil, "vpc_id", a.VPCID, b.VPCID)
	var ra, rb []string
	for _, r := range a.Routes {
		ra = append(ra, r.Destination+" via "+r.Target)
	}
	for _, r := range b.Routes {
		rb = append(rb, r.Destination+" via "+r.Target)
	}
	return differList(d, "routes", ra, true, rb, true)
}

func diffPeerings(a, b *Peering) []string {
	d := differ(nil, "vpc_id", a.VPCID, b.VPCID)
	return differ(d, "peer_vpc_id", a.PeerVPCID, b.PeerVPCID)
}

func diffAPIs(a, b *API) []string {
	d := differ(nil, "endpoint_configuration.types", strings.Join(sorted(a.Types), ","), strings.Join(sorted(b.Types), ","))
	return differList(d, "endpoint_configuration.vpc_endpoint_ids", a.VPCEndpointIDs, a.VPCEndpointIDsKnown, b.VPCEndpointIDs, b.VPCEndpointIDsKnown)
}

// stackIDs maps ids to the elements that carry them when several stacks
// are joined: a part of an element (a rule, an association, a route) binds
// to the element of its own stack with that id, else to the first-ranked
// one (the checked plan's, then the context inputs' in order). With one
// stack it is a plain map from id to the last element set.
type stackIDs[T any] struct {
	byStack map[string]T // stack + "|" + id
	first   map[string]T
}

func newStackIDs[T any]() *stackIDs[T] {
	return &stackIDs[T]{byStack: map[string]T{}, first: map[string]T{}}
}

func (x *stackIDs[T]) set(id, address string, v T) {
	x.byStack[addr.StackOf(address)+"|"+id] = v
	if _, ok := x.first[id]; !ok {
		x.first[id] = v
	}
}

// get finds the element with id for a part at address from.
func (x *stackIDs[T]) get(id, from string) (T, bool) {
	if v, ok := x.byStack[addr.StackOf(from)+"|"+id]; ok {
		return v, true
	}
	v, ok := x.first[id]
	return v, ok
}
