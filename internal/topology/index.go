package topology

import "github.com/privapi/privapi/internal/model"

// index is what Build derives from the complete view: lookups by id, and
// every fact of the model that queries need. Build makes it once (freeze)
// and nothing changes it afterwards, so the view may be read concurrently.
type index struct {
	paths *Paths
	ids   *idIndex
	// byConfigAddr maps configuration-level resource addresses to their
	// first instance (the reference walker).
	byConfigAddr map[string]*model.Instance
	// account and partition are the one known value of the plan's
	// data.aws_caller_identity and data.aws_partition ("" when none).
	account, partition string
	forAPI             forAPIShared
}

// freeze indexes the complete view.
func (v *View) freeze() {
	ix := &index{}
	ix.account, ix.partition = v.scanAccount()
	v.ix = ix // APIARN (forAPI) reads the account
	ix.ids = newIDIndex(v)
	ix.byConfigAddr = configAddrIndex(v.M)
	ix.forAPI = newForAPIShared(v)
	ix.paths = newPaths(v)
}

// paths returns the view's path index. A view assembled by hand (tests)
// has none: it gets a fresh one each time.
func (v *View) paths() *Paths {
	if v.ix != nil {
		return v.ix.paths
	}
	return newPaths(v)
}

// Paths returns the view's path index.
func (v *View) Paths() *Paths { return v.paths() }

func configAddrIndex(m *model.Model) map[string]*model.Instance {
	out := map[string]*model.Instance{}
	if m == nil {
		return out
	}
	for _, i := range m.Instances {
		if _, ok := out[ConfigAddress(i)]; !ok {
			out[ConfigAddress(i)] = i
		}
	}
	return out
}
