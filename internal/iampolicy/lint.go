package iampolicy

import (
	"slices"
	"strings"

	"github.com/privapi/privapi/internal/symbol"
)

// Condition keys API Gateway sets on requests to private APIs (see https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-resource-policies-aws-condition-keys.html).
const (
	KeySourceVpce  = "aws:SourceVpce"
	KeySourceVpc   = "aws:SourceVpc"
	KeyVpcSourceIp = "aws:VpcSourceIp"
)

var vpcKeys = []string{KeySourceVpce, KeySourceVpc, KeyVpcSourceIp}

// vpcKey returns the canonical spelling of key if it is one of the VPC keys.
func vpcKey(key string) (string, bool) {
	for _, k := range vpcKeys {
		if strings.EqualFold(k, key) {
			return k, true
		}
	}
	return "", false
}

// ConditionUse is one condition of one statement.
type ConditionUse struct {
	Statement StatementRef
	Effect    string
	Condition Condition
}

// ConditionUses lists every condition of every statement, in order.
func (p *Policy) ConditionUses() []ConditionUse {
	var out []ConditionUse
	for _, s := range p.Statements {
		for _, c := range s.Conditions {
			out = append(out, ConditionUse{Statement: s.Ref(), Effect: s.Effect, Condition: c})
		}
	}
	return out
}

// AnonymousAllows lists the Allow statements whose Principal (or
// NotPrincipal) certainly admits anonymous callers, whatever their other
// elements and conditions.
func (p *Policy) AnonymousAllows() []StatementRef {
	var out []StatementRef
	anon := Caller{Anonymous: true}
	for _, s := range p.Statements {
		if s.Effect == Allow && s.principalVerdict(anon).applies == symbol.True {
			out = append(out, s.Ref())
		}
	}
	return out
}

// Restriction is one way an Allow is limited to VPC traffic.
type Restriction struct {
	// Key is the canonical key: KeySourceVpce, KeySourceVpc or KeyVpcSourceIp.
	Key string
	// By is the statement that restricts: the Allow itself (Direct) or a
	// Deny with a negated operator that covers the Allow's principals,
	// actions and resources.
	By        StatementRef
	Direct    bool
	Condition Condition
}

// AllowRestriction lists the VPC restrictions on one Allow statement.
type AllowRestriction struct {
	Allow        StatementRef
	Restrictions []Restriction
	// Undecided is true when the policy has too many Allow and Deny
	// statements to compare each pair (see maxCoverChecks) and no
	// restriction was found before giving up: whether a Deny covers this
	// Allow is unknown.
	Undecided bool
}

// Restricted reports whether the Allow is limited to VPC traffic at all.
func (a AllowRestriction) Restricted() bool { return len(a.Restrictions) > 0 }

// maxCoverChecks bounds the Allow × Deny comparisons of VpcRestrictions:
// a hostile policy of 4,000 Allow and 4,000 Deny statements must not take
// minutes (or, as it once did, all memory). Real policies compare a few.
const maxCoverChecks = 1 << 18

