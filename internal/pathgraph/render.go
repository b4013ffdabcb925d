package pathgraph

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// maxLine bounds each line of a label, in characters.
const maxLine = 120

// safe reports whether a character may appear in a label as it is: letters,
// digits, space and . _ - / : , = @ + ( ). Everything else, including
// quotes, brackets, braces, backticks, #, %, ;, <, >, &, \, line breaks and
// every non-ASCII character, is written as a character reference.
func safe(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	return strings.ContainsRune(" ._-/:,=@+()", r)
}

// escape writes s with every unsafe character as ref(r), cut to maxLine
// characters.
func escape(s string, ref func(rune) string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) > maxLine {
		s = string([]rune(s)[:maxLine-1]) + "…"
	}
	var b strings.Builder
	for _, r := range s {
		if safe(r) {
			b.WriteRune(r)
		} else {
			b.WriteString(ref(r))
		}
	}
	return b.String()
}

// MermaidText escapes a label line for Mermaid (#N; entity codes).
func MermaidText(s string) string {
	return escape(s, func(r rune) string { return fmt.Sprintf("#%d;", r) })
}

// DOTText escapes a label line for DOT (&#N; character references).
func DOTText(s string) string {
	return escape(s, func(r rune) string { return fmt.Sprintf("&#%d;", r) })
}

// lines is what a node shows: its kind, its lines and its mark.
func (n *Node) lines() []string {
	out := append([]string{string(n.Kind)}, n.Lines...)
	if m := markLine(n.State, n.Checks); m != "" {
		out = append(out, m)
	}
	return out
}

func markLine(s State, checks []string) string {
	switch s {
	case Broken:
		return "✗ broken: " + strings.Join(checks, ", ")
	case Unverified:
		return "? unverified: " + strings.Join(checks, ", ")
	}
	return ""
}

const (
	colorBroken     = "#d00000"
	fillBroken      = "#ffe0e0"
	colorUnverified = "#b08000"
	fillUnverified  = "#fff4cc"
	colorMissing    = "#808080"
)

