package planfile

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// Options control Load.
type Options struct {
	// Stdin is read for the path "-"; nil means os.Stdin.
	Stdin io.Reader
	// Terraform is the terraform binary used for binary plan files; ""
	// looks up "terraform" on PATH.
	Terraform string
	// Want is "" to accept a plan or a state, or KindPlan or KindState to
	// refuse the other kind.
	Want Kind
}

// peekSize is how much of the input is looked at before reading it whole.
const peekSize = 64 << 10

// Load reads a plan or state from the file at path, or from opts.Stdin when
// path is "-". The content decides what it is, never the file name: a zip
// archive is a binary plan file, converted by running
// terraform -chdir=DIR show -json FILE; anything else must be the JSON
// output of terraform show -json (see the package documentation).
//
// Every problem of the input is reported as an *InputError.
func Load(path string, opts Options) (*Document, error) {
	if err := checkWant(opts.Want); err != nil {
		return nil, err
	}
	if path == "-" {
		r := opts.Stdin
		if r == nil {
			r = os.Stdin
		}
		return load(r, path, -1, false, opts)
	}
	if path == "" {
		return nil, inputErr("", "no input file given")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, inputErr(path, "cannot open: "+ioMessage(err))
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, inputErr(path, "cannot open: "+ioMessage(err))
	}
	if fi.IsDir() {
		return nil, inputErr(path, "is a directory, expected a plan or state file (the output of terraform show -json)")
	}
	size := int64(-1)
	if fi.Mode().IsRegular() {
		size = fi.Size()
	}
	return load(f, path, size, true, opts)
}

// load reads r. size is the file size when known, else -1. Leading
// whitespace is skipped through a small buffer, so input made only of
// whitespace is refused without holding it in memory; the rest is read into
// one buffer of the right size (for regular files) and decoded from there.
func load(r io.Reader, path string, size int64, isFile bool, opts Options) (*Document, error) {
	ep := errPath(path)
	br := bufio.NewReaderSize(r, peekSize)
	head, atEOF, err := peek(br)
	if err != nil {
		return nil, inputErr(ep, "read error: "+ioMessage(err))
	}
	if len(head) == 0 {
		return nil, inputErr(ep, "empty input")
	}
	if bytes.HasPrefix(head, zipMagic) {
		if !isFile {
			return nil, inputErr(ep, "binary plan file on standard input: pass its path instead, or the output of terraform show -json")
		}
		return loadBinaryPlan(path, opts)
	}

	enc, bom := detectBOM(head)
	var discarded int64 // bytes dropped from the front (BOM and whitespace)
	var org origin      // where the bytes after them are
	skip := bom
	first := -1 // offset in head of the first byte that is not whitespace
	for {
		if j := firstNonSpace(head[skip:], enc); j >= 0 {
			first = skip + j
			break
		}
		if atEOF {
			if discarded == 0 && len(head) == bom {
				return nil, inputErr(ep, "empty input (only a byte-order mark)")
			}
			return nil, inputErr(ep, "empty input (only whitespace)")
		}
		// head is all whitespace (after any BOM) and full: drop it.
		org.advance(head[skip:], enc)
		n, _ := br.Discard(len(head))
		discarded += int64(n)
		skip = 0
		if head, atEOF, err = peek(br); err != nil {
			return nil, inputErr(ep, "read error: "+ioMessage(err))
		}
	}

	start := bom // data[start:] is decoded
	org.off = int64(bom)
	if discarded > 0 {
		start, org.off = 0, discarded
	}
	if enc == encUTF8 && !startsValue(head[first]) {
		// Not JSON (or UTF-16 without BOM, gzip, ...): the first bytes
		// are enough to say so; do not read a large binary file.
		if _, err := decode(head[start:], ep, opts.Want, enc, org); err != nil {
			return nil, err
		}
	}

	var data []byte
	if size >= 0 {
		data, err = readSized(br, size-discarded)
	} else {
		data, err = io.ReadAll(br)
	}
	if err != nil {
		return nil, inputErr(ep, "read error: "+ioMessage(err))
	}
	total := discarded + int64(len(data))
	if start > len(data) { // the file shrank while we read it
		start = len(data)
	}
	doc, err := decode(data[start:], ep, opts.Want, enc, org)
	adviseDone(data)
	if err != nil {
		return nil, err
	}
	doc.Path = path
	doc.Size = total
	return doc, nil
}

// peek returns up to peekSize bytes without consuming them and whether they
// reach the end of the input.
func peek(br *bufio.Reader) ([]byte, bool, error) {
	head, err := br.Peek(peekSize)
	switch {
	case err == nil:
		return head, false, nil
	case errors.Is(err, io.EOF):
		return head, true, nil
	}
	return nil, false, err
}

// readSized reads the rest of a file expected to hold n more bytes into a
// buffer of that size, coping with files that change while being read.
func readSized(r io.Reader, n int64) ([]byte, error) {
	if n < 0 {
		n = 0
	}
	if n > math.MaxInt-1 {
		return nil, errors.New("file too large")
	}
	data := make([]byte, n)
	adviseHuge(data) // see hugepages_linux.go
	got, err := io.ReadFull(r, data)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return data[:got], nil
	case err != nil:
		return nil, err
	}
	// The file may have grown since it was stat'ed.
	var one [1]byte
	m, err := r.Read(one[:])
	if m == 0 && (err == nil || errors.Is(err, io.EOF)) {
		return data, nil
	}
	if m == 0 {
		return nil, err
	}
	rest, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	data = append(data, one[0])
	return append(data, rest...), nil
}

