package iampolicy

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/privapi/privapi/internal/symbol"
)

// requestContext maps lower-cased condition keys to their request values. A
// key that is missing or has no values is absent.
type requestContext map[string][]string

func newRequestContext(m map[string][]string) requestContext {
	ctx := make(requestContext, len(m))
	for k, v := range m {
		if len(v) > 0 {
			lk := strings.ToLower(k)
			ctx[lk] = append(ctx[lk], v...)
		}
	}
	return ctx
}

func (ctx requestContext) values(key string) []string { return ctx[strings.ToLower(key)] }

// Eval decides the condition against a request context (keys compared
// case-insensitively; an absent key is one missing or mapped to no values).
func (c Condition) Eval(context map[string][]string) symbol.Tri {
	return c.eval(newRequestContext(context))
}

func (c Condition) eval(ctx requestContext) symbol.Tri {
	vals := ctx.values(c.Key)
	if c.Op.Family == FamilyNull {
		return c.evalNull(len(vals) == 0)
	}
	if len(vals) == 0 {
		return c.absent()
	}
	switch c.Op.Set {
	case ForAnyValue:
		res := symbol.False
		for _, v := range vals {
			res = res.Or(c.satisfied(v))
		}
		return res
	case ForAllValues:
		res := symbol.True
		for _, v := range vals {
			res = res.And(c.satisfied(v))
		}
		return res
	}
	matched := symbol.False
	for _, v := range vals {
		matched = matched.Or(c.matchesAny(v))
	}
	if c.Op.Negated {
		return matched.Not()
	}
	return matched
}

// absent is the result when the key is not in the request.
func (c Condition) absent() symbol.Tri {
	switch {
	case c.Op.IfExists:
		return symbol.True
	case c.Op.Set == ForAllValues:
		return symbol.True
	case c.Op.Set == ForAnyValue:
		return symbol.False
	}
	return symbol.FromBool(c.Op.Negated)
}

func (c Condition) evalNull(absent bool) symbol.Tri {
	res := symbol.False
	for _, want := range c.Values {
		switch strings.ToLower(want) {
		case "true":
			res = res.Or(symbol.FromBool(absent))
		case "false":
			res = res.Or(symbol.FromBool(!absent))
		}
	}
	return res
}

// satisfied applies the operator, negation included, to one request value.
func (c Condition) satisfied(v string) symbol.Tri {
	m := c.matchesAny(v)
	if c.Op.Negated {
		return m.Not()
	}
	return m
}

// matchesAny is the positive comparison of one request value against the
// policy values, which OR together.
func (c Condition) matchesAny(v string) symbol.Tri {
	if c.matchesEveryID(v) {
		return symbol.True
	}
	res := symbol.False
	for _, p := range c.Values {
		res = res.Or(c.Op.compare(p, v))
		if res == symbol.True {
			break
		}
	}
	return res
}

// compare is the positive form of the operator on one policy value p and
// one request value v.
func (op Operator) compare(p, v string) symbol.Tri {
	switch op.Family {
	case FamilyString:
		switch {
		case op.Like:
			return globMatch(p, v, false)
		case hasPolicyVariable(p) && p != v:
			return symbol.Unknown
		}
		return equalText(p, v, op.IgnoreCase)
	case FamilyARN:
		return arnMatch(p, v)
	case FamilyIP:
		return ipMatch(p, v)
	case FamilyBool:
		return equalText(p, v, true)
	case FamilyBinary:
		return symbol.Equal(p, v)
	case FamilyNumeric:
		return orderedCompare(p, v, op.order, parseNumber)
	case FamilyDate:
		return orderedCompare(p, v, op.order, parseDate)
	}
	return symbol.False
}

// orderedCompare compares request value v with policy value p (v op p). A
// value that does not parse never matches.
func orderedCompare(p, v string, o order, parse func(string) (float64, bool)) symbol.Tri {
	if symbol.Contains(p) || symbol.Contains(v) {
		if p == v && (o == orderEqual || o == orderLessEqual || o == orderGreaterEqual) {
			return symbol.True
		}
		return symbol.Unknown
	}
	pv, ok1 := parse(p)
	rv, ok2 := parse(v)
	if !ok1 || !ok2 {
		return symbol.False
	}
	switch o {
	case orderLess:
		return symbol.FromBool(rv < pv)
	case orderLessEqual:
		return symbol.FromBool(rv <= pv)
	case orderGreater:
		return symbol.FromBool(rv > pv)
	case orderGreaterEqual:
		return symbol.FromBool(rv >= pv)
	}
	return symbol.FromBool(rv == pv)
}

func parseNumber(s string) (float64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return f, err == nil
}

var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02",
}

// parseDate reads an ISO 8601 date or time, or seconds since the epoch, as
// seconds since the epoch.
func parseDate(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return float64(n), true
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return float64(t.Unix()) + float64(t.Nanosecond())/1e9, true
		}
	}
	return 0, false
}

// String renders the condition as `Operator key value` for messages, with
// tokens shown as ${address.attr}.
func (c Condition) String() string {
	return fmt.Sprintf("%s %s %s", c.Operator, c.Key, displayList(c.Values))
}

// maxShown bounds how many values a message lists.
const maxShown = 5

func displayList(vals []string) string {
	if len(vals) == 1 {
		return strconv.Quote(symbol.Display(vals[0]))
	}
	shown := vals
	if len(vals) > maxShown {
		shown = vals[:maxShown]
	}
	parts := make([]string, len(shown))
	for i, v := range shown {
		parts[i] = strconv.Quote(symbol.Display(v))
	}
	if len(vals) > maxShown {
		parts = append(parts, fmt.Sprintf("… %d more", len(vals)-maxShown))
	}
	return "[" + strings.Join(parts, ", ") + "]"
}
