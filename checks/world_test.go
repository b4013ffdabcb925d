package checks

import (
	"slices"
	"strings"
	"testing"

	"github.com/privapi/privapi/internal/topology"
	"github.com/privapi/privapi/internal/topology/topotest"
)

// The network and DNS checks' tests start from one small plan, the world,
// change one thing and build the view through the constructor real runs
// use (topotest: model.FromPlan, topology.BuildWith). TestViewsBuiltByTheConstructor
// keeps the tests from writing views by hand.
//
// The world is what `terraform plan` shows for this configuration, in
// us-east-1, before anything exists (every id is known only after apply):
//
//	resource "aws_vpc" "main" { cidr_block = "10.20.0.0/16", enable_dns_support = true, enable_dns_hostnames = true }
//	resource "aws_subnet" "endpoint" { count = 2, vpc_id = aws_vpc.main.id, cidr_block = "10.20.${count.index}.0/24", availability_zone = ["us-east-1a", "us-east-1b"][count.index] }
//	resource "aws_subnet" "app" { vpc_id = aws_vpc.main.id, cidr_block = "10.20.10.0/24", availability_zone = "us-east-1a" }
//	resource "aws_security_group" "client" {
//	  vpc_id = aws_vpc.main.id
//	  egress { protocol = "tcp", from_port = 443, to_port = 443, security_groups = [aws_security_group.endpoint.id] }
//	}
//	resource "aws_security_group" "endpoint" { vpc_id = aws_vpc.main.id }
//	resource "aws_vpc_security_group_ingress_rule" "r" {
//	  security_group_id = aws_security_group.endpoint.id, referenced_security_group_id = aws_security_group.client.id
//	  ip_protocol = "tcp", from_port = 443, to_port = 443
//	}
//	resource "aws_vpc_endpoint" "execute_api" {
//	  vpc_id = aws_vpc.main.id, service_name = "com.amazonaws.us-east-1.execute-api", vpc_endpoint_type = "Interface"
//	  subnet_ids = aws_subnet.endpoint[*].id, security_group_ids = [aws_security_group.endpoint.id], private_dns_enabled = true
//	}
//	resource "aws_api_gateway_rest_api" "api" {
//	  name = "api", disable_execute_api_endpoint = false
//	  endpoint_configuration { types = ["PRIVATE"], vpc_endpoint_ids = [aws_vpc_endpoint.execute_api.id] }
//	}
//	resource "aws_api_gateway_stage" "prod" { rest_api_id = aws_api_gateway_rest_api.api.id, stage_name = "prod", deployment_id = … }
//	resource "aws_instance" "client" {
//	  ami = "ami-0abc", subnet_id = aws_subnet.app.id, vpc_security_group_ids = [aws_security_group.client.id]
//	  user_data = "curl ${aws_api_gateway_stage.prod.invoke_url}/health"
//	}
const (
	wVPC      = "aws_vpc.main"
	wEPSub0   = "aws_subnet.endpoint[0]"
	wEPSub1   = "aws_subnet.endpoint[1]"
	wApp      = "aws_subnet.app"
	wClientSG = "aws_security_group.client"
	wEPSG     = "aws_security_group.endpoint"
	wEPRule   = "aws_vpc_security_group_ingress_rule.r"
	wEP       = "aws_vpc_endpoint.execute_api"
	wAPI      = "aws_api_gateway_rest_api.api"
	wStage    = "aws_api_gateway_stage.prod"
	wClient   = "aws_instance.client"
	wRegion   = "us-east-1"
)

// world is a plan being written: the resources, in plan order, and the
// run's other inputs.
type world struct {
	rs []*topotest.Resource
	// vars are the plan's input variables.
	vars map[string]any
	// regionless: the aws provider configuration sets no region (it comes
	// from the environment).
	regionless bool
	// declared are the endpoints and clients .privapi.hcl declares.
	declared topology.Declarations
}

func worldPlan() *world {
	w := &world{}
	vpc := created(wVPC, map[string]any{"cidr_block": "10.20.0.0/16", "enable_dns_support": true, "enable_dns_hostnames": true}, nil)
	vpc.Unknown = append(vpc.Unknown, "arn", "default_network_acl_id", "default_route_table_id", "default_security_group_id", "main_route_table_id", "owner_id")
	w.add(
		vpc,
		subnet(wEPSub0, wVPC, "10.20.0.0/24", "us-east-1a"),
		subnet(wEPSub1, wVPC, "10.20.1.0/24", "us-east-1b"),
		subnet(wApp, wVPC, "10.20.10.0/24", "us-east-1a"),
		group(wClientSG, wVPC),
		group(wEPSG, wVPC),
		ingress443(wEPRule, wEPSG, "", wClientSG),
		created(wEP, map[string]any{"service_name": "com.amazonaws.us-east-1.execute-api", "vpc_endpoint_type": "Interface", "private_dns_enabled": true},
			map[string][]string{"vpc_id": topotest.Ref(wVPC, "id"), "subnet_ids": {"aws_subnet.endpoint"}, "security_group_ids": topotest.Ref(wEPSG, "id")}),
		created(wAPI, map[string]any{"name": "api", "disable_execute_api_endpoint": false,
			"endpoint_configuration": []any{map[string]any{"types": []any{"PRIVATE"}}}},
			map[string][]string{"endpoint_configuration.0.vpc_endpoint_ids": topotest.Ref(wEP, "id")}),
		created(wStage, map[string]any{"stage_name": "prod"}, map[string][]string{"rest_api_id": topotest.Ref(wAPI, "id")}),
		created(wClient, map[string]any{"ami": "ami-0abc"}, map[string][]string{"subnet_id": topotest.Ref(wApp, "id"),
			"vpc_security_group_ids": topotest.Ref(wClientSG, "id"), "user_data": topotest.Ref(wStage, "invoke_url")}),
	)
	// the client's egress to the endpoint's group, written inline
	w.set(wClientSG, "egress", []any{map[string]any{"protocol": "tcp", "from_port": 443, "to_port": 443,
		"cidr_blocks": []any{}, "ipv6_cidr_blocks": []any{}, "prefix_list_ids": []any{}, "self": false}})
	w.ref(wClientSG, "egress.0.security_groups", topotest.Ref(wEPSG, "id")...)
	return w
}

