package checks

import (
	"fmt"
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
)

// PA308 api-change-not-deployed: the API definition changes and no
// deployment of the API is created.
var pa308 = &Check{
	ID:       "PA308",
	Name:     "api-change-not-deployed",
	Severity: finding.Warning,
	Title:    "Methods, integrations or the OpenAPI body change but no new deployment is created",
	Run:      runPA308,
}

func runPA308(v *topology.View, r *Reporter) {
	for _, a := range r.privateAPIs(v) {
		if len(a.Stages) == 0 {
			continue // PA305
		}
		var related []string
		changed := a.DefinitionChanges
		for _, c := range changed {
			related = append(related, c.Address)
		}
		body := pa308BodyChange(a)
		if len(changed) == 0 && body == "" {
			r.Pass(apiSubject(a))
			continue
		}
		if len(createdDeployments(a)) > 0 {
			r.Pass(apiSubject(a, related...))
			continue
		}
		// what changes, named only for a finding
		changes := make([]string, 0, len(changed)+1)
		for _, c := range changed {
			changes = append(changes, c.Address+" is "+c.Action)
		}
		if body != "" {
			changes = append(changes, body)
		}
		d := servingDeployment(v, a)
		dep, hint := "aws_api_gateway_deployment", ""
		if d != nil {
			dep = d.Address
			related = append(related, d.Address)
			w := d.TriggerReads
			var idOnly []string
			for _, c := range changed {
				if c.Action != "updated" {
					continue
				}
				for _, rr := range w.Reached {
					if rr.Is(c.Node) && rr.Attr == "id" {
						idOnly = append(idOnly, rr.String())
					}
				}
			}
			if len(idOnly) > 0 {
				hint = fmt.Sprintf("; the triggers of %s hash only %s, which an in-place update does not change", d.Address, strings.Join(idOnly, ", "))
			}
		}
		fix := fmt.Sprintf("in %s hash the whole definition resources (e.g. sha1(jsonencode([%s]))) or the body in triggers, with lifecycle { create_before_destroy = true }", dep, listRefs(append([]string{}, related[:len(changed)]...), 4))
		if len(changed) == 0 {
			fix = fmt.Sprintf("in %s set triggers = { redeployment = sha1(jsonencode(%s.body)) } with lifecycle { create_before_destroy = true }", dep, a.Address)
		}
		failFor(r, nil, a, apiSubject(a, related...), fix,
			"the API definition changes (%s) but no aws_api_gateway_deployment of %s is created%s: stage %s keeps serving the old snapshot",
			listRefs(changes, 4), a.Address, hint, stageNames(a.Stages))
	}
}

// pa308BodyChange says how the API's OpenAPI body changes ("" when it does
// not).
func pa308BodyChange(a *topology.API) string {
	if !a.Changes() {
		return ""
	}
	_, existed := a.BodyBefore()
	switch {
	case !existed:
		if a.Body != "" || !a.BodyKnown {
			return a.Address + ".body is set"
		}
	case !a.BodyKnown:
		return a.Address + ".body changes (new value known only after apply)"
	case !a.BodySame:
		return a.Address + ".body changes"
	}
	return ""
}
