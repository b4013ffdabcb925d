package checks

// Method-settings coverage for the logging checks (see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html).

import (
	"strings"

	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// methodKey is a method as method settings address it: the resource path
// without leading slash ("" for the root) and the verb.
type methodKey struct {
	Path, Verb string
}

func (k methodKey) String() string { return k.Verb + " /" + k.Path }

// settingsPath splits a method_path ("*/*", "pets/{id}/GET", "~1pets/GET")
// into resource path and verb.
func settingsPath(p string) methodKey {
	p = strings.ReplaceAll(p, "~1", "/")
	i := strings.LastIndex(p, "/")
	if i < 0 {
		return methodKey{Path: strings.Trim(p, "/")}
	}
	return methodKey{Path: strings.Trim(p[:i], "/"), Verb: strings.ToUpper(p[i+1:])}
}

func (k methodKey) all() bool { return k.Path == "*" && k.Verb == "*" }

// stageMethods lists the API's methods; known is false when some cannot be
// placed (path unknown, body not readable).
func stageMethods(a *topology.API) (keys []methodKey, known bool) {
	known = true
	for _, m := range a.Methods {
		if m.Path == "" || m.HTTPMethod == "" {
			known = false
			continue
		}
		keys = append(keys, methodKey{Path: strings.Trim(m.Path, "/"), Verb: strings.ToUpper(m.HTTPMethod)})
	}
	if a.Body != "" || !a.BodyKnown {
		ops, ok := topology.BodyOperations(a.Body)
		if !ok {
			return keys, false
		}
		for _, op := range ops {
			keys = append(keys, methodKey{Path: strings.Trim(op.Path, "/"), Verb: op.Method})
		}
	}
	return keys, known
}

// stageSettings returns the method settings that apply to stage s, and
// whether some other setting's stage cannot be matched until apply.
func stageSettings(v *topology.View, a *topology.API, s *topology.Stage) (out []*topology.MethodSettings, unsure bool) {
	for _, ms := range a.MethodSettings {
		t := symbol.Unknown
		if ms.StageName != "" && s.NameKnown && s.Name != "" {
			t = topology.Same(ms.StageName, s.Name)
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

// coverage decides whether setting on holds for every method of a stage:
// a method's own setting wins over "*/*" (see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html). It returns the
// verdict and the methods (or "*/*") that lack it.
func coverage(settings []*topology.MethodSettings, methods []methodKey, methodsKnown bool, on func(*topology.MethodSettings) symbol.Tri) (symbol.Tri, []string) {
	star := symbol.False
	hasStar := false
	specific := map[methodKey][]*topology.MethodSettings{}
	for _, ms := range settings {
		k := settingsPath(ms.MethodPath)
		if k.all() {
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
	judge := func(k methodKey) {
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

// settingUnset reports whether the configuration of a method setting
// leaves settings.name unset, so the documented default applies
// (logging_level OFF, data_trace_enabled false; see https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html).
func settingUnset(v *topology.View, ms *topology.MethodSettings, name string) bool {
	if ms.Inst == nil || len(v.M.ConfiguredNames(ms.Inst)) == 0 {
		return false // no configuration to read
	}
	if !v.M.Configured(ms.Inst, "settings") {
		return true
	}
	objs, ok := topology.Objects(v.M.ConfigValue(ms.Inst, "settings"))
	if !ok {
		return false
	}
	if len(objs) == 0 {
		return true
	}
	return topology.IsNull(topology.Get(objs[0], name))
}

// loggingOn says whether a method setting turns execution logging on.
func loggingOn(v *topology.View) func(*topology.MethodSettings) symbol.Tri {
	return func(ms *topology.MethodSettings) symbol.Tri { return loggingLevelOn(v, ms) }
}

// loggingLevelOn says whether a method setting turns execution logging on.
func loggingLevelOn(v *topology.View, ms *topology.MethodSettings) symbol.Tri {
	if !ms.LevelKnown {
		if settingUnset(v, ms, "logging_level") {
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

// dataTraceOn says whether a method setting logs full requests/responses.
func dataTraceOn(v *topology.View) func(*topology.MethodSettings) symbol.Tri {
	return func(ms *topology.MethodSettings) symbol.Tri {
		if ms.DataTrace == symbol.Unknown && settingUnset(v, ms, "data_trace_enabled") {
			return symbol.False
		}
		return ms.DataTrace
	}
}

// levelText renders a method setting's logging level for messages.
func levelText(v *topology.View, ms *topology.MethodSettings) string {
	switch {
	case ms.LevelKnown && ms.LoggingLevel != "":
		return ms.LoggingLevel
	case loggingLevelOn(v, ms) == symbol.False:
		return "OFF"
	}
	return "(known after apply)"
}

// executionLogging is the PA501 verdict of a stage.
func executionLogging(v *topology.View, a *topology.API, s *topology.Stage) (symbol.Tri, []*topology.MethodSettings, []string) {
	settings, unsure := stageSettings(v, a, s)
	methods, known := stageMethods(a)
	t, missing := coverage(settings, methods, known, loggingOn(v))
	if t == symbol.False && unsure {
		t = symbol.Unknown
	}
	return t, settings, missing
}

func settingsAddrs(l []*topology.MethodSettings) []string {
	var out []string
	for _, ms := range l {
		out = append(out, ms.Address)
	}
	return out
}
