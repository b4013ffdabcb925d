package iampolicy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
)

// Parse reads a policy from JSON text.
func Parse(doc []byte) (*Policy, error) {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("policy is not JSON: %v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("policy is not JSON: text after the document")
	}
	return FromValue(v)
}

// FromValue reads a policy from an already decoded JSON value made of
// map[string]any, []any, string, bool, json.Number, float64 and nil. JSON
// null counts as an absent element.
func FromValue(v any) (*Policy, error) {
	top, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("policy must be a JSON object, got %s", describe(v))
	}
	p := &Policy{}
	var err error
	for _, k := range sortedStrings(top) {
		val := top[k]
		if val == nil {
			continue
		}
		switch k {
		case "Version":
			p.Version, err = stringElement(val, "Version")
		case "Id":
			p.ID, err = stringElement(val, "Id")
		case "Statement":
			p.Statements, err = parseStatements(val)
		default:
			err = fmt.Errorf("unknown policy element %q (want Version, Id, Statement)", k)
		}
		if err != nil {
			return nil, err
		}
	}
	if top["Statement"] == nil {
		return nil, errors.New("policy has no Statement")
	}
	return p, nil
}

func parseStatements(v any) ([]Statement, error) {
	var raw []any
	switch t := v.(type) {
	case map[string]any:
		raw = []any{t}
	case []any:
		raw = t
	default:
		return nil, fmt.Errorf("Statement must be a list or an object, got %s", describe(v))
	}
	out := make([]Statement, 0, len(raw))
	for i, r := range raw {
		obj, ok := r.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("statement #%d must be an object, got %s", i+1, describe(r))
		}
		s, err := parseStatement(obj, i)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func parseStatement(obj map[string]any, index int) (Statement, error) {
	s := Statement{Index: index}
	for _, k := range sortedStrings(obj) {
		v := obj[k]
		if v == nil {
			continue
		}
		if err := s.setElement(k, v); err != nil {
			return Statement{}, fmt.Errorf("statement #%d: %w", index+1, err)
		}
	}
	if err := s.validate(); err != nil {
		return Statement{}, fmt.Errorf("statement #%d: %w", index+1, err)
	}
	return s, nil
}

func (s *Statement) setElement(k string, v any) error {
	var err error
	switch k {
	case "Sid":
		s.Sid, err = stringElement(v, "Sid")
	case "Effect":
		s.Effect, err = parseEffect(v)
	case "Principal":
		s.Principal, err = parsePrincipal(v, "Principal")
	case "NotPrincipal":
		s.NotPrincipal, err = parsePrincipal(v, "NotPrincipal")
	case "Action":
		s.Action, err = patternList(v, "Action")
	case "NotAction":
		s.NotAction, err = patternList(v, "NotAction")
	case "Resource":
		s.Resource, err = patternList(v, "Resource")
	case "NotResource":
		s.NotResource, err = patternList(v, "NotResource")
	case "Condition":
		s.Conditions, err = parseConditions(v)
	default:
		err = fmt.Errorf("unknown statement element %q (want Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition)", k)
	}
	return err
}

func (s *Statement) validate() error {
	switch {
	case s.Effect == "":
		return errors.New("no Effect")
	case s.Action != nil && s.NotAction != nil:
		return errors.New("both Action and NotAction")
	case s.Action == nil && s.NotAction == nil:
		return errors.New("neither Action nor NotAction")
	case s.Resource != nil && s.NotResource != nil:
		return errors.New("both Resource and NotResource")
	case s.Principal != nil && s.NotPrincipal != nil:
		return errors.New("both Principal and NotPrincipal")
	}
	return nil
}

func parseEffect(v any) (string, error) {
	e, err := stringElement(v, "Effect")
	if err != nil {
		return "", err
	}
	if e != Allow && e != Deny {
		return "", fmt.Errorf("unknown Effect %q (want %q or %q)", e, Allow, Deny)
	}
	return e, nil
}

func parsePrincipal(v any, what string) (*Principal, error) {
	switch t := v.(type) {
	case string:
		if t != "*" {
			return nil, fmt.Errorf("%s must be \"*\" or an object, got %q", what, t)
		}
		return &Principal{Wildcard: true}, nil
	case map[string]any:
		p := &Principal{Values: make(map[string][]string, len(t))}
		for _, typ := range sortedStrings(t) {
			list, err := scalarList(t[typ], what+"."+typ)
			if err != nil {
				return nil, err
			}
			p.Values[typ] = list
		}
		return p, nil
	}
	return nil, fmt.Errorf("%s must be \"*\" or an object, got %s", what, describe(v))
}

// patternList reads Action, NotAction, Resource or NotResource: a string or
// a non-empty list of strings.
func patternList(v any, what string) ([]string, error) {
	switch t := v.(type) {
	case string:
		return []string{t}, nil
	case []any:
		if len(t) == 0 {
			return nil, fmt.Errorf("%s is an empty list", what)
		}
		out := make([]string, len(t))
		for i, e := range t {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("%s[%d] must be a string, got %s", what, i, describe(e))
			}
			out[i] = s
		}
		return out, nil
	}
	return nil, fmt.Errorf("%s must be a string or a list of strings, got %s", what, describe(v))
}

