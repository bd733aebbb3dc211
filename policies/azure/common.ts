// What the Azure rules share: the azure-native 3.28 type tokens (read from each class's
// `__pulumiType`), the lists of PHI and stateful types, and small readers for values as users write
// them (booleans as "true", numbers as "90", enum strings in any case).
import type { PolicyResource, Violation } from "../lib/rule";
import type { StackIndex } from "../lib/stack-index";
import type { Excuse } from "../lib/unknowns";
import { isUnknown, UNKNOWN, UNKNOWN_STRING, isFalse, isSet, isTrue, toNumber } from "../lib/values";
export { isFalse, isTrue, toNumber };

export const T = {
    vault: "azure-native:keyvault:Vault",
    vaultKey: "azure-native:keyvault:Key",
    storageAccount: "azure-native:storage:StorageAccount",
    blobService: "azure-native:storage:BlobServiceProperties",
    blobContainer: "azure-native:storage:BlobContainer",
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
} as const;

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

/** Case-insensitive string equality with any of `wanted` (Azure enums are case-insensitive). */
export function equalsAnyIgnoreCase(v: unknown, ...wanted: string[]): boolean {
    return typeof v === "string" && wanted.some(w => w.toLowerCase() === v.toLowerCase());
}

export { isSet };

/** The name Azure knows a resource by: its `<kind>Name` input, else `name`, else the Pulumi name. */
export function physicalName(r: PolicyResource): string {
    const kind = r.type.slice(r.type.lastIndexOf(":") + 1);
    const own = r.props[r.type === T.storageAccount ? "accountName" : kind.charAt(0).toLowerCase() + kind.slice(1) + "Name"];
    if (typeof own === "string" && own) return own;
    return typeof r.props.name === "string" && r.props.name ? r.props.name : r.name;
}

/**
 * The resource-name segment of an Azure resource id, lower-cased: ".../vaults/kv1" → "kv1";
 * ".../storageAccounts/st1/blobServices/default" → "st1" (a storage service's account). A value
 * that is not a string is undefined; an unknown one (or one that embeds an unknown) is UNKNOWN.
 */
export function nameInId(id: unknown): string | typeof UNKNOWN | undefined {
    if (isUnknown(id)) return UNKNOWN;
    if (typeof id !== "string" || !id) return undefined;
    if (id.includes(UNKNOWN_STRING)) return UNKNOWN;
    const parts = id.replace(/\/+$/, "").split("/");
    const services = parts.length - 2;
    if (services > 0 && /^(blob|file|queue|table)Services$/i.test(parts[services])) return parts[services - 1]?.toLowerCase();
    return parts[parts.length - 1].toLowerCase();
}

/** Resources of `types` keyed by their lower-cased physical name: built once per stack check. */
export function byPhysicalName(resources: readonly PolicyResource[]): Map<string, PolicyResource[]> {
    const map = new Map<string, PolicyResource[]>();
    for (const r of resources) {
        const key = physicalName(r).toLowerCase();
        const list = map.get(key);
        if (list) list.push(r); else map.set(key, [r]);
    }
    return map;
}

/**
 * The resources among `targets` that `resource`'s property `prop` points at: through the property's
 * dependencies (known even at preview), else through the name segment of the ids written in it.
 * `ids` reads the id strings out of the property's value.
 */
export function pointedAt(resource: PolicyResource, prop: string, targetUrns: ReadonlySet<string>,
    targetsByName: Map<string, PolicyResource[]>, ids: (value: unknown) => unknown[]): { found: string[]; unknown: boolean } {
    const deps = resource.opts.propertyDependencies?.[prop]?.filter(u => targetUrns.has(u)) ?? [];
    if (deps.length) return { found: deps, unknown: false };
    let unknown = false;
    const found: string[] = [];
    for (const id of ids(resource.props[prop])) {
        const name = nameInId(id);
        if (name === UNKNOWN) { unknown = true; continue; }
        if (name) for (const t of targetsByName.get(name) ?? []) found.push(t.urn);
    }
    return { found, unknown };
}

/** What refers to each target: sources of `fromTypes` whose `prop` points at a target of `toTypes`. */
export interface Relation {
    /** Target URN → the sources that point at it. */
    of: Map<string, PolicyResource[]>;
    /** Sources whose pointer is unknown at preview (they may point at any target). */
    unresolved: PolicyResource[];
}

