package symbol

import (
	"reflect"
	"strings"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	refs := []Ref{
		{Address: "aws_vpc_endpoint.x", Attr: "id"},
		{Address: `module.ep["a#b"].aws_vpc_endpoint.this[0]`, Attr: "id", Fresh: true},
		{Address: "aws_vpc_endpoint.x", Attr: "dns_entry[0].dns_name"},
	}
	for _, r := range refs {
		got, ok := Only(r.Token())
		if !ok || got != r {
			t.Errorf("Only(%q) = %+v, %v; want %+v", r.Token(), got, ok, r)
		}
	}
	s := "arn:aws:execute-api:us-east-1:1:" + refs[1].Token() + "/*"
	if got := Display(s); got != `arn:aws:execute-api:us-east-1:1:${module.ep["a#b"].aws_vpc_endpoint.this[0].id}/*` {
		t.Errorf("Display = %q", got)
	}
	if n := len(Refs(s)); n != 1 {
		t.Errorf("Refs = %d", n)
	}
	if _, ok := Only(s); ok {
		t.Errorf("Only on a composite string must fail")
	}
}

func TestEqual(t *testing.T) {
	created := Ref{Address: "aws_vpc_endpoint.a", Attr: "id", Fresh: true}.Token()
	created2 := Ref{Address: "aws_vpc_endpoint.b", Attr: "id", Fresh: true}.Token()
	read := Ref{Address: "data.aws_vpc_endpoint.c", Attr: "id"}.Token()
	tests := []struct {
		a, b string
		want Tri
	}{
		{"vpce-1", "vpce-1", True},
		{"vpce-1", "vpce-2", False},
		{created, created, True},
		{created, created2, False},
		{created, "vpce-1", False},
		{"vpce-1", created, False},
		{read, "vpce-1", Unknown},
		{read, created, Unknown},
		{"x" + created, "vpce-1", Unknown},
		{created, created + "/prod/GET/hello", False},
		{created + "/*", created + "/*", True},
		{"arn:" + created + "/a", "arn:" + created + "/b", False},
		{"arn:" + created + "/a", "arn:" + read + "/a", Unknown},
	}
	for _, tt := range tests {
		if got := Equal(tt.a, tt.b); got != tt.want {
			t.Errorf("Equal(%q,%q) = %v, want %v", Display(tt.a), Display(tt.b), got, tt.want)
		}
	}
}

func TestTri(t *testing.T) {
	if True.And(Unknown) != Unknown || False.And(Unknown) != False || True.Or(Unknown) != True || Unknown.Not() != Unknown {
		t.Fatal("Kleene logic broken")
	}
}

// displayParts is Display written over Split, as it was: the reference.
func displayParts(s string) string {
	var b strings.Builder
	for _, p := range Split(s) {
		if p.Ref != nil {
			b.WriteString("${" + p.Ref.String() + "}")
		} else {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

func TestDisplayMatchesSplit(t *testing.T) {
	tok := Ref{Address: `module.a["k"].aws_vpc_endpoint.x[0]`, Attr: "dns_entry[0].dns_name"}.Token()
	fresh := Ref{Address: "aws_api_gateway_rest_api.api", Attr: "id", Fresh: true}.Token()
	for _, s := range []string{
		"", "plain", tok, fresh, "a" + tok + "b" + fresh + "c",
		tok + tok, "x" + open + "no close", open + close, open + "#id" + close + tok,
		open + "noattr" + close, open + "a.b#" + close + "tail", tok[:len(tok)-1], "é" + fresh + "ü",
		close + open + "x#y" + close, open + open + "x#y" + close + close,
	} {
		if got, want := Display(s), displayParts(s); got != want {
			t.Errorf("Display(%q) = %q, want %q", s, got, want)
		}
	}
}

// FuzzDisplay also holds Refs and Only to their Split-based definitions.
func FuzzDisplay(f *testing.F) {
	f.Add("a" + Ref{Address: "x.y", Attr: "id"}.Token() + "b")
	f.Add(open + "+m.x#" + close + open)
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Display(s), displayParts(s); got != want {
			t.Fatalf("Display(%q) = %q, want %q", s, got, want)
		}
		if got, want := Refs(s), refsParts(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("Refs(%q) = %+v, want %+v", s, got, want)
		}
		gr, gok := Only(s)
		if wr, wok := onlyParts(s); gr != wr || gok != wok {
			t.Fatalf("Only(%q) = %+v, %v; want %+v, %v", s, gr, gok, wr, wok)
		}
	})
}

// refsParts and onlyParts are Refs and Only written with Split.
func refsParts(s string) []Ref {
	var out []Ref
	for _, p := range Split(s) {
		if p.Ref != nil {
			out = append(out, *p.Ref)
		}
	}
	return out
}

func onlyParts(s string) (Ref, bool) {
	if !strings.HasPrefix(s, open) || !strings.HasSuffix(s, close) {
		return Ref{}, false
	}
	parts := Split(s)
	if len(parts) != 1 || parts[0].Ref == nil {
		return Ref{}, false
	}
	return *parts[0].Ref, true
}

func TestRefsOnlyMatchSplit(t *testing.T) {
	tok := Ref{Address: `module.a["k"].aws_vpc_endpoint.x[0]`, Attr: "dns_entry[0].dns_name"}.Token()
	fresh := Ref{Address: "aws_api_gateway_rest_api.api", Attr: "id", Fresh: true}.Token()
	for _, s := range []string{
		"", "plain", tok, fresh, "a" + tok + "b" + fresh + "c",
		tok + tok, "x" + open + "no close", open + close, open + "#id" + close + tok,
		open + "noattr" + close, open + "+#id" + close, open + "a.b#" + close + "tail", tok[:len(tok)-1], "é" + fresh + "ü",
		close + open + "x#y" + close, open + open + "x#y" + close + close, open + "x#y" + close + close,
	} {
		if got, want := Refs(s), refsParts(s); !reflect.DeepEqual(got, want) {
			t.Errorf("Refs(%q) = %+v, want %+v", s, got, want)
		}
		gr, gok := Only(s)
		if wr, wok := onlyParts(s); gr != wr || gok != wok {
			t.Errorf("Only(%q) = %+v, %v; want %+v, %v", s, gr, gok, wr, wok)
		}
	}
}
