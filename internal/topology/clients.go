package topology

import (
	"sort"
	"strings"

	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/symbol"
)

// Client kinds.
const (
	ClientInstance       ClientKind = "aws_instance"
	ClientLambda         ClientKind = "aws_lambda_function"
	ClientLaunchTemplate ClientKind = "aws_launch_template"
	ClientASG            ClientKind = "aws_autoscaling_group"
	ClientECS            ClientKind = "aws_ecs_service"
	ClientDeclared       ClientKind = "declared"
)

// apiFamily maps the address of every resource that identifies an API
// (the API itself, its stages and deployments, mapped domains) to the API.
func (v *View) apiFamily() map[string]*API {
	fam := map[string]*API{}
	private := domainsByAPIID(v.Domains, true) // PrivateDomainsOf, indexed
	for _, a := range v.APIs {
		fam[a.Address] = a
		for _, s := range a.Stages {
			fam[s.Address] = a
		}
		for _, d := range a.Deployments {
			fam[d.Address] = a
		}
		for _, d := range domainsOf(private, a) {
			fam[d.Address] = a
			for _, rec := range d.Records {
				fam[rec] = a // a client calling the record's fqdn calls the domain
			}
			for _, mp := range d.Mappings {
				if Same(mp.APIID, a.ID) == symbol.True {
					fam[mp.Address] = a // e.g. its base_path in the client's URL
				}
			}
		}
	}
	return fam
}

func (b *builder) clients() {
	if len(b.v.APIs) == 0 {
		return
	}
	cs := &clientScan{b: b, fam: b.v.apiFamily(), byID: map[string]*API{}, texts: map[*model.Instance][]clientText{}}
	for _, a := range b.v.APIs {
		if !symbol.Contains(a.ID) && len(a.ID) >= 6 {
			cs.byID[a.ID] = a // APIs whose id is a known literal
		}
	}
	for _, inst := range b.live("aws_instance") {
		refs, dns := cs.refersTo(inst, map[string]bool{})
		if len(refs) == 0 {
			continue // not a client: do not read its values
		}
		c := &Client{Node: node(inst), Kind: ClientInstance}
		if s, ok := Str(b.attr(inst, "subnet_id")); ok && s != "" {
			c.SubnetIDs, c.SubnetsKnown = []string{s}, true
		}
		c.SecurityGroupIDs, c.SGKnown = Strs(b.attr(inst, "vpc_security_group_ids"))
		b.addClient(c, refs, dns)
	}
	for _, inst := range b.live("aws_lambda_function") {
		b.lambdaClient(cs, inst)
	}
	b.asgClients(cs)
	b.ecsClients(cs)
	b.v.scanned = cs.texts
}

// clientScan finds what a resource's configuration says of the APIs.
type clientScan struct {
	b *builder
	// fam maps the resources that identify an API to it (apiFamily);
	// byID the APIs whose id is a known literal.
	fam  map[string]*API
	byID map[string]*API
	// texts are the strings and references read, by instance (View.scanned)
	texts map[*model.Instance][]clientText
}

// refersTo lists the APIs inst refers to (address → how) and whether it
// uses their private DNS name; seen holds the resources already read.
func (cs *clientScan) refersTo(inst *model.Instance, seen map[string]bool) (map[string]string, symbol.Tri) {
	refs := map[string]string{}
	dns := symbol.Unknown
	if seen[inst.Address] {
		return refs, dns
	}
	seen[inst.Address] = true
	texts := configTexts(cs.b.m, inst)
	cs.texts[inst] = texts
	for _, t := range texts {
		if t.ref {
			cs.scanRef(t.s, refs, &dns)
		} else {
			cs.scanString(t.s, refs, &dns)
		}
	}
	return refs, dns
}

// scanString notes the API references and API ids inside one string.
func (cs *clientScan) scanString(s string, refs map[string]string, dns *symbol.Tri) {
	for _, r := range symbol.Refs(s) {
		if a, ok := cs.fam[r.Address]; ok {
			refs[a.Address] = r.String()
			if r.Attr == "invoke_url" {
				*dns = symbol.True
			}
		}
	}
	if len(cs.byID) == 0 {
		return // no API id is a known literal
	}
	for _, id := range idWords(s) {
		a, ok := cs.byID[id]
		if !ok {
			continue
		}
		refs[a.Address] = "API id " + a.ID
		if strings.Contains(s, a.ID+".execute-api.") {
			*dns = symbol.True
		} else if strings.Contains(s, a.ID+"-vpce-") {
			*dns = symbol.False
		}
	}
}

// scanRef notes a plain reference: r itself or a prefix of it (at a . or
// [ boundary) may name a family member.
func (cs *clientScan) scanRef(r string, refs map[string]string, dns *symbol.Tri) {
	for end := len(r); end > 0; end = prefixEnd(r, end) {
		a, ok := cs.fam[r[:end]]
		if !ok {
			continue
		}
		if _, ok := refs[a.Address]; !ok {
			refs[a.Address] = r
		}
		if strings.HasSuffix(r, ".invoke_url") {
			*dns = symbol.True
		}
		return
	}
}

// merge adds what a second resource of the client (launch template, task
// definition) says.
func merge(refs map[string]string, dns symbol.Tri, r2 map[string]string, d2 symbol.Tri) symbol.Tri {
	for k, v := range r2 {
		refs[k] = v
	}
	if dns == symbol.Unknown {
		return d2
	}
	return dns
}

