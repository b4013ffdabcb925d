package topology

import "github.com/privapi/privapi/internal/symbol"

// domainsByAPIID indexes the custom domains by the API ids their mappings
// name, each list in view order and without repeats. Same(id, a.ID) is True
// exactly when the strings are equal (see Paths), so the list of a.ID holds
// the domains a loop over every domain and its ids would find, without
// that loop for every API (or every client-API pair). privateOnly keeps the
// domains whose Private is True.
func domainsByAPIID(domains []*Domain, privateOnly bool) map[string][]*Domain {
	idx := map[string][]*Domain{}
	for _, d := range domains {
		if privateOnly && d.Private != symbol.True {
			continue
		}
		for _, id := range d.APIIDs {
			idx[id] = appendDomain(idx[id], d)
		}
	}
	return idx
}

// domainsOf returns an index's list for a, capped so that a caller's
// append copies it.
func domainsOf(idx map[string][]*Domain, a *API) []*Domain {
	l := idx[a.ID]
	return l[:len(l):len(l)]
}
