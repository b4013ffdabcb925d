package iampolicy

import (
	"bytes"
	"encoding/json"
	"sort"
)

// JSON renders p as compact, deterministic JSON: elements in the order
// Version, Id, Statement and Sid, Effect, Principal, NotPrincipal, Action,
// NotAction, Resource, NotResource, Condition; object keys sorted; lists in
// the order held, a one-element list written as a plain string. For a
// policy from Parse or Build, Parse of the result gives back an equal policy.
func (p *Policy) JSON() []byte {
	var b bytes.Buffer
	if p == nil {
		return []byte("null")
	}
	doc := newObject(&b)
	if p.Version != "" {
		doc.field("Version", func() { writeString(&b, p.Version) })
	}
	if p.ID != "" {
		doc.field("Id", func() { writeString(&b, p.ID) })
	}
	doc.field("Statement", func() {
		b.WriteByte('[')
		for i, s := range p.Statements {
			if i > 0 {
				b.WriteByte(',')
			}
			writeStatement(&b, s)
		}
		b.WriteByte(']')
	})
	doc.close()
	return b.Bytes()
}

func writeStatement(b *bytes.Buffer, s Statement) {
	o := newObject(b)
	if s.Sid != "" {
		o.field("Sid", func() { writeString(b, s.Sid) })
	}
	o.field("Effect", func() { writeString(b, s.Effect) })
	if s.Principal != nil {
		o.field("Principal", func() { writePrincipal(b, s.Principal) })
	}
	if s.NotPrincipal != nil {
		o.field("NotPrincipal", func() { writePrincipal(b, s.NotPrincipal) })
	}
	for _, e := range []struct {
		name string
		list []string
	}{
		{"Action", s.Action}, {"NotAction", s.NotAction},
		{"Resource", s.Resource}, {"NotResource", s.NotResource},
	} {
		if e.list != nil {
			o.field(e.name, func() { writeStrings(b, e.list) })
		}
	}
	if len(s.Conditions) > 0 {
		o.field("Condition", func() { writeConditions(b, s.Conditions) })
	}
	o.close()
}

func writePrincipal(b *bytes.Buffer, p *Principal) {
	if p.Wildcard {
		writeString(b, "*")
		return
	}
	o := newObject(b)
	for _, typ := range sortedStrings(p.Values) {
		o.field(typ, func() { writeStrings(b, p.Values[typ]) })
	}
	o.close()
}

func writeConditions(b *bytes.Buffer, cs []Condition) {
	grouped := map[string]map[string][]string{}
	for _, c := range cs {
		if grouped[c.Operator] == nil {
			grouped[c.Operator] = map[string][]string{}
		}
		grouped[c.Operator][c.Key] = append(grouped[c.Operator][c.Key], c.Values...)
	}
	ops := newObject(b)
	for _, op := range sortedStrings(grouped) {
		keys := grouped[op]
		ops.field(op, func() {
			o := newObject(b)
			for _, k := range sortedStrings(keys) {
				o.field(k, func() { writeStrings(b, keys[k]) })
			}
			o.close()
		})
	}
	ops.close()
}

// writeStrings writes one value as a string and anything else as a list.
func writeStrings(b *bytes.Buffer, list []string) {
	if len(list) == 1 {
		writeString(b, list[0])
		return
	}
	b.WriteByte('[')
	for i, s := range list {
		if i > 0 {
			b.WriteByte(',')
		}
		writeString(b, s)
	}
	b.WriteByte(']')
}

func writeString(b *bytes.Buffer, s string) {
	var tmp bytes.Buffer
	enc := json.NewEncoder(&tmp)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // encoding a string cannot fail
	b.Write(bytes.TrimSuffix(tmp.Bytes(), []byte("\n")))
}

// object writes the members of one JSON object.
type object struct {
	b *bytes.Buffer
	n int
}

func newObject(b *bytes.Buffer) *object {
	b.WriteByte('{')
	return &object{b: b}
}

func (o *object) field(name string, value func()) {
	if o.n > 0 {
		o.b.WriteByte(',')
	}
	o.n++
	writeString(o.b, name)
	o.b.WriteByte(':')
	value()
}

func (o *object) close() { o.b.WriteByte('}') }

func sortedStrings[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
