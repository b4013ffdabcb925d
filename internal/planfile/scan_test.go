package planfile

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestScanAgreesWithEncodingJSON: on valid UTF-8 without duplicate keys,
// huge numbers or deep nesting, scan accepts exactly what json.Valid accepts.
func TestScanAgreesWithEncodingJSON(t *testing.T) {
	inputs := []string{
		`{}`, `[]`, `""`, `0`, `-0`, `1`, `-1`, `0.5`, `1e10`, `1E+2`, `1e-2`, `-0.0e0`, `123456789012345678901234567890`,
		`true`, `false`, `null`, ` {"a" : [1, 2, {"b": null}] } `, "\t\r\n[1]\n",
		`"\"\\\/\b\f\n\r\t\u00e9\uD83D\uDE80"`, `"é🚀"`, "\"\x7f\"", `"\ud800"`,
		// invalid
		``, ` `, `{`, `}`, `[`, `]`, `{"a"}`, `{"a":}`, `{"a":1,}`, `[1,]`, `[,1]`, `{,}`, `{"a" 1}`, `{1:1}`,
		`01`, `1.`, `.5`, `+1`, `-`, `--1`, `1e`, `1e+`, `0x10`, `1.e3`, `-a`, `NaN`, `Infinity`,
		`tru`, `truee`, `nul`, `nulll`, `fals`, `True`, `"abc`, `"\x"`, `"\u12"`, `"\u12G4"`, "\"a\x01\"", "\"a\nb\"",
		`{"a":1}{"b":2}`, `[1] [2]`, `1 2`, `{"a":1} x`, `{"a":[1,2}`, `[{"a":1]`, "\x00", `'a'`, `{'a':1}`,
		"[1,\x00]", `{"a":1,"b"}`, `[1 2]`, `{"a":1 "b":2}`, `"a" "b"`,
	}
	for _, in := range inputs {
		_, err := scan([]byte(in))
		if ok := err == nil; ok != json.Valid([]byte(in)) {
			t.Errorf("scan(%q) ok=%v, json.Valid=%v (err %+v)", in, ok, !ok, err)
		}
	}
}

func TestScanDuplicateKeys(t *testing.T) {
	many := func(n int, extra string) string {
		var b strings.Builder
		b.WriteString("{")
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, `"k%d":%d,`, i, i)
		}
		b.WriteString(extra + "}")
		return b.String()
	}
	tests := []struct {
		in        string
		key       string // "" = no duplicate
		off, firs int
		path      string
	}{
		{in: `{"a":1,"b":2}`},
		{in: `{"a":{"a":{"a":1}}}`},
		{in: `[{"a":1},{"a":1},{"a":{"a":1}}]`},
		// keys differing in case are distinct in values (tags Name and
		// name) ...
		{in: `{"x":{"a":1,"A":2}}`},
		{in: `{"resource_changes":[{"change":{"after":{"Name":1,"name":2}}}]}`},
		// ... but not in the objects encoding/json decodes into structs,
		// which match keys case-insensitively
		{in: `{"a":1,"A":2}`, key: "A", off: 7, firs: 1},
		{in: `{"resource_changes":[],"Resource_Changes":[]}`, key: "Resource_Changes", off: 23, firs: 1},
		{in: `{"resource_changes":[{"change":{},"Change":{}}]}`, key: "Change", off: 34, firs: 22, path: "resource_changes[0]"},
		{in: `{"resource_changes":[{"change":{"after":{},"AFTER":{}}}]}`, key: "AFTER", off: 43, firs: 32, path: "resource_changes[0].change"},
		{in: many(30, `"K3":0`), key: "K3", off: 251, firs: 22},
		{in: `{"a":1,"a ":2}`},
		{in: many(30, `"x":0`)},
		{in: `[` + many(30, `"x":0`) + `,` + many(30, `"x":0`) + `]`},
		{in: `{"a":1,"a":2}`, key: "a", off: 7, firs: 1},
		{in: `{"x":[{"a":1},{"b":1,"b":2}]}`, key: "b", off: 21, firs: 15, path: "x[1]"},
		{in: `{"a":1,"\u0061":2}`, key: "a", off: 7, firs: 1},
		{in: `{"\n":1,"\u000a":2}`, key: "\n", off: 8, firs: 1},
		{in: many(30, `"k3":0`), key: "k3", off: 251, firs: 22},
		{in: many(30, `"k\u0033":0`), key: "k3", off: 251, firs: 22},
		{in: `{"o":` + many(200, `"k199":1`) + `}`, key: "k199", off: 1986, firs: 1975, path: "o"},
	}
	for _, tc := range tests {
		_, err := scan([]byte(tc.in))
		if tc.key == "" {
			if err != nil {
				t.Errorf("scan(%.60q): %+v", tc.in, err)
			}
			continue
		}
		if err == nil || err.kind != errDupKey || err.text != tc.key || err.off != tc.off || err.first != tc.firs || err.path != tc.path {
			t.Errorf("scan(%.60q) = %+v, want duplicate %q at %d (first %d) in %q", tc.in, err, tc.key, tc.off, tc.firs, tc.path)
		}
	}
}

