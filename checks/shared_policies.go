package checks

import (
	"sync"

	"github.com/privapi/privapi/internal/reach"
	"github.com/privapi/privapi/internal/topology"
)

// sharedPolicies are the effective resource policies of the APIs of one
// run (pa2ReadAPIPolicy), read once for the ten PA2xx checks that each ask
// for every API's; safe for checks on several goroutines. A pa2ApiPolicy
// is only read once made.
type sharedPolicies struct {
	mu sync.Mutex
	v  *topology.View
	m  map[*topology.API]pa2ApiPolicy
}

// apiPolicy is pa2ReadAPIPolicy(v, api), read once per run.
func (r *Reporter) apiPolicy(v *topology.View, api *topology.API) pa2ApiPolicy {
	s := r.policies
	if s == nil || s.v != v {
		return pa2ReadAPIPolicy(v, api)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.m[api]; ok {
		return p
	}
	p := pa2ReadAPIPolicy(v, api)
	s.m[api] = p
	return p
}

// sharedAPIs are the view's private APIs (reach.PrivateAPIs), listed once
// per run for the thirty checks that go through them; only read once made.
type sharedAPIs struct {
	once sync.Once
	v    *topology.View
	apis []*topology.API
}

// privateAPIs is reach.PrivateAPIs(v), listed once per run. Callers only
// range over it.
func (r *Reporter) privateAPIs(v *topology.View) []*topology.API {
	s := r.apis
	if s == nil || s.v != v {
		return reach.PrivateAPIs(v)
	}
	s.once.Do(func() { s.apis = reach.PrivateAPIs(v) })
	return s.apis
}
