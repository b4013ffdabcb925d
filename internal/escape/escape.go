// Package escape encodes text that privapi did not write (resource names,
// keys, values, file names, waiver reasons) for the place it is shown, so
// that it stays text there: it cannot drive a terminal, start a GitHub
// Actions workflow command, reorder what is displayed, or run in a shell.
// Each report format applies the functions for its sink; the tests and the
// fuzz target of internal/report check the result.
package escape

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Unsafe reports whether c must never reach a terminal or log raw: C0
// controls other than line feed and tab, DEL, C1 controls, and the
// bidirectional formatting characters (U+202E and the like) that reorder
// what is displayed.
func Unsafe(c rune) bool {
	if c == '\n' || c == '\t' {
		return false
	}
	return unicode.IsControl(c) || unicode.Is(unicode.Bidi_Control, c)
}

// Control shows every Unsafe character as an escape (\x1b, \u202e) and
// each byte of invalid UTF-8 as U+FFFD. Line feeds and tabs stay.
func Control(s string) string {
	if !strings.ContainsFunc(s, Unsafe) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		switch {
		case !Unsafe(c):
			b.WriteRune(c)
		case c < 0x100:
			fmt.Fprintf(&b, "\\x%02x", c)
		default:
			fmt.Fprintf(&b, "\\u%04x", c)
		}
	}
	return b.String()
}

// Line is Control that also shows line feeds as \n, for text that must
// stay on one line (a warning on standard error, a table cell).
func Line(s string) string {
	return strings.ReplaceAll(Control(s), "\n", `\n`)
}

// Commands makes a block of text inert for the GitHub Actions runner, which
// reads every line a step prints: a line whose first non-blank characters
// are "::" is a workflow command (::error::, ::add-mask::,
// ::stop-commands::), and "##[" anywhere starts an old-style one. The first
// colon of such a line and the second # become the escapes \x3a and \x23.
// Apply it after Control, to the whole output.
func Commands(s string) string {
	if !strings.Contains(s, "::") && !strings.Contains(s, "##[") {
		return s
	}
	s = strings.ReplaceAll(s, "##[", `#\x23[`)
	lines := strings.SplitAfter(s, "\n")
	for i, l := range lines {
		t := strings.TrimLeft(l, " \t")
		if strings.HasPrefix(t, "::") {
			lines[i] = l[:len(l)-len(t)] + `\x3a` + t[1:]
		}
	}
	return strings.Join(lines, "")
}

// IsCommandLine reports whether the runner would read line as a workflow
// command (the tests use it).
func IsCommandLine(line string) bool {
	return strings.HasPrefix(strings.TrimLeft(line, " \t"), "::") || strings.Contains(line, "##[")
}

// Shell quotes s as one POSIX shell word: as it is when it holds only
// characters no shell treats specially, else in single quotes with every
// single quote written as '\” (close, escaped quote, reopen). Unsafe
// characters and line feeds are shown as escapes first, so a pasted command
// is one line and never carries a terminal escape.
func Shell(s string) string {
	s = Line(s)
	if s != "" && strings.IndexFunc(s, func(c rune) bool {
		return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("-_./:@%+=,", c))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// JSON makes an encoded JSON document inert on a terminal and in a GitHub
// Actions log without changing its data: DEL, C1 and bidirectional
// characters (which encoding/json writes raw) become \u escapes, and "##["
// becomes #\u0023[. Outside strings a JSON document holds none of these, so
// the result parses to the same value.
func JSON(b []byte) []byte {
	if !bytes.Contains(b, []byte("##[")) && !hasRawUnsafe(b) {
		return b
	}
	return []byte(encodeRunes(string(b), func(c rune) string { return fmt.Sprintf(`\u%04x`, c) }, `#\u0023[`))
}

// XML is JSON for an encoded XML document: character references instead of
// \u escapes. (encoding/xml already replaces the C0 controls XML forbids.)
func XML(b []byte) []byte {
	if !bytes.Contains(b, []byte("##[")) && !hasRawUnsafe(b) {
		return b
	}
	return []byte(encodeRunes(string(b), func(c rune) string { return fmt.Sprintf("&#x%X;", c) }, "#&#35;["))
}

func encodeRunes(s string, enc func(rune) string, hashes string) string {
	if strings.Contains(s, "##[") {
		s = strings.ReplaceAll(s, "##[", hashes)
	}
	if !strings.ContainsFunc(s, rawUnsafe) {
		return s
	}
	var b strings.Builder
	for _, c := range s {
		if rawUnsafe(c) {
			b.WriteString(enc(c))
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// hasRawUnsafe is bytes.ContainsFunc(b, rawUnsafe) without decoding the
// leading ASCII (below 0x7f, never rawUnsafe) rune by rune: reports are
// mostly ASCII, and the check reads every byte of them.
func hasRawUnsafe(b []byte) bool {
	for i, c := range b {
		if c >= 0x7f {
			// b[i:] starts a rune: every byte before is one
			return bytes.ContainsFunc(b[i:], rawUnsafe)
		}
	}
	return false
}

// rawUnsafe: the Unsafe characters that encoders leave raw (not C0).
func rawUnsafe(c rune) bool {
	return c >= 0x7f && Unsafe(c)
}
