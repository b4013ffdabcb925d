package model

import (
	"sync"

	"github.com/privapi/privapi/internal/waiver/addr"
)

// StackSep separates a stack's name from an address in the addresses of
// instances of another stack (see Qualify): "network:aws_vpc.main".
const StackSep = addr.StackSep

// Qualify prefixes every instance address with the stack name and
// StackSep, so that the instances of several stacks never share an address
// (nor a symbolic token: tokens name addresses). Call it on a model of
// another stack before reading any value and before Absorb.
func (m *Model) Qualify(stack string) {
	m.byAddr = make(map[string]*Instance, len(m.Instances))
	for _, inst := range m.Instances {
		inst.Address = stack + StackSep + inst.Address
		m.byAddr[inst.Address] = inst
		inst.attrs = nil
	}
	m.byID, m.byIDOnce = nil, sync.Once{}
}

// Absorb joins the instances of another stack's model (already qualified)
// to m: OfType, Instance and ByID find them too, after m's own, and every
// question about one of them (Attr, Configured, ...) is answered by its own
// model, with its own configuration. m.Instances and the configuration
// lookups (references, modules) stay m's own.
func (m *Model) Absorb(o *Model) {
	m.absorbed = append(m.absorbed, o)
	for _, inst := range o.Instances {
		if _, dup := m.byAddr[inst.Address]; dup {
			continue
		}
		m.byAddr[inst.Address] = inst
		t := inst.Type
		if inst.Mode == "data" {
			t = "data." + t
		}
		m.byType[t] = append(m.byType[t], inst)
	}
	m.byID, m.byIDOnce = nil, sync.Once{}
	m.sensitive = nil
}

// Absorbed lists the models joined with Absorb.
func (m *Model) Absorbed() []*Model { return m.absorbed }

// ownerOf is the model that answers questions about inst.
func (m *Model) ownerOf(inst *Instance) *Model {
	if inst != nil && inst.owner != nil {
		return inst.owner
	}
	return m
}
