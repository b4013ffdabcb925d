package planfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	version "github.com/hashicorp/go-version"
	tfjson "github.com/hashicorp/terraform-json"
)

// Kind tells a plan from a state.
type Kind string

const (
	KindPlan  Kind = "plan"  // terraform show -json PLANFILE
	KindState Kind = "state" // terraform show -json (no plan file)
)

// Document is a decoded plan or state.
type Document struct {
	Path             string // as given to Load or Decode ("-" for standard input)
	Kind             Kind
	FormatVersion    string // format_version, e.g. "1.2"
	TerraformVersion string // terraform_version, may be empty in old files

	// Plan is set when Kind is KindPlan. It is decoded lean (package
	// comment): change values are json.RawMessage, prior_state holds data
	// resources only, the sections privapi does not read are nil.
	Plan  *tfjson.Plan
	State *tfjson.State // set when Kind is KindState

	// Size is the number of bytes of input: the file or standard input as
	// read, or for a binary plan file the JSON printed by terraform show.
	Size int64
}

// encoding of the input text.
type encoding int

const (
	encUTF8 encoding = iota
	encUTF16LE
	encUTF16BE
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
	zipMagic   = []byte("PK\x03\x04")
)

// detectBOM returns the encoding announced by a byte-order mark at the start
// of head and the length of that mark.
func detectBOM(head []byte) (encoding, int) {
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		return encUTF8, 3
	case bytes.HasPrefix(head, bomUTF16LE) && !bytes.HasPrefix(head, []byte{0xFF, 0xFE, 0, 0}):
		return encUTF16LE, 2
	case bytes.HasPrefix(head, bomUTF16BE):
		return encUTF16BE, 2
	}
	return encUTF8, 0
}

// Decode decodes the JSON output of terraform show -json held in data. path is
// only used in messages. want is "" (plan or state), KindPlan or KindState.
// Decode never runs terraform: a binary plan file is refused (Load reads
// those). All problems of the input are reported as *InputError.
func Decode(data []byte, path string, want Kind) (*Document, error) {
	if err := checkWant(want); err != nil {
		return nil, err
	}
	enc, bom := detectBOM(data)
	doc, err := decode(data[bom:], errPath(path), want, enc, origin{off: int64(bom)})
	if err != nil {
		return nil, err
	}
	doc.Path = path
	doc.Size = int64(len(data))
	return doc, nil
}

func checkWant(want Kind) error {
	switch want {
	case "", KindPlan, KindState:
		return nil
	}
	return fmt.Errorf("planfile: invalid Options.Want %q (want %q, %q or empty)", want, KindPlan, KindState)
}

func errPath(path string) string {
	if path == "-" {
		return "<stdin>"
	}
	return path
}

// origin says where the decoded bytes start in the input, for messages.
type origin struct {
	off     int64 // byte offset of data[0] in the input
	line    int64 // line breaks before data[0]
	col     int64 // characters between the last line break and data[0]
	convOff int64 // UTF-16 input: bytes of UTF-8 text before data[0]
}

