package pathgraph

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile are names an input can carry (for_each keys, declared names,
// ids) that would end a label, a statement or the Markdown code block if
// written as they are.
var hostile = []string{
	`module.m["a\"] --> x[\"pwned"].aws_vpc_endpoint.this`,
	"line one\nline two\r\n  end\n  click n1 \"https://example.com\"",
	"```\n</details><script>alert(1)</script>",
	`%%{init: {"theme": "dark"}}%%`,
	`a"; n1 -> n2 [label="x"]; //`,
	`\l\N\G\\ back\slashes`,
	"#quot; &amp; &#34; #35;",
	"bidi \u202e override and \u0000 nul and \x1b[31m escape",
	"invalid utf-8 \xff\xfe",
	strings.Repeat("long ", 100),
}

func hostileGraph() *Graph {
	p := &Path{API: hostile[0]}
	var prev *Node
	for i, h := range hostile {
		n := &Node{ID: "n" + strconv.Itoa(i+1), Kind: KindClient, Lines: []string{h, "second " + h}, State: State(i % 3), Checks: []string{h}}
		p.Nodes = append(p.Nodes, n)
		if prev != nil {
			p.Edges = append(p.Edges, &Edge{From: prev, To: n, State: State(i % 3), Checks: []string{h}})
		}
		prev = n
	}
	return &Graph{Paths: []*Path{p}, Omitted: 7}
}

// TestHostileLabels: whatever the names hold, every line of the output has
// one of the forms the renderers write, with only safe characters in
// labels, and the output has exactly as many lines as the graph needs.
func TestHostileLabels(t *testing.T) {
	g := hostileGraph()
	var m, d, pm bytes.Buffer
	if err := g.Mermaid(&m); err != nil {
		t.Fatal(err)
	}
	if err := g.DOT(&d); err != nil {
		t.Fatal(err)
	}
	if err := g.Paths[0].Mermaid(&pm); err != nil {
		t.Fatal(err)
	}
	checkMermaid(t, m.String())
	checkMermaid(t, pm.String())
	checkDOT(t, d.String())
	nodes, edges := len(g.Paths[0].Nodes), len(g.Paths[0].Edges)
	marked := 0
	for _, e := range g.Paths[0].Edges {
		if e.State != OK {
			marked++
		}
	}
	// flowchart, subgraph, direction, nodes, end, edges, 3 classDefs,
	// class lines (broken, unverified), linkStyles, omitted comment
	if got, want := strings.Count(m.String(), "\n"), 3+nodes+1+edges+3+2+marked+1; got != want {
		t.Errorf("mermaid has %d lines, want %d:\n%s", got, want, m.String())
	}
	// header 3, cluster open+label, nodes, close, edges, comment, closing brace
	if got, want := strings.Count(d.String(), "\n"), 3+2+nodes+1+edges+1+1; got != want {
		t.Errorf("dot has %d lines, want %d:\n%s", got, want, d.String())
	}
	for _, bad := range []string{"```", "<script", "%%{", "\r", "\x00", "\x1b", "\u202e", `\l`} {
		for name, out := range map[string]string{"mermaid": m.String(), "dot": d.String()} {
			if strings.Contains(out, bad) {
				t.Errorf("%s output contains %q", name, bad)
			}
		}
	}
}

var (
	mermaidSafe = regexp.MustCompile(`^[A-Za-z0-9 ._\-/:,=@+()#;]*$`)
	dotSafe     = regexp.MustCompile(`^[A-Za-z0-9 ._\-/:,=@+()&#;]*$`)
	mermaidRef  = regexp.MustCompile(`#(\d+);`)
	dotRef      = regexp.MustCompile(`&#(\d+);`)
)

// unescape decodes the character references of MermaidText or DOTText.
func unescape(s string, ref *regexp.Regexp) string {
	return ref.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.Atoi(ref.FindStringSubmatch(m)[1])
		return string(rune(n))
	})
}

// FuzzLabel: the escapers write only safe characters, and decoding their
// references gives back the (valid UTF-8, length-capped) input.
func FuzzLabel(f *testing.F) {
	for _, h := range hostile {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.ToValidUTF8(s, "\uFFFD")
		if utf8.RuneCountInString(want) > maxLine {
			want = string([]rune(want)[:maxLine-1]) + "…"
		}
		m, d := MermaidText(s), DOTText(s)
		if !mermaidSafe.MatchString(m) {
			t.Fatalf("MermaidText(%q) = %q has unsafe characters", s, m)
		}
		if !dotSafe.MatchString(d) {
			t.Fatalf("DOTText(%q) = %q has unsafe characters", s, d)
		}
		if got := unescape(m, mermaidRef); got != want {
			t.Fatalf("MermaidText(%q) decodes to %q", s, got)
		}
		if got := unescape(d, dotRef); got != want {
			t.Fatalf("DOTText(%q) decodes to %q", s, got)
		}
	})
}
