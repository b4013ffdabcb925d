package topology

import (
	"reflect"
	"strings"
	"testing"
)

// TestBuildReads: Build records each deployment's trigger reads, and the
// same walk the checks used to make on their own.
func TestBuildReads(t *testing.T) {
	v := walkView(t)
	n := 0
	for _, a := range v.APIs {
		for _, d := range a.Deployments {
			n++
			if d.TriggerReads == nil || d.RedeployReads == nil {
				t.Fatalf("%s: reads not built", d.Address)
			}
			want := strings.Join(reachedStrings(v.walkValue(d.inst, "triggers", "variables")), " ")
			if got := strings.Join(reachedStrings(d.TriggerReads), " "); got != want {
				t.Errorf("%s: TriggerReads %q, want %q", d.Address, got, want)
			}
			// Build walks once per deployment with one reused walker:
			// each walk is the one a fresh walker makes, whole and in order
			sameWalk(t, d.Address+" TriggerReads", d.TriggerReads, v.walkValue(d.inst, "triggers", "variables"))
			sameWalk(t, d.Address+" RedeployReads", d.RedeployReads, v.walkValue(d.inst, "triggers", "variables", "lifecycle.replace_triggered_by"))
		}
		for _, s := range a.Stages {
			if s.DeploymentReads == nil {
				t.Errorf("%s: DeploymentReads not built", s.Address)
				continue
			}
			sameWalk(t, s.Address+" DeploymentReads", s.DeploymentReads, v.walkValue(s.inst, "deployment_id"))
		}
	}
	if n != 3 {
		t.Errorf("%d deployments, want 3", n)
	}
	if got := v.instancesAt("aws_api_gateway_deployment.good"); len(got) != 1 || got[0].Address != "aws_api_gateway_deployment.good" {
		t.Errorf("InstancesAt: %v", got)
	}
}

// sameWalk fails unless got is want, field by field.
func sameWalk(t *testing.T, what string, got, want *Walk) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: %+v, a fresh walk gives %+v", what, *got, *want)
	}
}

// TestIndexConfigAddresses: every instance is listed once, under its
// configuration address (configAddress), in model order, also inside a
// module.
func TestIndexConfigAddresses(t *testing.T) {
	v := walkView(t)
	want := map[string][]string{}
	for _, i := range v.m.Instances {
		k := configAddress(i)
		want[k] = append(want[k], i.Address)
	}
	got := map[string][]string{}
	for k, is := range indexConfigAddresses(v.m) {
		for _, i := range is {
			got[k] = append(got[k], i.Address)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("indexConfigAddresses = %q, want %q", got, want)
	}
	if is := got["module.net.aws_vpc_endpoint.this"]; len(is) != 1 {
		t.Errorf("module.net.aws_vpc_endpoint.this: %q", is)
	}
}
