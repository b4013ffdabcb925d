package topology

// OriginsOf lists, for external tests, the origins of argument name of the
// API's resource ("address attr" each), and whether the list is complete.
func OriginsOf(v *View, a *API, name string) ([]string, bool) {
	leaves, complete := v.origins(a.inst, name)
	var out []string
	for _, o := range leaves {
		out = append(out, o.inst.Address+" "+o.Attr)
	}
	return out, complete
}

// FreshPaths indexes a built view again, reading every client's
// configuration from the model (Build reuses what the client scan read).
func FreshPaths(v *View) *Paths { return newPaths(v) }

// FormsFromAllTexts finds the forms of a client for an API by scanning
// every string and reference of its configuration (nothing precomputed,
// no text left out); ok is false for a client without configuration.
func FormsFromAllTexts(v *View, c *Client, a *API) (InvokeForms, bool) {
	if c.inst == nil || v.m == nil {
		return InvokeForms{}, false
	}
	p := newPaths(v)
	var texts []clientText
	for _, inst := range clientInstances(v.m, c, &partIndex{}) {
		texts = append(texts, configTexts(v.m, inst)...)
	}
	p.texts[c] = texts
	return p.invokeFormsOf(c, a), true
}