func TestScanDepth(t *testing.T) {
	nest := func(n int) string { return strings.Repeat("[", n) + strings.Repeat("]", n) }
	if _, err := scan([]byte(nest(maxDepth))); err != nil {
		t.Errorf("depth %d: %+v", maxDepth, err)
	}
	_, err := scan([]byte(nest(maxDepth + 1)))
	if err == nil || err.kind != errDepth || err.off != maxDepth {
		t.Errorf("depth %d: %+v", maxDepth+1, err)
	}
	obj := strings.Repeat(`{"a":`, maxDepth+1) + "1" + strings.Repeat("}", maxDepth+1)
	if _, err := scan([]byte(obj)); err == nil || err.kind != errDepth {
		t.Errorf("object depth %d: %+v", maxDepth+1, err)
	}
	// Deep but unclosed input is reported as too deep, not truncated.
	if _, err := scan([]byte(strings.Repeat("[", 100000))); err == nil || err.kind != errDepth {
		t.Errorf("100000 open brackets: %+v", err)
	}
}

func TestScanNumbers(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"1e308", true},
		{"1.7976931348623157e308", true},
		{"-1.7976931348623157e308", true},
		{"1e-400", true}, // underflows to 0, as encoding/json accepts
		{"1" + strings.Repeat("0", 300), true},
		{"0." + strings.Repeat("0", 1000) + "1", true},
		{"1e309", false},
		{"-1e309", false},
		{"1e400", false},
		{"1E+400", false},
		{"1.8e308", false},
		{"1" + strings.Repeat("0", 309), false},
		{"-" + strings.Repeat("9", 400), false},
		{"1e99999999999999999999", false},
	}
	for _, tc := range tests {
		in := `{"n":[` + tc.in + `]}`
		_, err := scan([]byte(in))
		if tc.ok != (err == nil) || (err != nil && (err.kind != errNumRange || err.off != 6 || err.text != tc.in || err.path != "n[0]")) {
			t.Errorf("scan(%.40s) = %+v, want ok=%v", in, err, tc.ok)
		}
	}
}

func TestScanUTF8(t *testing.T) {
	tests := []struct {
		in  string
		off int // -1 = valid
	}{
		{`"aé€🚀"`, -1},
		{"\"\uFFFD\"", -1},
		{"\"a\xff\"", 2},
		{"\"\xc0\xaf\"", 1},     // overlong
		{"\"\xed\xa0\x80\"", 1}, // surrogate in UTF-8
		{"\"\xf4\x90\x80\x80\"", 1},
		{"\"abcdefgh\xe9ijklmnop\"", 9}, // found past the 8-byte fast path
		{"\"abc\xe2\x82", 4},            // cut inside a character
	}
	for _, tc := range tests {
		_, err := scan([]byte(tc.in))
		if tc.off < 0 {
			if err != nil {
				t.Errorf("scan(%q): %+v", tc.in, err)
			}
			continue
		}
		if err == nil || err.kind != errInvalidUTF8 || err.off != tc.off {
			t.Errorf("scan(%q) = %+v, want invalid UTF-8 at %d", tc.in, err, tc.off)
		}
	}
}

func TestScanTopLevel(t *testing.T) {
	res, err := scan([]byte(` {"terraform_version":"1.0","format_version" : "1.2" , "x":{"format_version":"9"},"planned_values":{}}`))
	if err != nil {
		t.Fatal(err)
	}
	if res.first != '{' || res.nKeys != 4 || res.keys != kTerraformVersion|kFormatVersion|kPlannedValues || len(res.otherKeys) != 1 {
		t.Errorf("res = %+v", res)
	}
	if fv := ` {"terraform_version":"1.0","format_version" : "1.2"`[res.fvStart:res.fvEnd]; fv != `"1.2"` {
		t.Errorf("format_version span = %q", fv)
	}
	in := ` {"a":1, "b\u0031" : {"c":[1,{"d":2}]} ,"e":"x"}`
	res, err = scan([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, sp := range res.top {
		got = append(got, sp.key+"="+in[sp.start:sp.end])
	}
	if want := `a=1|b1={"c":[1,{"d":2}]}|e="x"`; strings.Join(got, "|") != want {
		t.Errorf("top spans = %q, want %q", strings.Join(got, "|"), want)
	}
	if res, _ := scan([]byte(`[1,{"a":2}]`)); len(res.top) != 0 {
		t.Errorf("top spans of an array: %+v", res.top)
	}
}

func TestPlain8(t *testing.T) {
	for c := 0; c < 256; c++ {
		for pos := 0; pos < 8; pos++ {
			b := []byte("abcdefgh")
			b[pos] = byte(c)
			w := uint64(0)
			for i := 7; i >= 0; i-- {
				w = w<<8 | uint64(b[i])
			}
			want := c >= 0x20 && c < utf8.RuneSelf && c != '"' && c != '\\'
			if plain8(w) != want {
				t.Fatalf("plain8 with byte 0x%02x at %d = %v", c, pos, !want)
			}
		}
	}
}

func TestFirstNonSpace(t *testing.T) {
	tests := []struct {
		in   string
		enc  encoding
		want int
	}{
		{"", encUTF8, -1},
		{"        \n\n\t\t\r\r  ", encUTF8, -1},
		{"                 x", encUTF8, 17},
		{"        \v", encUTF8, 8},
		{" \x00 \x00 \x00 \x00 \x00\n\x00", encUTF16LE, -1},
		{" \x00 \x00 \x00 \x00 \x00{\x00", encUTF16LE, 10},
		{" \x00 \x00 \x00 \x00 \x01", encUTF16LE, 8},
		{"\x00 \x00 \x00 \x00 \x00\t\x00{", encUTF16BE, 10},
		{"\x00 \x00 \x00 \x00 \x00 \x00", encUTF16BE, 10}, // a lone byte is not whitespace
	}
	for _, tc := range tests {
		if got := firstNonSpace([]byte(tc.in), tc.enc); got != tc.want {
			t.Errorf("firstNonSpace(%q, %d) = %d, want %d", tc.in, tc.enc, got, tc.want)
		}
	}
}
