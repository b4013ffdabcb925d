package topology

import (
	"strings"

	"github.com/privapi/privapi/internal/model"
)

// configured records, once per view, what the checks ask of an element's
// configuration and prior state besides its values after apply: whether
// an argument is written at all (an unset Optional argument takes its
// documented default), and what a setting was before this plan. Checks
// read these fields instead of the model.
func (b *builder) configured() {
	v := b.v
	v.FromState = b.m.Kind == "state"
	for _, a := range v.APIs {
		b.apiConfigured(a)
		for _, ms := range a.MethodSettings {
			b.settingsConfigured(ms)
		}
	}
}

// apiConfigured fills BodyConfigured and PutRestAPIModeUnknown.
func (b *builder) apiConfigured(a *API) {
	if a.Inst == nil {
		return
	}
	a.BodyConfigured = b.m.Configured(a.Inst, "body")
	a.PutRestAPIModeUnknown = a.PutRestAPIMode == "" && b.m.Configured(a.Inst, "put_rest_api_mode") &&
		!IsNull(b.attr(a.Inst, "put_rest_api_mode"))
}

// settingsConfigured fills LoggingBefore.
func (b *builder) settingsConfigured(ms *MethodSettings) {
	if ms.Inst != nil {
		ms.LoggingBefore = loggingBefore(ms.Inst)
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
