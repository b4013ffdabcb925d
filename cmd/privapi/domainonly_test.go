package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunbookReadsNoModel holds internal/runbook to the domain: besides
// importing no model (TestImportGraph), it never reaches the model through
// the view (View.M) or an element's instance (unexported since; see
// TestDomainAPIHidesTheModel). Every answer it needs is a field or method of
// topology or reach, the ones privapi check reads too.
func TestRunbookReadsNoModel(t *testing.T) {
	files, err := filepath.Glob("../../internal/runbook/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no runbook sources: %v", err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && (sel.Sel.Name == "M" || sel.Sel.Name == "Inst") {
				t.Errorf("%s: the runbook reads the model (.%s); read a topology or reach field instead", fset.Position(sel.Pos()), sel.Sel.Name)
			}
			return true
		})
	}
}
