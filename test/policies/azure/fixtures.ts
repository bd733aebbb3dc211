// Minimal PolicyResources for the Azure rules' tests: a compliant baseline per type, which a test
// changes in one place to make it fail, and runners over policies/lib/evaluate.ts.
import assert from "node:assert/strict";
import type { PackConfig } from "../../../policies/lib/config";
import { Finding, runResourceRule, runStackRule } from "../../../policies/lib/evaluate";
import type { PolicyResource, ResourceRule, StackRule } from "../../../policies/lib/rule";
import { StackIndex } from "../../../policies/lib/stack-index";

export const sub = "/subscriptions/00000000-0000-0000-0000-000000000001";
export const rgId = `${sub}/resourceGroups/rg`;
export const tags = { tenant: "stmary", "data-classification": "phi" };

/** A resource of `type` named `name`, with `props` and options. */
export function res(type: string, name: string, props: Record<string, unknown>, opts: PolicyResource["opts"] = {}): PolicyResource {
    return { type, name, urn: `urn:pulumi:test::hospital::${type}::${name}`, props, opts };
}

/** A deep copy of `r` with `path` ("a.b.c") set to `value` (undefined deletes it). */
export function withProp(r: PolicyResource, path: string, value: unknown): PolicyResource {
    // Baselines hold no symbols, so structuredClone can copy them; UNKNOWN is only ever set here.
    const copy: PolicyResource = structuredClone(r);
    const steps = path.split(".");
    let cur: any = copy.props;
    for (const s of steps.slice(0, -1)) cur = cur[s] ??= {};
    if (value === undefined) delete cur[steps[steps.length - 1]]; else cur[steps[steps.length - 1]] = value;
    return copy;
}

export function runOn(rule: ResourceRule, r: PolicyResource, config: Partial<PackConfig> = {}): Finding[] {
    return runResourceRule(rule, r, { config });
}

export function runStack(rule: StackRule, resources: PolicyResource[], config: Partial<PackConfig> = {}): Finding[] {
    return runStackRule(rule, new StackIndex(resources), { config });
}

/** Exactly one mandatory finding of the rule's control, whose message names `property`. */
export function assertFails(findings: Finding[], control: string, property: string): void {
    const hard = findings.filter(f => f.enforcement === "mandatory" && !f.unknown);
    assert.ok(hard.length >= 1, `expected a mandatory finding, got ${JSON.stringify(findings.map(f => f.message))}`);
    assert.ok(hard.every(f => f.controls.includes(control as any)), `control ${control}`);
    assert.ok(hard.some(f => f.message.includes(property)), `a message naming ${property}: ${hard.map(f => f.message).join(" | ")}`);
}

/** One advisory finding saying the value is unknown at preview, and nothing mandatory. */
export function assertUnknown(findings: Finding[], property: string): void {
    assert.ok(findings.length >= 1, "a finding for the unknown value");
    assert.ok(findings.every(f => f.unknown && f.enforcement === "advisory"), JSON.stringify(findings.map(f => f.message)));
    assert.ok(findings.some(f => f.message.includes(property)), `a message naming ${property}`);
}

export function assertPasses(findings: Finding[]): void {
    assert.deepEqual(findings.map(f => f.message), []);
}

// ---- compliant baselines ------------------------------------------------------------------------

export const identityId = `${rgId}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/stmary-cmk`;
export const keyUrl = "https://stmary-kv.vault.azure.net/keys/stmary-data";

export const vault = () => res("azure-native:keyvault:Vault", "kv", {
    vaultName: "stmary-kv", location: "eastus", resourceGroupName: "rg", tags,
    properties: {
        tenantId: "t", sku: { family: "A", name: "premium" }, enableRbacAuthorization: true, enablePurgeProtection: true,
        enableSoftDelete: true, softDeleteRetentionInDays: 90, publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
    },
}, { protect: true });

export const vaultKey = () => res("azure-native:keyvault:Key", "data-key", {
    keyName: "stmary-data", vaultName: "stmary-kv", resourceGroupName: "rg", tags,
    properties: {
        kty: "RSA-HSM", keySize: 3072,
        rotationPolicy: {
            attributes: { expiryTime: "P2Y" },
            lifetimeActions: [{ action: { type: "rotate" }, trigger: { timeAfterCreate: "P90D" } }],
        },
    },
}, { protect: true });

export const storageAccount = () => res("azure-native:storage:StorageAccount", "phi", {
    accountName: "stmaryphi", location: "eastus", resourceGroupName: "rg", kind: "StorageV2", tags,
    sku: { name: "Standard_GZRS" },
    identity: { type: "UserAssigned", userAssignedIdentities: [identityId] },
    encryption: {
        keySource: "Microsoft.Keyvault", requireInfrastructureEncryption: true,
        keyVaultProperties: { keyVaultUri: "https://stmary-kv.vault.azure.net/", keyName: "stmary-data" },
        encryptionIdentity: { encryptionUserAssignedIdentity: identityId },
        services: { blob: { enabled: true, keyType: "Account" } },
    },
    enableHttpsTrafficOnly: true, minimumTlsVersion: "TLS1_2", allowBlobPublicAccess: false, publicNetworkAccess: "Disabled",
    networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" }, allowSharedKeyAccess: false, defaultToOAuthAuthentication: true,
}, { protect: true });

