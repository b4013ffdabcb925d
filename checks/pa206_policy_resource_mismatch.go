package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa206 = &Check{
	ID:       "PA206",
	Name:     "policy-resource-mismatch",
	Severity: finding.Error,
	Title:    "No Allow statement's Resource covers the invocations of the API",
	Run:      runPA206,
}

func runPA206(v *topology.View, r *Reporter) {
	for _, api := range r.privateAPIs(v) {
		p := r.apiPolicy(v, api)
		if !pa2PolicyJudgeable(r, p, "whether its Resource patterns cover the API's invocations") {
			continue
		}
		var allows []iampolicy.Statement
		probe := iampolicy.Request{Action: pa2InvokeAction, Caller: iampolicy.Caller{Anonymous: true}}
		for _, s := range p.Policy.Statements {
			if s.Effect == iampolicy.Allow && pa2ElementOnly(s, "action").Applies(probe, p.X) != symbol.False {
				allows = append(allows, s)
			}
		}
		if len(allows) == 0 {
			continue // no Allow at all: PA202 reports the implicit deny
		}
		var missed, unsure []string
		var first iampolicy.Request
		for _, in := range pa2Invocations(api, p.ARN) {
			req := iampolicy.Request{Action: pa2InvokeAction, Resource: in.Resource, Caller: in.Caller()}
			cov := symbol.False
			for _, s := range allows {
				cov = cov.Or(pa2ResourceCovers(s, req, p.X))
			}
			switch cov {
			case symbol.False:
				if len(missed) == 0 {
					first = req
				}
				missed = append(missed, in.String())
			case symbol.Unknown:
				if len(missed)+len(unsure) == 0 {
					first = req
				}
				unsure = append(unsure, in.String())
			}
		}
		s := p.Subject()
		diag, fix := pa2ResourceDiagnosis(v, api, p, allows, first)
		fix += " in " + p.EditAt()
		switch {
		case len(missed) > 0:
			r.Fail(s, fix, "no Allow statement of the resource policy of %s (%s) covers %s: %s",
				api.Address, p.Where(), strings.Join(missed, ", "), diag)
		case len(unsure) > 0:
			r.Unverified(s, fix, "whether the Allow statements of the resource policy of %s cover %s is known only after apply: %s",
				api.Address, strings.Join(unsure, ", "), diag)
		default:
			r.Pass(s)
		}
	}
}

var pa2HttpVerbs = map[string]bool{"GET": true, "POST": true, "PUT": true, "DELETE": true, "PATCH": true, "HEAD": true, "OPTIONS": true, "ANY": true}