// decode decodes data (without byte-order mark) in the given encoding.
func decode(data []byte, path string, want Kind, enc encoding, org origin) (*Document, error) {
	converted := false
	if enc != encUTF8 {
		if len(data) == 0 {
			return nil, inputErr(path, "empty input (only a UTF-16 byte-order mark)")
		}
		u, err := utf16ToUTF8(data, enc == encUTF16BE, org.off)
		if err != nil {
			return nil, inputErr(path, err.Error())
		}
		data, converted = u, true
	} else if msg := sniffNotUTF8JSON(data); msg != "" {
		return nil, inputErr(path, msg)
	}

	res, serr := scan(data)
	if serr != nil {
		return nil, inputErr(path, scanMessage(data, serr, res, org, converted))
	}
	kind, err := kindOf(res, data)
	if err != nil {
		return nil, inputErr(path, err.Error())
	}
	fv, err := checkFormatVersion(res, data)
	if err != nil {
		return nil, inputErr(path, err.Error())
	}
	if want != "" && want != kind {
		return nil, inputErr(path, wrongKind(kind, res))
	}

	doc := &Document{Kind: kind, FormatVersion: fv}
	switch kind {
	case KindPlan:
		// json.Unmarshal reads the sections in place (a Decoder would
		// first copy all of the input into its own buffer); every value
		// outside "configuration" is kept as text and decoded with
		// UseNumber later (lean.go), so numbers keep their text.
		lp, err := decodeLean(data, res)
		if err != nil {
			return nil, inputErr(path, schemaMessage("plan", err))
		}
		rcs := lp.resourceChanges()
		if msg := inconsistentPlan(data, res, rcs, lp); msg != "" {
			return nil, inputErr(path, msg)
		}
		p, err := lp.plan(rcs)
		if err != nil {
			return nil, inputErr(path, schemaMessage("plan", err))
		}
		p.UseJSONNumber(true)
		if err := p.Validate(); err != nil {
			return nil, inputErr(path, "plan: "+validateMessage(p.FormatVersion, err))
		}
		if ps := p.PriorState; ps != nil {
			ps.UseJSONNumber(true)
			// An old plan may lack prior_state.format_version; that is harmless.
			if ps.FormatVersion != "" {
				if err := ps.Validate(); err != nil {
					return nil, inputErr(path, "prior_state: "+validateMessage(ps.FormatVersion, err))
				}
			}
		}
		if msg := missingPlanValues(p); msg != "" {
			return nil, inputErr(path, msg)
		}
		doc.Plan, doc.TerraformVersion = p, p.TerraformVersion
	case KindState:
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber()
		var st rawState
		if err := dec.Decode(&st); err != nil {
			return nil, inputErr(path, schemaMessage("state", err))
		}
		s := (*tfjson.State)(&st)
		s.UseJSONNumber(true)
		if err := s.Validate(); err != nil {
			return nil, inputErr(path, "state: "+validateMessage(s.FormatVersion, err))
		}
		if s.Values != nil {
			if msg := missingStateValues(s.Values.RootModule, "values"); msg != "" {
				return nil, inputErr(path, msg)
			}
		}
		doc.State, doc.TerraformVersion = s, s.TerraformVersion
	}
	doc.FormatVersion = fv
	return doc, nil
}

// rawPlan and rawState have the fields of tfjson.Plan and tfjson.State but
// not their UnmarshalJSON methods. Those methods decode their input a second
// time with a fresh json.Decoder (scanning and copying it again) and without
// UseNumber for prior_state. Decoding into these types reads the input once,
// with UseNumber everywhere outside "configuration"; the format version
// checks of the methods are done by calling Validate afterwards.
type (
	rawPlan  tfjson.Plan
	rawState tfjson.State
)

// sniffNotUTF8JSON recognises inputs that are certainly not UTF-8 JSON from
// their first bytes, to give a better message than "invalid JSON".
func sniffNotUTF8JSON(data []byte) string {
	switch {
	case bytes.HasPrefix(data, zipMagic):
		return "binary plan file (a zip archive), not JSON: read it with terraform show -json"
	case bytes.HasPrefix(data, []byte{0x1f, 0x8b}):
		return "gzip-compressed data, not JSON: decompress it first"
	case bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}):
		return "UTF-32 text is not supported; re-save as UTF-8"
	case len(data) >= 2 && data[0] == 0 && data[1] != 0 && data[1] < utf8.RuneSelf,
		len(data) >= 2 && data[0] != 0 && data[0] < utf8.RuneSelf && data[1] == 0:
		return "looks like UTF-16 without a byte-order mark; re-save as UTF-8"
	}
	return ""
}