// created is a resource this plan creates: its id is known only after
// apply, and so is every argument written as a reference (refs).
func created(addr string, after map[string]any, refs map[string][]string) *topotest.Resource {
	r := &topotest.Resource{Address: addr, After: after, Unknown: []string{"id"}, Refs: map[string][]string{}}
	for k, v := range refs {
		r.Refs[k] = v
		r.Unknown = append(r.Unknown, k)
	}
	slices.Sort(r.Unknown)
	return r
}

func subnet(addr, vpc, cidr, az string) *topotest.Resource {
	return created(addr, map[string]any{"cidr_block": cidr, "availability_zone": az}, map[string][]string{"vpc_id": topotest.Ref(vpc, "id")})
}

// group is an aws_security_group with no inline rules: the provider
// shows ingress and egress known only after apply.
func group(addr, vpc string) *topotest.Resource {
	r := created(addr, map[string]any{"name": addr}, map[string][]string{"vpc_id": topotest.Ref(vpc, "id")})
	r.Unknown = append(r.Unknown, "ingress", "egress")
	return r
}

// ingress443 admits HTTPS to a group from a CIDR or another group.
func ingress443(addr, sg, cidr, from string) *topotest.Resource {
	after := map[string]any{"ip_protocol": "tcp", "from_port": 443, "to_port": 443}
	refs := map[string][]string{"security_group_id": topotest.Ref(sg, "id")}
	if cidr != "" {
		after["cidr_ipv4"] = cidr
	}
	if from != "" {
		refs["referenced_security_group_id"] = topotest.Ref(from, "id")
	}
	return created(addr, after, refs)
}

func (w *world) add(rs ...*topotest.Resource) { w.rs = append(w.rs, rs...) }

// at is the resource at addr (it must be in the world).
func (w *world) at(addr string) *topotest.Resource {
	for _, r := range w.rs {
		if r.Address == addr {
			return r
		}
	}
	panic("world: no " + addr)
}

// drop removes resources from the plan.
func (w *world) drop(addrs ...string) {
	w.rs = slices.DeleteFunc(w.rs, func(r *topotest.Resource) bool { return slices.Contains(addrs, r.Address) })
}

// set writes an argument as a constant.
func (w *world) set(addr, attr string, v any) {
	r := w.at(addr)
	if r.After == nil {
		r.After = map[string]any{}
	}
	r.After[attr] = v
	forget(r, attr)
}

// forget drops what the plan says of attr (and of the arguments nested in
// it) besides its value.
func forget(r *topotest.Resource, attr string) {
	under := func(p string) bool { return p == attr || strings.HasPrefix(p, attr+".") }
	r.Unknown = slices.DeleteFunc(r.Unknown, under)
	r.Computed = slices.DeleteFunc(r.Computed, under)
	for k := range r.Refs {
		if under(k) {
			delete(r.Refs, k)
		}
	}
}

// ref writes an argument as the references refs: its value is known only
// after apply.
func (w *world) ref(addr, attr string, refs ...string) {
	r := w.at(addr)
	delete(r.After, attr)
	if !slices.Contains(r.Unknown, attr) {
		r.Unknown = append(r.Unknown, attr)
	}
	if r.Refs == nil {
		r.Refs = map[string][]string{}
	}
	if len(refs) > 0 {
		r.Refs[attr] = refs
	}
}

// unset removes an argument from the configuration and the plan.
func (w *world) unset(addr, attr string) {
	r := w.at(addr)
	delete(r.After, attr)
	forget(r, attr)
}

// view builds the world's view.
func (w *world) view(t testing.TB) *topology.View {
	t.Helper()
	rs := make([]topotest.Resource, len(w.rs))
	for i, r := range w.rs {
		rs[i] = *r
	}
	p := topotest.WithVariables(topotest.Plan(rs...), w.vars)
	if !w.regionless {
		topotest.InRegion(p, wRegion)
	}
	return topotest.ViewOf(t, p, topology.Inputs{Declared: w.declared})
}

// computed writes an attribute the configuration leaves unset: the plan
// shows the provider's value v.
func (w *world) computed(addr, attr string, v any) {
	w.unset(addr, attr)
	r := w.at(addr)
	if r.After == nil {
		r.After = map[string]any{}
	}
	r.After[attr] = v
	r.Computed = append(r.Computed, attr)
}

// apiAt, endpointAt and clientAt find an element of a view by address
// (nil when the view has none).
func apiAt(v *topology.View, addr string) *topology.API { return v.APIByAddress(addr) }

func endpointAt(v *topology.View, addr string) *topology.Endpoint {
	for _, e := range v.Endpoints {
		if e.Address == addr {
			return e
		}
	}
	return nil
}

func clientAt(v *topology.View, addr string) *topology.Client {
	for _, c := range v.Clients {
		if c.Address == addr {
			return c
		}
	}
	return nil
}
