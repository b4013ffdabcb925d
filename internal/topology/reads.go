package topology

import (
	"github.com/privapi/privapi/internal/model"
	"github.com/privapi/privapi/internal/symbol"
)

// reads records, once per view, what the arguments the deployment checks
// judge read, transitively (see WalkValue): a deployment's triggers,
// variables and replace_triggered_by, a stage's deployment_id and a method
// settings' stage_name. Checks read these fields instead of walking.
func (b *builder) reads() {
	v := b.v
	v.byConfig = indexConfigAddresses(v.m)
	// One walker, its maps cleared between walks; each walk appends to
	// one reused array (scratch) and keeps its references in exact-size
	// slices of shared blocks (kept), not in arrays grown by doubling.
	w := v.newWalker(false)
	var scratch []Reached
	var kept reachedBlocks
	begin := func(inst *model.Instance, names ...string) {
		w.reset()
		w.out.Reached = scratch[:0]
		for _, name := range names {
			w.start(inst, name)
		}
	}
	end := func() *Walk {
		out := w.out
		scratch = out.Reached
		out.Reached = kept.keep(out.Reached)
		return out
	}
	for _, a := range v.APIs {
		for _, d := range a.Deployments {
			// RedeployReads goes on where TriggerReads ends: the walk of
			// triggers and variables is the same, done once
			begin(d.inst, "triggers", "variables")
			trigger := kept.keep(w.out.Reached)
			d.TriggerReads = w.out.prefix()
			d.TriggerReads.Reached = trigger
			w.start(d.inst, "lifecycle.replace_triggered_by")
			if len(w.out.Reached) > len(trigger) {
				d.RedeployReads = end()
				continue
			}
			// replace_triggered_by reached nothing more (always so
			// without .tf source): both walks hold the same references
			d.RedeployReads, scratch = w.out, w.out.Reached
			d.RedeployReads.Reached = trigger
		}
		for _, s := range a.Stages {
			begin(s.inst, "deployment_id")
			s.DeploymentReads = end()
		}
		for _, ms := range a.MethodSettings {
			begin(ms.inst, "stage_name")
			ms.StageNameReads = end()
		}
	}
}

// reachedBlock is how many references one block of reachedBlocks holds.
const reachedBlock = 256

// reachedBlocks holds the references of many walks in few allocations.
type reachedBlocks struct{ block []Reached }

// keep copies rs into the current block (a new one when it is full) and
// returns the copy, capacity cut; nil when rs is empty, as a fresh walk
// that reaches nothing leaves it.
func (k *reachedBlocks) keep(rs []Reached) []Reached {
	if len(rs) == 0 {
		return nil
	}
	if cap(k.block)-len(k.block) < len(rs) {
		k.block = make([]Reached, 0, max(reachedBlock, len(rs)))
	}
	k.block = append(k.block, rs...)
	return k.block[len(k.block)-len(rs) : len(k.block) : len(k.block)]
}

// prefix returns what w holds now, which a walk that goes on appending to
// w does not change (the slices' capacity is cut).
func (w *Walk) prefix() *Walk {
	return &Walk{
		Reached:   w.Reached[:len(w.Reached):len(w.Reached)],
		Functions: w.Functions[:len(w.Functions):len(w.Functions)],
		Opaque:    w.Opaque[:len(w.Opaque):len(w.Opaque)],
		Written:   w.Written,
	}
}

// maxReusedKeys bounds the maps a reused walker clears rather than
// replaces (clearing costs their capacity, not their length).
const maxReusedKeys = 64

// reset makes w ready for a new walk of the same mode, keeping its maps.
func (w *walker) reset() {
	if len(w.seen) > maxReusedKeys {
		w.seen = map[string]bool{}
	} else {
		clear(w.seen)
	}
	if len(w.listed) > maxReusedKeys {
		w.listed = map[string]bool{}
	} else {
		clear(w.listed)
	}
	w.out = &Walk{}
	w.replacing, w.hops, w.stopped = 0, 0, false
}

// indexConfigAddresses groups a model's instances by configuration-level
// address (ConfigAddress), in model order.
func indexConfigAddresses(m *model.Model) map[string][]*model.Instance {
	// Instances of one module call share their configuration address:
	// the address is built in a reused buffer and made a string once per
	// group, and the map holds the groups, not one entry per instance.
	at := map[string]int{}
	var groups [][]*model.Instance
	var buf []byte
	for _, i := range m.Instances {
		buf = buf[:0]
		for _, s := range i.Module {
			buf = append(append(append(buf, "module."...), s.Name...), '.')
		}
		buf = append(buf, i.Local...) // configAddress(i)
		if g, ok := at[string(buf)]; ok {
			groups[g] = append(groups[g], i)
			continue
		}
		at[string(buf)] = len(groups)
		groups = append(groups, []*model.Instance{i})
	}
	out := make(map[string][]*model.Instance, len(at))
	for k, g := range at {
		out[k] = groups[g]
	}
	return out
}

// StageNameRefersTo reports whether the stage_name argument of ms refers
// to stage s's resource block (through locals and module plumbing).
func (ms *MethodSettings) StageNameRefersTo(s *Stage) symbol.Tri {
	if ms.StageNameReads == nil {
		return symbol.Unknown
	}
	return walkRefersTo(ms.StageNameReads, s.inst)
}
