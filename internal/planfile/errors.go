package planfile

import "strings"

// InputError is a problem with the input itself: a missing or unreadable
// file, input that is not JSON, JSON that is not a Terraform plan or state,
// an unsupported format version, a binary plan file that terraform could not
// read. Every error returned by Load and Decode for a problem of the input is
// an *InputError; callers map it to exit code 2.
type InputError struct {
	Path string // the path as given, "<stdin>" for standard input
	Msg  string // one line, without the path
}

// Error returns "path: msg" on a single line.
func (e *InputError) Error() string {
	if e.Path == "" {
		return oneLine(e.Msg)
	}
	return oneLine(e.Path + ": " + e.Msg)
}

func inputErr(path, msg string) *InputError {
	return &InputError{Path: path, Msg: oneLine(msg)}
}

// oneLine replaces line breaks and other control characters by spaces so that
// a message always prints as a single line.
func oneLine(s string) string {
	if strings.IndexFunc(s, isControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return ' '
		}
		return r
	}, s)
}

func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' || (r >= 0x80 && r < 0xa0)
}
