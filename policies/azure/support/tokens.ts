// What the Azure rules share: the azure-native 3.28 type tokens (read from each class's
// `__pulumiType`), the lists of PHI types, and the machine profile of a VM or scale set.
// Inputs as users write them: lib/inputs.ts. Relations between resources: relations.ts.
// One style on every cloud (issue 13): `T`, a frozen table (lib/type-tokens.ts typeTable), names each kind
// of resource in camelCase; import it as `import { T } from "../support/tokens"` (or "./tokens"). An AWS
// entry lists every spelling of its kind (AWS renamed many: Bucket and BucketV2, lb and alb); an Azure or
// Google Cloud entry is one token, and their few kinds with two spellings are `...Types` lists beside T. A
// rule names its types the same way on every cloud (lib/rule.ts TypeList): a list of entries,
// `types: [T.s3Bucket]`, `types: [T.vault, T.sqlPool]`, or a named list as it is, `types: kmsKeyTypes`,
// `types: cosmosAccountTypes`; check code spreads an AWS entry where it wants tokens: `ofType(...T.s3Bucket)`.
import type { PolicyResource, Violation } from "../../lib/rule";
import { typeTable } from "../../lib/type-tokens";
import { isUnknown, UNKNOWN } from "../../lib/values";

export const T = typeTable({
    vault: "azure-native:keyvault:Vault",
    vaultKey: "azure-native:keyvault:Key",
    storageAccount: "azure-native:storage:StorageAccount",
    blobService: "azure-native:storage:BlobServiceProperties",
    blobContainer: "azure-native:storage:BlobContainer",
    storageQueue: "azure-native:storage:Queue",
    storageTable: "azure-native:storage:Table",
    synapseWorkspace: "azure-native:synapse:Workspace",
    synapseKey: "azure-native:synapse:Key",
    sqlPool: "azure-native:synapse:SqlPool",
    sqlPoolTde: "azure-native:synapse:SqlPoolTransparentDataEncryption",
    sparkPool: "azure-native:synapse:BigDataPool",
    synapseFirewallRule: "azure-native:synapse:IpFirewallRule",
    hdinsightCluster: "azure-native:hdinsight:Cluster",
    hdinsightMonitorAgent: "azure-native:hdinsight:ExtensionAzureMonitorAgentStatus",
    healthWorkspace: "azure-native:healthcareapis:Workspace",
    dicomService: "azure-native:healthcareapis:DicomService",
    healthWorkspacePeConnection: "azure-native:healthcareapis:WorkspacePrivateEndpointConnection",
    logWorkspace: "azure-native:operationalinsights:Workspace",
    logTable: "azure-native:operationalinsights:Table",
    logCluster: "azure-native:operationalinsights:Cluster",
    privateEndpoint: "azure-native:network:PrivateEndpoint",
    subnet: "azure-native:network:Subnet",
    virtualNetwork: "azure-native:network:VirtualNetwork",
    nsg: "azure-native:network:NetworkSecurityGroup",
    securityRule: "azure-native:network:SecurityRule",
    roleAssignment: "azure-native:authorization:RoleAssignment",
    /** Azure SQL logical server: a PHI store beyond CONTROLS.md's matrix, judged like the warehouse. */
    sqlServer: "azure-native:sql:Server",
    webApp: "azure-native:web:WebApp",
    webAppSlot: "azure-native:web:WebAppSlot",
    appServicePlan: "azure-native:web:AppServicePlan",
    virtualMachine: "azure-native:compute:VirtualMachine",
    vmScaleSet: "azure-native:compute:VirtualMachineScaleSet",
    disk: "azure-native:compute:Disk",
    diskEncryptionSet: "azure-native:compute:DiskEncryptionSet",
    networkInterface: "azure-native:network:NetworkInterface",
    blob: "azure-native:storage:Blob",
    staticWebsite: "azure-native:storage:StorageAccountStaticWebsite",
    postgresFlexible: "azure-native:dbforpostgresql:Server",
    mysqlFlexible: "azure-native:dbformysql:Server",
    /** An Azure AI services (Cognitive Services) account, e.g. AI Vision (`kind: "ComputerVision"`): PHI passes through it. */
    cognitiveAccount: "azure-native:cognitiveservices:Account",
    aksCluster: "azure-native:containerservice:ManagedCluster",
    registry: "azure-native:containerregistry:Registry",
    containerApp: "azure-native:app:ContainerApp",
    containerAppEnvironment: "azure-native:app:ManagedEnvironment",
    containerGroup: "azure-native:containerinstance:ContainerGroup",
    vaultSecret: "azure-native:keyvault:Secret",
    cdnEndpoint: "azure-native:cdn:Endpoint",
    frontDoorRoute: "azure-native:cdn:Route",
    frontDoorCustomDomain: "azure-native:cdn:AFDCustomDomain",
    apiManagement: "azure-native:apimanagement:ApiManagementService",
    fileShare: "azure-native:storage:FileShare",
});

