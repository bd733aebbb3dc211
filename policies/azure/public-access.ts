// PUBLIC-ACCESS on Azure: no anonymous access and no public endpoint on a PHI store (CONTROLS.md 1b).
// Health Data Services' publicNetworkAccess is output-only (G13, section 5): a private endpoint on
// the workspace is what closes it, so that is judged over the stack.
import { expect, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { cosmosAccountTypes, equalsAnyIgnoreCase, foundAmong, isFalse, privateEndpointIndex, relate, T } from "./common";
import { unknownReferences } from "../lib/unknowns";

const controls = ["PUBLIC-ACCESS"] as const;
const disabled = (v: unknown) => equalsAnyIgnoreCase(v, "Disabled");

export const storageAccount = resourceRule({
    name: "azure-public-access-storage-account", cloud: "azure", controls: [...controls], severity: "critical",
    types: [T.storageAccount],
    description: "A storage account allows no anonymous blob access and no public network access, and its firewall denies by default.",
    remediation: "Set allowBlobPublicAccess false, publicNetworkAccess \"Disabled\" and networkRuleSet.defaultAction \"Deny\"; reach the account through a private endpoint.",
    check: r => [
        // Unset is false (SDK doc: "The default interpretation is false").
        ...expect(r.props, "allowBlobPublicAccess", v => v === undefined || isFalse(v), "false"),
        ...expect(r.props, "publicNetworkAccess", disabled, "\"Disabled\""),
        ...expect(r.props, "networkRuleSet.defaultAction", v => equalsAnyIgnoreCase(v, "Deny"), "\"Deny\""),
    ],
});

export const blobContainer = resourceRule({
    name: "azure-public-access-blob-container", cloud: "azure", controls: [...controls], severity: "critical",
    types: [T.blobContainer],
    description: "A blob container allows no anonymous access.",
    remediation: "Set publicAccess \"None\" (or leave it unset).",
    // Unset is "None": the container API's default access level is private.
    check: r => expect(r.props, "publicAccess", v => v === undefined || equalsAnyIgnoreCase(v, "None"), "\"None\""),
});

export const keyVault = resourceRule({
    name: "azure-public-access-key-vault", cloud: "azure", controls: [...controls], severity: "critical",
    types: [T.vault],
    description: "A Key Vault takes no public network traffic, its firewall denies by default and lets trusted Azure services (CMK consumers) through.",
    remediation: "Set properties.publicNetworkAccess \"Disabled\", properties.networkAcls.defaultAction \"Deny\" and properties.networkAcls.bypass \"AzureServices\".",
    check: r => [
        // A free string in the SDK; its doc writes 'disabled', the portal 'Disabled': any case.
        ...expect(r.props, "properties.publicNetworkAccess", disabled, "\"Disabled\""),
        ...expect(r.props, "properties.networkAcls.defaultAction", v => equalsAnyIgnoreCase(v, "Deny"), "\"Deny\""),
        // Unset is AzureServices (SDK enum doc: "If not specified the default is 'AzureServices'").
        ...expect(r.props, "properties.networkAcls.bypass", v => v === undefined || equalsAnyIgnoreCase(v, "AzureServices"), "\"AzureServices\""),
    ],
});

export const synapseWorkspace = resourceRule({
    name: "azure-public-access-synapse-workspace", cloud: "azure", controls: [...controls], severity: "critical",
    types: [T.synapseWorkspace],
    description: "A Synapse workspace takes no public network traffic.",
    remediation: "Set publicNetworkAccess \"Disabled\" and reach the workspace through private endpoints (Sql, SqlOnDemand, Dev).",
    check: r => expect(r.props, "publicNetworkAccess", disabled, "\"Disabled\""),
});

export const synapseFirewallRule = resourceRule({
    name: "azure-public-access-synapse-ip-firewall-rule", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.synapseFirewallRule],
    description: "No Synapse IP firewall rule opens a workspace to addresses on the internet.",
    remediation: "Remove the IpFirewallRule; reach the workspace through private endpoints.",
    check: r => [{ property: "startIpAddress", found: r.props.startIpAddress, wanted: "no IpFirewallRule at all (public access stays off)" }],
});

