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
