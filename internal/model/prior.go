package model

import (
	"bytes"
	"encoding/json"

	"github.com/zclconf/go-cty/cty"
)

// An instance that apply creates has no value before apply (before is null,
// before_sensitive false): on plans of new stacks, nearly every instance.
// Its before value and before_sensitive were two jsonValues and a cty
// value on every Instance (a quarter of its size, kept for the whole run);
// they are a priorValue, made only for an instance that has a value before
// apply (or a sensitive mark on its null).

// priorValue is an instance's value before apply.
type priorValue struct {
	before, beforeSensitive jsonValue
	beforeVal               cty.Value
}

// newPrior returns the value before apply from its JSON (text or decoded)
// and before_sensitive; nil when the value is null and not marked.
func newPrior(before, sensitive any) *priorValue {
	if isJSONNull(before) && !markedTrue(sensitive) {
		return nil
	}
	return &priorValue{before: newJSONValue(before), beforeSensitive: newJSONValue(sensitive)}
}

// isJSONNull reports whether v is JSON null (absent, nil, or the text null).
func isJSONNull(v any) bool {
	switch x := v.(type) {
	case nil:
		return true
	case json.RawMessage:
		return x != nil && string(bytes.TrimSpace(x)) == "null"
	}
	return false
}

// markedTrue reports whether a before_sensitive value may mark anything:
// anything but absent, null and false.
func markedTrue(v any) bool {
	switch x := v.(type) {
	case nil:
		return false
	case bool:
		return x
	case json.RawMessage:
		t := string(bytes.TrimSpace(x))
		return x == nil || !(t == "false" || t == "null")
	}
	return true
}

// beforeJSON is the instance's value before apply (nil when there is none:
// JSON null).
func (i *Instance) beforeJSON() *jsonValue {
	if i.prior == nil {
		return nil
	}
	return &i.prior.before
}

// beforeSensitiveJSON is the instance's before_sensitive (nil with no
// value before apply).
func (i *Instance) beforeSensitiveJSON() *jsonValue {
	if i.prior == nil {
		return nil
	}
	return &i.prior.beforeSensitive
}
