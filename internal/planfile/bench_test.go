package planfile

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/privapi/privapi/internal/sharedtest"
)

const benchPlan = "netlightin__sagemaker-whisper__vpc-sg-s3-gateway-endpoint-drift-checks.json"

// bigPlan returns the real plan above with its resources repeated to about
// 30 MB, with distinct addresses.
var bigPlan = sync.OnceValues(func() ([]byte, error) {
	data, err := os.ReadFile(filepath.Join(realPlansDir, benchPlan))
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	grow := func(list []any, n int) []any {
		var out []any
		for i := 0; i < n; i++ {
			for _, v := range list {
				c := clone(v).(map[string]any)
				c["address"] = fmt.Sprintf("%v_%d", c["address"], i)
				out = append(out, c)
			}
		}
		return out
	}
	const copies = 120
	m["resource_changes"] = grow(m["resource_changes"].([]any), copies)
	m["resource_drift"] = grow(m["resource_drift"].([]any), copies)
	// Every module's resources grow alike, so that planned_values keeps
	// listing exactly the addresses of resource_changes.
	var growModule func(mod map[string]any)
	growModule = func(mod map[string]any) {
		if rs, ok := mod["resources"].([]any); ok {
			mod["resources"] = grow(rs, copies)
		}
		if children, ok := mod["child_modules"].([]any); ok {
			for _, c := range children {
				growModule(c.(map[string]any))
			}
		}
	}
	growModule(m["planned_values"].(map[string]any)["root_module"].(map[string]any))
	return json.Marshal(m)
})

func clone(v any) any {
	switch v := v.(type) {
	case map[string]any:
		c := make(map[string]any, len(v))
		for k, x := range v {
			c[k] = clone(x)
		}
		return c
	case []any:
		c := make([]any, len(v))
		for i, x := range v {
			c[i] = clone(x)
		}
		return c
	}
	return v
}

func benchInputs(b *testing.B) map[string][]byte {
	// absent real plans skip the benchmark, but fail it under CI
	sharedtest.Require(b, filepath.Join(realPlansDir, benchPlan))
	real, err := os.ReadFile(filepath.Join(realPlansDir, benchPlan))
	if err != nil {
		b.Skipf("real plans not available: %v", err)
	}
	big, err := bigPlan()
	if err != nil {
		b.Fatal(err)
	}
	return map[string][]byte{"real-274KB": real, fmt.Sprintf("big-%dMB", len(big)>>20): big}
}

// BenchmarkDecode compares Decode with a bare json.Unmarshal into
// tfjson.Plan (with and without UseJSONNumber) and with the scanner alone.
func BenchmarkDecode(b *testing.B) {
	for name, data := range benchInputs(b) {
		b.Run(name+"/planfile.Decode", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Decode(data, "bench.json", KindPlan); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/bare-json.Unmarshal", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				var p tfjson.Plan
				if err := json.Unmarshal(data, &p); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/bare-json.Unmarshal-UseJSONNumber", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				var p tfjson.Plan
				p.UseJSONNumber(true)
				if err := json.Unmarshal(data, &p); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/scan-only", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := scan(data); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/json.Valid", func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				if !json.Valid(data) {
					b.Fatal("invalid")
				}
			}
		})
	}
}

// BenchmarkLoad reads the big plan from a file.
func BenchmarkLoad(b *testing.B) {
	sharedtest.Require(b, filepath.Join(realPlansDir, benchPlan))
	big, err := bigPlan()
	if err != nil {
		b.Skip(err)
	}
	path := filepath.Join(b.TempDir(), "big.json")
	if err := os.WriteFile(path, big, 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(big)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(path, Options{Want: KindPlan}); err != nil {
			b.Fatal(err)
		}
	}
}