export const blobService = () => res("azure-native:storage:BlobServiceProperties", "phi-blob", {
    accountName: "stmaryphi", resourceGroupName: "rg", blobServicesName: "default", isVersioningEnabled: true,
    deleteRetentionPolicy: { enabled: true, days: 30 }, containerDeleteRetentionPolicy: { enabled: true, days: 30 },
    changeFeed: { enabled: true },
});

export const synapseWorkspace = () => res("azure-native:synapse:Workspace", "syn", {
    workspaceName: "stmary-syn", location: "eastus", resourceGroupName: "rg", tags,
    identity: { type: "SystemAssigned,UserAssigned", userAssignedIdentities: [identityId] },
    encryption: { cmk: { key: { keyVaultUrl: keyUrl, name: "default" }, kekIdentity: { userAssignedIdentity: identityId } } },
    managedVirtualNetwork: "default", managedVirtualNetworkSettings: { preventDataExfiltration: true },
    publicNetworkAccess: "Disabled", azureADOnlyAuthentication: true,
}, { protect: true });

export const sqlPool = () => res("azure-native:synapse:SqlPool", "dw", {
    sqlPoolName: "stmarydw", workspaceName: "stmary-syn", location: "eastus", resourceGroupName: "rg", tags,
    storageAccountType: "GRS", sku: { name: "DW100c" },
}, { protect: true });

export const hdinsightCluster = () => res("azure-native:hdinsight:Cluster", "hdi", {
    clusterName: "stmary-hdi", location: "eastus", resourceGroupName: "rg", tags,
    identity: { type: "UserAssigned", userAssignedIdentities: { [identityId]: {} } },
    properties: {
        minSupportedTlsVersion: "1.2",
        diskEncryptionProperties: { vaultUri: "https://stmary-kv.vault.azure.net", keyName: "stmary-data", keyVersion: "0123", msiResourceId: identityId, encryptionAtHost: true },
        encryptionInTransitProperties: { isEncryptionInTransitEnabled: true },
        networkProperties: { resourceProviderConnection: "Outbound", privateLink: "Enabled" },
        securityProfile: { directoryType: "ActiveDirectory" },
        computeProfile: { roles: [{ name: "headnode", virtualNetworkProfile: { id: `${rgId}/providers/Microsoft.Network/virtualNetworks/vnet`, subnet: "data" } }] },
    },
});

export const dicomService = () => res("azure-native:healthcareapis:DicomService", "dicom", {
    dicomServiceName: "stmarydicom", workspaceName: "stmaryhealth", location: "eastus", resourceGroupName: "rg", tags,
    identity: { type: "UserAssigned", userAssignedIdentities: [identityId] },
    encryption: { customerManagedKeyEncryption: { keyEncryptionKeyUrl: keyUrl } },
}, { protect: true });

export const logWorkspace = () => res("azure-native:operationalinsights:Workspace", "law", {
    workspaceName: "stmary-law", location: "eastus", resourceGroupName: "rg", tags, retentionInDays: 730,
    publicNetworkAccessForIngestion: "Disabled", publicNetworkAccessForQuery: "Disabled", sku: { name: "PerGB2018" },
}, { protect: true });

export const healthWorkspace = () => res("azure-native:healthcareapis:Workspace", "health", {
    workspaceName: "stmaryhealth", location: "eastus", resourceGroupName: "rg", tags,
}, { protect: true });

/** A private endpoint on `target` with `groupIds`, related through a dependency (as a program's outputs are). */
export function privateEndpoint(name: string, target: PolicyResource, groupIds: string[]): PolicyResource {
    return res("azure-native:network:PrivateEndpoint", name, {
        location: "eastus", resourceGroupName: "rg", tags,
        subnet: { id: `${rgId}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/endpoints` },
        privateLinkServiceConnections: [{ name: "c", privateLinkServiceId: `${rgId}/providers/Microsoft.X/y/generated-${target.name}`, groupIds }],
    }, { propertyDependencies: { privateLinkServiceConnections: [target.urn] } });
}

export const lawId = `${rgId}/providers/Microsoft.OperationalInsights/workspaces/stmary-law`;

/** A diagnostic setting on `target` (through a dependency), sending the audit group to Log Analytics. */
export function diagnosticSetting(name: string, target: PolicyResource, resourceUri: unknown, extra: Record<string, unknown> = {},
    type = "azure-native:monitor:DiagnosticSetting"): PolicyResource {
    return res(type, name, {
        resourceUri, workspaceId: lawId, logs: [{ categoryGroup: "audit", enabled: true }], ...extra,
    }, { propertyDependencies: { resourceUri: [target.urn] } });
}

/** An ARM template deployment of Synapse settings the SDK has no resource for, aimed at `workspace` through its name output. */
export function synapseSettingsDeployment(workspace: PolicyResource, resources: Record<string, unknown>[], byName?: string): PolicyResource {
    return res("azure-native:resources:Deployment", "synapse-settings", {
        resourceGroupName: "rg", tags,
        properties: {
            mode: "Incremental",
            template: { contentVersion: "1.0.0.0", parameters: { workspaceName: { type: "string" } }, resources: resources.map(r => ({ apiVersion: "2021-06-01", name: "[concat(parameters('workspaceName'), '/default')]", ...r })) },
            parameters: { workspaceName: { value: byName ?? "generated" } },
        },
    }, { propertyDependencies: byName ? {} : { properties: [workspace.urn] } });
}
export const auditing = { type: "Microsoft.Synapse/workspaces/auditingSettings", properties: { state: "Enabled", isAzureMonitorTargetEnabled: true } };
export const minimalTls = { type: "Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings", properties: { minimalTlsVersion: "1.2" } };
