package topology

// readAllPolicies adds to reads the document of every other policy source
// of the view: every source of the APIs (not only the effective one), of
// the endpoints and of the custom domains. Build reads them once, in view
// order; reading one afterwards (ReadPolicy) touches nothing — rebuilding
// a data.aws_iam_policy_document resolves its configuration in the model,
// which fills caches — so that checks may run at once.
func (v *View) readAllPolicies(reads map[*PolicySource]policyRead) {
	add := func(sources []*PolicySource) {
		for _, ps := range sources {
			if ps == nil {
				continue
			}
			if _, ok := reads[ps]; ok {
				continue
			}
			p, err := v.ReadPolicy(ps)
			reads[ps] = policyRead{p, err}
		}
	}
	for _, a := range v.APIs {
		add(a.Policies)
	}
	for _, e := range v.Endpoints {
		add(e.Policies)
	}
	for _, d := range v.Domains {
		add(d.Policies)
	}
}

// stageName is a deployment's stage_name as DeploymentStageName returns it.
type stageName struct {
	name  string
	known bool
}

// indexStageNames reads the stage_name of every deployment once, at Build:
// resolving an attribute fills the model's caches, which checks running at
// once must not do.
func (v *View) indexStageNames() map[*Deployment]stageName {
	out := map[*Deployment]stageName{}
	if v.m == nil {
		return out
	}
	for _, a := range v.APIs {
		for _, d := range a.Deployments {
			if _, ok := out[d]; ok || d.inst == nil {
				continue
			}
			n, known := v.deploymentStageName(d)
			out[d] = stageName{n, known}
		}
	}
	return out
}
