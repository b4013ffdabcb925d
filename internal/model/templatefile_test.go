package model

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zclconf/go-cty/cty"

	"github.com/privapi/privapi/internal/source"
	"github.com/privapi/privapi/internal/symbol"
)

// TestTemplateFileTokens: templatefile() interpolates vars that hold values
// known only after apply as their tokens (a policy built from a .json.tpl
// with ${vpce_id} is rebuilt before apply), while a function the template
// applies to a token, or a path that is a token, stays unknown.
func TestTemplateFileTokens(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"policy.json.tpl": `{"Condition":{"StringNotEquals":{"aws:SourceVpce":"${vpce_id}"}},"Resource":"${api_arn}/*"}`,
		"ids.json.tftpl":  `[%{ for i, id in ids }%{ if i > 0 },%{ endif }"${id}"%{ endfor }]`,
		"hash.tpl":        `${sha1(vpce_id)}`,
		"main.tf":         "",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	src, err := source.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := &Model{src: src}
	tf := m.functions(dir)["templatefile"]
	vpce := symbol.Ref{Address: "aws_vpc_endpoint.execute_api", Attr: "id", Fresh: true}.Token()
	arn := symbol.Ref{Address: "aws_api_gateway_rest_api.api", Attr: "execution_arn", Fresh: true}.Token()
	tests := []struct {
		name string
		path string
		vars cty.Value
		want string // "" = unknown
	}{
		{"tokens interpolated", "policy.json.tpl", cty.ObjectVal(map[string]cty.Value{"vpce_id": cty.StringVal(vpce), "api_arn": cty.StringVal(arn)}),
			`{"Condition":{"StringNotEquals":{"aws:SourceVpce":"` + vpce + `"}},"Resource":"` + arn + `/*"}`},
		{"for directive over tokens", "ids.json.tftpl", cty.ObjectVal(map[string]cty.Value{"ids": cty.TupleVal([]cty.Value{cty.StringVal(vpce), cty.StringVal("vpce-1")})}),
			`["` + vpce + `","vpce-1"]`},
		{"hash of a token", "hash.tpl", cty.ObjectVal(map[string]cty.Value{"vpce_id": cty.StringVal(vpce)}), ""},
		{"path is a token", symbol.Ref{Address: "local", Attr: "p"}.Token(), cty.EmptyObjectVal, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if !strings.Contains(path, "⟦") {
				path = filepath.Join(dir, path)
			}
			v, err := tf.Call([]cty.Value{cty.StringVal(path), tt.vars})
			if err != nil {
				t.Fatal(err)
			}
			v, _ = v.Unmark()
			if tt.want == "" {
				if v.IsKnown() {
					t.Errorf("got %#v, want unknown", v)
				}
				return
			}
			if !v.IsKnown() || v.AsString() != tt.want {
				t.Errorf("got %#v, want %q", v, tt.want)
			}
		})
	}
}