func parseConditions(v any) ([]Condition, error) {
	block, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("Condition must be an object, got %s", describe(v))
	}
	var out []Condition
	for _, opName := range sortedStrings(block) {
		keys := block[opName]
		op, err := ParseOperator(opName)
		if err != nil {
			return nil, err
		}
		entries, ok := keys.(map[string]any)
		if !ok {
			//lint:ignore ST1005 the message starts with the policy element's name, Condition
			return nil, fmt.Errorf("Condition.%s must be an object of condition keys, got %s", opName, describe(keys))
		}
		for _, key := range sortedStrings(entries) {
			values, err := scalarList(entries[key], "Condition."+opName+"."+key)
			if err != nil {
				return nil, err
			}
			out = append(out, Condition{Operator: opName, Op: op, Key: key, Values: values})
		}
	}
	sortConditions(out)
	return out, nil
}

func sortConditions(cs []Condition) {
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Operator != cs[j].Operator {
			return cs[i].Operator < cs[j].Operator
		}
		return cs[i].Key < cs[j].Key
	})
}

// scalarList reads a scalar or a list of scalars as strings.
func scalarList(v any, what string) ([]string, error) {
	if list, ok := v.([]any); ok {
		out := make([]string, len(list))
		for i, e := range list {
			s, ok := scalarText(e)
			if !ok {
				return nil, fmt.Errorf("%s[%d] must be a string, number or boolean, got %s", what, i, describe(e))
			}
			out[i] = s
		}
		return out, nil
	}
	s, ok := scalarText(v)
	if !ok {
		return nil, fmt.Errorf("%s must be a string, number, boolean or a list of them, got %s", what, describe(v))
	}
	return []string{s}, nil
}

func scalarText(v any) (string, bool) {
	switch t := v.(type) {
	case string:
		return t, true
	case bool:
		return strconv.FormatBool(t), true
	case json.Number:
		return t.String(), true
	case float64:
		return strconv.FormatFloat(t, 'f', -1, 64), true
	case int:
		return strconv.Itoa(t), true
	case int64:
		return strconv.FormatInt(t, 10), true
	}
	return "", false
}

func stringElement(v any, what string) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", fmt.Errorf("%s must be a string, got %s", what, describe(v))
	}
	return s, nil
}

// describe names the JSON type of v for error messages.
func describe(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case string:
		if len(t) > 40 {
			t = t[:40] + "…"
		}
		return strconv.Quote(t)
	case bool:
		return "a boolean"
	case json.Number, float64, int, int64:
		return "a number"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", v), "*")
}
