package topology

import (
	"runtime"
	"sync"
	"weak"

	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/symbol"
)

// APIEndpointIDs returns the API's vpc_endpoint_ids. The provider plans the
// attribute unknown when endpoint_configuration does not set it; for an API
// this plan creates that means none (A3).
func (p *Paths) APIEndpointIDs(a *API) ([]string, bool) {
	if r, ok := p.apiIDs[a]; ok {
		return r.ids, r.known
	}
	ids, known := p.apiEndpointIDs(a)
	p.apiIDs[a] = apiIDs{ids, known}
	return ids, known
}

func (p *Paths) apiEndpointIDs(a *API) ([]string, bool) {
	if a.VPCEndpointIDsKnown || a.Inst == nil || p.m == nil {
		return a.VPCEndpointIDs, a.VPCEndpointIDsKnown
	}
	if r := configEndpointIDs(p.m, a.Inst); r.known {
		return r.ids, true
	}
	return a.VPCEndpointIDs, false
}

// configIDs caches per API instance what configEndpointIDs found: an
// instance's configuration never changes, and evaluating it is costly. The
// keys are weak, so the cache does not keep models alive.
var configIDs sync.Map // weak.Pointer[model.Instance] → apiIDs

// configEndpointIDs reads vpc_endpoint_ids from the API's configuration:
// unset on an API this plan creates means none (A3).
func configEndpointIDs(m *model.Model, inst *model.Instance) apiIDs {
	key := weak.Make(inst)
	if r, ok := configIDs.Load(key); ok {
		return r.(apiIDs)
	}
	var r apiIDs
	if objs, ok := Objects(m.ConfigValue(inst, "endpoint_configuration")); ok && len(objs) > 0 {
		cv := Get(objs[0], "vpc_endpoint_ids")
		switch ids, ok := Strs(cv); {
		case IsNull(cv) && inst.Creates():
			r = apiIDs{nil, true}
		case ok && !IsNull(cv):
			r = apiIDs{ids, true}
		}
	}
	if _, loaded := configIDs.LoadOrStore(key, r); !loaded {
		runtime.AddCleanup(inst, func(k weak.Pointer[model.Instance]) { configIDs.Delete(k) }, key)
	}
	return r
}

// Associated reports whether an endpoint is in the API's vpc_endpoint_ids.
func (p *Paths) Associated(a *API, e *Endpoint) symbol.Tri {
	ids, known := p.APIEndpointIDs(a)
	out := symbol.False
	for _, id := range ids {
		out = out.Or(Same(id, e.ID))
	}
	if !known && out != symbol.True {
		return symbol.Unknown
	}
	return out
}
