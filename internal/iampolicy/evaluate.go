package iampolicy

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/privapi/privapi/internal/symbol"
)

// Caller is who sends the request.
type Caller struct {
	// Anonymous is an unsigned request (no SigV4), as for methods with
	// authorization NONE, CUSTOM or COGNITO_USER_POOLS.
	Anonymous bool
	// PrincipalARN of a signed (IAM) caller, e.g. a role or an assumed-role
	// session ARN; may hold tokens.
	PrincipalARN string
	// Account of a signed caller; taken from PrincipalARN when empty.
	Account string
}

// String names the caller for messages.
func (c Caller) String() string {
	switch {
	case c.Anonymous:
		return "the anonymous caller"
	case c.PrincipalARN != "":
		return symbol.Display(c.PrincipalARN)
	case c.Account != "":
		return "a principal of account " + symbol.Display(c.Account)
	}
	return "an unidentified IAM caller"
}

// Request is what a policy is asked about.
type Request struct {
	Caller Caller
	// Action, e.g. "execute-api:Invoke".
	Action string
	// Resource is a full ARN, e.g.
	// arn:aws:execute-api:us-east-1:123456789012:abcde12345/prod/GET/pets.
	Resource string
	// Context holds the condition keys present in the request (keys
	// case-insensitive). For IP keys a value may be a CIDR block, meaning
	// "some address in this block": the question is then whether every
	// address in it is allowed.
	Context map[string][]string
}

// Results a Decision reports in Effect.
const (
	ResultAllow        = "allow"
	ResultExplicitDeny = "explicit-deny"
	ResultImplicitDeny = "implicit-deny"
	ResultUnknown      = "unknown"
)

// Decision is the outcome of evaluating a policy for a request.
type Decision struct {
	Allowed symbol.Tri
	// Effect is one of the Result constants.
	Effect string
	// Deciding lists the statements that decided: the Denies that apply,
	// the Allows that apply, or the statements whose applying is unknown.
	// Empty for an implicit deny.
	Deciding []StatementRef
	// Reason is one sentence for humans; tokens are shown as ${addr.attr}.
	Reason string
}

// verdict says whether a statement applies to a request and why: for a
// statement that does not apply, or may, the first element that decided;
// for one that applies, the conditions that held.
type verdict struct {
	applies symbol.Tri
	why     string
}

// Evaluate decides a request with IAM semantics: a Deny that applies wins;
// otherwise an Allow that applies is needed; otherwise the request is denied
// implicitly. An undecided Deny makes an otherwise allowed (or undecided)
// request Unknown. Shorthand resources are expanded with x. p must not be
// nil: what a missing policy means (no access for a resource policy, full
// access for an endpoint policy) is the caller's call.
func (p *Policy) Evaluate(req Request, x ExpandContext) Decision {
	ctx := newRequestContext(req.Context)
	variants := p.addressVariants(ctx)
	if variants == nil {
		return p.decide(req, ctx, x)
	}
	var undecided *Decision
	for _, v := range variants {
		d := p.decide(req, v.ctx, x)
		if d.Allowed == symbol.True {
			continue
		}
		d.Reason = "for " + v.note + ": " + d.Reason
		if d.Allowed == symbol.False {
			return d
		}
		if undecided == nil {
			undecided = &d
		}
	}
	if undecided != nil {
		return *undecided
	}
	d := p.decide(req, variants[0].ctx, x)
	if len(variants) == 1 {
		d.Reason = "for " + variants[0].note + ": " + d.Reason
	} else {
		d.Reason = fmt.Sprintf("allowed for every address: each of %d sub-ranges is allowed, e.g. for %s: %s", len(variants), variants[0].note, d.Reason)
	}
	return d
}

// group collects the statements with one outcome, and why the first of
// them has it.
type group struct {
	stmts []Statement
	why   string
}

func (g *group) add(s Statement, why string) {
	if len(g.stmts) == 0 {
		g.why = why
	}
	g.stmts = append(g.stmts, s)
}

func (g *group) refs() []StatementRef {
	out := make([]StatementRef, len(g.stmts))
	for i, s := range g.stmts {
		out[i] = s.Ref()
	}
	return out
}

func (g *group) names() string {
	parts := make([]string, len(g.stmts))
	for i, s := range g.stmts {
		parts[i] = s.Ref().String()
	}
	return strings.Join(parts, ", ")
}

func (p *Policy) decide(req Request, ctx requestContext, x ExpandContext) Decision {
	var denies, maybeDenies, allows, maybeAllows, notAllows group
	for _, s := range p.Statements {
		v := s.verdict(req, ctx, x)
		switch {
		case s.Effect == Deny && v.applies == symbol.True:
			denies.add(s, v.why)
		case s.Effect == Deny && v.applies == symbol.Unknown:
			maybeDenies.add(s, v.why)
		case s.Effect == Allow && v.applies == symbol.True:
			allows.add(s, v.why)
		case s.Effect == Allow && v.applies == symbol.Unknown:
			maybeAllows.add(s, v.why)
		case s.Effect == Allow:
			notAllows.add(s, v.why)
		}
	}
	switch {
	case len(denies.stmts) > 0:
		return Decision{Allowed: symbol.False, Effect: ResultExplicitDeny, Deciding: denies.refs(),
			Reason: "denied explicitly by " + denies.names() + because(denies.why, "it has no conditions")}
	case len(allows.stmts) == 0 && len(maybeAllows.stmts) == 0:
		reason := fmt.Sprintf("denied implicitly: no statement allows %s to call %s on %s",
			req.Caller, req.Action, strconv.Quote(symbol.Display(req.Resource)))
		if len(notAllows.stmts) > 0 {
			reason += " (" + notAllows.stmts[0].Ref().String() + " does not apply: " + notAllows.why + ")"
		}
		return Decision{Allowed: symbol.False, Effect: ResultImplicitDeny, Reason: reason}
	case len(maybeDenies.stmts) > 0:
		return Decision{Allowed: symbol.Unknown, Effect: ResultUnknown, Deciding: maybeDenies.refs(),
			Reason: "undecided until apply: " + maybeDenies.names() + " may deny" + because(maybeDenies.why, "")}
	case len(allows.stmts) > 0:
		return Decision{Allowed: symbol.True, Effect: ResultAllow, Deciding: allows.refs(),
			Reason: "allowed by " + allows.names() + because(allows.why, "it has no conditions") + ", and no statement denies"}
	}
	return Decision{Allowed: symbol.Unknown, Effect: ResultUnknown, Deciding: maybeAllows.refs(),
		Reason: "undecided until apply: " + maybeAllows.names() + " may allow" + because(maybeAllows.why, "")}
}

