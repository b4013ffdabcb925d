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
	for _, a := range v.APIs {
		for _, d := range a.Deployments {
			d.TriggerReads = v.walkValue(d.inst, "triggers", "variables")
			d.RedeployReads = v.walkValue(d.inst, "triggers", "variables", "lifecycle.replace_triggered_by")
		}
		for _, s := range a.Stages {
			s.DeploymentReads = v.walkValue(s.inst, "deployment_id")
		}
		for _, ms := range a.MethodSettings {
			ms.StageNameReads = v.walkValue(ms.inst, "stage_name")
		}
	}
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
