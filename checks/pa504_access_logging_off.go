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
	Run:      runPA504,
}

func runPA504(v *topology.View, r *Reporter) {
	for _, a := range r.privateAPIs(v) {
		for _, s := range a.Stages {
			subj := stageSubject(a, s)
			if s.AccessLogs == symbol.True {
				r.Pass(subj)
				continue
			}
			fix := `add access_log_settings { destination_arn = aws_cloudwatch_log_group.<name>.arn, format = jsonencode({ requestId = "$context.requestId", vpceId = "$context.identity.vpceId", sourceIp = "$context.identity.sourceIp", status = "$context.status" }) } to ` + s.Address
			switch s.AccessLogs {
			case symbol.Unknown:
				r.Unverified(subj, fix, "whether stage %s has access logging is known only after apply", stageName(s))
			default:
				failFor(r, nil, a, subj, fix,
					"stage %s of %s has no access_log_settings: there is no per-request record of which VPC endpoint and source address called, or of the status returned",
					stageName(s), a.Address)
			}
		}
	}
}