// utf16ToUTF8 converts UTF-16 text (without its byte-order mark) to UTF-8.
func utf16ToUTF8(src []byte, bigEndian bool, base int64) ([]byte, error) {
	if len(src)%2 != 0 {
		return nil, fmt.Errorf("UTF-16 input has an odd number of bytes (%d after the byte-order mark); is it truncated?", len(src))
	}
	// Terraform's JSON is mostly ASCII: one byte per unit plus some room.
	dst := make([]byte, 0, len(src)/2+len(src)/64+16)
	unit := func(i int) rune {
		if bigEndian {
			return rune(src[i])<<8 | rune(src[i+1])
		}
		return rune(src[i]) | rune(src[i+1])<<8
	}
	for i := 0; i < len(src); i += 2 {
		r := unit(i)
		switch {
		case r < utf8.RuneSelf:
			dst = append(dst, byte(r))
			continue
		case utf16.IsSurrogate(r):
			if r < 0xDC00 && i+3 < len(src) {
				if r2 := unit(i + 2); r2 >= 0xDC00 && r2 <= 0xDFFF {
					r = utf16.DecodeRune(r, r2)
					i += 2
					break
				}
			}
			return nil, fmt.Errorf("invalid UTF-16: unpaired surrogate 0x%04X at byte offset %d", r, int64(i)+base)
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst, nil
}

// scanMessage turns a scanner error into a one-line message.
func scanMessage(data []byte, e *scanError, res scanResult, org origin, converted bool) string {
	offset := func(off int) int64 {
		if converted {
			return int64(off) + org.convOff
		}
		return int64(off) + org.off
	}
	lineCol := func(off int) (int64, int64) {
		before := data[:off]
		nl := int64(bytes.Count(before, []byte{'\n'}))
		if nl == 0 {
			return org.line + 1, org.col + int64(utf8.RuneCount(before)) + 1
		}
		return org.line + nl + 1, int64(utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:])) + 1
	}
	at := func(off int) string {
		line, col := lineCol(off)
		if converted {
			return fmt.Sprintf("line %d, column %d (offset %d of the text converted from UTF-16)", line, col, offset(off))
		}
		return fmt.Sprintf("offset %d (line %d, column %d)", offset(off), line, col)
	}
	in := ""
	if e.path != "" {
		in = " in " + e.path
	}
	switch e.kind {
	case errEmpty:
		if len(data) == 0 {
			if org.off > 0 && !converted {
				return "empty input (only a byte-order mark)"
			}
			return "empty input"
		}
		return "empty input (only whitespace)"
	case errTruncated:
		if e.first >= 0 {
			return fmt.Sprintf("truncated JSON: input ends at %s inside a string that starts at %s%s", at(e.off), at(e.first), in)
		}
		return fmt.Sprintf("truncated JSON: input ends at %s with %d object(s)/array(s) still open%s", at(e.off), e.open, in)
	case errSyntax:
		if e.firstVal {
			return fmt.Sprintf("not JSON: starts with %s; expected the output of terraform show -json", quoteStart(data[e.off:]))
		}
		return fmt.Sprintf("invalid JSON at %s%s: unexpected %s, expected %s", at(e.off), in, quoteByte(data, e.off), e.text)
	case errInvalidUTF8:
		line, _ := lineCol(e.off)
		return fmt.Sprintf("invalid UTF-8 at byte offset %d (line %d)%s: byte 0x%02X; re-save as UTF-8", offset(e.off), line, in, data[e.off])
	case errControl:
		return fmt.Sprintf("invalid JSON at %s%s: control character %s inside a string", at(e.off), in, e.text)
	case errEscape:
		return fmt.Sprintf("invalid JSON at %s%s: invalid escape %s in a string", at(e.off), in, e.text)
	case errDepth:
		return fmt.Sprintf("JSON nested deeper than %d levels at %s%s", maxDepth, at(e.off), clipIn(in))
	case errDupKey:
		where := in
		if where == "" {
			where = " in the top-level object"
		}
		if e.other != "" {
			return fmt.Sprintf("duplicate key %s at %s%s: it differs from %s (offset %d) only in case, and JSON decoders keep only one of them", strconv.Quote(clip(e.text, 80)), at(e.off), where, strconv.Quote(clip(e.other, 80)), offset(e.first))
		}
		return fmt.Sprintf("duplicate key %s at %s%s (first at offset %d); JSON decoders keep only one of them", strconv.Quote(clip(e.text, 80)), at(e.off), where, offset(e.first))
	case errNumRange:
		return fmt.Sprintf("number %s at %s%s is out of range (beyond float64)", clip(e.text, 40), at(e.off), in)
	case errTrailing:
		if res.first == '{' && res.keys&(kAtLevel|kAtMessage) != 0 {
			return streamMessage
		}
		return fmt.Sprintf("invalid JSON: extra data after the top-level value at %s (more than one JSON document?)", at(e.off))
	}
	return "invalid JSON"
}

