package checks

import (
	"strings"

	"github.com/privapi/privapi/internal/reach"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/topology"
)

func init() {
	Register(&Check{
		ID:       "PA208",
		Name:     "policy-conflict",
		Severity: finding.Warning,
		Varies:   map[finding.Severity]string{finding.Error: "the documents provably differ"},
		Title:    "The API's resource policy is set from more than one source",
		Doc: `**What AWS does.** The resource policy of a REST API is one field. Terraform can write it from
the ` + "`policy`" + ` argument of ` + "`aws_api_gateway_rest_api`" + `, from an ` + "`aws_api_gateway_rest_api_policy`" + `,
and from ` + "`x-amazon-apigateway-policy`" + ` in the OpenAPI ` + "`body`" + ` (aws-facts A5). The argument and
the policy resource both send ` + "`replace /policy`" + `; a body import overwrites it (A6).

**Why it breaks.** With two sources the last writer wins and every plan shows a diff; when the
documents differ, which one is live depends on apply order — a call allowed today may be denied
after the next apply. (Differences only in JSON formatting or the ` + "`execute-api:/*`" + ` shorthand
are not differences, B8.)

**How to fix.** Keep one source — preferably ` + "`aws_api_gateway_rest_api_policy`" + ` (the provider's
recommendation) — and remove the ` + "`policy`" + ` argument / the body's ` + "`x-amazon-apigateway-policy`" + `.

Judged per private API: a warning when the sources are equivalent or cannot be compared before
apply, an error when they provably differ. Sources: aws-facts A5, A6, B8.`,
		Run: runPA208,
	})
}

func runPA208(v *topology.View, r *Reporter) {
	for _, api := range reach.PrivateAPIs(v) {
		p := pa2ReadAPIPolicy(v, api)
		s := p.Subject()
		if len(p.Live) < 2 {
			if p.Source != nil {
				r.Pass(s)
			}
			continue
		}
		var names []string
		var docs []*iampolicy.Policy
		comparable := true
		for _, ps := range p.Live {
			names = append(names, pa2PolicyWhere(ps, false))
			raw, err := v.ReadPolicy(ps)
			if err != nil {
				comparable = false
				continue
			}
			docs = append(docs, v.ForAPI(raw, api))
		}
		differ := false
		if comparable {
			for _, d := range docs[1:] {
				if !iampolicy.Equivalent(docs[0], d, p.X) {
					differ = true
				}
			}
		}
		fix := "keep one source (preferably the aws_api_gateway_rest_api_policy) and remove the others: " + strings.Join(names, ", ")
		switch {
		case differ:
			r.FailAt(finding.Error, s, fix, "the resource policy of %s is set by %s, and the documents differ: the last one applied wins, so which policy is live depends on apply order (A5)",
				api.Address, strings.Join(names, " and "))
		case comparable:
			r.Fail(s, fix, "the resource policy of %s is set by %s (equivalent documents): both write the same field, so every plan shows a diff (A5)",
				api.Address, strings.Join(names, " and "))
		default:
			r.Fail(s, fix, "the resource policy of %s is set by %s: the last one applied wins (A5); whether the documents agree is known only after apply",
				api.Address, strings.Join(names, " and "))
		}
	}
}