// advance moves o past ws: complete units of whitespace in the given
// encoding. Those units are all ASCII, so a '\n' byte is a line break.
func (o *origin) advance(ws []byte, enc encoding) {
	unit := 1
	if enc != encUTF8 {
		unit = 2
	}
	units := int64(len(ws) / unit)
	if n := bytes.Count(ws, []byte{'\n'}); n == 0 {
		o.col += units
	} else {
		o.line += int64(n)
		o.col = units - int64(bytes.LastIndexByte(ws, '\n')/unit) - 1
	}
	o.convOff += units
}

// firstNonSpace returns the offset of the first unit of b that is not JSON
// whitespace, or -1. It looks at 8 bytes at a time, for huge runs of spaces.
func firstNonSpace(b []byte, enc encoding) int {
	unit, lo, hi := 1, 0, 0
	var loBits, hiBits uint64 = msb, 0 // bytes that must be whitespace, zero
	switch enc {
	case encUTF16LE:
		unit, lo, hi = 2, 0, 1
		loBits, hiBits = 0x0080008000800080, 0x8000800080008000
	case encUTF16BE:
		unit, lo, hi = 2, 1, 0
		loBits, hiBits = 0x8000800080008000, 0x0080008000800080
	}
	i := 0
	for ; i+8 <= len(b); i += 8 {
		w := binary.LittleEndian.Uint64(b[i:])
		if wsBytes(w)&loBits != loBits || zeroBytes(w)&hiBits != hiBits {
			break
		}
	}
	for ; i < len(b); i += unit {
		if i+unit > len(b) || !isSpace(b[i+lo]) || (unit == 2 && b[i+hi] != 0) {
			return i
		}
	}
	return -1
}

// zeroBytes sets the high bit of each byte of the result where x has a zero
// byte, exactly (no false positives).
func zeroBytes(x uint64) uint64 {
	const m = 0x7f7f7f7f7f7f7f7f
	return ^(((x & m) + m) | x | m)
}

// wsBytes sets the high bit of each byte where w has JSON whitespace.
func wsBytes(w uint64) uint64 {
	return zeroBytes(w^(lsb*' ')) | zeroBytes(w^(lsb*'\n')) | zeroBytes(w^(lsb*'\r')) | zeroBytes(w^(lsb*'\t'))
}

// startsValue reports whether c can start a JSON value.
func startsValue(c byte) bool {
	switch c {
	case '{', '[', '"', '-', 't', 'f', 'n':
		return true
	}
	return c >= '0' && c <= '9'
}

func ioMessage(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

const needTerraform = "binary plan file needs terraform on PATH to read it (or pass the output of terraform show -json)"

// loadBinaryPlan converts a binary plan file with
// terraform -chdir=DIR show -json FILE, the only process privapi runs.
func loadBinaryPlan(path string, opts Options) (*Document, error) {
	ep := errPath(path)
	bin := opts.Terraform
	if bin == "" {
		bin = "terraform"
	}
	exe, err := exec.LookPath(bin)
	if err != nil {
		if opts.Terraform == "" {
			return nil, inputErr(ep, needTerraform)
		}
		return nil, inputErr(ep, fmt.Sprintf("binary plan file needs terraform to read it, but %s was not found (or pass the output of terraform show -json)", opts.Terraform))
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, inputErr(ep, "cannot resolve path: "+err.Error())
	}
	cmd := exec.Command(exe, "-chdir="+filepath.Dir(abs), "show", "-json", abs)
	var stdout bytes.Buffer
	stderr := &headBuffer{max: 64 << 10}
	cmd.Stdout, cmd.Stderr = &stdout, stderr
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			return nil, inputErr(ep, "cannot run terraform show -json: "+ioMessage(err))
		}
		msg := "terraform show -json failed (" + ee.ProcessState.String() + ")"
		if line := firstLine(stderr.String()); line != "" {
			msg += ": " + line
		}
		return nil, inputErr(ep, msg)
	}
	out := stdout.Bytes()
	enc, bom := detectBOM(out)
	doc, err := decode(out[bom:], ep, opts.Want, enc, origin{off: int64(bom)})
	if err != nil {
		var ie *InputError
		if errors.As(err, &ie) {
			return nil, inputErr(ep, "output of terraform show -json: "+ie.Msg)
		}
		return nil, err
	}
	doc.Path = path
	doc.Size = int64(len(out))
	return doc, nil
}

// headBuffer keeps the first max bytes written to it and drops the rest.
type headBuffer struct {
	buf bytes.Buffer
	max int
}

func (h *headBuffer) Write(p []byte) (int, error) {
	if room := h.max - h.buf.Len(); room > 0 {
		h.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (h *headBuffer) String() string { return h.buf.String() }

var ansiEscape = regexp.MustCompile(`\x1b\[[0-9;?]*[ -/]*[@-~]`)

// firstLine returns the line of terraform's stderr that says what went
// wrong, without colours and without the ╷ │ ╵ frame around diagnostics:
// the first "Error: …" line when there is one (terraform may print
// warnings, or "There are some problems with the CLI configuration:",
// before it), else the first line that says something.
func firstLine(s string) string {
	s = ansiEscape.ReplaceAllString(s, "")
	first := ""
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(strings.Trim(strings.TrimSpace(line), "╷│╵"))
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "Error:") {
			first = line
			break
		}
		if first == "" {
			first = line
		}
	}
	return clip(strings.ToValidUTF8(first, "\uFFFD"), 200)
}
