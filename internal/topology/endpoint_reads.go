package topology

import (
	"strings"

	"github.com/privapi/privapi/internal/model"
)

// EndpointConfigReads is what an API's endpoint_configuration reads,
// transitively: which endpoints it may take its vpc_endpoint_ids from when
// the plan leaves those ids unknown (reach's rule 1).
type EndpointConfigReads struct {
	// Bounded is false when a reference cannot be followed, or reaches
	// something that could carry an endpoint id other than an endpoint's
	// own: a data source or an attribute of another resource (not its id
	// or arn) that is not known now. Any endpoint may then be named.
	Bounded bool
	// Endpoints lists the endpoints of the view it references, in the
	// order reached, each once (set when Bounded).
	Endpoints []*Endpoint
	// Resources counts the aws_vpc_endpoint resource instances it
	// references, also those that are not endpoints of the view.
	Resources int
}

// endpointConfigReads records, for every API whose vpc_endpoint_ids
// neither the plan nor the configuration resolves (Paths.APIEndpointIDs),
// what its endpoint_configuration reads.
func (b *builder) endpointConfigReads() {
	byInst := make(map[*model.Instance]*Endpoint, len(b.v.Endpoints))
	for _, e := range b.v.Endpoints {
		if e.inst != nil {
			byInst[e.inst] = e
		}
	}
	for _, a := range b.v.APIs {
		if _, known := b.v.Paths().APIEndpointIDs(a); a.inst != nil && !known {
			a.EndpointConfigReads = endpointConfigReads(b.v, a.inst, byInst)
		}
	}
}

func endpointConfigReads(v *View, inst *model.Instance, byInst map[*model.Instance]*Endpoint) *EndpointConfigReads {
	leaves, complete := v.origins(inst, "endpoint_configuration")
	if !complete {
		return &EndpointConfigReads{}
	}
	out := &EndpointConfigReads{Bounded: true}
	referenced := map[*model.Instance]bool{}
	for _, o := range leaves {
		switch {
		case o.inst.Type == "aws_vpc_endpoint" && o.inst.Mode == "managed":
			if referenced[o.inst] {
				continue
			}
			referenced[o.inst] = true
			if e := byInst[o.inst]; e != nil {
				out.Endpoints = append(out.Endpoints, e)
			}
		case cannotNameEndpoint(o):
		case !o.inst.KnownNow():
			return &EndpointConfigReads{}
		}
	}
	out.Resources = len(referenced)
	return out
}

// cannotNameEndpoint reports whether a reference reads a value that is never
// an interface endpoint's id: the id or ARN of a managed resource of the AWS
// provider other than aws_vpc_endpoint (a subnet id is a subnet id).
func cannotNameEndpoint(o Origin) bool {
	return o.inst.Mode == "managed" && strings.HasPrefix(o.inst.Type, "aws_") && (o.Attr == "id" || o.Attr == "arn")
}
