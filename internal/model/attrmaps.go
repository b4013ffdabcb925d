package model

import (
	"sync"

	"github.com/zclconf/go-cty/cty"
)

// cty.ObjectVal copies the attribute map it is given (into the value's own
// map and its type's): the map a builder fills is garbage once the object
// is made. Decoding values (ctyDecoder.object) and filling blocks
// (fillObject) build hundreds of thousands of objects on large plans, so
// they take their maps from a pool and hand them back, cleared, after
// cty.ObjectVal.

var attrMapPool = sync.Pool{New: func() any { return make(map[string]cty.Value, 16) }}

// attrMap returns an empty map from the pool.
func attrMap() map[string]cty.Value { return attrMapPool.Get().(map[string]cty.Value) }

// objectVal is cty.ObjectVal(attrs); attrs goes back to the pool.
func objectVal(attrs map[string]cty.Value) cty.Value {
	v := cty.ObjectVal(attrs)
	releaseAttrMap(attrs)
	return v
}

// releaseAttrMap hands a map from attrMap back to the pool. Maps grown
// large (an object of hundreds of attributes) are left to the collector.
func releaseAttrMap(attrs map[string]cty.Value) {
	if len(attrs) > 64 {
		return
	}
	clear(attrs)
	attrMapPool.Put(attrs)
}
