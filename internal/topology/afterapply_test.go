package topology

import (
	"testing"

	"github.com/zclconf/go-cty/cty"
)

func TestBasePath(t *testing.T) {
	tests := []struct {
		name  string
		v     cty.Value
		want  string
		known bool
	}{
		{"unset", cty.NullVal(cty.String), "", true},
		{"empty", cty.StringVal(""), "", true},
		{"(none)", cty.StringVal("(none)"), "", true},
		{"plain", cty.StringVal("orders"), "/orders", true},
		{"slashes", cty.StringVal("/v1/orders/"), "/v1/orders", true},
		{"unknown", cty.UnknownVal(cty.String), "", false},
	}
	for _, tt := range tests {
		got, known := basePath(tt.v)
		if got != tt.want || known != tt.known {
			t.Errorf("%s: got %q %v, want %q %v", tt.name, got, known, tt.want, tt.known)
		}
	}
}