export const logAnalyticsWorkspace = resourceRule({
    name: "azure-public-access-log-analytics-workspace", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.logWorkspace],
    description: "A Log Analytics workspace accepts neither ingestion nor queries over the public network (audit logs describe PHI access).",
    remediation: "Set publicNetworkAccessForIngestion and publicNetworkAccessForQuery \"Disabled\" and connect through an Azure Monitor private link scope.",
    check: r => [
        ...expect(r.props, "publicNetworkAccessForIngestion", disabled, "\"Disabled\""),
        ...expect(r.props, "publicNetworkAccessForQuery", disabled, "\"Disabled\""),
    ],
});

/** Health Data Services workspaces: a private endpoint (groupIds healthcareworkspace) or an approved connection. */
export const healthWorkspace = stackRule({
    name: "azure-public-access-health-workspace", cloud: "azure", controls: [...controls], severity: "critical",
    judges: [T.healthWorkspace],
    description: "Every Health Data Services workspace (and so its DICOM service) has a private endpoint, because publicNetworkAccess cannot be set (G13).",
    remediation: "Add a network PrivateEndpoint whose privateLinkServiceConnections target the workspace with groupIds [\"healthcareworkspace\"] (or a healthcareapis WorkspacePrivateEndpointConnection).",
    check: stack => {
        const endpoints = privateEndpointIndex(stack, [T.healthWorkspace]);
        const connections = relate(stack, [T.healthWorkspacePeConnection], "workspaceName", [T.healthWorkspace]);
        const excuse = unknownReferences(endpoints.unresolved.length + connections.unresolved.length);
        const out: Violation[] = [];
        for (const ws of stack.ofType(T.healthWorkspace)) {
            const groups = endpoints.groups.get(ws.urn);
            if (groups?.has("healthcareworkspace") || connections.of.get(ws.urn)?.length) continue;
            out.push({
                resource: ws, property: "PrivateEndpoint.privateLinkServiceConnections[].groupIds (→ this workspace)",
                found: foundAmong(groups ? [...groups] : [], excuse),
                wanted: "a private endpoint with groupIds [\"healthcareworkspace\"]",
            });
        }
        return out;
    },
});

export const sqlServer = resourceRule({
    name: "azure-public-access-sql-server", cloud: "azure", controls: [...controls], severity: "critical",
    types: [T.sqlServer],
    description: "An Azure SQL server takes no connections from public networks (reached through a private endpoint).",
    remediation: "Set publicNetworkAccess \"Disabled\" and add a private endpoint (group id sqlServer).",
    check: r => expect(r.props, "publicNetworkAccess", disabled, "\"Disabled\" (unset allows public access)"),
});

export const cosmosAccount = resourceRule({
    name: "azure-public-access-cosmosdb-account", cloud: "azure", controls: [...controls], severity: "critical",
    types: cosmosAccountTypes,
    description: "A Cosmos DB account takes no connections from public networks (reached through a private endpoint).",
    remediation: "Set publicNetworkAccess \"Disabled\" and add a private endpoint (group id Sql, or the account's API).",
    check: r => expect(r.props, "publicNetworkAccess", disabled, "\"Disabled\" (unset allows public access)"),
});

/** Issue 16: an Azure AI services account (AI Vision) takes images only through its private endpoint. */
export const cognitiveAccount = resourceRule({
    name: "azure-public-access-cognitive-account", cloud: "azure", controls: [...controls], severity: "critical",
    types: [T.cognitiveAccount],
    description: "An Azure AI services account (e.g. AI Vision) takes no public network traffic and its network rules deny by default.",
    remediation: "Set properties.publicNetworkAccess \"Disabled\" and properties.networkAcls.defaultAction \"Deny\"; reach the account through a private endpoint (group id account).",
    check: r => [
        ...expect(r.props, "properties.publicNetworkAccess", disabled, "\"Disabled\""),
        // Unset network rules allow every network: the service's default action is Allow.
        ...expect(r.props, "properties.networkAcls.defaultAction", v => equalsAnyIgnoreCase(v, "Deny"), "\"Deny\""),
    ],
});

export const rules: Rule[] = [storageAccount, blobContainer, keyVault, synapseWorkspace, synapseFirewallRule,
    logAnalyticsWorkspace, healthWorkspace, sqlServer, cosmosAccount, cognitiveAccount];
