package topology

// TypeAt returns the resource type of the instance at an absolute address
// of the input (the address a symbolic token names, e.g. "aws_vpc_endpoint"
// for aws_vpc_endpoint.api), or "" when the input has no such instance.
func (v *View) TypeAt(addr string) string {
	if v.m == nil {
		return ""
	}
	if inst := v.m.Instance(addr); inst != nil {
		return inst.Type
	}
	return ""
}