const streamMessage = "not a Terraform plan or state: looks like the streaming output of terraform plan -json (one message per line); pass the output of terraform show -json PLANFILE"

func clipIn(in string) string { return clip(in, 120) }

// quoteByte describes the byte or character at data[off].
func quoteByte(data []byte, off int) string {
	r, size := utf8.DecodeRune(data[off:])
	if r == utf8.RuneError && size <= 1 {
		return fmt.Sprintf("byte 0x%02X", data[off])
	}
	if r < 0x20 || r == 0x7f {
		return fmt.Sprintf("byte 0x%02X", r)
	}
	return strconv.QuoteRune(r)
}

// quoteStart quotes the first few characters of input that is not JSON.
func quoteStart(b []byte) string {
	if len(b) > 0 && (b[0] < 0x20 || b[0] == 0x7f || !utf8.FullRune(b[:min(len(b), 4)])) {
		return fmt.Sprintf("byte 0x%02X", b[0])
	}
	if r, size := utf8.DecodeRune(b); r == utf8.RuneError && size <= 1 {
		return fmt.Sprintf("byte 0x%02X", b[0])
	}
	end := bytes.IndexAny(b[:min(len(b), 200)], "\r\n")
	if end < 0 {
		end = min(len(b), 200)
	}
	s := strings.ToValidUTF8(string(b[:end]), "\uFFFD")
	return strconv.Quote(clip(s, 32))
}

// kindOf tells a plan from a state by the top-level keys.
func kindOf(res scanResult, data []byte) (Kind, error) {
	const planKeys = kPlannedValues | kResourceChanges | kResourceDrift | kPriorState |
		kConfiguration | kOutputChanges | kVariables | kRelevantAttributes |
		kDeferredChanges | kActionInvocations | kApplyable | kComplete | kErrored | kTimestamp
	fail := func(format string, a ...any) (Kind, error) {
		return "", fmt.Errorf("not a Terraform plan or state: "+format, a...)
	}
	switch res.first {
	case '{':
	case '[':
		return fail("the JSON value is an array, expected an object (the output of terraform show -json)")
	case '"':
		return fail("the JSON value is a string, expected an object (the output of terraform show -json)")
	case 'n':
		return fail("the JSON value is null, expected an object (the output of terraform show -json)")
	case 't', 'f':
		return fail("the JSON value is a boolean, expected an object (the output of terraform show -json)")
	default:
		return fail("the JSON value is a number, expected an object (the output of terraform show -json)")
	}
	k := res.keys
	switch {
	case k&planKeys != 0 && k&kValues != 0:
		return fail("has both plan keys (%s) and the state key values", keyNames(k&planKeys))
	case k&planKeys != 0:
		return KindPlan, nil
	case k&kValues != 0:
		return KindState, nil
	case k&(kAtLevel|kAtMessage) != 0:
		return "", errors.New(streamMessage)
	case k&kProviderSchemas != 0:
		return fail("looks like a provider schema dump (terraform providers schema -json)")
	case k&(kLineage|kSerial) != 0 && k&kResources != 0:
		return fail("looks like a raw state file (terraform.tfstate); pass the output of terraform show -json")
	case k&kValid != 0 && k&kDiagnostics != 0:
		return fail("looks like the output of terraform validate -json")
	case k&kFunctionSignatures != 0:
		return fail("looks like the output of terraform metadata functions -json")
	case k&(kPlatform|kProviderSelections) != 0:
		return fail("looks like the output of terraform version -json")
	case res.nKeys == 0:
		return fail("empty JSON object")
	case k&kFormatVersion != 0 && res.nKeys == bitsSet(k&(kFormatVersion|kTerraformVersion|kChecks)):
		// What terraform show -json prints when there is no state at all.
		return KindState, nil
	}
	var names []string
	if k != 0 {
		names = append(names, keyNames(k))
	}
	names = append(names, res.otherKeys...)
	list := strings.Join(names, ", ")
	if res.nKeys > len(res.otherKeys)+bitsSet(k) {
		list += ", …"
	}
	return fail("no planned_values, resource_changes or values key (top-level keys: %s)", clip(list, 160))
}

