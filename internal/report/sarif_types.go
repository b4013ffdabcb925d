package report

// A hand-written subset of the SARIF 2.1.0 object model
// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html): exactly
// the objects and properties the sarif format emits. Optional properties are
// omitted when unset, so the output carries no empty arrays and no -1
// defaults. It replaces github.com/owenrumney/go-sarif, whose schema
// validation dependency linked net/http and crypto/tls into the binary.

const sarifVersion = "2.1.0"

// SARIF levels (§3.27.10).
const (
	sarifLevelError   = "error"
	sarifLevelWarning = "warning"
	sarifLevelNote    = "note"
)

// sarifLog is the top-level object (§3.13).
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

// sarifRun is one invocation of the tool (§3.14).
type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	// Results is always present: an empty array says the analysis ran and
	// found nothing, whereas an absent one says it did not run (§3.14.23).
	Results []sarifResult `json:"results"`
}

// sarifTool is the analysis tool (§3.18).
type sarifTool struct {
	Driver sarifToolComponent `json:"driver"`
}

// sarifToolComponent is the tool's driver (§3.19).
type sarifToolComponent struct {
	Name           string                     `json:"name"`
	Version        string                     `json:"version,omitempty"`
	InformationURI string                     `json:"informationUri,omitempty"`
	Rules          []sarifReportingDescriptor `json:"rules,omitempty"`
}

// sarifReportingDescriptor is a rule (§3.49).
type sarifReportingDescriptor struct {
	ID                   string                       `json:"id"`
	Name                 string                       `json:"name,omitempty"`
	ShortDescription     *sarifMultiformatMessage     `json:"shortDescription,omitempty"`
	FullDescription      *sarifMultiformatMessage     `json:"fullDescription,omitempty"`
	Help                 *sarifMultiformatMessage     `json:"help,omitempty"`
	HelpURI              string                       `json:"helpUri,omitempty"`
	DefaultConfiguration *sarifReportingConfiguration `json:"defaultConfiguration,omitempty"`
	Properties           map[string]any               `json:"properties,omitempty"`
}

// sarifMultiformatMessage is a multiformatMessageString (§3.12); text is
// required.
type sarifMultiformatMessage struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

// sarifReportingConfiguration is a rule's default configuration (§3.50).
type sarifReportingConfiguration struct {
	Level string `json:"level,omitempty"`
}

// sarifResult is one finding (§3.27).
type sarifResult struct {
	RuleID string `json:"ruleId"`
	// RuleIndex is never omitted: 0 is a valid index (the default is -1).
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level,omitempty"`
	Message             sarifMessage       `json:"message"`
	Locations           []sarifLocation    `json:"locations,omitempty"`
	RelatedLocations    []sarifLocation    `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]any     `json:"properties,omitempty"`
}

// sarifMessage is a plain-text message (§3.11).
type sarifMessage struct {
	Text string `json:"text"`
}

// sarifLocation is a place, physical, logical or both (§3.28).
type sarifLocation struct {
	PhysicalLocation *sarifPhysicalLocation `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogicalLocation `json:"logicalLocations,omitempty"`
}

// sarifPhysicalLocation is a place in a file (§3.29).
type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

// sarifArtifactLocation is a file, by URI, possibly relative to a base id
// (§3.4).
type sarifArtifactLocation struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegion is a part of a file (§3.30).
type sarifRegion struct {
	StartLine int `json:"startLine,omitempty"`
	EndLine   int `json:"endLine,omitempty"`
}

// sarifLogicalLocation is a named place that is not a file position, here a
// Terraform address (§3.33).
type sarifLogicalLocation struct {
	Name               string `json:"name,omitempty"`
	FullyQualifiedName string `json:"fullyQualifiedName,omitempty"`
	Kind               string `json:"kind,omitempty"`
}

// sarifSuppression records that a result is waived (§3.35).
type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}
