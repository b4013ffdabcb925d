//go:build !unix

package source_test

import "errors"

// mkfifo makes a named pipe at path (unix only).
func mkfifo(path string) error { return errors.New("named pipes need unix") }
