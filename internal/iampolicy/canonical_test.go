package iampolicy

import "testing"

func TestCanonicalJSON(t *testing.T) {
	x := ExpandContext{Partition: "aws", Region: "us-east-1", Account: "123456789012", APIID: "abc123"}
	const apiARN = "arn:aws:execute-api:us-east-1:123456789012:abc123"
	a, ok1 := CanonicalJSON(`{"b":["x"],"a":{"d":1,"c":"execute-api:/*"}}`, x)
	b, ok2 := CanonicalJSON(`{"a":{"c":"`+apiARN+`/*","d":1},"b":"x"}`, x)
	if !ok1 || !ok2 || a != b {
		t.Errorf("canonical forms differ: %s vs %s", a, b)
	}
	c, _ := CanonicalJSON(`{"a":{"c":"x","d":2},"b":"x"}`, x)
	if c == a {
		t.Errorf("different documents render the same: %s", c)
	}
	if _, ok := CanonicalJSON("not json", x); ok {
		t.Error("non-JSON accepted")
	}
}
