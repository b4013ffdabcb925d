package checks

import "github.com/privapi/privapi/internal/finding"

// The checks on waivers. Their results come from package waiver after the
// checks ran, not from a Run over the view (Run is nil); they are listed so
// that `privapi checks`, `explain`, the catalog and the reports' rule lists
// carry every ID an output can hold, and so that check blocks may override
// them. The ID, name and title equal waiver's constants (a test holds
// them equal; checks does not import waiver, which runs after it).
var (
	pa901 = &Check{
		ID:       "PA901",
		Name:     "waiver-expired",
		Severity: finding.Warning,
		Title:    "A waiver in .privapi.hcl has expired",
	}
	pa902 = &Check{
		ID:       "PA902",
		Name:     "waiver-unused",
		Severity: finding.Info,
		Title:    "A waiver in .privapi.hcl matches no finding",
	}
)
