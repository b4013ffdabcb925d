package runbook

import (
	"strconv"
	"strings"

	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/symbol"
	"github.com/privapi/privapi/internal/topology"
)

// The logging part of step 5 is what privapi check says about the stage:
// PA501 (execution logging on for every method), PA502 (full
// request/response data, judged once logging is on) and PA504 (access
// logging), from topology's one rule (ExecutionLogging, Stage.AccessLogs),
// so the runbook cannot say logging is on where the check says it is off.

// loggingItems says whether execution logging (and data trace) is on for
// a stage, as PA501 and PA502 settle it.
func (x *pairing) loggingItems(s stage) []Item {
	if s.st == nil {
		return []Item{{Text: "No stage of `" + x.api.Address + "` is in the input, so privapi check judges no logging here: the group stays empty unless the stage's aws_api_gateway_method_settings set logging_level to ERROR or INFO, which also needs the account's CloudWatch role (privapi check PA503)."}}
	}
	lg := topology.ExecutionLogging(x.api, s.st)
	var why string
	switch lg.On {
	case symbol.True:
		why = "execution logging is on for every method of the stage, by " + x.settingsText(lg.Settings)
	case symbol.False:
		why = "execution logging is OFF for " + methodsText(lg.Missing) + " of the stage: "
		if len(lg.Settings) == 0 {
			why += "no aws_api_gateway_method_settings applies to it"
		} else {
			why += "its method settings " + x.settingsText(lg.Settings) + " leave it off"
		}
		why += "; the group stays empty until logging_level is ERROR or INFO, which also needs the account's CloudWatch role (privapi check PA503)"
	default:
		why = "whether execution logging is on for every method of the stage is known only after apply (logging_level, or the stage a method setting applies to, is unknown); the group stays empty unless logging_level is ERROR or INFO"
	}
	items := []Item{x.stageVerdict("PA501", s.st, lg.On, why)}
	if lg.On != symbol.True {
		return items // PA502 judges data trace only once execution logging is on
	}
	switch lg.DataTrace {
	case symbol.True:
		why = "full request/response data is logged; turn data_trace_enabled off again after debugging, as it can log sensitive data"
	case symbol.False:
		why = "full request/response logging is off: while debugging, set data_trace_enabled = true to see the request and response (not permanently in production)"
	default:
		why = "whether full request/response logging (data_trace_enabled) is on is known only after apply"
	}
	return append(items, x.stageVerdict("PA502", s.st, lg.DataTrace, why))
}

// accessLogItems says whether the stage writes access logs, as PA504
// settles it.
func (x *pairing) accessLogItems(s stage) []Item {
	if s.st == nil {
		return nil
	}
	var why string
	switch s.st.AccessLogs {
	case symbol.True:
		why = "the stage writes access logs (access_log_settings), one line per request"
	case symbol.False:
		why = "the stage has no access_log_settings: there is no per-request record of which VPC endpoint and source address called, or of the status returned"
	default:
		why = "whether the stage has access logging is known only after apply"
	}
	return []Item{x.stageVerdict("PA504", s.st, s.st.AccessLogs, why)}
}

// stageVerdict renders a logging check's verdict on a stage the way the
// check settles it: a False of an API that may not be PRIVATE is
// unverified.
func (x *pairing) stageVerdict(check string, st *topology.Stage, t symbol.Tri, why string) Item {
	return checkVerdict(check, st.Address, t, why, x.api)
}

// checkVerdict renders the verdict t of a check on the resource at addr,
// with the reason why, settled for api as the check settles it
// (reach.Settle: a False of an API that may not be PRIVATE is unverified).
func checkVerdict(check, addr string, t symbol.Tri, why string, api *topology.API) Item {
	var demoted bool
	if t, demoted = reach.Settle(t, api); demoted {
		why += reach.PrivateNote(api)
	}
	where := " on `" + addr + "`"
	var text string
	switch t {
	case symbol.True:
		text = "privapi check " + check + " passes" + where + ": " + why + "."
	case symbol.False:
		text = "privapi check " + check + " fails" + where + ": " + why + "."
	default:
		text = "privapi check " + check + " cannot decide" + where + " before apply: " + why + "."
	}
	return Item{Text: text, Check: check, Result: t, Address: addr}
}

// settingsText lists method settings with their level and method path.
func (x *pairing) settingsText(l []*topology.MethodSettings) string {
	var out []string
	for _, ms := range l {
		out = append(out, "`"+ms.Address+"` (logging_level "+ms.LevelText()+", method_path "+x.s(ms.MethodPath)+")")
	}
	return strings.Join(out, ", ")
}

// methodsText names the methods a setting misses ("*/*": every method).
func methodsText(missing []string) string {
	if len(missing) == 0 {
		return "some methods"
	}
	if len(missing) == 1 && missing[0] == "*/*" {
		return "every method"
	}
	if len(missing) > 4 {
		return strings.Join(missing[:4], ", ") + " and " + strconv.Itoa(len(missing)-4) + " more"
	}
	return strings.Join(missing, ", ")
}
