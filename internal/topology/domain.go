package topology

import (
	"strings"

	"github.com/privapi/privapi/internal/symbol"
)

// DomainRecord reports whether a Route 53 record for name lives in a
// private hosted zone associated with the VPC vpcID (through the zone's vpc
// blocks or aws_route53_zone_association), and names the record. Unknown
// when a record for the name exists but its zone's VPCs, or the name
// itself, are known only after apply. It reads the records Build indexed
// (indexRecords).
func (v *View) DomainRecord(name, vpcID string) (symbol.Tri, string) {
	if v.ix == nil || name == "" {
		return symbol.False, ""
	}
	lname := strings.TrimSuffix(strings.ToLower(name), ".")
	out, addr := symbol.False, ""
	for _, rec := range v.ix.records {
		match := symbol.FromBool(rec.full == lname)
		if symbol.Contains(rec.name) || symbol.Contains(name) {
			match = Same(rec.name, name).Or(symbol.FromBool(rec.full == lname))
			if match == symbol.False {
				continue
			}
		}
		if match == symbol.False {
			continue
		}
		in := symbol.False
		if !rec.zoneInPlan {
			in = symbol.Unknown // the zone is not in the plan
		}
		for _, id := range rec.zoneVPCs {
			in = in.Or(Same(id, vpcID))
		}
		t := match.And(in)
		if t == symbol.True {
			return t, rec.address
		}
		if t == symbol.Unknown && out == symbol.False {
			out, addr = t, rec.address
		}
	}
	return out, addr
}

// record is an aws_route53_record as DomainRecord matches it.
type record struct {
	address string
	// name is the record's name as written; full the lower-case name
	// joined to its zone's when relative to it.
	name, full string
	// zoneInPlan: a hosted zone of the plan has the record's zone_id;
	// zoneVPCs are the VPCs that zone is associated with.
	zoneInPlan bool
	zoneVPCs   []string
}

// indexRecords reads the Route 53 records that exist after apply with
// their zones, for DomainRecord. Only a view with a custom domain name
// asks, so a view without one reads no record.
func (v *View) indexRecords() []record {
	m := v.m
	if m == nil || len(v.Domains) == 0 {
		return nil
	}
	var out []record
	for _, rec := range m.OfType("aws_route53_record") {
		if rec.Deleted() {
			continue
		}
		rn, _ := Str(m.Attr(rec, "name"))
		zoneID, _ := Str(m.Attr(rec, "zone_id"))
		r := record{address: rec.Address, name: rn}
		zoneName := ""
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
			r.zoneInPlan = true
			zoneName, _ = Str(m.Attr(z, "name"))
			objs, _ := Objects(m.Attr(z, "vpc"))
			for _, o := range objs {
				id, _ := Str(Get(o, "vpc_id"))
				r.zoneVPCs = append(r.zoneVPCs, id)
			}
			for _, as := range m.OfType("aws_route53_zone_association") {
				if z2, _ := Str(m.Attr(as, "zone_id")); Same(z2, zid) == symbol.True {
					id, _ := Str(m.Attr(as, "vpc_id"))
					r.zoneVPCs = append(r.zoneVPCs, id)
				}
			}
		}
		full := strings.TrimSuffix(strings.ToLower(rn), ".")
		zn := strings.TrimSuffix(strings.ToLower(zoneName), ".")
		if zn != "" && full != zn && !strings.HasSuffix(full, "."+zn) {
			full += "." + zn // a name relative to its zone
		}
		r.full = full
		out = append(out, r)
	}
	return out
}
