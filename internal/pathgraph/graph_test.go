package pathgraph

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/finding"
)

var update = flag.Bool("update", false, "rewrite golden files")

// analyze runs a fixture through the whole pipeline, with its source.
func analyze(t *testing.T, fixture string) engine.Result {
	t.Helper()
	dir := filepath.Join("..", "..", "fixtures", fixture)
	r := engine.Runner{SourceDir: dir}
	res, diags := r.Run(context.Background(), engine.Inputs{Plan: filepath.Join(dir, "plan.json")})
	if err := engine.Err(diags); err != nil {
		t.Fatal(err)
	}
	return res
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/pathgraph -update)", err)
	}
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from the golden file (run go test ./internal/pathgraph -update and review the diff)\n--- got:\n%s", name, got)
	}
}

// goldenFixtures cover a good path, each kind of hop broken, unverified
// hops, a missing endpoint and stage, several APIs with module instance
// keys, and a client outside every VPC.
var goldenFixtures = []string{
	"good-private-api",
	"net-endpoint-sg-no-443",
	"net-client-sg-no-egress",
	"net-endpoint-missing",
	"net-lambda-no-vpc",
	"policy-denies-other-vpce",
	"policy-endpoint-policy-denies",
	"policy-unverifiable",
	"deploy-no-stage",
	"dns-remote-client-private-dns",
	"model-foreach-stacks",
	"secrets-sensitive",
}

// TestNoSecrets: values Terraform marks sensitive (here a stage name built
// from a sensitive variable) never reach a label.
func TestNoSecrets(t *testing.T) {
	res := analyze(t, "secrets-sensitive")
	for _, redact := range []bool{false, true} {
		opts := Options{}
		if redact {
			opts.Redact = res.Analysis.Redactor()
		}
		g := Build(res.Analysis.View, res.Results, opts)
		var m, d bytes.Buffer
		g.Mermaid(&m)
		g.DOT(&d)
		leaked := strings.Contains(m.String()+d.String(), "do-not-print")
		if leaked == redact {
			t.Errorf("redact %v: secret in the output %v (want %v); the fixture must carry one", redact, leaked, !redact)
		}
	}
}

func TestGolden(t *testing.T) {
	for _, fx := range goldenFixtures {
		t.Run(fx, func(t *testing.T) {
			res := analyze(t, fx)
			g := Build(res.Analysis.View, res.Results, Options{Redact: res.Analysis.Redactor()})
			var m, d bytes.Buffer
			if err := g.Mermaid(&m); err != nil {
				t.Fatal(err)
			}
			if err := g.DOT(&d); err != nil {
				t.Fatal(err)
			}
			golden(t, fx+".mmd", m.Bytes())
			golden(t, fx+".dot", d.Bytes())
			checkMermaid(t, m.String())
			checkDOT(t, d.String())
		})
	}
}

// TestMarks: the check results mark the hop they judge, and only that one.
func TestMarks(t *testing.T) {
	tests := []struct {
		fixture string
		// want maps "kind:state" to the checks marking it; every other node
		// and edge must be ok.
		want map[string]string
	}{
		{"good-private-api", map[string]string{}},
		{"net-endpoint-sg-no-443", map[string]string{"endpoint security groups:broken": "PA111"}},
		{"net-client-sg-no-egress", map[string]string{"client security groups:broken": "PA112"}},
		{"net-endpoint-missing", map[string]string{"execute-api endpoint:broken": "PA101", "network:broken": "PA110"}},
		{"net-lambda-no-vpc", map[string]string{"network:broken": "PA110"}},
		{"policy-denies-other-vpce", map[string]string{"resource policy:broken": "PA202"}},
		{"policy-endpoint-policy-denies", map[string]string{"endpoint policy:broken": "PA203"}},
		{"deploy-no-stage", map[string]string{"stage:broken": "PA305"}},
		{"dns-remote-client-private-dns", map[string]string{"client:broken": "PA405"}},
	}
	for _, tt := range tests {
		t.Run(tt.fixture, func(t *testing.T) {
			res := analyze(t, tt.fixture)
			g := Build(res.Analysis.View, res.Results, Options{})
			if len(g.Paths) != 1 {
				t.Fatalf("%d paths, want 1", len(g.Paths))
			}
			got := map[string]string{}
			p := g.Paths[0]
			for _, n := range p.Nodes {
				if n.State != OK {
					got[string(n.Kind)+":"+n.State.String()] = strings.Join(n.Checks, ",")
				}
			}
			for _, e := range p.Edges {
				if e.State != OK {
					got["network:"+e.State.String()] = strings.Join(e.Checks, ",")
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("marked %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q (all: %v)", k, got[k], v, got)
				}
			}
			wantState := OK
			if len(tt.want) > 0 {
				wantState = Broken
			}
			if p.State != wantState {
				t.Errorf("path state %v, want %v", p.State, wantState)
			}
		})
	}
}

// TestWaivedAndInfoDoNotMark: a waived result and an info finding leave
// their hop unmarked.
func TestWaivedAndInfoDoNotMark(t *testing.T) {
	for _, change := range []struct {
		name string
		edit func(r *finding.Result)
	}{
		{"waived", func(r *finding.Result) { r.Waiver = &finding.Waiver{Reason: "accepted"} }},
		{"info", func(r *finding.Result) { r.Severity = finding.Info }},
	} {
		t.Run(change.name, func(t *testing.T) {
			res := analyze(t, "net-endpoint-sg-no-443")
			n := 0
			for i := range res.Results {
				if res.Results[i].CheckID == "PA111" && res.Results[i].Status == finding.Fail {
					change.edit(&res.Results[i])
					n++
				}
			}
			if n == 0 {
				t.Fatal("fixture has no PA111 finding")
			}
			g := Build(res.Analysis.View, res.Results, Options{})
			if s := g.Paths[0].State; s != OK {
				t.Errorf("path state %v, want ok", s)
			}
		})
	}
}