func bitsSet(k uint64) int {
	n := 0
	for ; k != 0; k &= k - 1 {
		n++
	}
	return n
}

func keyNames(k uint64) string {
	var names []string
	for name, bit := range topKeyBits {
		if k&bit != 0 {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

var (
	minFormat = version.Must(version.NewVersion("0.1"))
	maxFormat = version.Must(version.NewVersion("2.0"))
)

// checkFormatVersion reads the top-level format_version and accepts 0.1
// through 1.x.
func checkFormatVersion(res scanResult, data []byte) (string, error) {
	if res.fvStart < 0 {
		return "", errors.New("missing format_version (not the output of terraform show -json?)")
	}
	raw := data[res.fvStart:res.fvEnd]
	if raw[0] != '"' {
		return "", fmt.Errorf("format_version must be a string, got %s", clip(string(raw), 20))
	}
	var fv string
	if err := json.Unmarshal(raw, &fv); err != nil {
		return "", fmt.Errorf("invalid format_version %s", clip(string(raw), 20))
	}
	if fv == "" {
		return "", errors.New("format_version is empty")
	}
	v, err := version.NewVersion(fv)
	if err != nil {
		return "", fmt.Errorf("invalid format_version %s", strconv.Quote(clip(fv, 20)))
	}
	if v.LessThan(minFormat) || !v.LessThan(maxFormat) {
		return "", fmt.Errorf("unsupported format_version %s (privapi reads 0.x and 1.x)", clip(fv, 20))
	}
	return fv, nil
}

func wrongKind(got Kind, res scanResult) string {
	if got == KindState {
		if res.keys&kValues == 0 {
			return "is an empty Terraform state (terraform show -json without a plan file and without state), not a plan"
		}
		return "is a Terraform state, not a plan (terraform show -json without a plan file prints the state; use terraform show -json PLANFILE)"
	}
	return "is a Terraform plan, not a state (use terraform show -json without a plan file)"
}

// validateMessage rewrites an error of tfjson's Validate in our words. It is
// a backstop: checkFormatVersion has already accepted the top-level version,
// but encoding/json matches keys without regard to case, so another key such
// as "Format_Version" could have overridden it.
func validateMessage(fv string, err error) string {
	if fv == "" {
		return "missing format_version"
	}
	v, perr := version.NewVersion(fv)
	if perr != nil {
		return fmt.Sprintf("invalid format_version %s", strconv.Quote(clip(fv, 20)))
	}
	if v.LessThan(minFormat) || !v.LessThan(maxFormat) {
		return fmt.Sprintf("unsupported format_version %s (privapi reads 0.x and 1.x)", clip(fv, 20))
	}
	return clip(err.Error(), 200)
}

// schemaMessage describes JSON that does not fit the tfjson types, such as a
// string where an object belongs.
func schemaMessage(kind string, err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		// The path names the embedded Go types of the shadow types
		// (lean.go); drop them to leave the JSON keys.
		var keys []string
		for _, k := range strings.Split(te.Field, ".") {
			switch k {
			case "rawPlan", "rawState", "ResourceChange", "Change", "StateResource":
			default:
				keys = append(keys, k)
			}
		}
		field := strings.Join(keys, ".")
		if field == "" {
			field = "(top level)"
		}
		return fmt.Sprintf("not a valid Terraform %s: %s is a JSON %s, expected %s (offset %d)",
			kind, clip(field, 120), clip(te.Value, 40), typeDesc(te.Type), te.Offset)
	}
	return fmt.Sprintf("not a valid Terraform %s: %s", kind, clip(strings.TrimPrefix(err.Error(), "json: "), 200))
}

func typeDesc(t reflect.Type) string {
	if t == nil {
		return "another type"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "an integer"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a non-negative integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "a " + t.String()
}
