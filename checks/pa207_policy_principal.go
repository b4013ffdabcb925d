package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

var pa207 = &Check{
	ID:       "PA207",
	Name:     "policy-principal",
	Severity: finding.Error,
	Varies:   map[finding.Severity]string{finding.Info: "the methods use a Lambda authorizer, whose returned policy must then supply the Allow"},
	Title:    "The resource policy allows only named principals while a method takes unsigned callers",
	Run:      runPA207,
}

func runPA207(v *topology.View, r *Reporter) {
	for _, api := range r.privateAPIs(v) {
		p := r.apiPolicy(v, api)
		if !pa2PolicyJudgeable(r, p, "whether it admits unsigned callers") {
			continue
		}
		var anon, custom []string
		for _, in := range pa2Invocations(api, p.ARN) {
			if in.Method == nil {
				continue
			}
			name := in.Verb + " " + in.Path
			switch in.Kind {
			case pa2AuthAnonymous:
				anon = pa2AppendOnce(anon, name+" ("+strings.ToUpper(in.Auth)+")")
			case pa2AuthCustom:
				custom = pa2AppendOnce(custom, name+" (CUSTOM)")
			}
		}
		if len(anon)+len(custom) == 0 {
			r.Pass(p.Subject())
			continue
		}
		probe := iampolicy.Request{Action: pa2InvokeAction, Caller: iampolicy.Caller{Anonymous: true}}
		admits := symbol.False
		var named []string
		for _, s := range p.Policy.Statements {
			if s.Effect != iampolicy.Allow || pa2ElementOnly(s, "action").Applies(probe, p.X) == symbol.False {
				continue
			}
			t := pa2ElementOnly(s, "principal").Applies(probe, p.X)
			admits = admits.Or(t)
			if t != symbol.True {
				named = append(named, s.Ref().String())
			}
		}
		if len(named) == 0 {
			// no Allow at all (PA202) or an anonymous one
			r.Pass(p.Subject())
			continue
		}
		s := p.Subject()
		fix := `use principals { type = "*" identifiers = ["*"] } in ` + strings.Join(named, ", ") + " of " + p.EditAt() +
			" and restrict by endpoint with a Deny-unless-aws:SourceVpce statement, or set authorization = \"AWS_IAM\" on the methods and sign the requests"
		msg := fmt.Sprintf("every Allow of the resource policy of %s (%s: %s) names specific principals, which never match unsigned callers",
			api.Address, p.Where(), strings.Join(named, ", "))
		switch {
		case admits == symbol.Unknown:
			r.Unverified(s, fix, "%s — whether they include everyone is known only after apply; methods with unsigned callers: %s", msg, strings.Join(append(anon, custom...), ", "))
		case admits == symbol.True:
			r.Pass(s)
		case len(anon) > 0:
			r.Fail(s, fix, "%s, but %s take unsigned callers: they are denied with 403 \"anonymous is not authorized\"", msg, strings.Join(anon, ", "))
		default:
			r.FailAt(finding.Info, s, fix, "%s; %s use a Lambda authorizer, whose returned policy must then supply the Allow", msg, strings.Join(custom, ", "))
		}
	}
}

func pa2AppendOnce(l []string, s string) []string {
	for _, x := range l {
		if x == s {
			return l
		}
	}
	return append(l, s)
}
