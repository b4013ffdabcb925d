package iampolicy

import (
	"fmt"
	"strings"
)

// Family groups condition operators by the type of value they compare.
type Family int

const (
	FamilyString Family = iota
	FamilyNumeric
	FamilyDate
	FamilyBool
	FamilyBinary
	FamilyIP
	FamilyARN
	FamilyNull
)

func (f Family) String() string {
	return [...]string{"string", "numeric", "date", "bool", "binary", "ip", "arn", "null"}[f]
}

// SetQualifier is the ForAnyValue:/ForAllValues: prefix of an operator.
type SetQualifier string

const (
	NoSet        SetQualifier = ""
	ForAnyValue  SetQualifier = "ForAnyValue"
	ForAllValues SetQualifier = "ForAllValues"
)

// order is the comparison a numeric or date operator performs.
type order int

const (
	orderEqual order = iota
	orderLess
	orderLessEqual
	orderGreater
	orderGreaterEqual
)

// Operator is a condition operator taken apart.
type Operator struct {
	// Base is the canonical name without qualifier and IfExists, e.g.
	// "StringNotEquals".
	Base   string
	Family Family
	// Negated operators (StringNotEquals, NotIpAddress, ArnNotLike, ...)
	// are true when the value matches none of the policy values.
	Negated bool
	// IgnoreCase is set for StringEqualsIgnoreCase and its negation.
	IgnoreCase bool
	// Like is set when policy values are wildcard patterns (StringLike,
	// ArnLike and ArnEquals, which IAM treats alike).
	Like     bool
	IfExists bool
	Set      SetQualifier

	order order
}

type baseOperator struct {
	name       string
	family     Family
	negated    bool
	ignoreCase bool
	like       bool
	order      order
}

var baseOperators = []baseOperator{
	{name: "StringEquals"},
	{name: "StringNotEquals", negated: true},
	{name: "StringEqualsIgnoreCase", ignoreCase: true},
	{name: "StringNotEqualsIgnoreCase", negated: true, ignoreCase: true},
	{name: "StringLike", like: true},
	{name: "StringNotLike", negated: true, like: true},
	{name: "NumericEquals", family: FamilyNumeric},
	{name: "NumericNotEquals", family: FamilyNumeric, negated: true},
	{name: "NumericLessThan", family: FamilyNumeric, order: orderLess},
	{name: "NumericLessThanEquals", family: FamilyNumeric, order: orderLessEqual},
	{name: "NumericGreaterThan", family: FamilyNumeric, order: orderGreater},
	{name: "NumericGreaterThanEquals", family: FamilyNumeric, order: orderGreaterEqual},
	{name: "DateEquals", family: FamilyDate},
	{name: "DateNotEquals", family: FamilyDate, negated: true},
	{name: "DateLessThan", family: FamilyDate, order: orderLess},
	{name: "DateLessThanEquals", family: FamilyDate, order: orderLessEqual},
	{name: "DateGreaterThan", family: FamilyDate, order: orderGreater},
	{name: "DateGreaterThanEquals", family: FamilyDate, order: orderGreaterEqual},
	{name: "Bool", family: FamilyBool},
	{name: "BinaryEquals", family: FamilyBinary},
	{name: "IpAddress", family: FamilyIP},
	{name: "NotIpAddress", family: FamilyIP, negated: true},
	{name: "ArnEquals", family: FamilyARN, like: true},
	{name: "ArnLike", family: FamilyARN, like: true},
	{name: "ArnNotEquals", family: FamilyARN, negated: true, like: true},
	{name: "ArnNotLike", family: FamilyARN, negated: true, like: true},
	{name: "Null", family: FamilyNull},
}

func lookupBase(name string) (baseOperator, bool) {
	for _, b := range baseOperators {
		if strings.EqualFold(b.name, name) {
			return b, true
		}
	}
	return baseOperator{}, false
}

func knownOperators() string {
	names := make([]string, len(baseOperators))
	for i, b := range baseOperators {
		names[i] = b.name
	}
	return strings.Join(names, ", ")
}

const ifExists = "IfExists"

// ParseOperator takes a condition operator apart. Names are matched
// case-insensitively; IfExists is not allowed on Null.
func ParseOperator(s string) (Operator, error) {
	var op Operator
	name := s
	if i := strings.IndexByte(s, ':'); i >= 0 {
		switch prefix := s[:i]; {
		case strings.EqualFold(prefix, string(ForAnyValue)):
			op.Set = ForAnyValue
		case strings.EqualFold(prefix, string(ForAllValues)):
			op.Set = ForAllValues
		default:
			return Operator{}, fmt.Errorf("unknown set qualifier %q in condition operator %q (want ForAnyValue: or ForAllValues:)", prefix, s)
		}
		name = s[i+1:]
	}
	base, ok := lookupBase(name)
	if !ok && len(name) > len(ifExists) && strings.EqualFold(name[len(name)-len(ifExists):], ifExists) {
		base, ok = lookupBase(name[:len(name)-len(ifExists)])
		op.IfExists = ok
		if ok && base.family == FamilyNull {
			return Operator{}, fmt.Errorf("condition operator %q: Null cannot take IfExists", s)
		}
	}
	if !ok {
		return Operator{}, fmt.Errorf("unknown condition operator %q (known: %s; each may take a ForAnyValue:/ForAllValues: prefix and, except Null, an IfExists suffix)", s, knownOperators())
	}
	op.Base = base.name
	op.Family = base.family
	op.Negated = base.negated
	op.IgnoreCase = base.ignoreCase
	op.Like = base.like
	op.order = base.order
	return op, nil
}
