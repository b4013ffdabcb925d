package model

// The after_unknown and after_sensitive trees of a plan repeat: every
// instance of a module, every resource of a type created alike, has the
// same fragment for an attribute (`[{"actions":[false],"condition":[...]}]`).
// Reading an attribute decodes its two fragments (FromJSON walks them beside
// the value); on plans of replicated modules that was as much decoding as
// the value itself. fragment decodes each distinct text once and hands the
// others the same tree: FromJSON and containsTrue only read it.

const (
	// maxFragment is the longest text kept; longer ones are decoded each time
	maxFragment = 1 << 10
	// maxFragments bounds how many texts are kept (at most ~2 MB of text
	// and its trees)
	maxFragments = 2048
)

// fragment returns member name of an after_unknown or after_sensitive value,
// decoded (nil when absent), as j.member does. m may be nil (an instance
// no model placed): nothing is kept then.
func (m *Model) fragment(j *jsonValue, name string) any {
	text, ok, indexed := j.memberText(name)
	if !indexed {
		v, _ := j.decodedMember(name)
		return v
	}
	if !ok {
		return nil
	}
	if m == nil || len(text) > maxFragment {
		return normalizeJSON(text)
	}
	m.fragmentsMu.Lock()
	defer m.fragmentsMu.Unlock()
	if v, ok := m.fragments[string(text)]; ok {
		return v
	}
	v := normalizeJSON(text)
	if m.fragments == nil {
		m.fragments = map[string]any{}
	}
	if len(m.fragments) < maxFragments {
		m.fragments[string(text)] = v
	}
	return v
}
