package topology

import "github.com/privapi/privapi/internal/model"

// prior is one attribute of an element before apply, read once by Build so
// that queries after Build (StageHeld, BodyBefore) never decode the
// model's prior values.
type prior struct {
	// existed: the element existed before this plan (its prior value is
	// not null).
	existed bool
	// value is the attribute's prior string value ("" when unset or not a
	// string), known whether it is one.
	value string
	known bool
}

// priorOf reads attribute name of inst before apply.
func priorOf(inst *model.Instance, name string) prior {
	before := inst.Before()
	if IsNull(before) {
		return prior{}
	}
	s, ok := Str(Get(before, name))
	return prior{existed: true, value: s, known: ok}
}

// priors records what StageHeld compares: the prior deployment_id of each
// stage that stays (neither created nor deleted) and the prior id of each
// deployment that existed. Stages and deployments this plan only creates
// have no prior value, so a plan that creates everything reads none.
func (b *builder) priors() {
	for _, a := range b.v.APIs {
		for _, d := range a.Deployments {
			if d.inst != nil && (!d.has("create") || d.has("delete")) {
				d.prior = priorOf(d.inst, "id")
			}
		}
		for _, s := range a.Stages {
			if s.inst != nil && !s.has("create") && !s.has("delete") {
				s.prior = priorOf(s.inst, "deployment_id")
			}
		}
	}
}
