package planfile

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxDepth is the deepest nesting of objects and arrays accepted. Real plans
// stay far below it (a few dozen levels); encoding/json's own limit is 10000.
const maxDepth = 512

// linearKeys is how many keys an object may have before duplicate detection
// switches from a linear search to a map.
const linearKeys = 24

type scanErrKind int

const (
	errEmpty       scanErrKind = iota // nothing but whitespace
	errTruncated                      // input ended inside a value
	errSyntax                         // unexpected byte
	errInvalidUTF8                    // bad UTF-8 inside a string
	errControl                        // raw control character inside a string
	errEscape                         // bad backslash escape
	errDepth                          // nesting deeper than maxDepth
	errDupKey                         // same key twice in one object
	errNumRange                       // number beyond float64 range
	errTrailing                       // more data after the top-level value
)

// scanError is a problem found by the scanner, with offsets into the scanned
// slice. decode.go turns it into an InputError message.
type scanError struct {
	kind     scanErrKind
	off      int    // where the problem is
	first    int    // errDupKey: offset of the first occurrence; errTruncated: start of the open string, or -1
	text     string // errDupKey: the key; errNumRange: the number; errSyntax: what was expected
	path     string // JSON path of the enclosing value, "" at the top level
	open     int    // errTruncated: containers still open
	firstVal bool   // errSyntax: the unexpected byte is where the top-level value should start
	other    string // errDupKey: the first key when it differs from text only in case
}

// Top-level keys that matter for telling plans, states and other Terraform
// JSON formats apart.
const (
	kFormatVersion uint64 = 1 << iota
	kTerraformVersion
	kValues
	kPlannedValues
	kResourceChanges
	kResourceDrift
	kPriorState
	kConfiguration
	kOutputChanges
	kVariables
	kRelevantAttributes
	kDeferredChanges
	kActionInvocations
	kChecks
	kTimestamp
	kApplyable
	kComplete
	kErrored
	kProviderSchemas
	kAtLevel
	kAtMessage
	kValid
	kDiagnostics
	kFunctionSignatures
	kPlatform
	kProviderSelections
	kLineage
	kSerial
	kResources
)

var topKeyBits = map[string]uint64{
	"format_version":      kFormatVersion,
	"terraform_version":   kTerraformVersion,
	"values":              kValues,
	"planned_values":      kPlannedValues,
	"resource_changes":    kResourceChanges,
	"resource_drift":      kResourceDrift,
	"prior_state":         kPriorState,
	"configuration":       kConfiguration,
	"output_changes":      kOutputChanges,
	"variables":           kVariables,
	"relevant_attributes": kRelevantAttributes,
	"deferred_changes":    kDeferredChanges,
	"action_invocations":  kActionInvocations,
	"checks":              kChecks,
	"timestamp":           kTimestamp,
	"applyable":           kApplyable,
	"complete":            kComplete,
	"errored":             kErrored,
	"provider_schemas":    kProviderSchemas,
	"@level":              kAtLevel,
	"@message":            kAtMessage,
	"valid":               kValid,
	"diagnostics":         kDiagnostics,
	"function_signatures": kFunctionSignatures,
	"platform":            kPlatform,
	"provider_selections": kProviderSelections,
	"lineage":             kLineage,
	"serial":              kSerial,
	"resources":           kResources,
}

// scanResult describes a syntactically valid JSON text.
type scanResult struct {
	first     byte     // first byte of the top-level value
	keys      uint64   // k* bits of the top-level object's keys
	otherKeys []string // a few top-level keys not in topKeyBits, for messages
	nKeys     int      // number of top-level keys
	// Span of the top-level "format_version" value, fvStart < 0 when absent.
	fvStart, fvEnd int
	// top lists the spans of the top-level object's values, in input order
	// (keys unescaped), so that decoding can read sections on their own.
	top []topSpan
	// spans lists where the large containers inside the sections start
	// and end, by start (see tape).
	spans []span
}

// topSpan is the value of one top-level key: data[start:end].
type topSpan struct {
	key        string
	start, end int
}

type frame struct {
	obj   bool
	keys  []keyRef       // keys of the object so far
	set   map[uint64]int // hash of a key to its index in keys, once many
	inSet bool           // set is in use for this object
	cur   []byte         // current key (objects) for paths
	idx   int            // current index (arrays) for paths
	// fold: keys that differ only in case are duplicates too, because
	// encoding/json matches them to the same struct field (the top-level
	// object, each resource change and its change). rc marks the
	// resource_changes array and its elements.
	fold, rc bool
	folded   map[string]int // case-folded key to its index in keys, once many
	spanAt   int            // index in res.spans of this container's span
}

