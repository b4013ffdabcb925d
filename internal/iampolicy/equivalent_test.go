package iampolicy

import "testing"

func TestEquivalent(t *testing.T) {
	base := `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"},
		{"Sid":"D","Effect":"Deny","Principal":{"AWS":["a","b"]},"Action":["execute-api:Invoke","execute-api:InvalidateCache"],"Resource":["execute-api:/*"],
		 "Condition":{"StringNotEquals":{"aws:SourceVpce":["vpce-1","vpce-2"]},"Bool":{"aws:SecureTransport":true}}}]}`
	tests := []struct {
		name  string
		other string
		x     ExpandContext
		want  bool
	}{
		{"same", base, apiX, true},
		{"formatting, key order, scalars vs lists, value order, statement order, expansion", `{
			"Statement": [
				{"Condition": {"Bool": {"aws:SecureTransport": "true"}, "StringNotEquals": {"aws:SourceVpce": ["vpce-2", "vpce-1", "vpce-1"]}},
				 "Resource": "arn:aws:execute-api:us-east-1:123456789012:abc123/*",
				 "Action": ["execute-api:InvalidateCache", "execute-api:Invoke"], "Principal": {"AWS": ["b", "a"]}, "Effect": "Deny", "Sid": "D"},
				{"Resource": ["arn:aws:execute-api:us-east-1:123456789012:abc123/*"], "Action": ["execute-api:Invoke"], "Principal": "*", "Effect": "Allow"}
			],
			"Version": "2012-10-17"}`, apiX, true},
		{"expansion needs the same API", `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:123456789012:other/*"},
			{"Sid":"D","Effect":"Deny","Principal":{"AWS":["a","b"]},"Action":["execute-api:Invoke","execute-api:InvalidateCache"],"Resource":["execute-api:/*"],
			 "Condition":{"StringNotEquals":{"aws:SourceVpce":["vpce-1","vpce-2"]},"Bool":{"aws:SecureTransport":true}}}]}`, apiX, false},
		{"unknown API id cannot match an expansion", `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:us-east-1:123456789012:abc123/*"},
			{"Sid":"D","Effect":"Deny","Principal":{"AWS":["a","b"]},"Action":["execute-api:Invoke","execute-api:InvalidateCache"],"Resource":["execute-api:/*"],
			 "Condition":{"StringNotEquals":{"aws:SourceVpce":["vpce-1","vpce-2"]},"Bool":{"aws:SecureTransport":true}}}]}`,
			ExpandContext{Partition: "aws", Region: "us-east-1", Account: "123456789012"}, false},
		{"other endpoint", `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"},
			{"Sid":"D","Effect":"Deny","Principal":{"AWS":["a","b"]},"Action":["execute-api:Invoke","execute-api:InvalidateCache"],"Resource":["execute-api:/*"],
			 "Condition":{"StringNotEquals":{"aws:SourceVpce":["vpce-1","vpce-3"]},"Bool":{"aws:SecureTransport":true}}}]}`, apiX, false},
		{"star vs AWS star", `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"execute-api:Invoke","Resource":"execute-api:/*"},
			{"Sid":"D","Effect":"Deny","Principal":{"AWS":["a","b"]},"Action":["execute-api:Invoke","execute-api:InvalidateCache"],"Resource":["execute-api:/*"],
			 "Condition":{"StringNotEquals":{"aws:SourceVpce":["vpce-1","vpce-2"]},"Bool":{"aws:SecureTransport":true}}}]}`, apiX, false},
		{"missing version", `{"Statement":[
			{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"},
			{"Sid":"D","Effect":"Deny","Principal":{"AWS":["a","b"]},"Action":["execute-api:Invoke","execute-api:InvalidateCache"],"Resource":["execute-api:/*"],
			 "Condition":{"StringNotEquals":{"aws:SourceVpce":["vpce-1","vpce-2"]},"Bool":{"aws:SecureTransport":true}}}]}`, apiX, false},
		{"extra statement", `{"Version":"2012-10-17","Statement":[
			{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"},
			{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"},
			{"Sid":"D","Effect":"Deny","Principal":{"AWS":["a","b"]},"Action":["execute-api:Invoke","execute-api:InvalidateCache"],"Resource":["execute-api:/*"],
			 "Condition":{"StringNotEquals":{"aws:SourceVpce":["vpce-1","vpce-2"]},"Bool":{"aws:SecureTransport":true}}}]}`, apiX, false},
	}
	a := mustParse(t, base)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := mustParse(t, tt.other)
			if got := Equivalent(a, b, tt.x); got != tt.want {
				t.Errorf("Equivalent = %v, want %v", got, tt.want)
			}
			if got := Equivalent(b, a, tt.x); got != tt.want {
				t.Errorf("Equivalent (swapped) = %v, want %v", got, tt.want)
			}
		})
	}
	if Equivalent(a, nil, apiX) || !Equivalent(nil, nil, apiX) {
		t.Error("nil handling")
	}
}
