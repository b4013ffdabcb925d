package topology

import (
	"strings"

	"github.com/privapi/privapi/internal/symbol"
)

// DomainRecord reports whether a Route 53 record for name lives in a
// private hosted zone associated with the VPC vpcID (through the zone's vpc
// blocks or aws_route53_zone_association), and names the record. Unknown
// when a record for the name exists but its zone's VPCs, or the name
// itself, are known only after apply.
func (v *View) DomainRecord(name, vpcID string) (symbol.Tri, string) {
	m := v.m
	if m == nil || name == "" {
		return symbol.False, ""
	}
	lname := strings.TrimSuffix(strings.ToLower(name), ".")
	out, addr := symbol.False, ""
	for _, rec := range m.OfType("aws_route53_record") {
		if rec.Deleted() {
			continue
		}
		rn, _ := Str(m.Attr(rec, "name"))
		zoneID, _ := Str(m.Attr(rec, "zone_id"))
		var zone *Node
		zoneName := ""
		var zoneVPCs []string
		for _, z := range m.OfType("aws_route53_zone") {
			if z.Deleted() {
				continue
			}
			zid, ok := Str(m.Attr(z, "zone_id"))
			if !ok || zid == "" {
				zid = symbol.Ref{Address: z.Address, Attr: "zone_id"}.Token()
			}
			if Same(zid, zoneID) != symbol.True {
				continue
			}
			n := node(z)
			zone = &n
			zoneName, _ = Str(m.Attr(z, "name"))
			objs, _ := Objects(m.Attr(z, "vpc"))
			for _, o := range objs {
				id, _ := Str(Get(o, "vpc_id"))
				zoneVPCs = append(zoneVPCs, id)
			}
			for _, as := range m.OfType("aws_route53_zone_association") {
				if z2, _ := Str(m.Attr(as, "zone_id")); Same(z2, zid) == symbol.True {
					id, _ := Str(m.Attr(as, "vpc_id"))
					zoneVPCs = append(zoneVPCs, id)
				}
			}
		}
		full := strings.TrimSuffix(strings.ToLower(rn), ".")
		zn := strings.TrimSuffix(strings.ToLower(zoneName), ".")
		if zn != "" && full != zn && !strings.HasSuffix(full, "."+zn) {
			full += "." + zn // a name relative to its zone
		}
		match := symbol.FromBool(full == lname)
		if symbol.Contains(rn) || symbol.Contains(name) {
			match = Same(rn, name).Or(symbol.FromBool(full == lname))
			if match == symbol.False {
				continue
			}
		}
		if match == symbol.False {
			continue
		}
		in := symbol.False
		if zone == nil {
			in = symbol.Unknown // the zone is not in the plan
		}
		for _, id := range zoneVPCs {
			in = in.Or(Same(id, vpcID))
		}
		t := match.And(in)
		if t == symbol.True {
			return t, rec.Address
		}
		if t == symbol.Unknown && out == symbol.False {
			out, addr = t, rec.Address
		}
	}
	return out, addr
}