// VpcRestrictions reports, for every Allow statement in order, what limits
// it to traffic from given VPC endpoints, VPCs or VPC source addresses:
// its own positive condition on aws:SourceVpce, aws:SourceVpc or
// aws:VpcSourceIp (any operator that is neither negated nor ForAllValues),
// or the first Deny whose conditions are all negated operators on those
// keys and whose Principal, Action and Resource cover the Allow's.
// Resources are compared after expanding the execute-api:/ shorthand with
// x. The work is bounded: past maxCoverChecks comparisons, Allows without a
// restriction of their own are Undecided.
func (p *Policy) VpcRestrictions(x ExpandContext) []AllowRestriction {
	type deny struct {
		s                     Statement
		resource, notResource []string
	}
	var denies []deny
	for _, d := range p.Statements {
		if d.Effect == Deny && d.vpcOnlyDeny() && !d.neverApplies() {
			denies = append(denies, deny{d, x.expandAll(d.Resource), x.expandAll(d.NotResource)})
		}
	}
	var out []AllowRestriction
	checks := 0
	for _, a := range p.Statements {
		if a.Effect != Allow {
			continue
		}
		ar := AllowRestriction{Allow: a.Ref()}
		for _, c := range a.Conditions {
			if k, ok := vpcKey(c.Key); ok && !c.Op.Negated && c.Op.Set != ForAllValues && c.Op.Family != FamilyNull && !c.vacuous() {
				ar.Restrictions = append(ar.Restrictions, Restriction{Key: k, By: a.Ref(), Direct: true, Condition: c})
			}
		}
		if len(denies) > 0 && checks+len(denies) > maxCoverChecks {
			ar.Undecided = !ar.Restricted()
			out = append(out, ar)
			continue
		}
		checks += len(denies)
		resource, notResource := x.expandAll(a.Resource), x.expandAll(a.NotResource)
		for _, d := range denies {
			if d.s.principalCovers(a) &&
				patternsCover(d.s.Action, d.s.NotAction, a.Action, a.NotAction, true) &&
				patternsCover(d.resource, d.notResource, resource, notResource, false) {
				for _, c := range d.s.Conditions {
					k, _ := vpcKey(c.Key)
					ar.Restrictions = append(ar.Restrictions, Restriction{Key: k, By: d.s.Ref(), Condition: c})
				}
				break
			}
		}
		out = append(out, ar)
	}
	return out
}

// vpcOnlyDeny: every condition is a negated operator on a VPC key.
func (s Statement) vpcOnlyDeny() bool {
	if len(s.Conditions) == 0 {
		return false
	}
	for _, c := range s.Conditions {
		if _, ok := vpcKey(c.Key); !ok || !c.Op.Negated {
			return false
		}
	}
	return true
}

func (s Statement) principalCovers(a Statement) bool {
	switch {
	case s.NotPrincipal != nil:
		return false
	case s.Principal == nil, admitsEveryone(s.Principal):
		return true
	case a.Principal == nil || a.Principal.Wildcard:
		return false
	}
	for typ, ids := range a.Principal.Values {
		for _, id := range ids {
			if !slices.Contains(s.Principal.Values[typ], id) {
				return false
			}
		}
	}
	return true
}

func admitsEveryone(p *Principal) bool {
	return p.Wildcard || slices.Contains(p.Values["AWS"], "*") || slices.Contains(p.Values["*"], "*")
}

// patternsCover reports whether the element (with, without) of a covering
// statement matches every value the element (aWith, aWithout) of the
// covered statement matches. An absent element matches everything.
func patternsCover(with, without, aWith, aWithout []string, fold bool) bool {
	switch {
	case with == nil && without == nil:
		return true
	case with != nil && slices.Contains(with, "*"):
		return true
	case aWith == nil:
		// The covered statement matches all but a few values; only a
		// wildcard covers that.
		return false
	}
	for _, v := range aWith {
		if with != nil && anyGlob(with, v, fold) != symbol.True {
			return false
		}
		if without != nil && !disjoint(without, v, fold) {
			return false
		}
	}
	return true
}

// disjoint reports that no pattern in list can match what pattern v
// matches.
func disjoint(list []string, v string, fold bool) bool {
	for _, n := range list {
		if globMatch(n, v, fold) != symbol.False || globMatch(v, n, fold) != symbol.False {
			return false
		}
	}
	return true
}

// VpcLiteral is a literal VPC endpoint or VPC ID in a condition.
type VpcLiteral struct {
	Statement StatementRef
	Operator  string
	Key       string
	Value     string
}

// VpcLiterals lists every condition value without tokens that starts with
// "vpce-" or "vpc-" (in any case, so that upper-case IDs can be flagged).
func (p *Policy) VpcLiterals() []VpcLiteral {
	var out []VpcLiteral
	for _, s := range p.Statements {
		for _, c := range s.Conditions {
			for _, v := range c.Values {
				lv := strings.ToLower(v)
				if symbol.Contains(v) || !(strings.HasPrefix(lv, "vpce-") || strings.HasPrefix(lv, "vpc-")) {
					continue
				}
				out = append(out, VpcLiteral{Statement: s.Ref(), Operator: c.Operator, Key: c.Key, Value: v})
			}
		}
	}
	return out
}