func TestOptions(t *testing.T) {
	res := analyze(t, "model-foreach-stacks")
	all := Build(res.Analysis.View, res.Results, Options{})
	if len(all.Paths) < 3 {
		t.Fatalf("fixture has %d APIs, want several", len(all.Paths))
	}
	g := Build(res.Analysis.View, res.Results, Options{MaxAPIs: 2})
	if len(g.Paths) != 2 || g.Omitted != len(all.Paths)-2 {
		t.Errorf("MaxAPIs 2: %d paths, %d omitted; want 2 and %d", len(g.Paths), g.Omitted, len(all.Paths)-2)
	}
	var m, d bytes.Buffer
	g.Mermaid(&m)
	g.DOT(&d)
	if !strings.HasSuffix(m.String(), "  %% "+itoa(g.Omitted)+" more APIs not drawn\n") {
		t.Errorf("mermaid does not say what was left out:\n%s", m.String())
	}
	if !strings.Contains(d.String(), "  // "+itoa(g.Omitted)+" more APIs not drawn\n") {
		t.Errorf("dot does not say what was left out:\n%s", d.String())
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// Label lines may hold only safe characters and character references.
var (
	mermaidLine = regexp.MustCompile(`^(flowchart LR|  subgraph p\d+\["[A-Za-z0-9 ._\-/:,=@+()#;]*"\]|    direction LR|  end|  (  )?n\d+\["[A-Za-z0-9 ._\-/:,=@+()#;]*(<br/>[A-Za-z0-9 ._\-/:,=@+()#;]*)*"\]|  n\d+ --> n\d+|  n\d+ (--x|-\.->)\|"[A-Za-z0-9 ._\-/:,=@+()#;]*"\| n\d+|  classDef [a-z]+ [a-z0-9:#,\- ]+|  class n\d+(,n\d+)* (broken|unverified|missing)|  linkStyle \d+ stroke:#[0-9a-f]{6},stroke-width:\dpx|  %% \d+ more APIs not drawn)$`)
	dotLabel    = `"[A-Za-z0-9 ._\-/:,=@+()&#;]*(\\n[A-Za-z0-9 ._\-/:,=@+()&#;]*)*"`
	dotLine     = regexp.MustCompile(`^(digraph privapi \{|  rankdir=LR;|  node \[shape=box, style="rounded"\];|  subgraph cluster_p\d+ \{|    label=` + dotLabel + `;|    n\d+ \[label=` + dotLabel + `(, [a-z]+=("[a-z#0-9,]+"|\d+))*\];|  \}|\}|  n\d+ -> n\d+( \[(color="#[0-9a-f]{6}", penwidth=\d, (arrowhead=tee|style=dashed), label=` + dotLabel + `)\])?;|  // \d+ more APIs not drawn)$`)
)

func checkMermaid(t *testing.T, out string) {
	t.Helper()
	for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !mermaidLine.MatchString(l) {
			t.Errorf("mermaid line %d is not of a known safe form: %q", i+1, l)
		}
	}
}

func checkDOT(t *testing.T, out string) {
	t.Helper()
	for i, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !dotLine.MatchString(l) {
			t.Errorf("dot line %d is not of a known safe form: %q", i+1, l)
		}
	}
}

// TestClientLimit: a cut keeps the clients whose hops are marked and says
// how many were left out.
func TestClientLimit(t *testing.T) {
	res := analyze(t, "net-sg-rule-forms")
	all := Build(res.Analysis.View, res.Results, Options{})
	if n := countKind(all.Paths[0], KindClient); n != 2 {
		t.Fatalf("fixture draws %d clients, want 2", n)
	}
	g := Build(res.Analysis.View, res.Results, Options{MaxClients: 1})
	p := g.Paths[0]
	if countKind(p, KindClient) != 1 || countKind(p, KindMore) != 1 || p.MoreClients != 1 {
		t.Errorf("MaxClients 1: %d clients, %d more-nodes, MoreClients %d; want 1, 1, 1", countKind(p, KindClient), countKind(p, KindMore), p.MoreClients)
	}
	for _, n := range p.Nodes {
		if n.Kind == KindMore && n.Lines[0] != "1 more client not drawn" {
			t.Errorf("more node says %q", n.Lines[0])
		}
	}

	// mark the second client (in address order) broken: the cut keeps it
	var second string
	for _, n := range all.Paths[0].Nodes {
		if n.Kind == KindClient {
			second = n.Lines[0]
		}
	}
	rs := append(res.Results, finding.Result{CheckID: "PA112", Severity: finding.Error, Status: finding.Fail,
		Address: "aws_security_group.x", Related: []string{p.API, second}})
	g = Build(res.Analysis.View, rs, Options{MaxClients: 1})
	for _, n := range g.Paths[0].Nodes {
		if n.Kind == KindClient && n.Lines[0] != second {
			t.Errorf("the cut kept %s, not the marked %s", n.Lines[0], second)
		}
	}
}

func countKind(p *Path, k Kind) int {
	n := 0
	for _, x := range p.Nodes {
		if x.Kind == k {
			n++
		}
	}
	return n
}
