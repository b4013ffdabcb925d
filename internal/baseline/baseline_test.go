package baseline

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/privapi/privapi/internal/finding"
)

func result(line int) finding.Result {
	return finding.Result{CheckID: "PA111", Status: finding.Fail, Severity: finding.Error, Address: "aws_security_group.endpoint",
		Related: []string{"aws_instance.client"}, Subject: "endpoint x", Message: "m", Source: &finding.Source{File: "main.tf", Line: line}}
}

// TestLineMoves: a finding whose block moved to another line is the same
// finding; another finding is not hidden; an unmatched entry is stale.
func TestLineMoves(t *testing.T) {
	var f File
	f.Add("a/tfplan.json", []finding.Result{result(10), {CheckID: "PA205", Status: finding.Pass}})
	if len(f.Entries) != 1 {
		t.Fatalf("%d entries, want 1 (passes are not recorded)", len(f.Entries))
	}
	path := filepath.Join(t.TempDir(), "b.json")
	if err := f.Write(path); err != nil {
		t.Fatal(err)
	}
	g, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	other := result(3)
	other.Address = "aws_security_group.other"
	rs := []finding.Result{result(42), other}
	if n := g.Apply("a/tfplan.json", rs); n != 1 || rs[0].Waiver == nil || rs[0].Waiver.Origin != Origin || rs[1].Waiver != nil {
		t.Errorf("hid %d, waivers %v %v", n, rs[0].Waiver, rs[1].Waiver)
	}
	if len(g.Stale()) != 0 {
		t.Errorf("stale after a match: %v", g.Stale())
	}
	h, _ := Read(path)
	h.Apply("a/tfplan.json", []finding.Result{other})
	if len(h.Stale()) != 1 {
		t.Errorf("want the entry stale when its finding is gone")
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"format_version":"1","baseline":[]}`))
	f.Add([]byte(`{"format_version":"1","baseline":[{"id":"PA111","address":"a","reason":"r","expires":null,"fingerprint":"` +
		"0123456789012345678901234567890123456789012345678901234567890123" + `"}]}`))
	f.Add([]byte(`{"format_version":"2"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "b.json")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		b, err := Read(path)
		if err != nil {
			return
		}
		b.Apply("p", []finding.Result{result(1)})
		_ = b.Stale()
	})
}
