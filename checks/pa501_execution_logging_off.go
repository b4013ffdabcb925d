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
	Doc: `**What AWS does.** Execution logs (` + "`API-Gateway-Execution-Logs_{rest-api-id}/{stage}`" + `)
are written only for methods whose settings have ` + "`logging_level`" + ` ` + "`INFO`" + ` or ` + "`ERROR`" + `; the
default is ` + "`OFF`" + `. In Terraform they come from ` + "`aws_api_gateway_method_settings`" + ` with
` + "`method_path = \"*/*\"`" + ` (all methods) or ` + "`{resource-path}/{VERB}`" + `; a method's own setting
overrides ` + "`*/*`" + `. Stage settings take effect without a redeploy.

**Why it matters.** The knowledge-center article's first troubleshooting step for a private
API is to read the execution logs (which policy statement denied, which endpoint the call
came through). With logging off there is nothing to read; no execution log at all for a
call also tells that the request never reached API Gateway (DNS/URL form, see D*).

**How privapi judges.** For each stage of a private API, the method settings that name the
stage must give every method (the API's ` + "`aws_api_gateway_method`" + `s, or the operations of its
OpenAPI body) ` + "`INFO`" + ` or ` + "`ERROR`" + `.

**How to fix.** Add ` + "`aws_api_gateway_method_settings`" + ` with ` + "`method_path = \"*/*\"`" + ` and
` + "`settings { logging_level = \"INFO\" }`" + ` for the stage (and the account's CloudWatch role, PA503).

Sources: aws-facts.md F1, F2, F3.`,
	Run: runPA501,
}

func init() { Register(pa501) }

func runPA501(v *topology.View, r *Reporter) {
	for _, a := range privateAPIs(v) {
		for _, s := range a.Stages {
			t, settings, missing := executionLogging(v, a, s)
			subj := stageSubject(a, s, settingsAddrs(settings)...)
			fix := `add resource "aws_api_gateway_method_settings" "all" { rest_api_id = ` + a.Address + `.id, stage_name = ` + s.Address + `.stage_name, method_path = "*/*", settings { logging_level = "INFO", metrics_enabled = true } } (needs aws_api_gateway_account.cloudwatch_role_arn, see PA503)`
			switch t {
			case symbol.True:
				r.Pass(subj)
			case symbol.Unknown:
				r.Unverified(subj, fix, "whether execution logging is on for every method of stage %s is known only after apply (logging_level or the stage a method setting applies to is unknown)", stageName(s))
			default:
				why := "no aws_api_gateway_method_settings applies to it"
				if len(settings) > 0 {
					var levels []string
					for _, ms := range settings {
						lvl := levelText(v, ms)
						levels = append(levels, ms.Address+` (method_path "`+ms.MethodPath+`", logging_level `+lvl+`)`)
					}
					why = "its method settings " + strings.Join(levels, ", ") + " leave " + listRefs(missing, 4) + " without INFO or ERROR logging"
				}
				failFor(r, nil, a, subj, fix,
					"execution logging is OFF for stage %s of %s: %s, so a denied or failing call leaves no execution log to troubleshoot with (aws-facts F2)",
					stageName(s), a.Address, why)
			}
		}
	}
}
