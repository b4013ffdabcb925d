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
	Doc: `**What AWS does.** With ` + "`settings { data_trace_enabled = true }`" + ` in
` + "`aws_api_gateway_method_settings`" + `, execution logs include the full request and response
(headers, bodies, the authorization and policy evaluation details). The knowledge-center
article recommends INFO logging with full request/response data while debugging a private
API; AWS warns not to keep it on in production because the logs can contain sensitive data
(tokens, personal data).

**How privapi judges.** Only for stages whose execution logging is on (PA501 passes): the
method settings that apply to every method must set ` + "`data_trace_enabled = true`" + `. Reported
as information.

**How to fix.** While debugging, set ` + "`data_trace_enabled = true`" + ` in the stage's method settings;
turn it off again afterwards.

Sources: aws-facts.md F2.`,
	Run: runPA502,
}

func init() { Register(pa502) }

func runPA502(v *topology.View, r *Reporter) {
	for _, a := range privateAPIs(v) {
		for _, s := range a.Stages {
			logging, settings, _ := executionLogging(v, a, s)
			if logging != symbol.True {
				continue // PA501 reports it; data trace needs execution logging first
			}
			methods, known := stageMethods(a)
			t, _ := coverage(settings, methods, known, dataTraceOn(v))
			subj := stageSubject(a, s, settingsAddrs(settings)...)
			target := "the stage's aws_api_gateway_method_settings"
			if len(settings) > 0 {
				target = settings[0].Address
			}
			fix := "while debugging set settings { data_trace_enabled = true } in " + target + ", and turn it off again afterwards"
			switch t {
			case symbol.True:
				r.Pass(subj)
			case symbol.Unknown:
				r.Unverified(subj, fix, "whether full request/response logging is on for stage %s is known only after apply", stageName(s))
			default:
				failFor(r, nil, a, subj, fix,
					"execution logging is on for stage %s of %s but full request/response logging (data_trace_enabled) is off: the logs will not show the request and response while you debug a denied call. It can log sensitive data (tokens, personal data), so turn it on while debugging, not permanently in production (aws-facts F2)",
					stageName(s), a.Address)
			}
		}
	}
}
