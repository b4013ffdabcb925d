package waiver

import (
	"strings"
	"testing"
)

const tfSrc = `# privapi:ignore PA501 endpoint policy reviewed by security
resource "aws_vpc_endpoint" "a" {
  vpc_id = "vpc-1"
}

// privapi:ignore PA501,PA502 two checks, one reason
# another comment
resource "aws_vpc_endpoint" "b" { # privapi:ignore PA113 trailing on the first line
  description = "# privapi:ignore PA999 not a comment"
  policy = <<EOT
# privapi:ignore PA998 inside a heredoc
EOT
}

# privapi:ignore PA501
resource "aws_vpc_endpoint" "c" {}

# privapi:ignore PA501 separated by a blank line

resource "aws_vpc_endpoint" "d" {}
#privapi:ignore pa113 , PA114: lower case and colon
#   privapi:ignore * everything for this one
resource "aws_vpc_endpoint" "e" {}
/* privapi:ignore PA501 block comments are not read */
# privapi:ignored PA501 not the directive
# see privapi:ignore PA501 not at the start
## privapi:ignore PA901 meta checks cannot be waived
#privapi:ignore
#privapi:ignore PA50 bad id
`

func TestParseInline(t *testing.T) {
	got := ParseInline("main.tf", []byte(tfSrc))
	type want struct {
		line   int
		ids    string
		reason string
		err    string
	}
	wants := []want{
		{1, "PA501", "endpoint policy reviewed by security", ""},
		{6, "PA501,PA502", "two checks, one reason", ""},
		{8, "PA113", "trailing on the first line", ""},
		{15, "PA501", "", "has no reason"},
		{18, "PA501", "separated by a blank line", ""},
		{21, "PA113,PA114", "lower case and colon", ""},
		{22, "*", "everything for this one", ""},
		{27, "PA901", "meta checks cannot be waived", "cannot be waived"},
		{28, "", "", "names no check ID"},
		{29, "PA50", "bad id", `"PA50" is not a check ID`},
	}
	if len(got) != len(wants) {
		for _, in := range got {
			t.Log(in.String(), in.Err)
		}
		t.Fatalf("got %d waivers, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		in := got[i]
		if in.File != "main.tf" || in.Line != w.line || strings.Join(in.CheckIDs, ",") != w.ids || in.Reason != w.reason {
			t.Errorf("waiver %d = %+v, want %+v", i, in, w)
		}
		if w.err == "" && in.Err != nil {
			t.Errorf("waiver %d: unexpected error %v", i, in.Err)
		}
		if w.err != "" && (in.Err == nil || !strings.Contains(in.Err.Error(), w.err)) {
			t.Errorf("waiver %d: error %v, want containing %q", i, in.Err, w.err)
		}
	}
}

func TestValidateInline(t *testing.T) {
	ins := ValidateInline(ParseInline("m.tf", []byte("# privapi:ignore PA501,PA777 r\n# privapi:ignore * r\n")), []string{"PA501"})
	if ins[0].Err == nil || !strings.Contains(ins[0].Err.Error(), "PA777 is not a check") {
		t.Errorf("unknown ID not flagged: %v", ins[0].Err)
	}
	if ins[1].Err != nil {
		t.Errorf("* flagged: %v", ins[1].Err)
	}
}

func TestMatchInline(t *testing.T) {
	f := Scan("main.tf", []byte(tfSrc))
	lines := func(ins []Inline) string {
		var s []string
		for _, in := range ins {
			s = append(s, strings.Join(in.CheckIDs, ","))
		}
		return strings.Join(s, " ")
	}
	tests := []struct {
		block int
		want  string
	}{
		{2, "PA501"},             // comment directly above
		{8, "PA501,PA502 PA113"}, // two comment lines above, plus trailing on the first line
		{16, "PA501"},            // invalid waivers are returned (Covers is false)
		{20, ""},                 // a blank line separates the comment
		{23, "PA113,PA114 *"},
		{9, ""},  // inside a block: the line above is code
		{0, ""},  // out of range
		{99, ""}, // beyond the file
		{1, "PA501"},
	}
	for _, tt := range tests {
		if got := lines(f.At(tt.block)); got != tt.want {
			t.Errorf("At(%d) = %q, want %q", tt.block, got, tt.want)
		}
	}
	if (*File)(nil).At(1) != nil {
		t.Error("nil File")
	}
}

func TestInlineCovers(t *testing.T) {
	ins := ParseInline("m.tf", []byte("# privapi:ignore PA501,PA502 r\n# privapi:ignore * r\n# privapi:ignore PA501\n"))
	if !ins[0].Covers("PA501") || !ins[0].Covers("PA502") || ins[0].Covers("PA503") {
		t.Error("explicit IDs")
	}
	if !ins[1].Covers("PA113") || ins[1].Covers("PA901") {
		t.Error("* covers every check but PA9xx")
	}
	if ins[2].Covers("PA501") {
		t.Error("a waiver without reason applies")
	}
}

func FuzzParseInline(f *testing.F) {
	f.Add([]byte(tfSrc))
	f.Add([]byte("# privapi:ignore PA501,, ,PA502 —— r\r\n"))
	f.Add([]byte("x = \"${\"# privapi:ignore PA1 r\"}\"\n// privapi:ignore:*\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		ins := ParseInline("f.tf", src)
		nlines := strings.Count(string(src), "\n") + 1
		for _, in := range ins {
			if in.Line < 1 || in.Line > nlines {
				t.Fatalf("line %d out of 1..%d", in.Line, nlines)
			}
			if in.Err == nil && (len(in.CheckIDs) == 0 || in.Reason == "") {
				t.Fatalf("valid waiver without IDs or reason: %+v", in)
			}
			for _, id := range in.CheckIDs {
				if id == "" {
					t.Fatalf("empty ID: %+v", in)
				}
			}
		}
		f := Scan("f.tf", src)
		for l := 0; l <= len(f.Lines)+1; l++ {
			f.At(l)
		}
	})
}
