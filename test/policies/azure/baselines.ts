// Compliant baselines of the Azure policy tests, one per type, as a component would register them: a
// test changes one input (withProp) to make one fail. Typed by the SDK's Args: a misspelt input fails the type-check.
import type * as hdinsight from "@pulumi/azure-native/hdinsight/cluster";
import type * as healthcareapis from "@pulumi/azure-native/healthcareapis";
import type * as keyvault from "@pulumi/azure-native/keyvault";
import type * as network from "@pulumi/azure-native/network";
import type * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import type * as resources from "@pulumi/azure-native/resources";
import type * as storage from "@pulumi/azure-native/storage";
import type * as synapse from "@pulumi/azure-native/synapse";
import { resource } from "../../support/policies";
import type { PolicyResource } from "../../../policies/lib/rule";

export const sub = "/subscriptions/00000000-0000-0000-0000-000000000001";
export const rgId = `${sub}/resourceGroups/rg`;
export const tags = { tenant: "stmary", "data-classification": "phi" };

export const identityId = `${rgId}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/stmary-cmk`;
export const keyUrl = "https://stmary-kv.vault.azure.net/keys/stmary-data";

export const vault = () => resource<keyvault.VaultArgs>("azure-native:keyvault:Vault", {
    vaultName: "stmary-kv", location: "eastus", resourceGroupName: "rg", tags,
    properties: {
        tenantId: "t", sku: { family: "A", name: "premium" }, enableRbacAuthorization: true, enablePurgeProtection: true,
        enableSoftDelete: true, softDeleteRetentionInDays: 90, publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "AzureServices" },
    },
}, { name: "kv", protect: true });

export const vaultKey = () => resource<keyvault.KeyArgs>("azure-native:keyvault:Key", {
    keyName: "stmary-data", vaultName: "stmary-kv", resourceGroupName: "rg", tags,
    properties: {
        kty: "RSA-HSM", keySize: 3072,
        rotationPolicy: {
            attributes: { expiryTime: "P2Y" },
            lifetimeActions: [{ action: { type: "rotate" }, trigger: { timeAfterCreate: "P90D" } }],
        },
    },
}, { name: "data-key", protect: true });

export const storageAccount = () => resource<storage.StorageAccountArgs>("azure-native:storage:StorageAccount", {
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
}, { name: "phi", protect: true });

export const blobService = () => resource<storage.BlobServicePropertiesArgs>("azure-native:storage:BlobServiceProperties", {
    accountName: "stmaryphi", resourceGroupName: "rg", blobServicesName: "default", isVersioningEnabled: true,
    deleteRetentionPolicy: { enabled: true, days: 30 }, containerDeleteRetentionPolicy: { enabled: true, days: 30 },
    changeFeed: { enabled: true },
}, { name: "phi-blob" });

export const synapseWorkspace = () => resource<synapse.WorkspaceArgs>("azure-native:synapse:Workspace", {
    workspaceName: "stmary-syn", location: "eastus", resourceGroupName: "rg", tags,
    identity: { type: "SystemAssigned,UserAssigned", userAssignedIdentities: [identityId] },
    encryption: { cmk: { key: { keyVaultUrl: keyUrl, name: "default" }, kekIdentity: { userAssignedIdentity: identityId } } },
    managedVirtualNetwork: "default", managedVirtualNetworkSettings: { preventDataExfiltration: true },
    publicNetworkAccess: "Disabled", azureADOnlyAuthentication: true,
}, { name: "syn", protect: true });

export const sqlPool = () => resource<synapse.SqlPoolArgs>("azure-native:synapse:SqlPool", {
    sqlPoolName: "stmarydw", workspaceName: "stmary-syn", location: "eastus", resourceGroupName: "rg", tags,
    storageAccountType: "GRS", sku: { name: "DW100c" },
}, { name: "dw", protect: true });

export const hdinsightCluster = () => resource<hdinsight.ClusterArgs>("azure-native:hdinsight:Cluster", {
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
}, { name: "hdi" });

