package model

import "github.com/zclconf/go-cty/cty"

// ForgetResolved drops what resolving attributes keeps (of this model and
// the models it absorbed): the values Attr resolved and cached on each
// instance, the instances' whole converted values, and the module scopes
// with their evaluated locals, variables, outputs and resource values. The
// view reads attributes while it is built and keeps what it derives; on
// large plans these caches are over 100 MB that the garbage collector
// would otherwise scan through the checks and the report. An attribute
// read later is resolved again, as the first time.
func (m *Model) ForgetResolved() {
	for _, o := range append([]*Model{m}, m.absorbed...) {
		o.scopes = map[string]*scope{}
		o.fragments = nil
		o.shared = nil // SharedAttr's resolutions
		for _, inst := range o.Instances {
			inst.attrs, inst.scope = nil, nil
			inst.afterVal = cty.NilVal
			if inst.prior != nil {
				inst.prior.beforeVal = cty.NilVal
			}
		}
	}
}
