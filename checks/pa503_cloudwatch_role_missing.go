package checks

import (
	"fmt"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// PA503 cloudwatch-role-missing: execution logging is configured but no
// aws_api_gateway_account sets the CloudWatch role for the region.
var pa503 = &Check{
	ID:       "PA503",
	Name:     "cloudwatch-role-missing",
	Severity: finding.Warning,
	Varies:   map[finding.Severity]string{finding.Info: "(unverified) logging was already on before this plan, so the account setting presumably lives elsewhere"},
	Title:    "Execution logging is enabled but no aws_api_gateway_account sets the CloudWatch Logs role in this region",
	Run:      runPA503,
}

// pa503Cover is what the plan's aws_api_gateway_account resources say
// about one region: whether one sets the CloudWatch role there, and the
// first that may be in it.
type pa503Cover struct {
	verdict symbol.Tri
	found   *topology.Account
}

// pa503Covers judges the accounts for a region (once per region: the
// stages of a plan share few regions).
func pa503Covers(v *topology.View, region string) pa503Cover {
	out := pa503Cover{verdict: symbol.False}
	for _, acc := range v.Accounts {
		inRegion := symbol.Unknown
		if acc.Region != "" && region != "" {
			inRegion = symbol.FromBool(acc.Region == region)
		}
		has := symbol.Unknown
		if acc.RoleKnown {
			has = symbol.FromBool(acc.CloudWatchRoleARN != "")
		}
		if inRegion != symbol.False && out.found == nil {
			out.found = acc
		}
		out.verdict = out.verdict.Or(inRegion.And(has))
	}
	return out
}

func runPA503(v *topology.View, r *Reporter) {
	covers := map[string]pa503Cover{}
	for _, a := range r.privateAPIs(v) {
		for _, s := range a.Stages {
			settings, _ := topology.StageSettings(a, s)
			var enabling []*topology.MethodSettings
			for _, ms := range settings {
				if ms.LoggingOn() != symbol.False {
					enabling = append(enabling, ms)
				}
			}
			subj := stageSubject(a, s, settingsAddrs(enabling)...)
			if len(enabling) == 0 {
				r.Pass(subj) // nothing asks for the role
				continue
			}
			region := a.Region
			cover, ok := covers[region]
			if !ok {
				cover = pa503Covers(v, region)
				covers[region] = cover
			}
			verdict, found := cover.verdict, cover.found
			if found != nil {
				subj.Related = append(subj.Related, found.Address)
			}
			if verdict == symbol.True {
				r.Pass(subj)
				continue
			}
			fix := fmt.Sprintf(`add an aws_iam_role trusted by apigateway.amazonaws.com with the AmazonAPIGatewayPushToCloudWatchLogs policy and resource "aws_api_gateway_account" "this" { cloudwatch_role_arn = aws_iam_role.<name>.arn } in %s, plus depends_on = [aws_api_gateway_account.this] in %s`, orUnknownRegion(region), enabling[0].Address)
			enabler := fmt.Sprintf("%s (logging_level %s)", enabling[0].Address, enabling[0].LevelText())
			switch {
			case verdict == symbol.Unknown:
				r.Unverified(subj, fix, "execution logging is enabled by %s; whether an aws_api_gateway_account with cloudwatch_role_arn covers %s is known only after apply", enabler, orUnknownRegion(region))
			case found != nil:
				failFor(r, nil, a, subj, fix,
					"execution logging is enabled by %s but %s sets no cloudwatch_role_arn: enabling logging fails with \"CloudWatch Logs role ARN must be set in account settings to enable logging\"",
					enabler, found.Address)
			case alreadyLogging(v, enabling):
				r.UnverifiedAt(finding.Info, subj, fix,
					"execution logging is enabled by %s and no aws_api_gateway_account with cloudwatch_role_arn for %s is in this plan; logging was already on before this plan, so the account setting presumably lives elsewhere (another configuration or the console), which privapi cannot see",
					enabler, orUnknownRegion(region))
			default:
				failFor(r, nil, a, subj, fix,
					"execution logging is enabled by %s but no aws_api_gateway_account with cloudwatch_role_arn for %s is in this plan or state: unless the account setting is managed elsewhere (another configuration or the console), the apply fails with \"CloudWatch Logs role ARN must be set in account settings to enable logging\"",
					enabler, orUnknownRegion(region))
			}
		}
	}
}

// alreadyLogging reports whether every enabling method setting already had
// logging on before this plan (or the input is a state): AWS accepted it,
// so the account role was set.
func alreadyLogging(v *topology.View, enabling []*topology.MethodSettings) bool {
	if v.Applied {
		return true
	}
	for _, ms := range enabling {
		if !ms.LoggingBefore {
			return false
		}
	}
	return true
}

func orUnknownRegion(r string) string {
	if r == "" {
		return "the API's region"
	}
	return r
}