export const dicomService = () => resource<healthcareapis.DicomServiceArgs>("azure-native:healthcareapis:DicomService", {
    dicomServiceName: "stmarydicom", workspaceName: "stmaryhealth", location: "eastus", resourceGroupName: "rg", tags,
    identity: { type: "UserAssigned", userAssignedIdentities: [identityId] },
    encryption: { customerManagedKeyEncryption: { keyEncryptionKeyUrl: keyUrl } },
}, { name: "dicom", protect: true });

export const logWorkspace = () => resource<operationalinsights.WorkspaceArgs>("azure-native:operationalinsights:Workspace", {
    workspaceName: "stmary-law", location: "eastus", resourceGroupName: "rg", tags, retentionInDays: 730,
    publicNetworkAccessForIngestion: "Disabled", publicNetworkAccessForQuery: "Disabled", sku: { name: "PerGB2018" },
}, { name: "law", protect: true });

export const healthWorkspace = () => resource<healthcareapis.WorkspaceArgs>("azure-native:healthcareapis:Workspace", {
    workspaceName: "stmaryhealth", location: "eastus", resourceGroupName: "rg", tags,
}, { name: "health", protect: true });

/** A private endpoint on `target` with `groupIds`, related through a dependency (as a program's outputs are). */
/** A private endpoint on `target` with `groupIds`, related through a dependency (as a program's outputs are). */
export function privateEndpoint(name: string, target: PolicyResource, groupIds: string[]): PolicyResource {
    return resource<network.PrivateEndpointArgs>("azure-native:network:PrivateEndpoint", {
        location: "eastus", resourceGroupName: "rg", tags,
        subnet: { id: `${rgId}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/endpoints` },
        privateLinkServiceConnections: [{ name: "c", privateLinkServiceId: `${rgId}/providers/Microsoft.X/y/generated-${target.name}`, groupIds }],
    }, { name: name, propertyDependencies: { privateLinkServiceConnections: [target.urn] } });
}

export const lawId = `${rgId}/providers/Microsoft.OperationalInsights/workspaces/stmary-law`;

/** A diagnostic setting on `target` (through a dependency), sending the audit group to Log Analytics. */
/** A diagnostic setting on `target` (through a dependency), sending the audit group to Log Analytics. */
export function diagnosticSetting(name: string, target: PolicyResource, resourceUri: unknown, extra: Record<string, unknown> = {},
    type = "azure-native:monitor:DiagnosticSetting"): PolicyResource {
    return resource(type, {
        resourceUri, workspaceId: lawId, logs: [{ categoryGroup: "audit", enabled: true }], ...extra,
    }, { name: name, propertyDependencies: { resourceUri: [target.urn] } });
}

/** An ARM template deployment of Synapse settings the SDK has no resource for, aimed at `workspace` through its name output. */
/** An ARM template deployment of Synapse settings the SDK has no resource for, aimed at `workspace` through its name output. */
export function synapseSettingsDeployment(workspace: PolicyResource, resources: Record<string, unknown>[], byName?: string): PolicyResource {
    return resource<resources.DeploymentArgs>("azure-native:resources:Deployment", {
        resourceGroupName: "rg", tags,
        properties: {
            mode: "Incremental",
            template: { contentVersion: "1.0.0.0", parameters: { workspaceName: { type: "string" } }, resources: resources.map(r => ({ apiVersion: "2021-06-01", name: "[concat(parameters('workspaceName'), '/default')]", ...r })) },
            parameters: { workspaceName: { value: byName ?? "generated" } },
        },
    }, { name: "synapse-settings", propertyDependencies: byName ? {} : { properties: [workspace.urn] } });
}
export const auditing = { type: "Microsoft.Synapse/workspaces/auditingSettings", properties: { state: "Enabled", isAzureMonitorTargetEnabled: true } };
export const minimalTls = { type: "Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings", properties: { minimalTlsVersion: "1.2" } };

/** `r` as a program registers it through a versioned module of the SDK (`azure-native:storage/v20180701:StorageAccount`): its URN keeps the version, its type is canonical. */
export const atApiVersion = <R extends { urn: string; type: string }>(r: R, version: string): R =>
    ({ ...r, urn: r.urn.replace(r.type, r.type.replace(/^(azure-native:[^:]+):/, `$1/${version}:`)) });
