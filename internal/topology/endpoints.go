package topology

import (
	"strings"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/symbol"
)

func (b *builder) endpoints() {
	byID := newStackIDs[*Endpoint]()
	for _, inst := range b.live("aws_vpc_endpoint") {
		if e := b.endpoint(inst); e != nil {
			b.v.Endpoints = append(b.v.Endpoints, e)
			byID.set(e.ID, e.Address, e)
		}
	}
	b.lookedUpEndpoints(byID)
	b.endpointAssociations(byID)
	for _, inst := range b.live("aws_vpc_endpoint_private_dns") {
		if e, ok := byID.get(b.str(inst, "vpc_endpoint_id"), inst.Address); ok {
			e.PrivateDNS = Bool(b.attr(inst, "private_dns_enabled"))
		}
	}
	for _, inst := range b.live("aws_vpc_endpoint_policy") {
		if e, ok := byID.get(b.str(inst, "vpc_endpoint_id"), inst.Address); ok {
			// the endpoint's own attribute shows the refreshed copy of this policy
			var keep []*PolicySource
			for _, p := range e.Policies {
				if b.m.Configured(p.inst, "policy") {
					keep = append(keep, p)
				}
			}
			e.Policies = keep
			if ps := b.policySource(inst, "policy", PolicyEndpointRes); ps != nil {
				e.Policies = append(e.Policies, ps)
			}
		}
	}
	for _, e := range b.v.Endpoints {
		e.DefaultSG = e.SGKnown && len(e.SecurityGroupIDs) == 0
	}
}

// endpoint reads one aws_vpc_endpoint; nil when it is for another service.
func (b *builder) endpoint(inst *model.Instance) *Endpoint {
	svc, known := Str(b.attr(inst, "service_name"))
	if known && symbol.Contains(svc) && !strings.Contains(svc, "execute-api") {
		known = false // a token that may become anything
	}
	if known && !strings.Contains(svc, "execute-api") {
		return nil
	}
	e := &Endpoint{Node: node(inst), ID: b.id(inst), ServiceName: svc, ServiceUnknown: !known, VPCID: b.str(inst, "vpc_id")}
	e.Region = b.m.Region(inst)
	e.ServiceRegion = b.str(inst, "service_region")
	e.Type, _ = Str(b.attr(inst, "vpc_endpoint_type"))
	unknown := e.Type == "" || IsSelf(e.Type, inst.Address, "vpc_endpoint_type")
	if !b.m.Configured(inst, "vpc_endpoint_type") && (unknown || e.Type == "Gateway" && b.m.HasConfig(inst)) {
		// unset: the provider's default, which the plan shows as Gateway
		// (C1); set to a value known only after apply, Type stays unknown
		e.Type, e.TypeDefaulted = "Gateway", true
	}
	e.SubnetIDs, e.SubnetsKnown = b.optionalList(inst, "subnet_ids")
	e.SecurityGroupIDs, e.SGKnown = b.optionalList(inst, "security_group_ids")
	e.PrivateDNS = Bool(b.attr(inst, "private_dns_enabled"))
	if e.PrivateDNS == symbol.Unknown && !b.m.Configured(inst, "private_dns_enabled") {
		e.PrivateDNS = symbol.False
	}
	b.endpointAddressTypes(inst, e)
	if b.m.Configured(inst, "policy") || b.m.Kind == "state" {
		if ps := b.policySource(inst, "policy", PolicyEndpointArg); ps != nil {
			e.Policies = append(e.Policies, ps)
		}
	}
	return e
}

// endpointAddressTypes reads ip_address_type (ipv4 when unset, the AWS
// default for an endpoint of an IPv4 service) and
// dns_options.dns_record_ip_type.
func (b *builder) endpointAddressTypes(inst *model.Instance, e *Endpoint) {
	e.IPAddressType = strings.ToLower(b.str(inst, "ip_address_type"))
	if symbol.Contains(e.IPAddressType) {
		e.IPAddressType = ""
	}
	if e.IPAddressType == "" && !b.m.Configured(inst, "ip_address_type") {
		e.IPAddressType = "ipv4" // the AWS default for an endpoint of an IPv4 service
	}
	if objs, ok := Objects(b.attr(inst, "dns_options")); ok && len(objs) > 0 {
		if t, ok := Str(Get(objs[0], "dns_record_ip_type")); ok && !symbol.Contains(t) && t != "service-defined" {
			e.DNSRecordIPType = strings.ToLower(t)
		}
	}
}

// endpointAssociations adds the subnet and security group association
// resources to their endpoints.
func (b *builder) endpointAssociations(byID *stackIDs[*Endpoint]) {
	for _, inst := range b.live("aws_vpc_endpoint_subnet_association") {
		if e, ok := byID.get(b.str(inst, "vpc_endpoint_id"), inst.Address); ok {
			s, ok := Str(b.attr(inst, "subnet_id"))
			if !ok {
				e.SubnetsKnown = false
			}
			e.SubnetIDs = appendNew(e.SubnetIDs, s)
			e.associations = append(e.associations, inst)
		}
	}
	for _, inst := range b.live("aws_vpc_endpoint_security_group_association") {
		if e, ok := byID.get(b.str(inst, "vpc_endpoint_id"), inst.Address); ok {
			s, ok := Str(b.attr(inst, "security_group_id"))
			if !ok {
				e.SGKnown = false
			}
			e.SecurityGroupIDs = appendNew(e.SecurityGroupIDs, s)
			e.associations = append(e.associations, inst)
		}
	}
}

// optionalList reads a list argument; unset and unknown means empty (the
// provider default), configured and unknown means not known.
func (b *builder) optionalList(inst *model.Instance, name string) ([]string, bool) {
	v := b.attr(inst, name)
	if l, ok := Strs(v); ok {
		return l, true
	}
	if !b.m.Configured(inst, name) {
		return nil, true
	}
	return nil, false
}

func appendNew(l []string, s string) []string {
	if s == "" {
		return l
	}
	for _, x := range l {
		if x == s {
			return l
		}
	}
	return append(l, s)
}

// policySource reads a policy document argument.
func (b *builder) policySource(inst *model.Instance, attr string, kind PolicyKind) *PolicySource {
	ps := &PolicySource{Kind: kind, Node: node(inst), Changes: inst.Changes(), Deleted: inst.Deleted()}
	v := b.attr(inst, attr)
	if IsNull(v) {
		return nil
	}
	if s, ok := Str(v); ok && !IsSelf(s, inst.Address, attr) {
		if r, only := symbol.Only(s); only && (strings.HasSuffix(r.Attr, "json") || r.Attr == "minified_json") {
			if doc := b.m.Instance(r.Address); doc != nil && doc.Type == "aws_iam_policy_document" {
				ps.doc, ps.DocumentAddress = doc, doc.Address
			}
		} else if s == "" {
			return nil
		} else {
			ps.JSON, ps.Known = s, true
		}
	}
	if s, ok := Str(Get(inst.Before(), attr)); ok {
		ps.BeforeJSON, ps.BeforeKnown = s, true
	}
	return ps
}
