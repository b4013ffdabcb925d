package planfile

import (
	"testing"
	"unsafe"
)

func TestHugeInterior(t *testing.T) {
	if h := hugeInterior(make([]byte, hugeMin-1)); h != nil {
		t.Errorf("a buffer below hugeMin was advised (%d bytes)", len(h))
	}
	b := make([]byte, 5*hugePage+12345)
	for _, c := range []struct{ from, to int }{{0, len(b)}, {1, len(b) - 1}, {4097, len(b)}} {
		s := b[c.from:c.to]
		if len(s) < hugeMin {
			continue
		}
		h := hugeInterior(s)
		start := uintptr(unsafe.Pointer(unsafe.SliceData(s)))
		hs := uintptr(unsafe.Pointer(unsafe.SliceData(h)))
		switch {
		case len(h) == 0 || len(h)%hugePage != 0 || hs%hugePage != 0:
			t.Errorf("[%d:%d]: interior of %d bytes at %#x is not whole aligned pages", c.from, c.to, len(h), hs)
		case hs < start || hs+uintptr(len(h)) > start+uintptr(len(s)):
			t.Errorf("[%d:%d]: interior outside the buffer", c.from, c.to)
		case hs-start >= hugePage || start+uintptr(len(s))-(hs+uintptr(len(h))) >= hugePage:
			t.Errorf("[%d:%d]: interior misses a whole page", c.from, c.to)
		}
	}
	// advising never fails in a way callers see, nor changes the bytes
	for i := range b {
		b[i] = byte(i)
	}
	adviseHuge(b)
	adviseDone(b)
	for i := range b {
		if b[i] != byte(i) {
			t.Fatalf("byte %d changed", i)
		}
	}
}