/** Application Insights components, under azure-native 3's module and azure-native 2's (insights). */
export const appInsightsTypes = ["azure-native:applicationinsights:Component", "azure-native:insights:Component"] as const;

/** Cosmos DB databases, containers, collections, keyspaces, graphs and tables: PHI held by an account (both modules). */
export const cosmosDataTypes: readonly string[] = [
    "SqlResourceSqlDatabase", "SqlResourceSqlContainer", "MongoDBResourceMongoDBDatabase", "MongoDBResourceMongoDBCollection",
    "CassandraResourceCassandraKeyspace", "CassandraResourceCassandraTable", "GremlinResourceGremlinDatabase", "GremlinResourceGremlinGraph",
    "TableResourceTable",
].flatMap(k => [`azure-native:cosmosdb:${k}`, `azure-native:documentdb:${k}`]);

/** Event Hubs and Service Bus namespaces: the same network, TLS, local-auth and encryption inputs. */
export const messagingNamespaceTypes = ["azure-native:eventhub:Namespace", "azure-native:servicebus:Namespace"] as const;

/** Azure Cache for Redis: azure-native 3's `redis` module and azure-native 2's `cache` (still an alias). */
export const redisTypes = ["azure-native:redis:Redis", "azure-native:cache:Redis"] as const;

/** Cosmos DB accounts (PHI stores beyond CONTROLS.md's matrix), under azure-native 3's module and azure-native 2's. */
export const cosmosAccountTypes = ["azure-native:cosmosdb:DatabaseAccount", "azure-native:documentdb:DatabaseAccount"] as const;

/** Diagnostic settings moved from `insights` to `monitor` (G11); the old token is still an alias. */
export const diagnosticSettingTypes = ["azure-native:monitor:DiagnosticSetting", "azure-native:insights:DiagnosticSetting"] as const;
export const subscriptionDiagnosticSettingTypes = [
    "azure-native:monitor:SubscriptionDiagnosticSetting", "azure-native:insights:SubscriptionDiagnosticSetting",
] as const;
/** Management locks at any scope (DELETION-PROTECTION, advisory). */
export const managementLockTypes = [
    "azure-native:authorization:ManagementLockByScope", "azure-native:authorization:ManagementLockAtResourceGroupLevel",
    "azure-native:authorization:ManagementLockAtResourceLevel", "azure-native:authorization:ManagementLockAtSubscriptionLevel",
] as const;

/**
 * Resources that hold or process PHI: each needs audit logs (AUDIT-LOG) and makes the Activity Log required.
 * A Cosmos DB account takes its diagnostic setting itself; an Azure SQL server does not (its audit goes
 * through auditing policies and its databases' settings), so it is not listed here.
 */
export const phiTypes: readonly string[] = [
    T.vault, T.storageAccount, T.synapseWorkspace, T.sqlPool, T.sparkPool, T.dicomService, T.hdinsightCluster, ...cosmosAccountTypes,
    // PostgreSQL and MySQL flexible servers: their diagnostic settings carry the server and audit logs (PostgreSQLLogs, MySqlAuditLogs).
    T.postgresFlexible, T.mysqlFlexible,
    T.cognitiveAccount,
];

/**
 * The machine profile of a VM or a scale set: the VM's own inputs, or the scale set's virtualMachineProfile (the
 * same osProfile / storageProfile / networkProfile shape), with the path prefix messages name. UNKNOWN when the
 * scale set's profile is unknown at preview.
 */
export function machineProfile(r: PolicyResource): { props: Record<string, unknown>; prefix: string } | typeof UNKNOWN {
    if (r.type !== T.vmScaleSet) return { props: r.props, prefix: "" };
    const p = r.props.virtualMachineProfile;
    if (isUnknown(p)) return UNKNOWN;
    return { props: (p && typeof p === "object" ? p : {}) as Record<string, unknown>, prefix: "virtualMachineProfile." };
}

/** Violations found on a machine profile, their paths prefixed with where the profile sits. */
export function inProfile(prefix: string, violations: Violation[]): Violation[] {
    return prefix ? violations.map(v => ({ ...v, property: prefix + v.property })) : violations;
}

