package engine_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/privapi/privapi/checks"
	"github.com/privapi/privapi/internal/bench/genplan"
	"github.com/privapi/privapi/internal/engine"
	"github.com/privapi/privapi/internal/planfile"
)

// TestMessagesStayBounded: one endpoint shared by ~90 private APIs (the
// shared-endpoint shape at 1,000 instances) must not give a result whose
// text lists every API: PA403 on the shared endpoint spelled out each API's
// URLs, megabytes at 9,000 APIs. Messages name a few pairs and count the rest.
func TestMessagesStayBounded(t *testing.T) {
	root, err := genplan.RepoRoot()
	if err != nil {
		t.Skip(err)
	}
	sh, ok := genplan.ShapeNamed("shared-endpoint")
	if !ok {
		t.Fatal("no shared-endpoint shape")
	}
	var o genplan.Options
	if err := sh.Apply(&o, root); err != nil {
		t.Fatal(err)
	}
	o.Size, o.Seed = 1000, 1
	var buf bytes.Buffer
	if _, err := genplan.Generate(&buf, o); err != nil {
		t.Fatal(err)
	}
	doc, err := planfile.Decode(buf.Bytes(), "gen.json", planfile.KindPlan)
	if err != nil {
		t.Fatal(err)
	}
	a, err := engine.Analyze(doc, "")
	if err != nil {
		t.Fatal(err)
	}
	const limit = 8 << 10
	counted := false
	for _, r := range a.Check(checks.Options{}) {
		if n := len(r.Message) + len(r.Fix); n > limit {
			t.Errorf("%s %s: message and fix are %d bytes (limit %d): %.300s…", r.CheckID, r.Address, n, limit, r.Message)
		}
		if r.CheckID == "PA403" && strings.Contains(r.Message, "more API and client pairs through") {
			counted = true
		}
	}
	if !counted {
		t.Error("PA403 on the shared endpoint does not count the API and client pairs it leaves out")
	}
}
