package topology

import (
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/symbol"
)

func TestSettingsPath(t *testing.T) {
	tests := map[string]MethodKey{
		"*/*":               {Path: "*", Verb: "*"},
		"hello/GET":         {Path: "hello", Verb: "GET"},
		"/hello/get":        {Path: "hello", Verb: "GET"},
		"~1hello~1{id}/PUT": {Path: "hello/{id}", Verb: "PUT"},
		"/GET":              {Path: "", Verb: "GET"},
		"~1/GET":            {Path: "", Verb: "GET"},
	}
	for in, want := range tests {
		if got := SettingsPath(in); got != want {
			t.Errorf("%q: got %+v, want %+v", in, got, want)
		}
	}
}

func TestCoverage(t *testing.T) {
	ms := func(path, level string) *MethodSettings {
		return &MethodSettings{MethodPath: path, LoggingLevel: level, LevelKnown: level != "?"}
	}
	on := func(m *MethodSettings) symbol.Tri {
		if !m.LevelKnown {
			return symbol.Unknown
		}
		return symbol.FromBool(m.LoggingLevel == "INFO" || m.LoggingLevel == "ERROR")
	}
	get := MethodKey{Path: "hello", Verb: "GET"}
	post := MethodKey{Path: "hello", Verb: "POST"}
	root := MethodKey{Path: "", Verb: "GET"}
	tests := []struct {
		name         string
		settings     []*MethodSettings
		methods      []MethodKey
		methodsKnown bool
		want         symbol.Tri
		missing      string
	}{
		{"no settings", nil, []MethodKey{get}, true, symbol.False, "GET /hello"},
		{"*/* INFO", []*MethodSettings{ms("*/*", "INFO")}, []MethodKey{get, post}, true, symbol.True, ""},
		{"*/* OFF", []*MethodSettings{ms("*/*", "OFF")}, []MethodKey{get}, true, symbol.False, "GET /hello"},
		{"*/* ERROR, one method overridden OFF", []*MethodSettings{ms("*/*", "ERROR"), ms("hello/POST", "OFF")}, []MethodKey{get, post}, true, symbol.False, "POST /hello"},
		{"every method by its own setting", []*MethodSettings{ms("hello/GET", "INFO"), ms("hello/POST", "ERROR"), ms("~1/GET", "INFO")}, []MethodKey{get, post, root}, true, symbol.True, ""},
		{"one method without a setting", []*MethodSettings{ms("hello/GET", "INFO")}, []MethodKey{get, post}, true, symbol.False, "POST /hello"},
		{"*/* OFF but every method on", []*MethodSettings{ms("*/*", "OFF"), ms("hello/GET", "INFO")}, []MethodKey{get}, true, symbol.True, ""},
		{"level unknown", []*MethodSettings{ms("*/*", "?")}, []MethodKey{get}, true, symbol.Unknown, "GET /hello"},
		{"no methods, */* on", []*MethodSettings{ms("*/*", "INFO")}, nil, true, symbol.True, ""},
		{"no methods, only a specific setting", []*MethodSettings{ms("hello/GET", "INFO")}, nil, true, symbol.False, "*/*"},
		{"methods unknown, */* on", []*MethodSettings{ms("*/*", "INFO")}, nil, false, symbol.True, ""},
		{"methods unknown, specific only", []*MethodSettings{ms("hello/GET", "INFO")}, []MethodKey{get}, false, symbol.Unknown, ""},
	}
	for _, tt := range tests {
		got, missing := Coverage(tt.settings, tt.methods, tt.methodsKnown, on)
		if got != tt.want || strings.Join(missing, ",") != tt.missing {
			t.Errorf("%s: got %v %q, want %v %q", tt.name, got, missing, tt.want, tt.missing)
		}
	}
}

func TestStageMethodsFromBody(t *testing.T) {
	a := &API{Body: `{"paths":{"/hello":{"get":{}},"/":{"post":{}}}}`, BodyKnown: true}
	keys, known := StageMethods(a)
	if !known || len(keys) != 2 || keys[0] != (MethodKey{Path: "", Verb: "POST"}) || keys[1] != (MethodKey{Path: "hello", Verb: "GET"}) {
		t.Errorf("got %v %v", keys, known)
	}
	a = &API{Body: "openapi: 3.0.1", BodyKnown: true}
	if _, known := StageMethods(a); known {
		t.Error("a YAML body's methods cannot be placed")
	}
}

func TestLoggingOnDefaults(t *testing.T) {
	tests := []struct {
		name string
		ms   MethodSettings
		want symbol.Tri
		text string
	}{
		{"INFO", MethodSettings{LoggingLevel: "INFO", LevelKnown: true}, symbol.True, "INFO"},
		{"error lower case", MethodSettings{LoggingLevel: "error", LevelKnown: true}, symbol.True, "error"},
		{"OFF", MethodSettings{LoggingLevel: "OFF", LevelKnown: true}, symbol.False, "OFF"},
		{"unknown level", MethodSettings{}, symbol.Unknown, "(known after apply)"},
		{"unknown but unset in the configuration", MethodSettings{LevelUnset: true}, symbol.False, "OFF"},
	}
	for _, tt := range tests {
		if got := tt.ms.LoggingOn(); got != tt.want {
			t.Errorf("%s: LoggingOn %v, want %v", tt.name, got, tt.want)
		}
		if got := tt.ms.LevelText(); got != tt.text {
			t.Errorf("%s: LevelText %q, want %q", tt.name, got, tt.text)
		}
	}
	ms := MethodSettings{DataTrace: symbol.Unknown}
	if ms.DataTraceOn() != symbol.Unknown {
		t.Error("an unknown data_trace_enabled set in the configuration is unknown")
	}
	ms.DataTraceUnset = true
	if ms.DataTraceOn() != symbol.False {
		t.Error("data_trace_enabled left unset is false")
	}
}

func TestExecutionLogging(t *testing.T) {
	stage := &Stage{Name: "prod", NameKnown: true}
	api := func(settings ...*MethodSettings) *API {
		return &API{BodyKnown: true, Methods: []*Method{{HTTPMethod: "GET", Path: "/hello"}}, MethodSettings: settings}
	}
	set := func(stage, level string, trace symbol.Tri) *MethodSettings {
		return &MethodSettings{StageName: stage, MethodPath: "*/*", LoggingLevel: level, LevelKnown: true, DataTrace: trace}
	}
	tests := []struct {
		name          string
		api           *API
		on, dataTrace symbol.Tri
	}{
		{"no settings", api(), symbol.False, symbol.Unknown},
		{"another stage's settings", api(set("dev", "INFO", symbol.True)), symbol.False, symbol.Unknown},
		{"INFO without data trace", api(set("prod", "INFO", symbol.False)), symbol.True, symbol.False},
		{"ERROR with data trace", api(set("prod", "ERROR", symbol.True)), symbol.True, symbol.True},
		{"OFF", api(set("prod", "OFF", symbol.True)), symbol.False, symbol.Unknown},
	}
	for _, tt := range tests {
		lg := ExecutionLogging(tt.api, stage)
		if lg.On != tt.on || lg.DataTrace != tt.dataTrace {
			t.Errorf("%s: logging %v data trace %v, want %v %v", tt.name, lg.On, lg.DataTrace, tt.on, tt.dataTrace)
		}
	}
}