type keyRef struct {
	b   []byte
	off int
}

// scan checks that data is exactly one JSON value (surrounded by optional
// whitespace) in valid UTF-8, without duplicate object keys, numbers beyond
// float64 range or nesting deeper than maxDepth. It reads each byte once and
// builds no values; besides the top-level spans it records only where the
// large containers inside the sections start and end (res.spans, a few
// percent of the input's size, see tape).
func scan(data []byte) (scanResult, *scanError) {
	return scanSpans(data, minSpan)
}

// scanSpans is scan recording the containers of at least min bytes (tests
// record more than scan does).
func scanSpans(data []byte, min int) (scanResult, *scanError) {
	s := scanner{data: data, spans: len(data) <= math.MaxInt32, minSpan: min}
	if s.spans {
		// room for all at once, rather than copying them while growing
		s.res.spans = make([]span, 0, len(data)/spanBytes)
	}
	err := s.run()
	return s.res, err
}

type scanner struct {
	data   []byte
	res    scanResult
	frames []frame // frames[:depth] are the open containers
	seed   maphash.Seed
	// cur is the top-level member being read; pendingFV: it is
	// "format_version", whose value starts at fvStart.
	cur       topSpan
	pendingFV bool
	fvStart   int
	spans     bool // record res.spans (offsets fit an int32)
	minSpan   int  // of the containers recorded
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

const spaces8 = 0x2020202020202020

func skipWS(data []byte, i int) int {
	for i < len(data) {
		c := data[i]
		if c > ' ' {
			return i
		}
		if c == ' ' && i+8 <= len(data) && binary.LittleEndian.Uint64(data[i:]) == spaces8 {
			i += 8
			continue
		}
		if !isSpace(c) {
			return i
		}
		i++
	}
	return i
}

func (s *scanner) run() *scanError {
	data := s.data
	n := len(data)
	s.res.fvStart = -1
	var (
		depth int
		err   *scanError
	)
	i := skipWS(data, 0)
	if i == n {
		return &scanError{kind: errEmpty}
	}
	s.res.first = data[i]

value:
	if i >= n {
		return s.truncated(depth, -1)
	}
	if depth == 1 {
		s.topStart(i)
	}
	if c := data[i]; c == '{' || c == '[' {
		if err = s.open(i, depth); err != nil {
			return err
		}
		depth++
		i = skipWS(data, i+1)
		if i >= n {
			return s.truncated(depth, -1)
		}
		switch {
		case c == '{' && data[i] == '}', c == '[' && data[i] == ']':
			i++
			depth--
			s.closeSpan(depth, i)
			goto after
		case c == '{':
			goto key
		}
		goto value
	}
	if data[i] == '"' { // most values: no call through scalar
		i, _, err = s.str(i, depth)
	} else {
		i, err = s.scalar(i, depth)
	}
	if err != nil {
		return err
	}
	goto after

key:
	// data[i] is the first non-space byte where an object key must start.
	if i, err = s.key(i, depth); err != nil {
		return err
	}
	goto value

after:
	// A value ended at i; depth is the number of containers around it.
	if depth == 0 {
		i = skipWS(data, i)
		if i < n {
			return &scanError{kind: errTrailing, off: i}
		}
		return nil
	}
	if depth == 1 && s.frames[0].obj {
		s.topEnd(i)
	}
	i = skipWS(data, i)
	if i >= n {
		return s.truncated(depth, -1)
	}
	f := &s.frames[depth-1]
	switch c := data[i]; {
	case c == ',' && f.obj:
		f.cur = nil
		i = skipWS(data, i+1)
		if i >= n {
			return s.truncated(depth, -1)
		}
		goto key
	case c == ',':
		f.idx++
		i = skipWS(data, i+1)
		goto value
	case f.obj && c == '}', !f.obj && c == ']':
		i++
		depth--
		s.closeSpan(depth, i)
		goto after
	}
	return s.syntax(i, depth-1, closeWant(f.obj))
}

// closeWant is what may follow a member (obj) or an element.
func closeWant(obj bool) string {
	if obj {
		return "',' or '}'"
	}
	return "',' or ']'"
}

// topStart records that the value of the current top-level key starts at i.
func (s *scanner) topStart(i int) {
	s.cur.start = i
	if s.pendingFV {
		s.fvStart = i
	}
}

// topEnd records that the value of the current top-level key ends at i.
func (s *scanner) topEnd(i int) {
	s.cur.end = i
	s.res.top = append(s.res.top, s.cur)
	if s.pendingFV {
		s.res.fvStart, s.res.fvEnd = s.fvStart, i
		s.pendingFV = false
	}
}

// open starts the object or array at data[i], at depth (the containers
// around it): its frame, reused from an earlier container at that depth,
// is reset.
func (s *scanner) open(i, depth int) *scanError {
	if depth >= maxDepth {
		return &scanError{kind: errDepth, off: i, path: s.path(depth)}
	}
	if depth == len(s.frames) {
		s.frames = append(s.frames, frame{})
	}
	f := &s.frames[depth]
	f.obj = s.data[i] == '{'
	f.idx = 0
	f.cur = nil
	f.fold, f.rc = false, false
	switch depth {
	case 0:
		f.fold = f.obj
	case 1:
		f.rc = !f.obj && bytes.EqualFold(s.frames[0].cur, []byte("resource_changes"))
	case 2:
		f.fold = f.obj && s.frames[1].rc
		f.rc = f.fold
	case 3:
		f.fold = f.obj && s.frames[2].rc && bytes.EqualFold(s.frames[2].cur, []byte("change"))
	}
	f.folded = nil
	if depth >= minSpanDepth && s.spans {
		f.spanAt = len(s.res.spans)
		s.res.spans = append(s.res.spans, span{start: int32(i)})
	}
	if f.obj {
		f.keys = f.keys[:0]
		if f.inSet {
			f.inSet = false
			if len(f.set) > 1024 {
				f.set = nil // do not keep clearing a huge map
			} else {
				clear(f.set)
			}
		}
	}
	return nil
}

// closeSpan ends the span of the container frames[depth], which closed
// just before end: a small one (and the ones inside it, recorded after it)
// is dropped.
func (s *scanner) closeSpan(depth, end int) {
	if depth < minSpanDepth || !s.spans {
		return
	}
	at := s.frames[depth].spanAt
	if end-int(s.res.spans[at].start) < s.minSpan {
		s.res.spans = s.res.spans[:at]
		return
	}
	s.res.spans[at].end = int32(end)
}

// scalar reads the string, literal or number at data[i] and returns the
// offset after it.
func (s *scanner) scalar(i, depth int) (int, *scanError) {
	switch c := s.data[i]; c {
	case '"':
		i, _, err := s.str(i, depth)
		return i, err
	case 't':
		return s.lit(i, "true", depth)
	case 'f':
		return s.lit(i, "false", depth)
	case 'n':
		return s.lit(i, "null", depth)
	default:
		if c == '-' || (c >= '0' && c <= '9') {
			return s.number(i, depth)
		}
		return i, s.syntax(i, depth, "a value")
	}
}

// key reads the object key at data[i] (the first non-space byte after '{'
// or ','), records it (duplicates are errors; at depth 1 also its top-level
// bit and the member being read) and the ':' after it, and returns the
// offset of the value.
func (s *scanner) key(i, depth int) (int, *scanError) {
	data := s.data
	if data[i] != '"' {
		return i, s.syntax(i, depth-1, "a string (object key)")
	}
	keyStart := i
	i, esc, err := s.str(i, depth)
	if err != nil {
		return i, err
	}
	k := data[keyStart+1 : i-1]
	if esc {
		k = unescapeKey(data[keyStart:i])
	}
	if err = s.addKey(depth, k, keyStart); err != nil {
		return i, err
	}
	if depth == 1 {
		s.topKey(k)
		s.cur.key = string(k)
		s.pendingFV = s.cur.key == "format_version"
	}
	i = skipWS(data, i)
	if i >= len(data) {
		return i, s.truncated(depth, -1)
	}
	if data[i] != ':' {
		return i, s.syntax(i, depth-1, "':' after an object key")
	}
	return skipWS(data, i+1), nil
}

// addKey records key k of the object at depth and reports a duplicate. Few
// keys are compared one by one; past linearKeys a map of key hashes (no
// string allocations) finds candidates, which are then compared.
func (s *scanner) addKey(depth int, k []byte, off int) *scanError {
	f := &s.frames[depth-1]
	f.cur = k
	if f.fold {
		if err := s.foldDup(depth, f, k, off); err != nil {
			return err
		}
	}
	if f.inSet {
		h := maphash.Bytes(s.seed, k)
		if j, ok := f.set[h]; ok {
			if string(f.keys[j].b) == string(k) {
				return s.dupKey(depth, k, off, f.keys[j].off)
			}
			// A hash collision: compare with every key.
			for _, old := range f.keys {
				if string(old.b) == string(k) {
					return s.dupKey(depth, k, off, old.off)
				}
			}
		}
		f.set[h] = len(f.keys)
		f.keys = append(f.keys, keyRef{b: k, off: off})
		return nil
	}
	for _, old := range f.keys {
		if string(old.b) == string(k) {
			return s.dupKey(depth, k, off, old.off)
		}
	}
	f.keys = append(f.keys, keyRef{b: k, off: off})
	if len(f.keys) > linearKeys {
		if f.set == nil {
			if s.seed == (maphash.Seed{}) {
				s.seed = maphash.MakeSeed()
			}
			f.set = make(map[uint64]int, 4*linearKeys)
		}
		f.inSet = true
		for j, old := range f.keys {
			f.set[maphash.Bytes(s.seed, old.b)] = j
		}
	}
	return nil
}

// foldDup reports a key of a struct-shaped object (f.fold) that differs from
// an earlier one only in case: encoding/json would match both to one field
// and keep the last, so "Resource_Changes": [] next to the real
// resource_changes would empty the plan. Few keys are compared one by one,
// more through a map of case-folded keys.
func (s *scanner) foldDup(depth int, f *frame, k []byte, off int) *scanError {
	if f.folded == nil && len(f.keys) < linearKeys {
		for _, old := range f.keys {
			if bytes.EqualFold(old.b, k) {
				return s.foldDupKey(depth, k, off, old)
			}
		}
		return nil
	}
	if f.folded == nil {
		f.folded = make(map[string]int, 2*len(f.keys))
		for j, old := range f.keys {
			f.folded[foldKey(old.b)] = j
		}
	}
	fk := foldKey(k)
	if j, ok := f.folded[fk]; ok {
		return s.foldDupKey(depth, k, off, f.keys[j])
	}
	f.folded[fk] = len(f.keys)
	return nil
}

func (s *scanner) foldDupKey(depth int, k []byte, off int, first keyRef) *scanError {
	e := s.dupKey(depth, k, off, first.off)
	if string(first.b) != string(k) {
		e.other = string(first.b)
	}
	return e
}

// foldKey maps keys that bytes.EqualFold finds equal to one string.
func foldKey(k []byte) string {
	return strings.ToLower(strings.ToUpper(string(k)))
}

func (s *scanner) dupKey(depth int, k []byte, off, first int) *scanError {
	// The path names the object holding the key, so drop the key itself.
	s.frames[depth-1].cur = nil
	p := s.path(depth - 1)
	return &scanError{kind: errDupKey, off: off, first: first, text: string(k), path: p}
}

func (s *scanner) topKey(k []byte) {
	s.res.nKeys++
	if bit, ok := topKeyBits[string(k)]; ok {
		s.res.keys |= bit
		return
	}
	if len(s.res.otherKeys) < 6 {
		s.res.otherKeys = append(s.res.otherKeys, string(k))
	}
}

func unescapeKey(quoted []byte) []byte {
	var str string
	if json.Unmarshal(quoted, &str) != nil {
		return quoted // cannot happen: str already checked the escapes
	}
	return []byte(str)
}

const (
	lsb = 0x0101010101010101
	msb = 0x8080808080808080
)

// plain8 reports whether none of the 8 bytes in w needs a closer look inside
// a string: no '"', no '\\', no control character and no non-ASCII byte.
func plain8(w uint64) bool {
	q := w ^ (lsb * '"')
	b := w ^ (lsb * '\\')
	return ((q-lsb)&^q|(b-lsb)&^b|(w-lsb*0x20)&^w|w)&msb == 0
}

// str scans the string starting with the quote at data[i] and returns the
// offset just after its closing quote, and whether it has escapes.
func (s *scanner) str(i, depth int) (int, bool, *scanError) {
	data := s.data
	n := len(data)
	start := i
	esc := false
	i++
	for {
		for i+8 <= n && plain8(binary.LittleEndian.Uint64(data[i:])) {
			i += 8
		}
		if i >= n {
			return i, esc, s.truncated(depth, start)
		}
		c := data[i]
		switch {
		case c == '"':
			return i + 1, esc, nil
		case c == '\\':
			esc = true
			if i+1 >= n {
				return i, esc, s.truncated(depth, start)
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				for j := i + 2; j < i+6; j++ {
					if j >= n {
						return i, esc, s.truncated(depth, start)
					}
					if !isHex(data[j]) {
						return i, esc, &scanError{kind: errEscape, off: i, text: escText(data[i : j+1]), path: s.path(depth)}
					}
				}
				i += 6
			default:
				return i, esc, &scanError{kind: errEscape, off: i, text: escText(data[i:min(i+2, n)]), path: s.path(depth)}
			}
		case c < 0x20:
			return i, esc, &scanError{kind: errControl, off: i, text: strconv.QuoteRune(rune(c)), path: s.path(depth)}
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size == 1 {
				return i, esc, &scanError{kind: errInvalidUTF8, off: i, path: s.path(depth)}
			}
			i += size
		}
	}
}

func escText(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

func isHex(c byte) bool {
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (s *scanner) lit(i int, word string, depth int) (int, *scanError) {
	data := s.data
	for j := 0; j < len(word); j++ {
		if i+j >= len(data) {
			return i, s.truncated(depth, -1)
		}
		if data[i+j] != word[j] {
			return i, s.syntax(i+j, depth, strconv.Quote(word))
		}
	}
	return i + len(word), nil
}

// number scans a JSON number at data[i] and refuses one that does not fit
// a float64 (1e400): json.Number would keep the text, but nothing downstream
// could use the value.
func (s *scanner) number(i, depth int) (int, *scanError) {
	data := s.data
	n := len(data)
	start := i
	if data[i] == '-' {
		i++
	}
	if i >= n {
		return i, s.truncated(depth, -1)
	}
	switch c := data[i]; {
	case c == '0':
		i++
	case c >= '1' && c <= '9':
		i++
		for i < n && isDigit(data[i]) {
			i++
		}
	default:
		return i, s.syntax(i, depth, "a digit")
	}
	intDigits := i - start
	if i < n && data[i] == '.' {
		i++
		if i >= n {
			return i, s.truncated(depth, -1)
		}
		if !isDigit(data[i]) {
			return i, s.syntax(i, depth, "a digit after '.'")
		}
		for i < n && isDigit(data[i]) {
			i++
		}
	}
	exp := false
	if i < n && (data[i] == 'e' || data[i] == 'E') {
		exp = true
		i++
		if i < n && (data[i] == '+' || data[i] == '-') {
			i++
		}
		if i >= n {
			return i, s.truncated(depth, -1)
		}
		if !isDigit(data[i]) {
			return i, s.syntax(i, depth, "a digit in the exponent")
		}
		for i < n && isDigit(data[i]) {
			i++
		}
	}
	if exp || intDigits > 300 {
		if _, err := strconv.ParseFloat(string(data[start:i]), 64); err != nil {
			return i, &scanError{kind: errNumRange, off: start, text: string(data[start:i]), path: s.path(depth)}
		}
	}
	return i, nil
}

func (s *scanner) truncated(depth, strStart int) *scanError {
	return &scanError{kind: errTruncated, off: len(s.data), first: strStart, open: depth, path: s.path(depth)}
}

// syntax reports an unexpected byte at i; pathDepth is how many of the open
// containers make up the path of the enclosing value.
func (s *scanner) syntax(i, pathDepth int, want string) *scanError {
	return &scanError{kind: errSyntax, off: i, text: want, path: s.path(pathDepth), firstVal: pathDepth == 0 && i == skipWS(s.data, 0)}
}

// path renders the position inside the open containers frames[:depth] in
// the style resource_changes[3].change.after. It only runs for errors.
func (s *scanner) path(depth int) string {
	var parts []string
	for _, f := range s.frames[:depth] {
		if f.obj {
			if f.cur == nil {
				break
			}
			k := string(f.cur)
			if plainKey(k) {
				parts = append(parts, "."+k)
			} else {
				parts = append(parts, "["+strconv.Quote(clip(k, 40))+"]")
			}
		} else {
			parts = append(parts, "["+strconv.Itoa(f.idx)+"]")
		}
	}
	if len(parts) > 12 {
		parts = append(append(parts[:8:8], fmt.Sprintf("…(%d levels)…", len(parts)-11)), parts[len(parts)-3:]...)
	}
	return strings.TrimPrefix(strings.Join(parts, ""), ".")
}

func plainKey(k string) bool {
	if k == "" || len(k) > 64 {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c == '_' || c == '-' || c == '@' || isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'z')) {
			return false
		}
	}
	return true
}

// clip shortens s to at most n bytes (on a rune boundary), marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
