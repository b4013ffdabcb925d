package netpath

import (
	"slices"

	"github.com/privapi/privapi/internal/symbol"
)

// Verdict is a three-valued answer with its evidence.
type Verdict struct {
	Result symbol.Tri
	// By lists the origins (Terraform addresses) of the rules that decided,
	// without repeats. A decision by the implicit NACL deny has none.
	By []string
	// Reason says why, in words, with symbolic values shown as ${addr.attr}.
	Reason string
}

// addOrigin appends o to by unless it is empty or already there.
func addOrigin(by []string, o ...string) []string {
	for _, s := range o {
		if s != "" && !slices.Contains(by, s) {
			by = append(by, s)
		}
	}
	return by
}
