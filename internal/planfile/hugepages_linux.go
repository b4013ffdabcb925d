package planfile

import (
	"syscall"
	"unsafe"
)

// The input is read into one buffer of the file's size (~150 MB for a
// 100k-resource plan), which the scanner then reads from end to end. On
// Linux with transparent huge pages in "madvise" mode (the common default)
// that buffer is mapped 4 KB page by page: tens of thousands of page faults
// while reading, and on virtual machines a second fault per page when the
// scanner first reads it, which together cost as much CPU as the scan
// itself. Advising huge pages for the buffer's 2 MB-aligned interior maps
// it 2 MB at a time. The advice is withdrawn once the input is decoded, so
// that the memory the runtime later reuses for other objects is paged as
// before. Both calls only advise: an error changes nothing.

// hugeMin is the smallest buffer advised (smaller ones fault little).
const hugeMin = 8 << 20

const hugePage = 2 << 20

// hugeInterior returns the part of b made of whole 2 MB-aligned pages.
func hugeInterior(b []byte) []byte {
	if len(b) < hugeMin {
		return nil
	}
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	off := int((p+hugePage-1)&^(hugePage-1) - p)
	if off >= len(b) {
		return nil
	}
	n := (len(b) - off) &^ (hugePage - 1)
	return b[off : off+n]
}

// adviseHuge asks for huge pages for b, before it is first written.
func adviseHuge(b []byte) {
	if h := hugeInterior(b); len(h) > 0 {
		_ = syscall.Madvise(h, syscall.MADV_HUGEPAGE)
	}
}

// adviseDone withdraws adviseHuge's advice.
func adviseDone(b []byte) {
	if h := hugeInterior(b); len(h) > 0 {
		_ = syscall.Madvise(h, syscall.MADV_NOHUGEPAGE)
	}
}
