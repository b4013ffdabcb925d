package finding

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// sortReference is the order Sort must give: a stable sort on the full key.
func sortReference(rs []Result) {
	sort.SliceStable(rs, func(i, j int) bool {
		a, b := &rs[i], &rs[j]
		if a.API != b.API {
			return a.API < b.API
		}
		if a.Severity != b.Severity {
			return a.Severity > b.Severity
		}
		if a.CheckID != b.CheckID {
			return a.CheckID < b.CheckID
		}
		if a.Address != b.Address {
			return a.Address < b.Address
		}
		ar, br := strings.Join(a.Related, ","), strings.Join(b.Related, ",")
		if ar != br {
			return ar < br
		}
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		return a.Message < b.Message
	})
}

// TestSortMatchesReference: Sort gives the reference order on random
// results drawn from few values (so that many compare equal on a prefix of
// the key, or on all of it, where the input order must stay: Fix tells
// such results apart).
func TestSortMatchesReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(vals ...string) string { return vals[rng.IntN(len(vals))] }
	for _, size := range []int{0, 1, 2, 3, 10, 100, 1000} {
		rs := make([]Result, size)
		for i := range rs {
			rs[i] = Result{
				API:      pick("", "a", "b"),
				Severity: Severity(rng.IntN(3)),
				CheckID:  pick("PA101", "PA202"),
				Address:  pick("x", "y"),
				Related:  [][]string{nil, {"p"}, {"p", "q"}, {"p,q"}}[rng.IntN(4)],
				Subject:  pick("", "s"),
				Message:  pick("m", "n"),
				Fix:      fmt.Sprint(i),
			}
		}
		want := make([]Result, size)
		copy(want, rs)
		sortReference(want)
		Sort(rs)
		if !reflect.DeepEqual(rs, want) {
			t.Errorf("%d results: order differs from the reference", size)
		}
	}
}

// BenchmarkSort sorts 50,000 results (Sort, and the stable sort on whole
// results it replaced).
func BenchmarkSort(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	in := make([]Result, 50000)
	for i := range in {
		in[i] = Result{
			API:      fmt.Sprintf("module.api[\"a%04d\"].aws_api_gateway_rest_api.this", rng.IntN(5000)),
			Severity: Severity(rng.IntN(3)),
			CheckID:  fmt.Sprintf("PA%d", 101+rng.IntN(40)),
			Address:  fmt.Sprintf("module.api[\"a%04d\"].aws_api_gateway_stage.this", rng.IntN(5000)),
			Related:  []string{"aws_vpc_endpoint.hub", fmt.Sprintf("module.api[\"a%04d\"].aws_lambda_function.client", rng.IntN(5000))},
			Subject:  "endpoint aws_vpc_endpoint.hub",
		}
	}
	rs := make([]Result, len(in))
	for _, bc := range []struct {
		name string
		sort func([]Result)
	}{{"Sort", Sort}, {"reference", sortReference}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				copy(rs, in)
				bc.sort(rs)
			}
		})
	}
}
