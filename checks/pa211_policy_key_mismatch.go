package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa211 = &Check{
	ID:       "PA211",
	Name:     "policy-key-mismatch",
	Severity: finding.Warning,
	Title:    "A VPC condition key is compared with the wrong kind of id, with a set operator, or negated in an Allow",
	Run:      runPA211,
}

func runPA211(v *topology.View, r *Reporter) {
	for _, api := range r.privateAPIs(v) {
		p := r.apiPolicy(v, api)
		if !pa2PolicyJudgeable(r, p, "whether it uses the VPC condition keys correctly") {
			continue
		}
		var issues []string
		for _, u := range p.Raw.ConditionUses() {
			c := u.Condition
			key := pa2CanonicalKey(c.Key)
			where := fmt.Sprintf("`%s` in %s %s", c, u.Effect, u.Statement)
			if key == iampolicy.KeySourceVpce || key == iampolicy.KeySourceVpc {
				for _, val := range c.Values {
					kind := pa2IdKind(v, val)
					switch {
					case key == iampolicy.KeySourceVpc && kind == "endpoint":
						issues = append(issues, fmt.Sprintf("%s compares aws:SourceVpc (a VPC id) with the endpoint id %s, which never matches: use variable = \"aws:SourceVpce\"", where, symbol.Display(val)))
					case key == iampolicy.KeySourceVpce && kind == "vpc":
						issues = append(issues, fmt.Sprintf("%s compares aws:SourceVpce (an endpoint id) with the VPC id %s, which never matches: use variable = \"aws:SourceVpc\"", where, symbol.Display(val)))
					}
				}
			}
			if key != "" && key != "aws:SourceIp" && c.Op.Set != iampolicy.NoSet {
				issues = append(issues, fmt.Sprintf("%s applies the set qualifier %s: to the single-valued key %s: use %s without it", where, c.Op.Set, key, strings.TrimPrefix(strings.TrimPrefix(c.Operator, string(c.Op.Set)), ":")))
			}
			if u.Effect == iampolicy.Allow && c.Op.Negated && !strings.EqualFold(c.Key, "aws:SourceIp") {
				issues = append(issues, fmt.Sprintf("%s is a negated operator inside an Allow: it grants every request whose %s differs or is absent; keep Allow conditions positive and put exclusions in a Deny", where, c.Key))
			}
		}
		s := p.Subject()
		if len(issues) == 0 {
			r.Pass(s)
			continue
		}
		r.Fail(s, "in "+p.EditAt()+": compare aws:SourceVpce with endpoint ids (aws_vpc_endpoint.x.id) and aws:SourceVpc with VPC ids (aws_vpc.x.id), use StringEquals/StringNotEquals without ForAnyValue:/ForAllValues:, and keep negated operators in Deny statements",
			"the resource policy of %s (%s) misuses VPC condition keys: %s", api.Address, p.Where(), strings.Join(issues, "; "))
	}
}

// pa2IdKind tells whether a condition value is an endpoint id ("endpoint"), a
// VPC id ("vpc") or neither ("").
func pa2IdKind(v *topology.View, val string) string {
	if k := v.IDKind(val); k != "" {
		return k
	}
	if r, ok := symbol.Only(val); ok {
		typ := v.TypeAt(r.Address)
		switch {
		case typ == "aws_vpc_endpoint" && r.Attr == "id":
			return "endpoint"
		case typ == "aws_vpc" && r.Attr == "id", strings.HasSuffix(r.Attr, "vpc_id"):
			return "vpc"
		}
		return ""
	}
	lv := strings.ToLower(val)
	switch {
	case strings.HasPrefix(lv, "vpce-"):
		return "endpoint"
	case strings.HasPrefix(lv, "vpc-"):
		return "vpc"
	}
	return ""
}
