package iampolicy

import "encoding/json"

// CanonicalJSON renders a JSON document with sorted keys, one-element
// lists as their element, and execute-api:/ shorthands expanded (x): two
// documents that differ only in formatting render the same. It compares
// documents that Parse rejects; ok is false when the text is not JSON.
func CanonicalJSON(doc string, x ExpandContext) (string, bool) {
	var v any
	if json.Unmarshal([]byte(doc), &v) != nil {
		return "", false
	}
	var norm func(any) any
	norm = func(v any) any {
		switch t := v.(type) {
		case map[string]any:
			out := make(map[string]any, len(t))
			for k, e := range t {
				out[k] = norm(e)
			}
			return out
		case []any:
			if len(t) == 1 {
				return norm(t[0])
			}
			out := make([]any, len(t))
			for i, e := range t {
				out[i] = norm(e)
			}
			return out
		case string:
			return x.Expand(t)
		}
		return v
	}
	b, err := json.Marshal(norm(v))
	if err != nil {
		return "", false
	}
	return string(b), true
}
