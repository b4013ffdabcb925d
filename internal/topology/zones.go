package topology

import (
	"strings"

	"github.com/privapi/privapi/internal/symbol"
)

// ZoneCovers reports whether a Route 53 private hosted zone associated with
// the VPC answers for name (the zone is name or a parent of it), or a
// Resolver rule associated with the VPC forwards it (D6).
func (p *Paths) ZoneCovers(vpcID, name string) symbol.Tri {
	if p.m == nil {
		return symbol.False
	}
	covers := func(zone string) bool {
		zone = strings.TrimSuffix(strings.ToLower(zone), ".")
		return zone != "" && (name == zone || strings.HasSuffix(name, "."+zone))
	}
	out := symbol.False
	zoneVPCs := map[string][]string{} // zone id -> vpc ids
	for _, inst := range p.m.OfType("aws_route53_zone") {
		if inst.Deleted() {
			continue
		}
		zn, _ := Str(p.m.Attr(inst, "name"))
		if !covers(zn) {
			continue
		}
		zid, _ := Str(p.m.Attr(inst, "zone_id"))
		if zid == "" {
			zid = symbol.Ref{Address: inst.Address, Attr: "zone_id"}.Token()
		}
		objs, _ := Objects(p.m.Attr(inst, "vpc"))
		for _, o := range objs {
			id, _ := Str(Get(o, "vpc_id"))
			zoneVPCs[zid] = append(zoneVPCs[zid], id)
		}
		for _, as := range p.m.OfType("aws_route53_zone_association") {
			z, _ := Str(p.m.Attr(as, "zone_id"))
			if Same(z, zid) == symbol.True {
				id, _ := Str(p.m.Attr(as, "vpc_id"))
				zoneVPCs[zid] = append(zoneVPCs[zid], id)
			}
		}
	}
	for _, ids := range zoneVPCs {
		for _, id := range ids {
			out = out.Or(Same(id, vpcID))
		}
	}
	for _, rule := range p.m.OfType("aws_route53_resolver_rule") {
		dn, _ := Str(p.m.Attr(rule, "domain_name"))
		if !covers(dn) {
			continue
		}
		rid, _ := Str(p.m.Attr(rule, "id"))
		for _, as := range p.m.OfType("aws_route53_resolver_rule_association") {
			r, _ := Str(p.m.Attr(as, "resolver_rule_id"))
			if Same(r, rid) == symbol.True {
				id, _ := Str(p.m.Attr(as, "vpc_id"))
				out = out.Or(Same(id, vpcID))
			}
		}
	}
	return out
}
