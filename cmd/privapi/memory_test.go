package main

import (
	"strings"
	"testing"
)

// TestMemoryBudget: a run over its memory budget ends with exit 2 and one
// line naming the budget, not with the runtime's "fatal error: out of
// memory" and a goroutine dump. The budget here is smaller than any heap, so
// the first sample is over it.
func TestMemoryBudget(t *testing.T) {
	bin := privapiBinary(t)
	plan := "../../fixtures/good-private-api/plan.json"
	for _, tt := range []struct {
		env, want string
	}{
		{"PRIVAPI_MEMORY_LIMIT=1KiB", "privapi: the input needs more than 1 KiB of memory (the budget, set with PRIVAPI_MEMORY_LIMIT): refused\n"},
		{"PRIVAPI_MEMORY_LIMIT=lots", "privapi: PRIVAPI_MEMORY_LIMIT: want a positive number of bytes, optionally with KiB, MiB or GiB\n"},
	} {
		res := runBinary(t, bin, ".", []string{tt.env}, "check", plan)
		if res.code != 2 || string(res.stderr) != tt.want || len(res.stdout) != 0 {
			t.Errorf("%s: exit %d, stderr %q, stdout %d bytes; want exit 2 and %q", tt.env, res.code, res.stderr, len(res.stdout), tt.want)
		}
		if strings.Contains(string(res.stderr), "goroutine") {
			t.Errorf("%s: a runtime trace: %s", tt.env, res.stderr)
		}
	}
	if res := runBinary(t, bin, ".", []string{"PRIVAPI_MEMORY_LIMIT=4GiB"}, "check", plan); res.code != 0 {
		t.Errorf("with a 4 GiB budget: exit %d, stderr %q", res.code, res.stderr)
	}
}

func TestMemoryLimitParse(t *testing.T) {
	for in, want := range map[string]int64{"1024": 1024, "2KiB": 2048, "3MiB": 3 << 20, "1GiB": 1 << 30} {
		if got, err := memoryLimit(in); err != nil || got != want {
			t.Errorf("memoryLimit(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"0", "-1", "x", "1TiB", "99999999999GiB"} {
		if _, err := memoryLimit(in); err == nil {
			t.Errorf("memoryLimit(%q) accepted", in)
		}
	}
	if got, err := memoryLimit(""); err != nil || got <= 0 {
		t.Errorf("default budget %d, %v", got, err)
	}
}