/** Builds a relation once per stack check (STYLE.md "index once"). */
export function relate(stack: StackIndex, fromTypes: readonly string[], prop: string, toTypes: readonly string[],
    ids: (value: unknown) => unknown[] = v => [v]): Relation {
    const targets = stack.ofType(...toTypes);
    const urns = new Set(targets.map(t => t.urn));
    const byName = byPhysicalName(targets);
    const of = new Map<string, PolicyResource[]>();
    const unresolved: PolicyResource[] = [];
    for (const source of stack.ofType(...fromTypes)) {
        const { found, unknown } = pointedAt(source, prop, urns, byName, ids);
        if (unknown && !found.length) unresolved.push(source);
        for (const urn of found) {
            const list = of.get(urn);
            if (list) list.push(source); else of.set(urn, [source]);
        }
    }
    return { of, unresolved };
}

/**
 * What a stack rule reports as found among related values: UNKNOWN when one of them is unknown, or
 * when an unresolved source (one pointing at something unknown at preview) is left to excuse this
 * resource (judged at `pulumi up`); the values when there are some, else undefined ("unset": nothing
 * related). `unresolved` is a budget (policies/lib/unknowns.ts): one unknown pointer excuses at most
 * one resource, never every uncovered one.
 */
export function foundAmong(values: unknown[], unresolved?: Excuse): unknown {
    if (values.some(isUnknown) || unresolved?.()) return UNKNOWN;
    return values.length ? values : undefined;
}

/**
 * Whether an id unknown at preview is built from one of these resources' outputs (its property
 * dependencies `deps`), so it is that resource's own id and no other's: an Azure resource other than
 * a resource group or subscription (an id built from a group's id and a name may name anything in it;
 * one built from a random or a config value, anything at all).
 */
export function builtFromOtherResource(stack: StackIndex, deps: readonly string[]): boolean {
    return deps.some(u => {
        const r = stack.byUrn(u);
        return !!r && r.type.startsWith("azure-native:") && !/^azure-native:resources:(ResourceGroup|Subscription)/.test(r.type);
    });
}

const endpointConnectionProps = ["privateLinkServiceConnections", "manualPrivateLinkServiceConnections"] as const;

/** Per target: the groupIds (lower-cased) of the private endpoints connected to it. */
export interface EndpointIndex {
    groups: Map<string, Set<string>>;
    /** Private endpoints whose target is unknown at preview. */
    unresolved: PolicyResource[];
}

/**
 * The private endpoints of the stack, related to targets of `targetTypes` through each connection's
 * `privateLinkServiceId` (by dependency, else by the name in the id). Built once per stack check.
 */
export function privateEndpointIndex(stack: StackIndex, targetTypes: readonly string[]): EndpointIndex {
    const targets = stack.ofType(...targetTypes);
    const urns = new Set(targets.map(t => t.urn));
    const byName = byPhysicalName(targets);
    const groups = new Map<string, Set<string>>();
    const unresolved: PolicyResource[] = [];
    const add = (urn: string, ids: unknown) => {
        let set = groups.get(urn);
        if (!set) groups.set(urn, set = new Set());
        for (const g of Array.isArray(ids) ? ids : []) if (typeof g === "string") set.add(g.toLowerCase());
    };
    for (const pe of stack.ofType(T.privateEndpoint)) {
        for (const prop of endpointConnectionProps) {
            const conns = pe.props[prop];
            const allDeps = pe.opts.propertyDependencies?.[prop] ?? [];
            // Connected to another resource of the stack (by its outputs): not one of these targets.
            const elsewhere = !allDeps.some(u => urns.has(u)) && builtFromOtherResource(stack, allDeps);
            if (isUnknown(conns)) { if (!elsewhere) unresolved.push(pe); continue; }
            if (!Array.isArray(conns)) continue;
            const deps = allDeps.filter(u => urns.has(u));
            for (const conn of conns) {
                const c = (conn ?? {}) as Record<string, unknown>;
                if (deps.length) { deps.forEach(u => add(u, c.groupIds)); continue; }
                const name = nameInId(c.privateLinkServiceId);
                if (name === UNKNOWN) { if (!elsewhere) unresolved.push(pe); }
                else if (name) for (const t of byName.get(name) ?? []) add(t.urn, c.groupIds);
            }
        }
    }
    return { groups, unresolved };
}
