//go:build !linux

package planfile

// adviseHuge and adviseDone advise huge pages on Linux only (see
// hugepages_linux.go).
func adviseHuge([]byte) {}
func adviseDone([]byte) {}
