package topology

import (
	"encoding/json"
	"reflect"
	"strings"

	"github.com/privapi/privapi/internal/model"
)

// configured records, once per view, what the checks ask of an element's
// configuration and prior state besides its values after apply: whether
// an argument is written at all (an unset Optional argument takes its
// documented default), and what a setting was before this plan. Checks
// read these fields instead of the model.
func (b *builder) configured() {
	for _, a := range b.v.APIs {
		b.apiConfigured(a)
		for _, d := range a.Deployments {
			b.deploymentConfigured(d)
		}
		for _, ms := range a.MethodSettings {
			b.settingsConfigured(ms)
		}
	}
}

// deploymentConfigured fills SourceKnown and ReadBackReads.
func (b *builder) deploymentConfigured(d *Deployment) {
	if d.inst == nil {
		return
	}
	_, res := b.m.SourceResource(d.inst)
	d.SourceKnown = res != nil
	if d.RedeployReads == nil {
		return
	}
	for _, rr := range d.RedeployReads.Reached {
		if rr.Kind != RefResource || !strings.HasPrefix(rr.Name, "aws_api_gateway_rest_api.") || (rr.Attr != "policy" && rr.Attr != "body") {
			continue
		}
		if insts := b.v.instancesAt(rr.Address()); len(insts) > 0 && !b.m.Configured(insts[0], rr.Attr) {
			d.ReadBackReads = append(d.ReadBackReads, rr)
		}
	}
}

// definitionChanges lists the changes of the API's definition resources.
func definitionChanges(a *API) []*DefinitionChange {
	var out []*DefinitionChange
	for _, i := range a.definition {
		if !i.Changes() {
			continue
		}
		act := "updated"
		switch {
		case i.Deleted():
			act = "destroyed"
		case i.Has("delete") && i.Creates():
			act = "replaced"
		case i.Creates():
			act = "created"
		}
		out = append(out, &DefinitionChange{Node: node(i), Action: act})
	}
	return out
}

// jsonEqual compares two JSON texts by value (falls back to text).
func jsonEqual(a, b string) bool {
	if a == b {
		return true
	}
	var va, vb any
	if json.Unmarshal([]byte(a), &va) != nil || json.Unmarshal([]byte(b), &vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}

// apiConfigured fills BodyConfigured, PutRestAPIModeUnknown, BodySame and
// DefinitionChanges.
func (b *builder) apiConfigured(a *API) {
	a.DefinitionChanges = definitionChanges(a)
	if a.inst == nil {
		return
	}
	a.prior = priorOf(a.inst, "body")
	if before, existed := a.BodyBefore(); existed && a.BodyKnown {
		a.BodySame = jsonEqual(before, a.Body)
	}
	a.BodyConfigured = b.m.Configured(a.inst, "body")
	a.PutRestAPIModeUnknown = a.PutRestAPIMode == "" && b.m.Configured(a.inst, "put_rest_api_mode") &&
		!IsNull(b.attr(a.inst, "put_rest_api_mode"))
}

// settingsConfigured fills LoggingBefore.
func (b *builder) settingsConfigured(ms *MethodSettings) {
	if ms.inst != nil {
		ms.LoggingBefore = loggingBefore(ms.inst)
	}
}

// loggingBefore reports whether a method setting had execution logging on
// (logging_level INFO or ERROR) before this plan.
func loggingBefore(inst *model.Instance) bool {
	if IsNull(inst.Before()) {
		return false
	}
	objs, ok := Objects(Get(inst.Before(), "settings"))
	if !ok || len(objs) == 0 {
		return false
	}
	lvl, ok := Str(Get(objs[0], "logging_level"))
	return ok && (strings.ToUpper(lvl) == "INFO" || strings.ToUpper(lvl) == "ERROR")
}
