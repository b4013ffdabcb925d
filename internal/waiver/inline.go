package waiver

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// Directive is the word that starts an inline waiver comment.
const Directive = "privapi:ignore"

// Inline is one "privapi:ignore" comment in a .tf file.
type Inline struct {
	File string
	// Line is the 1-based line of the comment.
	Line int
	// CheckIDs lists the waived checks, upper-cased; "*" waives every check.
	CheckIDs []string
	Reason   string
	// Err is set when the comment is not a valid waiver (no check ID, a
	// malformed ID, no reason); such a waiver never applies and the caller
	// should warn about it.
	Err error
}

// Covers reports whether the waiver is valid and names checkID. Results of
// the waiver checks (PA9xx) are never covered.
func (in *Inline) Covers(checkID string) bool {
	if in.Err != nil || isMeta(checkID) {
		return false
	}
	for _, id := range in.CheckIDs {
		if id == "*" || id == checkID {
			return true
		}
	}
	return false
}

// String renders the waiver as a comment.
func (in *Inline) String() string {
	return fmt.Sprintf("%s:%d: # %s %s %s", in.File, in.Line, Directive, strings.Join(in.CheckIDs, ","), in.Reason)
}

var inlineIDRe = regexp.MustCompile(`^PA[0-9]{3}$`)

// ParseInline finds the inline waivers in the source of one .tf file: line
// comments (# or //) whose text starts with privapi:ignore, followed by one
// or more check IDs separated by commas, then the reason:
//
//	# privapi:ignore PA501 reason text…
//	// privapi:ignore PA501,PA502 reason
//
// Comments are found with the HCL lexer, so "#" inside strings and heredocs
// is not mistaken for one. Block comments (/* */) are not read. Waivers
// without a reason or with a malformed check ID are returned with Err set.
func ParseInline(file string, src []byte) []Inline {
	toks, _ := hclsyntax.LexConfig(src, file, hcl.InitialPos)
	var out []Inline
	for _, tok := range toks {
		if tok.Type != hclsyntax.TokenComment {
			continue
		}
		text := string(tok.Bytes)
		switch {
		case strings.HasPrefix(text, "#"):
			text = strings.TrimLeft(text, "#")
		case strings.HasPrefix(text, "//"):
			text = strings.TrimLeft(text, "/")
		default:
			continue // block comment
		}
		text = strings.TrimSpace(text)
		rest, ok := strings.CutPrefix(text, Directive)
		if !ok || (rest != "" && !isSpace(rest[0]) && rest[0] != ':') {
			continue
		}
		in := parseDirective(rest)
		in.File, in.Line = file, tok.Range.Start.Line
		out = append(out, in)
	}
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

// parseDirective reads "[:] ID[, ID…] reason" after the directive word.
func parseDirective(rest string) Inline {
	var in Inline
	rest = strings.TrimLeft(rest, ": \t")
	for {
		i := 0
		for i < len(rest) && (isIDChar(rest[i])) {
			i++
		}
		if i == 0 {
			break
		}
		in.CheckIDs = append(in.CheckIDs, strings.ToUpper(rest[:i]))
		rest = strings.TrimLeft(rest[i:], " \t")
		if !strings.HasPrefix(rest, ",") {
			break
		}
		rest = strings.TrimLeft(rest[1:], " \t")
	}
	in.Reason = strings.TrimSpace(strings.TrimLeft(rest, ":-–— \t"))
	var errs []error
	if len(in.CheckIDs) == 0 {
		errs = append(errs, fmt.Errorf("%s names no check ID (write # %s PA501 reason)", Directive, Directive))
	}
	for _, id := range in.CheckIDs {
		switch {
		case id == "*":
		case !inlineIDRe.MatchString(id):
			errs = append(errs, fmt.Errorf("%q is not a check ID such as PA501", id))
		case isMeta(id):
			errs = append(errs, fmt.Errorf("%s reports on waivers and cannot be waived", id))
		}
	}
	if in.Reason == "" && len(in.CheckIDs) > 0 {
		errs = append(errs, fmt.Errorf("waiver of %s has no reason (write # %s %s reason)", strings.Join(in.CheckIDs, ","), Directive, strings.Join(in.CheckIDs, ",")))
	}
	in.Err = errors.Join(errs...)
	return in
}

func isIDChar(c byte) bool {
	return c == '*' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
}

// ValidateInline sets Err on the waivers that name a check ID not in
// knownIDs; it returns inlines for convenience.
func ValidateInline(inlines []Inline, knownIDs []string) []Inline {
	known := make(map[string]bool, len(knownIDs))
	for _, id := range knownIDs {
		known[id] = true
	}
	for i := range inlines {
		in := &inlines[i]
		for _, id := range in.CheckIDs {
			if id != "*" && inlineIDRe.MatchString(id) && !known[id] {
				in.Err = errors.Join(in.Err, fmt.Errorf("%s is not a check of this version of privapi", id))
			}
		}
	}
	return inlines
}

// MatchInline returns the waivers that apply to the resource block starting
// at blockLine (1-based): those on that line (a trailing comment) and those
// in the contiguous comment lines directly above it. A blank line or a line
// of code ends the comment lines. lines is the file's source split at
// newlines (lines[0] is line 1). Invalid waivers are returned too; they do
// not apply (Covers is false).
func MatchInline(inlines []Inline, blockLine int, lines []string) []Inline {
	if blockLine < 1 {
		return nil
	}
	top := blockLine
	for top > 1 && top-1 <= len(lines) && isCommentLine(lines[top-2]) {
		top--
	}
	var out []Inline
	for _, in := range inlines {
		if in.Line >= top && in.Line <= blockLine {
			out = append(out, in)
		}
	}
	return out
}

// isCommentLine reports whether a line holds only a comment.
func isCommentLine(l string) bool {
	l = strings.TrimSpace(l)
	return strings.HasPrefix(l, "#") || strings.HasPrefix(l, "//") || strings.HasPrefix(l, "/*") ||
		strings.HasPrefix(l, "*") || strings.HasSuffix(l, "*/")
}

// File is a .tf file scanned for inline waivers, to look them up by the
// first line of each resource block.
type File struct {
	Name    string
	Lines   []string
	Inlines []Inline
}

// Scan splits src into lines and parses its inline waivers.
func Scan(name string, src []byte) *File {
	return &File{
		Name:    name,
		Lines:   strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n"),
		Inlines: ParseInline(name, src),
	}
}

// At returns the waivers that apply to the block starting at blockLine.
func (f *File) At(blockLine int) []Inline {
	if f == nil {
		return nil
	}
	return MatchInline(f.Inlines, blockLine, f.Lines)
}
