package topology

import (
	"reflect"
	"testing"

	"github.com/privapi/privapi/internal/symbol"
)

// TestDomainIndex: the indexed PrivateDomainsOf and form scanner domains
// are the lists a loop over every domain and its mapped ids finds (in view
// order, each domain once), for literal ids, tokens, "" and ids mapped
// twice; and a caller's append does not change the index.
func TestDomainIndex(t *testing.T) {
	tokA := symbol.Ref{Address: "aws_api_gateway_rest_api.a", Attr: "id", Fresh: true}.Token()
	tokB := symbol.Ref{Address: "aws_api_gateway_rest_api.b", Attr: "id"}.Token()
	apis := []*API{{Node: Node{Address: "a"}, ID: tokA}, {Node: Node{Address: "b"}, ID: tokB}, {Node: Node{Address: "c"}, ID: "abcdef1234"},
		{Node: Node{Address: "d"}, ID: ""}, {Node: Node{Address: "e"}, ID: "zzzzzz9999"}}
	v := &View{APIs: apis, Domains: []*Domain{
		{Node: Node{Address: "d1"}, Private: symbol.True, APIIDs: []string{tokA, "abcdef1234", tokA}},
		{Node: Node{Address: "d2"}, Private: symbol.False, APIIDs: []string{tokA}},
		{Node: Node{Address: "d3"}, Private: symbol.Unknown, APIIDs: []string{"abcdef1234"}},
		{Node: Node{Address: "d4"}, Private: symbol.True, APIIDs: []string{"", tokB, "x" + tokB}},
		{Node: Node{Address: "d5"}, Private: symbol.True, APIIDs: []string{"abcdef1234"}},
	}}
	linear := func(a *API, privateOnly bool) []*Domain {
		var out []*Domain
		for _, d := range v.Domains {
			if privateOnly && d.Private != symbol.True {
				continue
			}
			for _, id := range d.APIIDs {
				if Same(id, a.ID) == symbol.True {
					out = appendDomain(out, d)
				}
			}
		}
		return out
	}
	unindexed := &View{APIs: v.APIs, Domains: v.Domains}
	v.ix = &index{}
	v.ix.paths = newPaths(v)
	found := 0
	for _, a := range apis {
		want := linear(a, true)
		if got := v.PrivateDomainsOf(a); !reflect.DeepEqual(got, want) {
			t.Errorf("PrivateDomainsOf(%s) = %v, want %v", a.Address, got, want)
		}
		if got := unindexed.PrivateDomainsOf(a); !reflect.DeepEqual(got, want) {
			t.Errorf("PrivateDomainsOf(%s) without index = %v, want %v", a.Address, got, want)
		}
		if got, want := v.ix.paths.NewFormScanner(a).domains, linear(a, false); !reflect.DeepEqual(got, want) {
			t.Errorf("scanner domains of %s = %v, want %v", a.Address, got, want)
		}
		found += len(want)
		_ = append(v.PrivateDomainsOf(a), &Domain{})
	}
	if found != 5 {
		t.Errorf("%d private domains found; the table tests less than it says", found)
	}
	for _, a := range apis {
		if got, want := v.PrivateDomainsOf(a), linear(a, true); !reflect.DeepEqual(got, want) {
			t.Errorf("after an append: PrivateDomainsOf(%s) = %v, want %v", a.Address, got, want)
		}
	}
}
