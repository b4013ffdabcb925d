package report

import (
	"bytes"
	"fmt"
	"strings"
)

// PathDiagram is the drawing of one API's path.
type PathDiagram struct {
	API string
	// State is "ok", "broken" or "unverified".
	State string
	// Mermaid is a Mermaid flowchart whose labels are already escaped
	// (package pathgraph writes only safe characters and references).
	Mermaid string
}

// mdPaths writes the Paths section: one Mermaid code block per API, which
// GitHub renders as a diagram, and what was left out. The blocks are fenced
// with tildes: a backtick fence would end the ```diff block in which
// Atlantis shows a custom policy check's output.
func mdPaths(b *bytes.Buffer, r *Report) {
	if len(r.Paths) == 0 {
		return
	}
	b.WriteString("### Paths\n\n")
	for _, p := range r.Paths {
		if strings.ContainsAny(p.Mermaid, "`~") {
			continue // could end the code block; pathgraph never writes one
		}
		what := "its path"
		switch p.State {
		case "broken":
			what = "its path, with the broken hops in red"
		case "unverified":
			what = "its path, with the hops known only after apply dashed"
		}
		fmt.Fprintf(b, "API %s, %s:\n\n~~~mermaid\n%s~~~\n\n", mdCode(p.API), what, p.Mermaid)
	}
	if r.PathsOmitted > 0 {
		fmt.Fprintf(b, "%s not drawn here; `privapi graph` draws every one.\n\n", plural(r.PathsOmitted, "more API is", "more APIs are"))
	}
}
