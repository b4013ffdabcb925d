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
	w := v.newWalker(false) // one walker, its maps cleared between walks
	walk := func(inst *model.Instance, names ...string) *Walk {
		w.reset()
		for _, name := range names {
			w.start(inst, name)
		}
		return w.out
	}
	for _, a := range v.APIs {
		for _, d := range a.Deployments {
			// RedeployReads goes on where TriggerReads ends: the walk of
			// triggers and variables is the same, done once
			d.TriggerReads = walk(d.inst, "triggers", "variables").prefix()
			w.start(d.inst, "lifecycle.replace_triggered_by")
			d.RedeployReads = w.out
		}
		for _, s := range a.Stages {
			s.DeploymentReads = walk(s.inst, "deployment_id")
		}
		for _, ms := range a.MethodSettings {
			ms.StageNameReads = walk(ms.inst, "stage_name")
		}
	}
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
	out := make(map[string][]*model.Instance, len(m.Instances))
	for _, i := range m.Instances {
		k := configAddress(i)
		out[k] = append(out[k], i)
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