// Mermaid writes the graph as one Mermaid flowchart, one subgraph per API.
func (g *Graph) Mermaid(w io.Writer) error {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	links := 0
	var styles []string
	for i, p := range g.Paths {
		fmt.Fprintf(&b, "  subgraph p%d[\"%s\"]\n    direction LR\n", i+1, MermaidText("API "+p.API))
		mermaidNodes(&b, p, "    ")
		b.WriteString("  end\n")
	}
	for _, p := range g.Paths {
		styles = append(styles, mermaidEdges(&b, p, &links)...)
	}
	mermaidStyles(&b, g.Paths, styles)
	if g.Omitted > 0 {
		fmt.Fprintf(&b, "  %%%% %d more APIs not drawn\n", g.Omitted)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// MermaidPath writes the path of one API as a Mermaid flowchart.
func (p *Path) Mermaid(w io.Writer) error {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	mermaidNodes(&b, p, "  ")
	links := 0
	styles := mermaidEdges(&b, p, &links)
	mermaidStyles(&b, []*Path{p}, styles)
	_, err := io.WriteString(w, b.String())
	return err
}

func mermaidNodes(b *strings.Builder, p *Path, indent string) {
	for _, n := range p.Nodes {
		var parts []string
		for _, l := range n.lines() {
			parts = append(parts, MermaidText(l))
		}
		fmt.Fprintf(b, "%s%s[\"%s\"]\n", indent, n.ID, strings.Join(parts, "<br/>"))
	}
}

// mermaidEdges writes the edges and returns the linkStyle lines of the
// marked ones; links counts edges across the whole chart.
func mermaidEdges(b *strings.Builder, p *Path, links *int) []string {
	var styles []string
	for _, e := range p.Edges {
		switch e.State {
		case Broken:
			fmt.Fprintf(b, "  %s --x|\"%s\"| %s\n", e.From.ID, MermaidText(markLine(e.State, e.Checks)), e.To.ID)
			styles = append(styles, fmt.Sprintf("  linkStyle %d stroke:%s,stroke-width:3px", *links, colorBroken))
		case Unverified:
			fmt.Fprintf(b, "  %s -.->|\"%s\"| %s\n", e.From.ID, MermaidText(markLine(e.State, e.Checks)), e.To.ID)
			styles = append(styles, fmt.Sprintf("  linkStyle %d stroke:%s,stroke-width:2px", *links, colorUnverified))
		default:
			fmt.Fprintf(b, "  %s --> %s\n", e.From.ID, e.To.ID)
		}
		*links++
	}
	return styles
}

func mermaidStyles(b *strings.Builder, paths []*Path, linkStyles []string) {
	classes := map[string][]string{}
	for _, p := range paths {
		for _, n := range p.Nodes {
			switch {
			case n.State == Broken:
				classes["broken"] = append(classes["broken"], n.ID)
			case n.State == Unverified:
				classes["unverified"] = append(classes["unverified"], n.ID)
			case n.Missing:
				classes["missing"] = append(classes["missing"], n.ID)
			}
		}
	}
	fmt.Fprintf(b, "  classDef broken fill:%s,stroke:%s,stroke-width:3px,color:#000000\n", fillBroken, colorBroken)
	fmt.Fprintf(b, "  classDef unverified fill:%s,stroke:%s,stroke-width:2px,stroke-dasharray:5 3,color:#000000\n", fillUnverified, colorUnverified)
	fmt.Fprintf(b, "  classDef missing stroke:%s,stroke-dasharray:3 3\n", colorMissing)
	for _, c := range []string{"broken", "unverified", "missing"} {
		if ids := classes[c]; len(ids) > 0 {
			fmt.Fprintf(b, "  class %s %s\n", strings.Join(ids, ","), c)
		}
	}
	for _, s := range linkStyles {
		b.WriteString(s + "\n")
	}
}

// DOT writes the graph in Graphviz's DOT language, one cluster per API.
func (g *Graph) DOT(w io.Writer) error {
	var b strings.Builder
	b.WriteString("digraph privapi {\n  rankdir=LR;\n  node [shape=box, style=\"rounded\"];\n")
	for i, p := range g.Paths {
		fmt.Fprintf(&b, "  subgraph cluster_p%d {\n    label=\"%s\";\n", i+1, DOTText("API "+p.API))
		for _, n := range p.Nodes {
			var parts []string
			for _, l := range n.lines() {
				parts = append(parts, DOTText(l))
			}
			fmt.Fprintf(&b, "    %s [label=\"%s\"%s];\n", n.ID, strings.Join(parts, "\\n"), dotNodeStyle(n))
		}
		b.WriteString("  }\n")
	}
	for _, p := range g.Paths {
		for _, e := range p.Edges {
			fmt.Fprintf(&b, "  %s -> %s%s;\n", e.From.ID, e.To.ID, dotEdgeStyle(e))
		}
	}
	if g.Omitted > 0 {
		fmt.Fprintf(&b, "  // %d more APIs not drawn\n", g.Omitted)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func dotNodeStyle(n *Node) string {
	switch {
	case n.State == Broken:
		return fmt.Sprintf(", color=\"%s\", penwidth=3, style=\"rounded,filled\", fillcolor=\"%s\"", colorBroken, fillBroken)
	case n.State == Unverified:
		return fmt.Sprintf(", color=\"%s\", penwidth=2, style=\"rounded,filled,dashed\", fillcolor=\"%s\"", colorUnverified, fillUnverified)
	case n.Missing:
		return fmt.Sprintf(", color=\"%s\", style=\"rounded,dashed\"", colorMissing)
	}
	return ""
}

func dotEdgeStyle(e *Edge) string {
	switch e.State {
	case Broken:
		return fmt.Sprintf(" [color=\"%s\", penwidth=3, arrowhead=tee, label=\"%s\"]", colorBroken, DOTText(markLine(e.State, e.Checks)))
	case Unverified:
		return fmt.Sprintf(" [color=\"%s\", penwidth=2, style=dashed, label=\"%s\"]", colorUnverified, DOTText(markLine(e.State, e.Checks)))
	}
	return ""
}
