package topology

import "github.com/privapi/privapi/internal/symbol"

// index is what Build derives from the complete view: lookups by id, and
// every fact of the model that queries need. Build makes it once (freeze)
// and nothing changes it afterwards, so the view may be read concurrently.
type index struct {
	paths *Paths
	ids   *idIndex
	// account and partition are the one known value of the plan's
	// data.aws_caller_identity and data.aws_partition ("" when none).
	account, partition string
	forAPI             forAPIShared
	// outside lists, per API, the literal ids of its vpc_endpoint_ids that
	// are no element of the view; outsideSet holds them all.
	outside    map[*API][]string
	outsideSet map[string]bool
	// policies holds the effective resource policy of every API; reads
	// the same documents by source, for ReadPolicy.
	policies map[*API]APIPolicy
	reads    map[*PolicySource]policyRead
	// stageNames holds DeploymentStageName of every deployment.
	stageNames map[*Deployment]stageName
	// declared holds DeclaredAt by address (nil when nothing is declared).
	declared map[string]*Declaration
	// records are the Route 53 records DomainRecord matches.
	records []record
}

// freeze indexes the complete view.
func (v *View) freeze() {
	ix := &index{}
	ix.account, ix.partition = v.scanAccount()
	v.ix = ix // APIARN (forAPI) reads the account
	ix.ids = newIDIndex(v)
	ix.forAPI = newForAPIShared(v)
	ix.paths = newPaths(v)
	ix.outside, ix.outsideSet = v.indexOutside()
	ix.policies = v.indexPolicies() // reads ids, forAPI and paths
	ix.reads = policyReads(ix.policies)
	v.readAllPolicies(ix.reads)
	ix.stageNames = v.indexStageNames()
	ix.declared = v.indexDeclared()
	ix.records = v.indexRecords()
	v.indexAliases()
	v.indexPolicyOrders()
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

// OutsideEndpoints lists the literal ids in a's vpc_endpoint_ids that are
// no element of the view: endpoints another stack owns, which no input
// holds.
func (v *View) OutsideEndpoints(a *API) []string {
	if v.ix != nil {
		return v.ix.outside[a]
	}
	return v.outsideEndpoints(a)
}

// OutsideListed reports whether id is an outside endpoint that some API of
// the view lists in its vpc_endpoint_ids.
func (v *View) OutsideListed(id string) bool {
	if v.ix != nil {
		return v.ix.outsideSet[id]
	}
	_, set := v.indexOutside()
	return set[id]
}

func (v *View) outsideEndpoints(a *API) []string {
	var out []string
	for _, id := range a.VPCEndpointIDs {
		if id == "" || symbol.Contains(id) {
			continue
		}
		if _, ok := v.KnownID(id); !ok {
			out = append(out, id)
		}
	}
	return out
}

func (v *View) indexOutside() (map[*API][]string, map[string]bool) {
	per, set := map[*API][]string{}, map[string]bool{}
	for _, a := range v.APIs {
		if out := v.outsideEndpoints(a); len(out) > 0 {
			per[a] = out
			for _, x := range out {
				set[x] = true
			}
		}
	}
	return per, set
}
