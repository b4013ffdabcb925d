package topology

import (
	"strings"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/symbol"
)

// zone is a Route 53 private hosted zone or a Resolver rule: the name it
// answers for and the VPCs it is associated with.
type zone struct {
	name string
	vpcs []string
}

// indexZones reads the hosted zones and Resolver rules with their VPC
// associations.
func indexZones(m *model.Model) (zones, rules []zone) {
	if m == nil {
		return nil, nil
	}
	zoneVPCs := associatedVPCs(m, "aws_route53_zone_association", "zone_id")
	ruleVPCs := associatedVPCs(m, "aws_route53_resolver_rule_association", "resolver_rule_id")
	for _, inst := range m.OfType("aws_route53_zone") {
		if inst.Deleted() {
			continue
		}
		z := zone{}
		z.name, _ = Str(m.Attr(inst, "name"))
		zid, _ := Str(m.Attr(inst, "zone_id"))
		if zid == "" {
			zid = symbol.Ref{Address: inst.Address, Attr: "zone_id"}.Token()
		}
		objs, _ := Objects(m.Attr(inst, "vpc"))
		for _, o := range objs {
			id, _ := Str(Get(o, "vpc_id"))
			z.vpcs = append(z.vpcs, id)
		}
		z.vpcs = append(z.vpcs, zoneVPCs[zid]...)
		zones = append(zones, z)
	}
	for _, rule := range m.OfType("aws_route53_resolver_rule") {
		r := zone{}
		r.name, _ = Str(m.Attr(rule, "domain_name"))
		rid, _ := Str(m.Attr(rule, "id"))
		r.vpcs = append(r.vpcs, ruleVPCs[rid]...)
		rules = append(rules, r)
	}
	return zones, rules
}

// associatedVPCs indexes the association resources of typ by the id they
// name in key (a zone or rule id, or the token of a reference to one): the
// VPCs associated with each. symbol.Equal is True only for the same text
// or the same reference, which is the same string, so an exact-key index
// finds what comparing every association with every zone found, in linear
// time (a plan with a zone per stack was quadratic here).
func associatedVPCs(m *model.Model, typ, key string) map[string][]string {
	out := map[string][]string{}
	for _, as := range m.OfType(typ) {
		k, _ := Str(m.Attr(as, key))
		id, _ := Str(m.Attr(as, "vpc_id"))
		out[k] = append(out[k], id)
	}
	return out
}

// ZoneCovers reports whether a Route 53 private hosted zone associated with
// the VPC answers for name (the zone is name or a parent of it), or a
// Resolver rule associated with the VPC forwards it (D6).
func (p *Paths) ZoneCovers(vpcID, name string) symbol.Tri {
	covers := func(zone string) bool {
		zone = strings.TrimSuffix(strings.ToLower(zone), ".")
		return zone != "" && (name == zone || strings.HasSuffix(name, "."+zone))
	}
	out := symbol.False
	for _, l := range [][]zone{p.zones, p.rules} {
		for _, z := range l {
			if !covers(z.name) {
				continue
			}
			for _, id := range z.vpcs {
				out = out.Or(Same(id, vpcID))
			}
		}
	}
	return out
}
