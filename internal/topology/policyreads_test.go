package topology_test

import (
	"reflect"
	"testing"
)

// TestReadPolicyKeepsBuildsRead: ReadPolicy of an API's effective policy
// source returns the document Build read (the same one, not read again),
// and that document is what reading the source afresh gives.
func TestReadPolicyKeepsBuildsRead(t *testing.T) {
	read := 0
	for _, scenario := range []string{"good-private-api", "bench-shared-endpoint", "model-deferred-policy-doc", "policy-deferred-data-source", "hostile-policy-not-json", "policy-conflict", "policy-heredoc"} {
		for _, withSource := range []bool{false, true} {
			v := view(t, scenario, withSource)
			for _, a := range v.APIs {
				p := v.APIPolicy(a)
				if p.Source == nil || p.Outside {
					continue
				}
				got, err := v.ReadPolicy(p.Source)
				if got != p.Raw || !reflect.DeepEqual(err, p.Err) {
					t.Errorf("%s %s: ReadPolicy read the effective policy again", scenario, a.Address)
				}
				fresh := *p.Source // a source Build did not read
				want, wantErr := v.ReadPolicy(&fresh)
				if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(err, wantErr) {
					t.Errorf("%s %s: kept read %v, %v; read afresh %v, %v", scenario, a.Address, got, err, want, wantErr)
				}
				read++
			}
		}
	}
	if read < 10 {
		t.Errorf("only %d policies compared", read)
	}
}
