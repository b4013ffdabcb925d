package topology

import (
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
	return a.VPCEndpointIDs, a.VPCEndpointIDsKnown
}

// indexAPIs reads the vpc_endpoint_ids of every API whose plan leaves them
// unknown from its configuration.
func (p *Paths) indexAPIs(m *model.Model) {
	p.apiIDs = make(map[*API]apiIDs, len(p.v.APIs))
	for _, a := range p.v.APIs {
		if a.VPCEndpointIDsKnown || a.inst == nil || m == nil {
			continue
		}
		if r := configEndpointIDs(m, a.inst); r.known {
			p.apiIDs[a] = r
		} else {
			p.apiIDs[a] = apiIDs{a.VPCEndpointIDs, false}
		}
	}
}

// configEndpointIDs reads vpc_endpoint_ids from the API's configuration:
// unset on an API this plan creates means none (A3).
func configEndpointIDs(m *model.Model, inst *model.Instance) apiIDs {
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
