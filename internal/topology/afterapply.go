package topology

// Facts an operator reads after apply, for the runbook: the names and
// addresses an endpoint answers on, where a stage writes its access logs,
// the base path a custom domain maps to an API, an instance's id. Build
// fills them once; the runbook reads these fields, never the model.

import (
	"sort"
	"strings"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/zclconf/go-cty/cty"
)

// afterApply fills the fields of this file (Build).
func (b *builder) afterApply() {
	b.v.Applied = b.m.Kind == "state"
	var enis map[string]*model.Instance
	for _, e := range b.v.Endpoints {
		if e.inst != nil {
			e.DNSNames = b.endpointDNSNames(e)
			e.PrivateIPs = b.endpointPrivateIPs(e, &enis)
		}
	}
	for _, a := range b.v.APIs {
		for _, s := range a.Stages {
			if s.inst != nil && !s.FromDeployment {
				s.AccessLogGroup = b.accessLogGroup(s)
			}
		}
	}
	for _, d := range b.v.Domains {
		for _, mp := range d.Mappings {
			mp.BasePath, mp.BasePathKnown = basePath(b.attr(mp.inst, "base_path"))
		}
	}
	for _, c := range b.v.Clients {
		if c.inst != nil && c.Kind == ClientInstance {
			c.InstanceID, _ = Str(b.attr(c.inst, "id"))
		}
	}
}

// endpointDNSNames lists the known names of dns_entry (no wildcard), the
// shortest (the regional *.vpce.amazonaws.com name) first.
func (b *builder) endpointDNSNames(e *Endpoint) []string {
	var names []string
	objs, _ := Objects(b.attr(e.inst, "dns_entry"))
	for _, o := range objs {
		n, ok := Str(Get(o, "dns_name"))
		if ok && n != "" && !symbol.Contains(n) && !strings.HasPrefix(n, "*") {
			names = append(names, n)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) < len(names[j])
		}
		return names[i] < names[j]
	})
	return names
}

// endpointPrivateIPs lists the endpoint's known private IPv4 addresses:
// subnet_configuration[*].ipv4 (state), else the private_ip of each
// aws_network_interface of network_interface_ids in the input; sorted.
// byID indexes the network interfaces by id, on first need (only the
// interfaces: not every instance's id).
func (b *builder) endpointPrivateIPs(e *Endpoint, byID *map[string]*model.Instance) []string {
	var ips []string
	objs, _ := Objects(b.attr(e.inst, "subnet_configuration"))
	for _, o := range objs {
		if ip, ok := Str(Get(o, "ipv4")); ok && ip != "" && !symbol.Contains(ip) {
			ips = append(ips, ip)
		}
	}
	if len(ips) > 0 {
		sort.Strings(ips)
		return ips
	}
	enis, _ := Strs(b.attr(e.inst, "network_interface_ids"))
	for _, id := range enis {
		if symbol.Contains(id) {
			continue
		}
		if *byID == nil {
			*byID = map[string]*model.Instance{}
			for _, ni := range b.m.OfType("aws_network_interface") {
				if nid, ok := Str(b.attr(ni, "id")); ok && nid != "" {
					if _, taken := (*byID)[nid]; !taken {
						(*byID)[nid] = ni
					}
				}
			}
		}
		inst := (*byID)[id]
		if inst == nil {
			continue
		}
		if ip, ok := Str(b.attr(inst, "private_ip")); ok && ip != "" && !symbol.Contains(ip) {
			ips = append(ips, ip)
		}
	}
	sort.Strings(ips)
	return ips
}

// accessLogGroup is the CloudWatch log group of the stage's
// access_log_settings.destination_arn: its name (a token when known only
// after apply), "" when the stage logs elsewhere (Firehose) or not at all.
func (b *builder) accessLogGroup(s *Stage) string {
	objs, _ := Objects(b.attr(s.inst, "access_log_settings"))
	if len(objs) == 0 {
		return ""
	}
	arn, ok := Str(Get(objs[0], "destination_arn"))
	if !ok || arn == "" {
		return ""
	}
	if r, only := symbol.Only(arn); only {
		g := b.m.Instance(r.Address)
		if !strings.HasPrefix(r.Attr, "arn") || g == nil || g.Type != "aws_cloudwatch_log_group" {
			return ""
		}
		if n, ok := Str(b.attr(g, "name")); ok && n != "" {
			return n
		}
		return symbol.Ref{Address: r.Address, Attr: "name"}.Token()
	}
	i := strings.Index(arn, ":log-group:")
	if i < 0 {
		return ""
	}
	return strings.TrimSuffix(arn[i+len(":log-group:"):], ":*")
}

// basePath renders a mapping's base_path as "/base" ("" for the root
// mapping: unset, empty or "(none)"), and whether it is known.
func basePath(v cty.Value) (string, bool) {
	if IsNull(v) {
		return "", true
	}
	bp, ok := Str(v)
	if !ok || symbol.Contains(bp) {
		return "", false
	}
	if bp == "" || bp == "(none)" {
		return "", true
	}
	return "/" + strings.Trim(bp, "/"), true
}

// AddressOfID is the address of the instance whose known id is id (""
// when none). The model indexes the ids on first use, once (safe for
// concurrent callers).
func (v *View) AddressOfID(id string) string {
	if v.m == nil || id == "" || symbol.Contains(id) {
		return ""
	}
	if inst := v.m.ByID(id); inst != nil {
		return inst.Address
	}
	return ""
}
