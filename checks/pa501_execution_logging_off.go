package checks

import (
	"strings"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// PA501 execution-logging-off: no method settings turn execution logging
// on for every method of a private API's stage.
var pa501 = &Check{
	ID:       "PA501",
	Name:     "execution-logging-off",
	Severity: finding.Warning,
	Title:    "Execution logging is off for the stage, so a 403 or timeout leaves nothing to read",
	Run:      runPA501,
}

func runPA501(v *topology.View, r *Reporter) {
	for _, a := range r.privateAPIs(v) {
		for _, s := range a.Stages {
			lg := topology.ExecutionLogging(a, s)
			t, settings, missing := lg.On, lg.Settings, lg.Missing
			subj := stageSubject(a, s, settingsAddrs(settings)...)
			if t == symbol.True {
				r.Pass(subj)
				continue
			}
			fix := `add resource "aws_api_gateway_method_settings" "all" { rest_api_id = ` + a.Address + `.id, stage_name = ` + s.Address + `.stage_name, method_path = "*/*", settings { logging_level = "INFO", metrics_enabled = true } } (needs aws_api_gateway_account.cloudwatch_role_arn, see PA503)`
			switch t {
			case symbol.Unknown:
				r.Unverified(subj, fix, "whether execution logging is on for every method of stage %s is known only after apply (logging_level or the stage a method setting applies to is unknown)", stageName(s))
			default:
				why := "no aws_api_gateway_method_settings applies to it"
				if len(settings) > 0 {
					var levels []string
					for _, ms := range settings {
						lvl := ms.LevelText()
						levels = append(levels, ms.Address+` (method_path "`+ms.MethodPath+`", logging_level `+lvl+`)`)
					}
					why = "its method settings " + strings.Join(levels, ", ") + " leave " + listRefs(missing, 4) + " without INFO or ERROR logging"
				}
				failFor(r, nil, a, subj, fix,
					"execution logging is OFF for stage %s of %s: %s, so a denied or failing call leaves no execution log to troubleshoot with",
					stageName(s), a.Address, why)
			}
		}
	}
}