// pa2ResourceDiagnosis explains what the Allow statements' Resource patterns
// name instead of the API's invocations, and the fix.
func pa2ResourceDiagnosis(v *topology.View, api *topology.API, p pa2ApiPolicy, allows []iampolicy.Statement, req iampolicy.Request) (string, string) {
	partition, region, account := v.APIAccount(api)
	fix := "use resources = [" + pa2ArnExpr(api, "/*") + "] (every stage, method and path)"
	var notes []string
	for _, st := range allows {
		raw, ok := pa2StatementOf(p.Raw, st.Ref())
		if !ok {
			continue
		}
		patterns, not := raw.Resource, false
		if patterns == nil {
			patterns, not = raw.NotResource, true
		}
		for _, pat := range patterns {
			one := v.ForAPI(&iampolicy.Policy{Statements: []iampolicy.Statement{{Resource: []string{pat}}}}, api)
			shown := fmt.Sprintf("%s %s %q", st.Ref(), map[bool]string{false: "Resource", true: "NotResource"}[not], symbol.Display(pat))
			if len(one.Statements[0].Resource) == 0 {
				notes = append(notes, shown+" names another API")
				continue
			}
			n := one.Statements[0].Resource[0]
			m := pa2ResourceCovers(iampolicy.Statement{Resource: []string{n}}, req, p.X)
			if not {
				if m == symbol.True {
					notes = append(notes, shown+" excludes them")
				}
				continue
			}
			if m != symbol.False {
				continue // this pattern is not what misses them
			}
			parts := iampolicy.SplitARN(n)
			switch {
			case n == p.ARN || n == api.ExecutionARN:
				notes = append(notes, shown+" is the bare execution_arn, which names no stage, method or path (append /*)")
			case len(parts) == 6 && parts[2] == "apigateway":
				notes = append(notes, shown+" is the API's management ARN (arn:…:apigateway:…), not an invocation ARN")
			case len(parts) < 6 && strings.HasPrefix(n, "arn:"):
				notes = append(notes, shown+" is no well-formed ARN: an invocation ARN has six colon-separated fields, arn:partition:execute-api:region:account:api-id/stage/method/path")
			case len(parts) == 6 && pa2NotAccountID(parts[4]):
				notes = append(notes, fmt.Sprintf("%s has %s in its account field, which is no 12-digit AWS account id", shown, parts[4]))
			case len(parts) == 6 && parts[0] == "arn" && pa2LiteralDiffers(parts[2], "execute-api"):
				notes = append(notes, shown+" is not an execute-api ARN")
			case len(parts) == 6 && pa2LiteralDiffers(parts[1], partition):
				notes = append(notes, fmt.Sprintf("%s is in partition %s, the API in %s", shown, parts[1], partition))
			case len(parts) == 6 && pa2LiteralDiffers(parts[3], region):
				notes = append(notes, fmt.Sprintf("%s is in region %s, the API in %s", shown, parts[3], region))
			case len(parts) == 6 && pa2LiteralDiffers(parts[4], account):
				notes = append(notes, fmt.Sprintf("%s is in account %s, the API in %s", shown, parts[4], account))
			default:
				if seg, ok := pa2StageSegment(n, p.ARN, api.ExecutionARN); ok && pa2HttpVerbs[strings.ToUpper(seg)] && !pa2HasStage(api, seg) {
					notes = append(notes, fmt.Sprintf("%s names a stage called %s, not the %s method: the first segment after the API id is the stage; write %s", shown, seg, strings.ToUpper(seg), strings.Replace(symbol.Display(pat), "/"+seg+"/", "/*/"+seg+"/", 1)))
					fix = "use resources = [" + pa2ArnExpr(api, "/*/"+strings.ToUpper(seg)+"/*") + "] for " + strings.ToUpper(seg) + " on every stage, or [" + pa2ArnExpr(api, "/*") + "]"
					continue
				}
				notes = append(notes, shown+" does not cover them")
			}
		}
	}
	return strings.Join(notes, "; "), fix
}

// pa2LiteralDiffers reports that two literal ARN parts differ ("" and tokens
// and wildcards never do).
func pa2LiteralDiffers(got, want string) bool {
	if got == "" || want == "" || symbol.Contains(got) || symbol.Contains(want) || strings.ContainsAny(got, "*?") {
		return false
	}
	return got != want
}

// pa2NotAccountID reports a literal account field that no account id (12
// decimal digits) can match.
func pa2NotAccountID(field string) bool {
	if field == "" || symbol.Contains(field) || strings.ContainsAny(field, "*?") {
		return false
	}
	return len(field) != 12 || strings.Trim(field, "0123456789") != ""
}

// pa2StageSegment returns the segment right after the API ARN in pattern.
func pa2StageSegment(pattern string, arns ...string) (string, bool) {
	for _, a := range arns {
		if a == "" {
			continue
		}
		if rest, ok := strings.CutPrefix(pattern, a+"/"); ok {
			seg, _, _ := strings.Cut(rest, "/")
			return seg, seg != "" && !strings.ContainsAny(seg, "*?") && !symbol.Contains(seg)
		}
	}
	return "", false
}

func pa2HasStage(api *topology.API, name string) bool {
	for _, s := range api.Stages {
		if s.NameKnown && s.Name == name {
			return true
		}
	}
	return false
}
