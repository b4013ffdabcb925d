package checks

// PairingTitle and PairingDoc describe how the checks that judge an (API,
// endpoint) or (API, endpoint, client) pairing choose their subjects
// (internal/reach). `privapi checks` lists the title, `privapi explain
// pairing` prints the text.
const PairingTitle = "Which endpoints are judged for a private API (privapi explain pairing)"

// PairingDoc is the documentation of the pairing rule.
const PairingDoc = `**What AWS does.** A PRIVATE REST API can be called through any execute-api
interface endpoint (` + "`com.amazonaws.REGION.execute-api`" + `, exactly) of the API's Region, in any
VPC or account, that the API's resource policy and the endpoint's own policy admit.
` + "`vpc_endpoint_ids`" + ` is optional: it only creates the ` + "`{api-id}-{vpce-id}`" + ` alias hostnames
(https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-private-apis.html).

**What privapi judges.** Every private API is paired with the execute-api endpoints of its
Region that the plan, the state or the configuration file knows. These tell which of them
carry its calls, and only those are judged when any of them names one:
- the endpoints in ` + "`vpc_endpoint_ids`" + ` (or, when those ids are known only after apply, the
  endpoints that expression references);
- the endpoints in the VPCs of the API's known clients;
- endpoints declared in the configuration file;
- the endpoints the resource policy names in ` + "`aws:SourceVpce`" + `, and every endpoint in a
  VPC it names in ` + "`aws:SourceVpc`" + `.

When nothing names one, every execute-api endpoint of the Region is judged, and each
result says that nothing names the endpoint the clients use. A policy that admits any
endpoint (no such condition, or a pattern such as ` + "`vpce-*`" + `) is reported once per API
(PA210), not once per endpoint. Resources under one provider configuration that sets no
Region share that configuration's Region (a ` + "`data.aws_region`" + ` read during plan gives its
name).`
