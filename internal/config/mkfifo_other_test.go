//go:build !unix

package config

import "errors"

// mkfifo makes a named pipe at path (unix only).
func mkfifo(path string) error { return errors.New("named pipes need unix") }
