package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"unicode/utf8"

	"github.com/privapi/privapi/internal/escape"
	"github.com/privapi/privapi/internal/finding"
)

// The json format: the stable contract of format_version "1" (issue 2), for
// other tools. Field names, order and types must not change within a version.

func init() { Register("json", FormatterFunc(writeJSON)) }

type jsonReport struct {
	FormatVersion string            `json:"format_version"`
	Tool          Tool              `json:"tool"`
	Input         Input             `json:"input"`
	Summary       jsonSummary       `json:"summary"`
	Findings      []jsonFinding     `json:"findings"`
	Suppressions  []jsonSuppression `json:"suppressions"`
}

// jsonSummary is the summary of format_version "1": the finding counts,
// then (added later, so last) the passed and waived results.
type jsonSummary struct {
	finding.Summary
	Passed int `json:"passed"`
	Waived int `json:"waived"`
}

func (r *Report) jsonSummary() jsonSummary {
	return jsonSummary{Summary: r.Summary(), Passed: r.countPassed(), Waived: len(r.Suppressed())}
}

// jsonFinding is one element of "findings". writeJSON writes its fields by
// hand (jsonStream.finding): a field added here goes there too, and into
// encodeJSONReference in the tests.
type jsonFinding struct {
	ID       string           `json:"id"`
	Name     string           `json:"name"`
	Severity finding.Severity `json:"severity"`
	Status   finding.Status   `json:"status"`
	Address  string           `json:"address"`
	Related  []string         `json:"related"`
	Message  string           `json:"message"`
	Fix      string           `json:"fix"`
	Source   *finding.Source  `json:"source"`
	Doc      string           `json:"doc"`
}

// jsonSuppression is one waived result: the result's check ID and address,
// the waiver's reason, expiry date (null when none), origin ("config" or
// "inline") and where the waiver is written (null when unknown).
type jsonSuppression struct {
	ID      string          `json:"id"`
	Address string          `json:"address"`
	Reason  string          `json:"reason"`
	Expires *string         `json:"expires"`
	Origin  string          `json:"origin"`
	Source  *finding.Source `json:"source"`
}

// writeJSON streams the report (each piece through escape.JSON, which
// leaves the data as it is but keeps DEL, C1, bidi characters and "##["
// out of the bytes): the envelope and each finding are written
// as they are produced, with the bytes encoding/json gives jsonReport with
// two-space indentation and no HTML escaping (TestJSONStreamMatchesEncoder
// compares both), but without holding the findings twice or the document in
// memory, and without a second (indent) pass over it.
func writeJSON(w io.Writer, r *Report) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	js := &jsonStream{w: bw}
	// format_version, tool, input and summary: small, encoded by encoding/json
	// as an object whose closing brace is cut off
	head, err := js.encode("", struct {
		FormatVersion string      `json:"format_version"`
		Tool          Tool        `json:"tool"`
		Input         Input       `json:"input"`
		Summary       jsonSummary `json:"summary"`
	}{FormatVersion, r.Tool, r.Input, r.jsonSummary()})
	if err != nil {
		return err
	}
	bw.Write(escape.JSON(bytes.TrimSuffix(head, []byte("\n}"))))
	bw.WriteString(",\n  \"findings\": [")
	n := 0
	for i := range r.Results {
		res := &r.Results[i]
		if !res.IsFinding() || res.Waiver != nil {
			continue
		}
		js.sep(n)
		n++
		if err := js.finding(res); err != nil {
			return err
		}
	}
	js.end(n)
	bw.WriteString(",\n  \"suppressions\": [")
	n = 0
	for _, res := range r.Suppressed() {
		wv := res.Waiver
		s := jsonSuppression{
			ID:      res.CheckID,
			Address: res.Address,
			Reason:  wv.Reason,
			Origin:  originKind(wv),
			Source:  jsonSource(wv.Source),
		}
		if wv.Expires != "" {
			exp := wv.Expires
			s.Expires = &exp
		}
		js.sep(n)
		n++
		b, err := js.encode("    ", s)
		if err != nil {
			return err
		}
		bw.Write(escape.JSON(b))
	}
	js.end(n)
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// jsonStream writes the elements of the report's arrays.
type jsonStream struct {
	w    *bufio.Writer
	buf  []byte                   // one finding
	enc  bytes.Buffer             // encoding/json's output for small parts
	encs map[string]*json.Encoder // into enc, by line prefix
}

// sep starts element n of an array at depth 2.
func (js *jsonStream) sep(n int) {
	if n > 0 {
		js.w.WriteByte(',')
	}
	js.w.WriteString("\n    ")
}

// end closes an array of n elements at depth 1 ("[]" when empty).
func (js *jsonStream) end(n int) {
	if n > 0 {
		js.w.WriteString("\n  ")
	}
	js.w.WriteByte(']')
}

// encode returns v as encoding/json writes it at the given line prefix
// (without the final newline). The result is valid until the next call.
func (js *jsonStream) encode(prefix string, v any) ([]byte, error) {
	js.enc.Reset()
	enc := js.encs[prefix]
	if enc == nil {
		enc = json.NewEncoder(&js.enc)
		enc.SetIndent(prefix, "  ")
		enc.SetEscapeHTML(false)
		if js.encs == nil {
			js.encs = map[string]*json.Encoder{}
		}
		js.encs[prefix] = enc
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(js.enc.Bytes(), []byte("\n")), nil
}

// finding writes one element of "findings": the fields of jsonFinding, in
// its order, at depth 2.
func (js *jsonStream) finding(res *finding.Result) error {
	const ind = "\n      "
	b := js.buf[:0]
	b = append(b, "{"+ind+`"id": `...)
	b = appendJSONString(b, res.CheckID)
	b = append(b, ","+ind+`"name": `...)
	b = appendJSONString(b, res.Name)
	b = append(b, ","+ind+`"severity": `...)
	b = appendJSONString(b, res.Severity.String())
	b = append(b, ","+ind+`"status": `...)
	b = appendJSONString(b, string(res.Status))
	b = append(b, ","+ind+`"address": `...)
	b = appendJSONString(b, res.Address)
	b = append(b, ","+ind+`"related": [`...)
	for i, x := range res.Related {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n        "...)
		b = appendJSONString(b, x)
	}
	if len(res.Related) > 0 {
		b = append(b, ind...)
	}
	b = append(b, "],"+ind+`"message": `...)
	b = appendJSONString(b, res.Message)
	b = append(b, ","+ind+`"fix": `...)
	b = appendJSONString(b, res.Fix)
	b = append(b, ","+ind+`"source": `...)
	if src := jsonSource(res.Source); src == nil {
		b = append(b, "null"...)
	} else {
		e, err := js.encode("      ", src)
		if err != nil {
			return err
		}
		b = append(b, e...)
	}
	b = append(b, ","+ind+`"doc": `...)
	b = appendJSONString(b, res.Doc)
	b = append(b, "\n    }"...)
	js.buf = b
	_, err := js.w.Write(escape.JSON(b))
	return err
}

// appendJSONString appends s as encoding/json encodes a string without
// HTML escaping: \" \\ \b \f \n \r \t, \u00XX for other control
// characters, \ufffd for each invalid UTF-8 byte, \u2028 and \u2029.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '\\', '"':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// jsonSource is the source or null; an empty file counts as unknown.
func jsonSource(s *finding.Source) *finding.Source {
	if s == nil || s.File == "" {
		return nil
	}
	return s
}
