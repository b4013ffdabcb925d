package config

import (
	"path/filepath"
	"testing"
	"time"
)

// TestLoadSpecialFile: the default .privapi.hcl comes from the checkout
// under test, so it is untrusted. One that is a named pipe (or a symlink to
// /dev/zero, which would exhaust memory the same way) must give an error,
// not a hang.
func TestLoadSpecialFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), DefaultFile)
	if err := mkfifo(path); err != nil {
		t.Skip("cannot make a named pipe:", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := Load(path, nil)
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil {
			t.Error("a named pipe loads as a configuration")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Load of a named pipe did not return in 5s")
	}
}
