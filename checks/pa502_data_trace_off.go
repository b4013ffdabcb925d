package checks

import (
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// PA502 data-trace-off: full request/response logging is off.
var pa502 = &Check{
	ID:       "PA502",
	Name:     "data-trace-off",
	Severity: finding.Info,
	Title:    "Full request/response logging (data_trace_enabled) is off for the stage",
	Run:      runPA502,
}

func runPA502(v *topology.View, r *Reporter) {
	for _, a := range r.privateAPIs(v) {
		for _, s := range a.Stages {
			lg := topology.ExecutionLogging(a, s)
			if lg.On != symbol.True {
				continue // PA501 reports it; data trace needs execution logging first
			}
			t, settings := lg.DataTrace, lg.Settings
			subj := stageSubject(a, s, settingsAddrs(settings)...)
			if t == symbol.True {
				r.Pass(subj)
				continue
			}
			target := "the stage's aws_api_gateway_method_settings"
			if len(settings) > 0 {
				target = settings[0].Address
			}
			fix := "while debugging set settings { data_trace_enabled = true } in " + target + ", and turn it off again afterwards"
			switch t {
			case symbol.Unknown:
				r.Unverified(subj, fix, "whether full request/response logging is on for stage %s is known only after apply", stageName(s))
			default:
				failFor(r, nil, a, subj, fix,
					"execution logging is on for stage %s of %s but full request/response logging (data_trace_enabled) is off: the logs will not show the request and response while you debug a denied call. It can log sensitive data (tokens, personal data), so turn it on while debugging, not permanently in production",
					stageName(s), a.Address)
			}
		}
	}
}
