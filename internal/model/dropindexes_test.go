package model_test

import "testing"

// TestDropIndexes: attributes read after the member indexes are dropped
// are the ones read before (the values are indexed again), for every
// attribute of every instance of a fixture, in a model read before and in
// one read only after.
func TestDropIndexes(t *testing.T) {
	read, fresh := load(t, "bench-shared-endpoint", false), load(t, "bench-shared-endpoint", false)
	names := []string{"id", "name", "rest_api_id", "policy", "endpoint_configuration", "statement", "vpc_config", "settings", "tags", "environment", "nope"}
	before := map[string]string{}
	for _, inst := range read.Instances {
		for _, n := range names {
			before[inst.Address+" "+n] = read.Attr(inst, n).GoString()
		}
	}
	read.DropIndexes()
	fresh.DropIndexes()
	for i, inst := range read.Instances {
		for _, n := range names {
			k := inst.Address + " " + n
			if got := read.Attr(inst, n).GoString(); got != before[k] {
				t.Errorf("%s after DropIndexes: %s, before %s", k, got, before[k])
			}
			if got := fresh.Attr(fresh.Instances[i], n).GoString(); got != before[k] {
				t.Errorf("%s read after DropIndexes only: %s, want %s", k, got, before[k])
			}
		}
	}
	if len(before) < 50 {
		t.Errorf("%d attributes compared", len(before))
	}
}
