package checks

// The logging checks' rule (which method settings apply to a stage and
// whether they turn logging on for every method) is topology's
// ExecutionLogging, shared with the runbook's logging step.

import "github.com/privapi/privapi/internal/topology"

func settingsAddrs(l []*topology.MethodSettings) []string {
	var out []string
	for _, ms := range l {
		out = append(out, ms.Address)
	}
	return out
}
