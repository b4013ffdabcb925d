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
	for _, a := range v.APIs {
		fam[a.Address] = a
		for _, s := range a.Stages {
			fam[s.Address] = a
		}
		for _, d := range a.Deployments {
			fam[d.Address] = a
		}
		for _, d := range v.PrivateDomainsOf(a) {
			fam[d.Address] = a
		}
	}
	return fam
}

func (b *builder) clients() {
	if len(b.v.APIs) == 0 {
		return
	}
	fam := b.v.apiFamily()
	byID := map[string]*API{} // APIs whose id is a known literal
	for _, a := range b.v.APIs {
		if !symbol.Contains(a.ID) && len(a.ID) >= 6 {
			byID[a.ID] = a
		}
	}
	refersTo := func(inst *model.Instance, seen map[string]bool) (map[string]string, symbol.Tri) {
		refs := map[string]string{}
		dns := symbol.Unknown
		if seen[inst.Address] {
			return refs, dns
		}
		seen[inst.Address] = true
		for _, name := range b.m.ConfiguredNames(inst) {
			v := b.m.ConfigValue(inst, name)
			walkStrings(v, func(s string) {
				for _, r := range symbol.Refs(s) {
					if a, ok := fam[r.Address]; ok {
						refs[a.Address] = r.String()
						if r.Attr == "invoke_url" {
							dns = symbol.True
						}
					}
				}
				for _, id := range idWords(s) {
					a, ok := byID[id]
					if !ok {
						continue
					}
					refs[a.Address] = "API id " + a.ID
					if strings.Contains(s, a.ID+".execute-api.") {
						dns = symbol.True
					} else if strings.Contains(s, a.ID+"-vpce-") {
						dns = symbol.False
					}
				}
			})
			for _, r := range b.m.Refs(inst, name) {
				// r itself or a prefix of it (at a . or [ boundary) may name a family member
				for end := len(r); end > 0; end = prefixEnd(r, end) {
					a, ok := fam[r[:end]]
					if !ok {
						continue
					}
					if _, ok := refs[a.Address]; !ok {
						refs[a.Address] = r
					}
					if strings.HasSuffix(r, ".invoke_url") {
						dns = symbol.True
					}
					break
				}
			}
		}
		return refs, dns
	}
	addClient := func(c *Client, refs map[string]string, dns symbol.Tri) {
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
	for _, inst := range b.live("aws_instance") {
		refs, dns := refersTo(inst, map[string]bool{})
		if len(refs) == 0 {
			continue // not a client: do not read its values
		}
		c := &Client{Node: node(inst), Kind: ClientInstance}
		if s, ok := Str(b.attr(inst, "subnet_id")); ok && s != "" {
			c.SubnetIDs, c.SubnetsKnown = []string{s}, true
		}
		c.SecurityGroupIDs, c.SGKnown = Strs(b.attr(inst, "vpc_security_group_ids"))
		addClient(c, refs, dns)
	}
	for _, inst := range b.live("aws_lambda_function") {
		refs, dns := refersTo(inst, map[string]bool{})
		if len(refs) == 0 {
			continue
		}
		c := &Client{Node: node(inst), Kind: ClientLambda}
		vc := b.attr(inst, "vpc_config")
		objs, ok := Objects(vc)
		switch {
		case ok && len(objs) > 0:
			c.SubnetIDs, c.SubnetsKnown = Strs(Get(objs[0], "subnet_ids"))
			c.SecurityGroupIDs, c.SGKnown = Strs(Get(objs[0], "security_group_ids"))
		case ok || !b.m.Configured(inst, "vpc_config"):
			c.NoVPC, c.SubnetsKnown, c.SGKnown = true, true, true
		}
		addClient(c, refs, dns)
	}
	lts := map[string]*model.Instance{}
	for _, inst := range b.live("aws_launch_template") {
		lts[b.id(inst)] = inst
	}
	for _, inst := range b.live("aws_autoscaling_group") {
		seen := map[string]bool{}
		refs, dns := refersTo(inst, seen)
		c := &Client{Node: node(inst), Kind: ClientASG}
		c.SubnetIDs, c.SubnetsKnown = Strs(b.attr(inst, "vpc_zone_identifier"))
		if objs, ok := Objects(b.attr(inst, "launch_template")); ok && len(objs) > 0 {
			id, _ := Str(Get(objs[0], "id"))
			if lt, ok := lts[id]; ok {
				r2, d2 := refersTo(lt, seen)
				for k, v := range r2 {
					refs[k] = v
				}
				if dns == symbol.Unknown {
					dns = d2
				}
				c.SecurityGroupIDs, c.SGKnown = Strs(b.attr(lt, "vpc_security_group_ids"))
				if ni, ok := Objects(b.attr(lt, "network_interfaces")); ok && len(ni) > 0 {
					if sgs, ok := Strs(Get(ni[0], "security_groups")); ok && len(sgs) > 0 {
						c.SecurityGroupIDs, c.SGKnown = sgs, true
					}
				}
			}
		}
		addClient(c, refs, dns)
	}
	tds := map[string]*model.Instance{}
	for _, inst := range b.live("aws_ecs_task_definition") {
		tds[b.str(inst, "arn")] = inst
	}
	for _, inst := range b.live("aws_ecs_service") {
		seen := map[string]bool{}
		refs, dns := refersTo(inst, seen)
		if td, ok := tds[b.str(inst, "task_definition")]; ok {
			r2, d2 := refersTo(td, seen)
			for k, v := range r2 {
				refs[k] = v
			}
			if dns == symbol.Unknown {
				dns = d2
			}
		}
		c := &Client{Node: node(inst), Kind: ClientECS}
		if objs, ok := Objects(b.attr(inst, "network_configuration")); ok && len(objs) > 0 {
			c.SubnetIDs, c.SubnetsKnown = Strs(Get(objs[0], "subnets"))
			c.SecurityGroupIDs, c.SGKnown = Strs(Get(objs[0], "security_groups"))
		}
		addClient(c, refs, dns)
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
	cty.Walk(v, func(_ cty.Path, x cty.Value) (bool, error) {
		ux, _ := x.Unmark()
		if ux.IsKnown() && !ux.IsNull() && ux.Type() == cty.String {
			fn(ux.AsString())
		}
		return true, nil
	})
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
