// Types the pack judges as not applicable, each with the reason every report shows: read from the
// azure-native 3.28 SDK (its inputs, under node_modules/@pulumi/azure-native), none of them has a
// property that stores PHI, grants access, opens a network path or changes encryption or logging.
// What does those things is another resource, judged by its own rule (named in the reason). One
// table, so that a type is added here only with a reason a reader can check; a type with any such
// property gets a rule of its own instead.
import type { ControlId } from "../controls";
import type { Rule } from "../lib/rule";
import { noSafeguardRules } from "../lib/no-safeguard";

/** `types`: the type and its older spellings (azure-native 2 modules); the first is the installed SDK's. */
interface NoSafeguard { types: readonly string[]; control: ControlId; resource: string; inputs: string; reason: string }

export const noSafeguardTypes: readonly NoSafeguard[] = [
    {
        types: ["azure-native:privatedns:PrivateZone", "azure-native:network:PrivateZone"], control: "NETWORK-PRIVATE", resource: "private-dns-zone",
        inputs: "location, privateZoneName, resourceGroupName, tags",
        reason: "a private DNS zone answers only the virtual networks linked to it; its records and links are resources of their own " +
            "(each link judged by azure-network-private-private-dns-zone-link, each endpoint's zone group by azure-network-private-private-dns-zone-group)",
    },
    {
        types: ["azure-native:managedidentity:UserAssignedIdentity"], control: "LEAST-PRIVILEGE", resource: "user-assigned-identity",
        inputs: "location, resourceGroupName, resourceName, tags",
        reason: "a user-assigned identity grants nothing by itself: what it may do is its role assignments " +
            "(each judged by azure-least-privilege-role-assignment), and who may act as it is the resources it is attached to " +
            "and its federated identity credentials (resources of their own)",
    },
    {
        types: ["azure-native:network:PublicIPAddress"], control: "NETWORK-PRIVATE", resource: "public-ip-address",
        inputs: "ddosSettings, deleteOption, dnsSettings, extendedLocation, id, idleTimeoutInMinutes, ipAddress, ipTags, linkedPublicIPAddress, location, migrationPhase, natGateway, publicIPAddressVersion, publicIPAllocationMethod, publicIPPrefix, publicIpAddressName, resourceGroupName, servicePublicIPAddress, sku, tags, zones",
        reason: "an address exposes nothing until something is bound to it, and what it is bound to decides: a VM's network interface " +
            "(judged by azure-network-private-network-interface), a NAT gateway (outbound only), or a load balancer, gateway or Bastion; " +
            "its natGateway and linked addresses only route outbound traffic or pair it with another address",
    },
    {
        types: ["azure-native:web:WebAppSwiftVirtualNetworkConnection"], control: "NETWORK-PRIVATE", resource: "web-app-vnet-integration",
        inputs: "kind, name, resourceGroupName, subnetResourceId, swiftSupported",
        reason: "virtual network integration routes the app's outbound calls into a subnet (the subnet's NSG judged by azure-network-private-subnet); " +
            "it opens no inbound path and holds no data: the app itself is judged by azure-public-access-web-app and azure-enc-transit-web-app",
    },
    {
        types: ["azure-native:cdn:Profile"], control: "ENC-TRANSIT", resource: "cdn-profile",
        inputs: "identity, location, logScrubbing, originResponseTimeoutSeconds, profileName, resourceGroupName, sku, tags",
        reason: "a CDN or Front Door profile only groups endpoints; what it serves and how is set on them, each judged: " +
            "azure-enc-transit-cdn-endpoint, azure-enc-transit-front-door-route, azure-enc-transit-front-door-custom-domain",
    },
    {
        types: ["azure-native:securityinsights:ScheduledAlertRule"], control: "AUDIT-LOG", resource: "sentinel-scheduled-alert-rule",
        inputs: "alertDetailsOverride, alertRuleTemplateName, customDetails, description, displayName, enabled, entityMappings, eventGroupingSettings, incidentConfiguration, kind, query, queryFrequency, queryPeriod, resourceGroupName, ruleId, severity, suppressionDuration, suppressionEnabled, tactics, techniques, templateVersion, triggerOperator, triggerThreshold, workspaceName",
        reason: "a Sentinel analytics rule reads logs already recorded in its workspace (whose audit inputs, access and retention are judged by the workspace's rules); " +
            "it holds a query, stores no PHI and grants nothing, and which detections run is an operational choice no technical safeguard fixes",
    },
    {
        types: ["azure-native:securityinsights:CustomizableConnectorDefinition"], control: "AUDIT-LOG", resource: "sentinel-connector-definition",
        inputs: "connectionsConfig, connectorUiConfig, createdTimeUtc, dataConnectorDefinitionName, kind, lastModifiedUtc, resourceGroupName, workspaceName",
        reason: "a connector definition is the portal page of a Sentinel data connector (its UI and the connection templates it offers); " +
            "it collects nothing itself: the data connectors and data collection rules built from it carry the data",
    },
];

// An input beyond the listed ones leaves the resource not judged, as on the other clouds.
export const rules: Rule[] = noSafeguardRules("azure", "policies/azure/no-safeguard.ts",
    noSafeguardTypes.map(({ resource, inputs, ...entry }) => ({ ...entry, slug: resource, inputs: inputs.split(", ") })));