func because(why, fallback string) string {
	if why == "" {
		why = fallback
	}
	if why == "" {
		return ""
	}
	return " (" + why + ")"
}

// Applies reports whether the statement applies to the request (ignoring
// its Effect).
func (s Statement) Applies(req Request, x ExpandContext) symbol.Tri {
	return s.verdict(req, newRequestContext(req.Context), x).applies
}

func (s Statement) verdict(req Request, ctx requestContext, x ExpandContext) verdict {
	res := verdict{applies: symbol.True}
	for _, check := range []func() verdict{
		func() verdict { return s.principalVerdict(req.Caller) },
		func() verdict { return s.actionVerdict(req.Action) },
		func() verdict { return s.resourceVerdict(req.Resource, x) },
		func() verdict { return s.conditionsVerdict(ctx) },
	} {
		v := check()
		switch v.applies {
		case symbol.False:
			return v
		case symbol.Unknown:
			if res.applies == symbol.True {
				res = v
			}
		case symbol.True:
			if res.applies == symbol.True && v.why != "" {
				res.why = v.why
			}
		}
	}
	return res
}

func (s Statement) principalVerdict(c Caller) verdict {
	switch {
	case s.Principal != nil:
		t := c.Matches(s.Principal)
		return verdict{t, pick(t, "its Principal does not name "+c.String(), "whether its Principal names "+c.String()+" is unknown")}
	case s.NotPrincipal != nil:
		t := c.Matches(s.NotPrincipal).Not()
		return verdict{t, pick(t, "its NotPrincipal names "+c.String(), "whether its NotPrincipal names "+c.String()+" is unknown")}
	}
	return verdict{applies: symbol.True}
}

func (s Statement) actionVerdict(action string) verdict {
	switch {
	case s.Action != nil:
		t := anyGlob(s.Action, action, true)
		return verdict{t, pick(t, "its Action does not cover "+action, "whether its Action covers "+action+" is unknown")}
	case s.NotAction != nil:
		t := anyGlob(s.NotAction, action, true).Not()
		return verdict{t, pick(t, "its NotAction covers "+action, "whether its NotAction covers "+action+" is unknown")}
	}
	return verdict{applies: symbol.True}
}

func (s Statement) resourceVerdict(resource string, x ExpandContext) verdict {
	shown := strconv.Quote(symbol.Display(resource))
	switch {
	case s.Resource != nil:
		patterns := x.expandAll(s.Resource)
		t := anyGlob(patterns, resource, false)
		return verdict{t, pick(t, "its Resource does not cover "+shown,
			"whether its Resource "+displayList(patterns)+" covers "+shown+" is unknown")}
	case s.NotResource != nil:
		patterns := x.expandAll(s.NotResource)
		t := anyGlob(patterns, resource, false).Not()
		return verdict{t, pick(t, "its NotResource covers "+shown,
			"whether its NotResource "+displayList(patterns)+" covers "+shown+" is unknown")}
	}
	return verdict{applies: symbol.True}
}

func (s Statement) conditionsVerdict(ctx requestContext) verdict {
	res := verdict{applies: symbol.True}
	var held []string
	for _, c := range s.Conditions {
		t := c.eval(ctx)
		why := c.String() + " is " + t.String() + " for " + describeRequestValue(ctx, c.Key)
		switch t {
		case symbol.False:
			return verdict{symbol.False, "condition " + why}
		case symbol.Unknown:
			if res.applies == symbol.True {
				res = verdict{symbol.Unknown, "condition " + why + " until apply"}
			}
		case symbol.True:
			held = append(held, c.String()+" holds for "+describeRequestValue(ctx, c.Key))
		}
	}
	if res.applies == symbol.True {
		res.why = strings.Join(held, " and ")
	}
	return res
}

func describeRequestValue(ctx requestContext, key string) string {
	vals := ctx.values(key)
	if len(vals) == 0 {
		return "a request without " + key
	}
	return key + " = " + displayList(vals)
}

func pick(t symbol.Tri, whenFalse, whenUnknown string) string {
	switch t {
	case symbol.False:
		return whenFalse
	case symbol.Unknown:
		return whenUnknown
	}
	return ""
}

func anyGlob(patterns []string, subject string, fold bool) symbol.Tri {
	res := symbol.False
	for _, p := range patterns {
		res = res.Or(globMatch(p, subject, fold))
		if res == symbol.True {
			break
		}
	}
	return res
}
