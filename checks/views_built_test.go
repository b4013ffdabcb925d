package checks

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Unit tests that build views by hand take branches real runs never take
// (no instance behind an element, no index, fields the builder never
// leaves in that state). The tests of checks and of the runbook build
// their views through the constructor real runs use (topotest, or a
// fixture's plan); the guard below fails when a test writes a composite
// literal of a topology or model type instead.

// inputTypes are the topology types a test may write: the run's inputs
// to topology.BuildWith (declarations of .privapi.hcl), not the view.
var inputTypes = map[string]string{
	"Inputs":           "the run's inputs to BuildWith",
	"Declarations":     "the endpoints and clients .privapi.hcl declares, an input to BuildWith",
	"DeclaredEndpoint": "an input to BuildWith",
	"DeclaredClient":   "an input to BuildWith",
	"DeclaredSubnet":   "an input to BuildWith",
}

// viewPackages are the packages whose types make up a view and its
// model.
var viewPackages = []string{"github.com/privapi/privapi/internal/topology", "github.com/privapi/privapi/internal/model"}

func TestViewsBuiltByTheConstructor(t *testing.T) {
	var files []string
	for _, pattern := range []string{"*_test.go", "../internal/runbook/*_test.go"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("found %d test files: run from the checks directory", len(files))
	}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, at := range handBuilt(fset, f) {
			t.Errorf("%s builds a view element by hand; build the view through topotest (the constructor real runs use)", at)
		}
	}
}

// handBuilt lists where f writes a composite literal (or new) of a
// topology or model type other than inputTypes, or a non-empty literal of
// a slice or map of them.
func handBuilt(fset *token.FileSet, f *ast.File) []string {
	pkgs := map[string]string{} // local name → import path
	for _, imp := range f.Imports {
		path, _ := strconv.Unquote(imp.Path.Value)
		for _, p := range viewPackages {
			if path == p {
				local := p[strings.LastIndex(p, "/")+1:]
				if imp.Name != nil {
					local = imp.Name.Name
				}
				pkgs[local] = path
			}
		}
	}
	if len(pkgs) == 0 {
		return nil
	}
	var out []string
	report := func(n ast.Node, typ string) {
		out = append(out, fmt.Sprintf("%s: %s", fset.Position(n.Pos()), typ))
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.CompositeLit:
			if typ, direct := viewType(x.Type, pkgs); typ != "" && (direct || len(x.Elts) > 0) {
				report(x, typ)
			}
		case *ast.CallExpr:
			if id, ok := x.Fun.(*ast.Ident); ok && id.Name == "new" && len(x.Args) == 1 {
				if typ, _ := viewType(x.Args[0], pkgs); typ != "" {
					report(x, typ)
				}
			}
		}
		return true
	})
	return out
}

// viewType names the view type e is, or holds (slice, array, map value,
// pointer); direct when e is the type itself.
func viewType(e ast.Expr, pkgs map[string]string) (name string, direct bool) {
	switch x := e.(type) {
	case *ast.SelectorExpr:
		id, ok := x.X.(*ast.Ident)
		if !ok || pkgs[id.Name] == "" {
			return "", false
		}
		if _, input := inputTypes[x.Sel.Name]; input && strings.HasSuffix(pkgs[id.Name], "/topology") {
			return "", false
		}
		return id.Name + "." + x.Sel.Name, true
	case *ast.StarExpr:
		return viewType(x.X, pkgs)
	case *ast.ArrayType:
		n, _ := viewType(x.Elt, pkgs)
		return n, false
	case *ast.MapType:
		n, _ := viewType(x.Value, pkgs)
		return n, false
	}
	return "", false
}

// TestHandBuiltGuard: the guard finds what it guards against.
func TestHandBuiltGuard(t *testing.T) {
	const src = `package x

import (
	"fmt"
	topo "github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/model"
)

var (
	a  = &topo.API{}
	b  = []*topo.Stage{{Name: "prod"}}
	c  = map[string]*topo.Client{}
	d  = topo.Inputs{}
	e  = new(topo.Endpoint)
	f  = model.Instance{Address: "x"}
	ds = []topo.DeclaredEndpoint{{Name: "n"}}
)
`
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "x_test.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(handBuilt(fset, f), "\n")
	for _, want := range []string{"x_test.go:10:8: topo.API", "x_test.go:11:7: topo.Stage", "x_test.go:14:7: topo.Endpoint", "x_test.go:15:7: model.Instance"} {
		if !strings.Contains(got, want) {
			t.Errorf("guard missed %s:\n%s", want, got)
		}
	}
	for _, allowed := range []string{"topo.Client", "topo.Inputs", "DeclaredEndpoint"} {
		if strings.Contains(got, allowed) {
			t.Errorf("guard flagged %s:\n%s", allowed, got)
		}
	}
}
