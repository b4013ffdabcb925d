package checks

import (
	"slices"
	"testing"

	"github.com/privapi/privapi/internal/finding"
	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/topology/topotest"
)

// TestSubjectLazyParts checks that a subject whose description and related
// list are built only for a recorded result names and relates the same
// resources the eager form did.
func TestSubjectLazyParts(t *testing.T) {
	w := worldPlan()
	w.add(created("aws_api_gateway_deployment.d", map[string]any{}, map[string][]string{"rest_api_id": topotest.Ref(wAPI, "id")}))
	v := w.view(t)
	api, ep, cl := apiAt(v, wAPI), endpointAt(v, wEP), clientAt(v, wClient)
	if len(api.Deployments) != 1 || len(api.Stages) != 1 {
		t.Fatalf("the world's API has %d deployments and %d stages, want 1 each", len(api.Deployments), len(api.Stages))
	}
	dep, st := api.Deployments[0], api.Stages[0]
	extra := make([]string, 1, 4)
	extra[0] = "aws_api_gateway_method_settings.m"
	ns := netSubject(reach.NetSubject{Pair: reach.Pair{API: api, Endpoint: ep, Client: cl}, APIs: v.APIs}, "aws_security_group.sg")
	for _, tc := range []struct {
		name     string
		s        Subject
		describe string
		related  []string // cleaned: sorted, without the address
		all      []string // what a PassFilter reads
	}{
		{"api", apiSubject(api), "API aws_api_gateway_rest_api.api", []string{}, nil},
		{"api related", apiSubject(api, "b", "a", "b"), "API aws_api_gateway_rest_api.api", []string{"a", "b"}, []string{"b", "a", "b"}},
		{"deployment", deploymentSubject(api, dep), "deployment aws_api_gateway_deployment.d of aws_api_gateway_rest_api.api",
			[]string{api.Address}, []string{api.Address}},
		{"stage", stageSubject(api, st, extra...), "stage prod (aws_api_gateway_stage.prod) of aws_api_gateway_rest_api.api",
			[]string{extra[0], api.Address}, []string{api.Address, extra[0]}},
		{"pair", pairSubject(reach.Pair{API: api, Endpoint: ep, Client: cl}, ep.Address),
			"API aws_api_gateway_rest_api.api through endpoint aws_vpc_endpoint.execute_api from client aws_instance.client",
			[]string{api.Address, cl.Address}, []string{api.Address, ep.Address, cl.Address}},
		{"net", ns, "API aws_api_gateway_rest_api.api through endpoint aws_vpc_endpoint.execute_api from client aws_instance.client",
			[]string{api.Address, cl.Address, ep.Address}, []string{api.Address, ep.Address, cl.Address, api.Address}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.describe(); got != tc.describe {
				t.Errorf("describe() = %q, want %q", got, tc.describe)
			}
			if got := tc.s.cleanRelated(); !slices.Equal(got, tc.related) || got == nil {
				t.Errorf("cleanRelated() = %q, want %q", got, tc.related)
			}
			if got := tc.s.related(); !slices.Equal(got, tc.all) {
				t.Errorf("related() = %q, want %q", got, tc.all)
			}
		})
	}
	// appending to a subject's Related never writes into the caller's list
	s := stageSubject(api, st, extra...)
	s.Related = append(s.Related, "z")
	if got := extra[:2][1]; got != "" {
		t.Errorf("append to Related wrote %q into the caller's array", got)
	}
}

// TestSubjectSharedRelated checks that a subject's prepared related list is
// used while Related is the list it was made from, and not once a check
// added to it.
func TestSubjectSharedRelated(t *testing.T) {
	api := apiAt(worldPlan().view(t), wAPI)
	s := Subject{API: api, Address: api.Address, Related: []string{"p", api.Address, "d"}}
	s.clean, s.cleanFrom = s.cleanRelated(), s.Related
	s.Related = s.Related[:len(s.Related):len(s.Related)]
	first := s.cleanRelated()
	if !slices.Equal(first, []string{"d", "p"}) || &first[0] != &s.clean[0] {
		t.Fatalf("cleanRelated() = %q, not the shared list %q", first, s.clean)
	}
	s.Related = append(s.Related, "e")
	if got := s.cleanRelated(); !slices.Equal(got, []string{"d", "e", "p"}) {
		t.Errorf("after an append, cleanRelated() = %q, want [d e p]", got)
	}
	// the results of two checks on one subject share the list
	r1, r2 := NewReporter(&Check{ID: "PA1"}), NewReporter(&Check{ID: "PA2"})
	s.Related = s.cleanFrom[:len(s.cleanFrom):len(s.cleanFrom)]
	r1.Unverified(s, "", "%s", "m")
	r2.Unverified(s, "", "%s", "m")
	a, b := r1.Results()[0], r2.Results()[0]
	if !slices.Equal(a.Related, []string{"d", "p"}) || &a.Related[0] != &b.Related[0] || a.Status != finding.Unverified {
		t.Errorf("results relate %q and %q, want one shared [d p]", a.Related, b.Related)
	}
}
