package checks

import (
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/iampolicy"
	"github.com/privapi/privapi/internal/topology"
)

var pa208 = &Check{
	ID:       "PA208",
	Name:     "policy-conflict",
	Severity: finding.Warning,
	Varies:   map[finding.Severity]string{finding.Error: "the documents provably differ"},
	Title:    "The API's resource policy is set from more than one source",
	Run:      runPA208,
}

func runPA208(v *topology.View, r *Reporter) {
	for _, api := range r.privateAPIs(v) {
		p := r.apiPolicy(v, api)
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
			r.FailAt(finding.Error, s, fix, "the resource policy of %s is set by %s, and the documents differ: the last one applied wins, so which policy is live depends on apply order",
				api.Address, strings.Join(names, " and "))
		case comparable:
			r.Fail(s, fix, "the resource policy of %s is set by %s (equivalent documents): both write the same field, so every plan shows a diff",
				api.Address, strings.Join(names, " and "))
		default:
			r.Fail(s, fix, "the resource policy of %s is set by %s: the last one applied wins; whether the documents agree is known only after apply",
				api.Address, strings.Join(names, " and "))
		}
	}
}
