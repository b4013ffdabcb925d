package genplan

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
)

// A template is JSON text with holes: placeholders "@NAME@" where NAME is
// one of the slot names given to compile. Writing it fills each hole with
// the value of its slot, so one replica costs a few copies instead of a
// json.Marshal of the seed.
type template struct {
	lits  [][]byte // len(lits) == len(holes)+1
	holes []int    // slot index of each hole
}

// ph returns the placeholder text of a slot name.
func ph(name string) string { return "@" + name + "@" }

// marshal encodes v as compact JSON, the way terraform show -json does
// (encoding/json with HTML escaping).
func marshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("genplan: marshal: %v", err))
	}
	return b
}

// compile splits JSON text at the placeholders of the given slots.
func compile(text []byte, slots []string) template {
	index := make(map[string]int, len(slots))
	for i, s := range slots {
		index[s] = i
	}
	var t template
	start := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '@' {
			continue
		}
		end := bytes.IndexByte(text[i+1:], '@')
		if end < 0 {
			break
		}
		slot, ok := index[string(text[i+1:i+1+end])]
		if !ok {
			continue
		}
		t.lits = append(t.lits, text[start:i])
		t.holes = append(t.holes, slot)
		i += end + 1
		start = i + 1
	}
	t.lits = append(t.lits, text[start:])
	return t
}

// write writes the template with vals[slot] in each hole.
func (t template) write(w *bufio.Writer, vals []string) {
	for i, h := range t.holes {
		w.Write(t.lits[i])
		w.WriteString(vals[h])
	}
	w.Write(t.lits[len(t.lits)-1])
}

func (t template) empty() bool { return len(t.lits) == 0 || len(t.holes) == 0 && len(t.lits[0]) == 0 }
