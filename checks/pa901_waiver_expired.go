package checks

import (
	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/waiver"
)

// PA901 is reported by package waiver, not by a Run over the view; it is
// registered so that `privapi checks` and `explain` list every ID that can
// appear in an output, and so that check blocks may override it.
func init() {
	Register(&Check{
		ID:       waiver.ExpiredID,
		Name:     waiver.ExpiredName,
		Severity: finding.Warning,
		Title:    waiver.ExpiredTitle,
		Doc: `**What happens.** A ` + "`waiver`" + ` block in ` + "`.privapi.hcl`" + ` with an ` + "`expires`" + ` date stops applying
the day after that date (UTC): a waiver dated 2027-01-31 applies through that day and is
expired from 2027-02-01. The findings it used to suppress count again.

**Why it matters.** An expired waiver is a decision that was meant to be reviewed. The
finding is reported at the waiver block in ` + "`.privapi.hcl`" + ` and names the check, the address
pattern, the date and the reason.

**How to fix.** ` + waiver.ExpiredFix + `:

` + "```hcl" + `
waiver {
  check   = "PA113"
  address = "aws_vpc_endpoint.shared"
  reason  = "default SG locked down by org policy"
  expires = "2027-07-31"
}
` + "```" + `

Waivers never apply to PA9xx results. A ` + "`check \"PA901\" { … }`" + ` block may disable it or
change its severity.`,
		Run: func(*topology.View, *Reporter) {},
	})
}

// PA902, like PA901, is reported by package waiver.
func init() {
	Register(&Check{
		ID:       waiver.UnusedID,
		Name:     waiver.UnusedName,
		Severity: finding.Info,
		Title:    waiver.UnusedTitle,
		Doc: `**What happens.** A ` + "`waiver`" + ` block in ` + "`.privapi.hcl`" + ` that covers no finding of a check that
ran is reported at its block. A waiver for a check that did not run (disabled, or left out
with ` + "`--check`/`--skip-check`" + `) is not reported: it was not tested.

**Why it matters.** A waiver that matches nothing is usually left over from a fixed finding
or a deleted resource, or has a wrong check ID or address pattern — in which case the finding
it was meant for is not waived.

**How to fix.** ` + waiver.UnusedFix + `.

Waivers never apply to PA9xx results. A ` + "`check \"PA902\" { … }`" + ` block may disable it or
change its severity.`,
		Run: func(*topology.View, *Reporter) {},
	})
}
