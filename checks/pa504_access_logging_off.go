package checks

import (
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// PA504 access-logging-off: the stage has no access_log_settings.
var pa504 = &Check{
	ID:       "PA504",
	Name:     "access-logging-off",
	Severity: finding.Info,
	Title:    "The stage has no access logging",
	Doc: `**What AWS does.** Access logs write one line per request to a CloudWatch log group (or a
Firehose stream named ` + "`amazon-apigateway-*`" + `), in the stage's
` + "`access_log_settings { destination_arn, format }`" + `; the format must include
` + "`$context.requestId`" + ` or ` + "`$context.extendedRequestId`" + `. For a private API
` + "`$context.identity.vpceId`" + ` and ` + "`$context.identity.sourceIp`" + ` show which endpoint and address
each call came through.

**How privapi judges.** A stage of a private API without ` + "`access_log_settings`" + ` is reported as
information.

**How to fix.** Add ` + "`access_log_settings { destination_arn = aws_cloudwatch_log_group.<name>.arn, format = jsonencode({ requestId = \"$context.requestId\", vpceId = \"$context.identity.vpceId\", status = \"$context.status\" }) }`" + `
to the stage.

Sources: aws-facts.md F1, F3.`,
	Run: runPA504,
}

func init() { Register(pa504) }

func runPA504(v *topology.View, r *Reporter) {
	for _, a := range privateAPIs(v) {
		for _, s := range a.Stages {
			subj := stageSubject(a, s)
			fix := `add access_log_settings { destination_arn = aws_cloudwatch_log_group.<name>.arn, format = jsonencode({ requestId = "$context.requestId", vpceId = "$context.identity.vpceId", sourceIp = "$context.identity.sourceIp", status = "$context.status" }) } to ` + s.Address
			switch s.AccessLogs {
			case symbol.True:
				r.Pass(subj)
			case symbol.Unknown:
				r.Unverified(subj, fix, "whether stage %s has access logging is known only after apply", stageName(s))
			default:
				failFor(r, nil, a, subj, fix,
					"stage %s of %s has no access_log_settings: there is no per-request record of which VPC endpoint and source address called, or of the status returned (aws-facts F3)",
					stageName(s), a.Address)
			}
		}
	}
}