// addClient adds c to the view when it refers to some API.
func (b *builder) addClient(c *Client, refs map[string]string, dns symbol.Tri) {
	if len(refs) == 0 {
		return
	}
	c.Refs = refs
	for a := range refs {
		c.APIs = append(c.APIs, a)
	}
	sort.Strings(c.APIs)
	c.UsesPrivateDNSName = dns
	b.v.Clients = append(b.v.Clients, c)
}

func (b *builder) lambdaClient(cs *clientScan, inst *model.Instance) {
	refs, dns := cs.refersTo(inst, map[string]bool{})
	if len(refs) == 0 {
		return
	}
	c := &Client{Node: node(inst), Kind: ClientLambda}
	objs, ok := Objects(b.attr(inst, "vpc_config"))
	switch {
	case ok && len(objs) > 0:
		c.SubnetIDs, c.SubnetsKnown = Strs(Get(objs[0], "subnet_ids"))
		c.SecurityGroupIDs, c.SGKnown = Strs(Get(objs[0], "security_group_ids"))
	case ok || !b.m.Configured(inst, "vpc_config"):
		c.NoVPC, c.SubnetsKnown, c.SGKnown = true, true, true
	}
	b.addClient(c, refs, dns)
}

// asgClients reads the auto scaling groups with their launch templates.
func (b *builder) asgClients(cs *clientScan) {
	lts := map[string]*model.Instance{}
	for _, inst := range b.live("aws_launch_template") {
		lts[b.id(inst)] = inst
	}
	for _, inst := range b.live("aws_autoscaling_group") {
		seen := map[string]bool{}
		refs, dns := cs.refersTo(inst, seen)
		c := &Client{Node: node(inst), Kind: ClientASG}
		c.SubnetIDs, c.SubnetsKnown = Strs(b.attr(inst, "vpc_zone_identifier"))
		if objs, ok := Objects(b.attr(inst, "launch_template")); ok && len(objs) > 0 {
			id, _ := Str(Get(objs[0], "id"))
			if lt, ok := lts[id]; ok {
				r2, d2 := cs.refersTo(lt, seen)
				dns = merge(refs, dns, r2, d2)
				b.launchTemplateGroups(c, lt)
			}
		}
		b.addClient(c, refs, dns)
	}
}

// launchTemplateGroups reads the security groups of a launch template.
func (b *builder) launchTemplateGroups(c *Client, lt *model.Instance) {
	c.SecurityGroupIDs, c.SGKnown = Strs(b.attr(lt, "vpc_security_group_ids"))
	if ni, ok := Objects(b.attr(lt, "network_interfaces")); ok && len(ni) > 0 {
		if sgs, ok := Strs(Get(ni[0], "security_groups")); ok && len(sgs) > 0 {
			c.SecurityGroupIDs, c.SGKnown = sgs, true
		}
	}
}

// ecsClients reads the ECS services with their task definitions.
func (b *builder) ecsClients(cs *clientScan) {
	tds := map[string]*model.Instance{}
	for _, inst := range b.live("aws_ecs_task_definition") {
		tds[b.str(inst, "arn")] = inst
	}
	for _, inst := range b.live("aws_ecs_service") {
		seen := map[string]bool{}
		refs, dns := cs.refersTo(inst, seen)
		if td, ok := tds[b.str(inst, "task_definition")]; ok {
			r2, d2 := cs.refersTo(td, seen)
			dns = merge(refs, dns, r2, d2)
		}
		c := &Client{Node: node(inst), Kind: ClientECS}
		if objs, ok := Objects(b.attr(inst, "network_configuration")); ok && len(objs) > 0 {
			c.SubnetIDs, c.SubnetsKnown = Strs(Get(objs[0], "subnets"))
			c.SecurityGroupIDs, c.SGKnown = Strs(Get(objs[0], "security_groups"))
		}
		b.addClient(c, refs, dns)
	}
}

// prefixEnd returns the end of the longest proper prefix of r[:end] that
// ends before a "." or "[" (0 when there is none).
func prefixEnd(r string, end int) int {
	for i := end - 1; i > 0; i-- {
		if r[i] == '.' || r[i] == '[' {
			return i
		}
	}
	return 0
}

// idWords lists the maximal runs of lower-case letters and digits in s: the
// candidates for an API id (ten such characters) written inside a string.
func idWords(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		c := byte(0)
		if i < len(s) {
			c = s[i]
		}
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && i-start >= 6 {
			out = append(out, s[start:i])
		}
		start = -1
	}
	return out
}

// walkStrings calls fn for every known string inside v.
func walkStrings(v cty.Value, fn func(string)) {
	if v == cty.NilVal {
		return
	}
	ux, _ := v.Unmark()
	if !ux.IsKnown() || ux.IsNull() {
		return
	}
	// in cty.Walk's order (attributes by name, elements by index), without
	// its paths and element iterators
	switch ty := ux.Type(); {
	case ty == cty.String:
		fn(ux.AsString())
	case ty.IsObjectType():
		names := make([]string, 0, len(ty.AttributeTypes()))
		for k := range ty.AttributeTypes() {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			walkStrings(ux.GetAttr(k), fn)
		}
	case ty.IsListType() || ty.IsTupleType():
		for i, n := 0, ux.LengthInt(); i < n; i++ {
			walkStrings(ux.Index(model.IndexKey(i)), fn)
		}
	case ux.CanIterateElements():
		for it := ux.ElementIterator(); it.Next(); {
			_, e := it.Element()
			walkStrings(e, fn)
		}
	}
}

// ClientsOf lists the clients of an API.
func (v *View) ClientsOf(a *API) []*Client {
	var out []*Client
	for _, c := range v.Clients {
		for _, addr := range c.APIs {
			if addr == a.Address {
				out = append(out, c)
				break
			}
		}
	}
	return out
}
