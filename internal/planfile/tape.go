package planfile

// The decoders that walk the scanned input again (decodeChanges,
// plannedManaged) spend most of their time finding where the values they
// do not read end: the resource values, which are most of a plan. The
// scanner has found those ends already; it records the start and end of
// each container at least minSpan bytes long that sits inside a top-level
// section's elements (minSpanDepth containers around it), in input order,
// and a tape hands them to the walk.

const (
	// minSpan is the smallest container recorded: below it, counting
	// brackets again is cheap.
	minSpan = 128
	// minSpanDepth: containers inside the elements of a section (the top
	// level, the section and its element around them).
	minSpanDepth = 2
	// spanBytes: the scanner makes room for one span per spanBytes of
	// input (Terraform's plans have about one per 230 bytes).
	spanBytes = 192
)

// span is a container data[start:end] of the scanned input.
type span struct{ start, end int32 }

// tape reads spans for one walk that only moves forward through the data.
// A nil *tape finds ends by counting brackets.
type tape struct {
	spans []span // from the scanner, by start
	base  int    // offset in the scanned input of the data walked
	next  int    // spans[:next] start before where the walk is
}

// newTape returns a tape for the walk of data[base:].
func newTape(spans []span, base int) *tape {
	return &tape{spans: spans, base: base}
}

// skip returns the index after the value at data[i].
func (t *tape) skip(data []byte, i int) int {
	if t != nil && (data[i] == '{' || data[i] == '[') {
		pos := int64(t.base) + int64(i)
		for t.next < len(t.spans) && int64(t.spans[t.next].start) < pos {
			t.next++
		}
		if t.next < len(t.spans) && int64(t.spans[t.next].start) == pos {
			if end := int(t.spans[t.next].end) - t.base; end > i && end <= len(data) {
				return end
			}
		}
	}
	return skipValue(data, i)
}
