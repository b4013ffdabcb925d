package topology

// Execution logging of a stage: which method settings apply to it, and
// whether they turn logging (and full request/response data) on for every
// method (see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html).
// One rule, read by the logging checks (PA501, PA502, PA503) and by the
// runbook's logging step, so the two cannot disagree.

import (
	"strings"

	"github.com/privapi/privapi/internal/symbol"
)

// MethodKey is a method as method settings address it: the resource path
// without leading slash ("" for the root) and the verb.
type MethodKey struct {
	Path, Verb string
}

func (k MethodKey) String() string { return k.Verb + " /" + k.Path }

// All reports whether the key is "*/*", every method of the stage.
func (k MethodKey) All() bool { return k.Path == "*" && k.Verb == "*" }

// SettingsPath splits a method_path ("*/*", "pets/{id}/GET", "~1pets/GET")
// into resource path and verb.
func SettingsPath(p string) MethodKey {
	p = strings.ReplaceAll(p, "~1", "/")
	i := strings.LastIndex(p, "/")
	if i < 0 {
		return MethodKey{Path: strings.Trim(p, "/")}
	}
	return MethodKey{Path: strings.Trim(p[:i], "/"), Verb: strings.ToUpper(p[i+1:])}
}

// StageMethods lists the API's methods; known is false when some cannot be
// placed (path unknown, body not readable).
func StageMethods(a *API) (keys []MethodKey, known bool) {
	known = true
	for _, m := range a.Methods {
		if m.Path == "" || m.HTTPMethod == "" {
			known = false
			continue
		}
		keys = append(keys, MethodKey{Path: strings.Trim(m.Path, "/"), Verb: strings.ToUpper(m.HTTPMethod)})
	}
	if a.Body != "" || !a.BodyKnown {
		ops, ok := BodyOperations(a.Body)
		if !ok {
			return keys, false
		}
		for _, op := range ops {
			keys = append(keys, MethodKey{Path: strings.Trim(op.Path, "/"), Verb: op.Method})
		}
	}
	return keys, known
}

// StageSettings returns the method settings of a that apply to stage s,
// and whether some other setting's stage cannot be matched until apply.
func StageSettings(a *API, s *Stage) (out []*MethodSettings, unsure bool) {
	for _, ms := range a.MethodSettings {
		t := symbol.Unknown
		if ms.StageName != "" && s.NameKnown && s.Name != "" {
			t = Same(ms.StageName, s.Name)
		}
		if t == symbol.Unknown {
			t = ms.StageNameRefersTo(s)
		}
		switch t {
		case symbol.True:
			out = append(out, ms)
		case symbol.Unknown:
			unsure = true
		}
	}
	return out, unsure
}

// Coverage decides whether setting on holds for every method of a stage:
// a method's own setting wins over "*/*". It returns the verdict and the
// methods (or "*/*") that lack it.
func Coverage(settings []*MethodSettings, methods []MethodKey, methodsKnown bool, on func(*MethodSettings) symbol.Tri) (symbol.Tri, []string) {
	star := symbol.False
	hasStar := false
	specific := map[MethodKey][]*MethodSettings{}
	for _, ms := range settings {
		k := SettingsPath(ms.MethodPath)
		if k.All() {
			if !hasStar {
				star = on(ms)
			} else {
				star = star.Or(on(ms))
			}
			hasStar = true
			continue
		}
		specific[k] = append(specific[k], ms)
	}
	res := symbol.True
	var missing []string
	judge := func(k MethodKey) {
		t := symbol.False
		if list := specific[k]; len(list) > 0 {
			t = on(list[0])
			for _, ms := range list[1:] {
				t = t.Or(on(ms))
			}
		} else if hasStar {
			t = star
		}
		if t != symbol.True {
			missing = append(missing, k.String())
		}
		res = res.And(t)
	}
	if len(methods) == 0 && methodsKnown {
		if !hasStar {
			return symbol.False, []string{"*/*"}
		}
		if star != symbol.True {
			return star, []string{"*/*"}
		}
		return symbol.True, nil
	}
	for _, k := range methods {
		judge(k)
	}
	if !methodsKnown {
		// Methods privapi cannot place are covered only by "*/*".
		if !hasStar {
			res = res.And(symbol.Unknown)
		} else {
			res = res.And(star)
		}
	}
	return res, missing
}

// LoggingOn says whether the method setting turns execution logging on
// (logging_level INFO or ERROR; OFF when the configuration leaves it unset).
func (ms *MethodSettings) LoggingOn() symbol.Tri {
	if !ms.LevelKnown {
		if ms.LevelUnset {
			return symbol.False
		}
		return symbol.Unknown
	}
	switch strings.ToUpper(ms.LoggingLevel) {
	case "INFO", "ERROR":
		return symbol.True
	}
	return symbol.False
}

// DataTraceOn says whether the method setting logs full requests and
// responses (data_trace_enabled; false when the configuration leaves it unset).
func (ms *MethodSettings) DataTraceOn() symbol.Tri {
	if ms.DataTrace == symbol.Unknown && ms.DataTraceUnset {
		return symbol.False
	}
	return ms.DataTrace
}

// LevelText renders the method setting's logging level for messages.
func (ms *MethodSettings) LevelText() string {
	switch {
	case ms.LevelKnown && ms.LoggingLevel != "":
		return ms.LoggingLevel
	case ms.LoggingOn() == symbol.False:
		return "OFF"
	}
	return "(known after apply)"
}

// Logging is the execution-logging verdict of one stage.
type Logging struct {
	// On: execution logging is on for every method of the stage (PA501).
	On symbol.Tri
	// Settings are the method settings that apply to the stage; Missing
	// the methods (or "*/*") they leave without logging.
	Settings []*MethodSettings
	Missing  []string
	// DataTrace: full request/response logging is on for every method
	// (PA502); judged only when On is True, else Unknown.
	DataTrace symbol.Tri
}

// ExecutionLogging judges the execution logging of stage s of a.
func ExecutionLogging(a *API, s *Stage) Logging {
	settings, unsure := StageSettings(a, s)
	methods, known := StageMethods(a)
	t, missing := Coverage(settings, methods, known, (*MethodSettings).LoggingOn)
	if t == symbol.False && unsure {
		t = symbol.Unknown
	}
	out := Logging{On: t, Settings: settings, Missing: missing, DataTrace: symbol.Unknown}
	if t == symbol.True {
		out.DataTrace, _ = Coverage(settings, methods, known, (*MethodSettings).DataTraceOn)
	}
	return out
}

// settingsDefaults records, for every method setting, whether its
// configuration leaves settings.logging_level and
// settings.data_trace_enabled unset, so the documented defaults apply
// (logging OFF, data trace off) even where the plan does not show them.
func (b *builder) settingsDefaults() {
	for _, a := range b.v.APIs {
		for _, ms := range a.MethodSettings {
			ms.LevelUnset = b.settingUnset(ms, "logging_level")
			ms.DataTraceUnset = b.settingUnset(ms, "data_trace_enabled")
		}
	}
}

// settingUnset reports whether the configuration of a method setting
// leaves settings.name unset.
func (b *builder) settingUnset(ms *MethodSettings, name string) bool {
	if ms.inst == nil || len(b.m.ConfiguredNames(ms.inst)) == 0 {
		return false // no configuration to read
	}
	if !b.m.Configured(ms.inst, "settings") {
		return true
	}
	objs, ok := Objects(b.m.ConfigValue(ms.inst, "settings"))
	if !ok {
		return false
	}
	if len(objs) == 0 {
		return true
	}
	return IsNull(Get(objs[0], name))
}
