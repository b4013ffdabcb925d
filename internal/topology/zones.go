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
		for _, as := range m.OfType("aws_route53_zone_association") {
			z2, _ := Str(m.Attr(as, "zone_id"))
			if Same(z2, zid) == symbol.True {
				id, _ := Str(m.Attr(as, "vpc_id"))
				z.vpcs = append(z.vpcs, id)
			}
		}
		zones = append(zones, z)
	}
	for _, rule := range m.OfType("aws_route53_resolver_rule") {
		r := zone{}
		r.name, _ = Str(m.Attr(rule, "domain_name"))
		rid, _ := Str(m.Attr(rule, "id"))
		for _, as := range m.OfType("aws_route53_resolver_rule_association") {
			x, _ := Str(m.Attr(as, "resolver_rule_id"))
			if Same(x, rid) == symbol.True {
				id, _ := Str(m.Attr(as, "vpc_id"))
				r.vpcs = append(r.vpcs, id)
			}
		}
		rules = append(rules, r)
	}
	return zones, rules
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
