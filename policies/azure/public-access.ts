// PUBLIC-ACCESS on Azure: no anonymous access and no public endpoint on a PHI store (CONTROLS.md 1b).
// Health Data Services' publicNetworkAccess is output-only (G13, section 5): a private endpoint on
// the workspace is what closes it, so that is judged over the stack.
import { armReads, terraformReads, equalsAnyIgnoreCase, isSet, readsAsAny } from "../lib/inputs";
import { expect, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { appInsightsTypes, cosmosAccountTypes, messagingNamespaceTypes, redisTypes, T } from "./support/tokens";
import { expectSwitchDefaultSince } from "./support/api-versions";
import { foundAmong, privateEndpointIndex, relate } from "./support/relations";
import { unknownReferences } from "../lib/unknowns";
import { firewallRangeReach } from "../lib/ip-range";
import { get, isUnknown, parseJson, UNKNOWN } from "../lib/values";
import { admitsInternet } from "../lib/network";
import { C, classicFirewallRuleTypes } from "./support/classic";

const controls = ["PUBLIC-ACCESS"] as const;
const disabled = (v: unknown) => equalsAnyIgnoreCase(v, "Disabled");

export const storageAccount = resourceRule({
    name: "azure-public-access-storage-account", cloud: "azure", controls: [...controls], severity: "critical",
    types: [T.storageAccount],
    description: "A storage account allows no anonymous blob access and no public network access, and its firewall denies by default.",
    remediation: "Set allowBlobPublicAccess false, publicNetworkAccess \"Disabled\" and networkRuleSet.defaultAction \"Deny\"; reach the account through a private endpoint.",
    check: r => [
        // Unset is false since API version 2023-01-01 (SDK doc: "The default interpretation is false"); under an older
        // version (a versioned token, or apiVersionOverride) the doc says "The default interpretation is true".
        ...expectSwitchDefaultSince(r, "allowBlobPublicAccess", "off", "2023-01-01", "false"),
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

/**
 * A web app (or slot) that runs a PHI service takes no traffic from the internet at large: public network
 * access off (reached through a private endpoint or a front such as Front Door/Application Gateway with its
 * own rules), or access restrictions that deny by default. Either place the SDK takes publicNetworkAccess counts.
 * A private endpoint alone does not earn a pass: with publicNetworkAccess unset, whether App Service still
 * answers on the public hostname depends on the API version and the site's history (Microsoft's guide says to
 * add the endpoint *and* disable public network access; Azure Policy 1b5ef780 counts unset as public), so the
 * app must say Disabled, which costs nothing when a private endpoint is its way in.
 */
export const webApp = stackRule({
    name: "azure-public-access-web-app", cloud: "azure", controls: [...controls], severity: "high",
    judges: [T.webApp, T.webAppSlot],
    description: "A web app (or slot) takes no traffic from the whole internet: public network access Disabled (a private endpoint does not turn it off by itself), or access restrictions that deny by default.",
    remediation: "Set publicNetworkAccess \"Disabled\" and reach the app through a private endpoint (group id sites), or set siteConfig.ipSecurityRestrictionsDefaultAction \"Deny\" with rules for the callers that need it.",
    check: stack => {
        const out: Violation[] = [];
        for (const r of stack.ofType(T.webApp, T.webAppSlot)) {
            const top = r.props.publicNetworkAccess, site = get(r.props, "siteConfig.publicNetworkAccess"), deny = get(r.props, "siteConfig.ipSecurityRestrictionsDefaultAction");
            const enabled = readsAsAny(top, "Enabled") || readsAsAny(site, "Enabled");
            // Disabled in either place, or a deny-by-default firewall: closed. A value that says Enabled anywhere is judged as open.
            if (!enabled && (disabled(top) || disabled(site))) continue;
            if (equalsAnyIgnoreCase(deny, "Deny")) continue;
            const unset = (top === undefined || top === null) && (site === undefined || site === null);
            const unknown = [top, site, deny].some(isUnknown);
            out.push(unknown ? { resource: r, property: "publicNetworkAccess", found: UNKNOWN, wanted: "\"Disabled\"" } : {
                resource: r, property: "publicNetworkAccess", found: top,
                wanted: "\"Disabled\" (or siteConfig.ipSecurityRestrictionsDefaultAction \"Deny\")",
                note: enabled ? undefined : unset ? "Unset, the app may answer anyone on the internet, private endpoint or not: say Disabled." : undefined,
            });
        }
        return out;
    },
});

/** A static website serves its account's $web container to anyone, without authentication: never on a PHI account. */
export const staticWebsite = resourceRule({
    name: "azure-public-access-static-website", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.staticWebsite, C.staticWebsite],
    description: "No storage account serves a static website: it makes the account's $web container readable by anyone.",
    remediation: "Serve public content from an account that holds no PHI (exempt this resource there with a reason), or remove the static website.",
    check: r => [{ property: "indexDocument", found: r.props.indexDocument ?? r.props.indexDocumentName ?? null, wanted: "no static website on an account of the stack", note: "The $web container is public to anyone." }],
});

/**
 * A managed disk can be exported through a SAS URL; the network access policy says from where. Unset is
 * AllowAll (SDK doc, both SDKs): anyone holding the URL, from anywhere.
 */
export const managedDisk = resourceRule({
    name: "azure-public-access-managed-disk", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.disk, C.managedDisk],
    description: "A managed disk cannot be exported or imported from the internet: its network access policy is DenyAll or AllowPrivate (through a disk access).",
    remediation: "Set networkAccessPolicy \"DenyAll\" (or \"AllowPrivate\" with diskAccessId), and publicNetworkAccess \"Disabled\" (publicNetworkAccessEnabled false on Azure classic).",
    check: r => [
        ...expect(r.props, "networkAccessPolicy", v => equalsAnyIgnoreCase(v, "DenyAll", "AllowPrivate"), "\"DenyAll\" or \"AllowPrivate\" (unset is AllowAll)"),
        ...(r.type === C.managedDisk
            ? expect(r.props, "publicNetworkAccessEnabled", writtenFalse, "false (unset is true)")
            : expect(r.props, "publicNetworkAccess", disabled, "\"Disabled\"")),
    ],
});

export const containerRegistry = resourceRule({
    name: "azure-public-access-container-registry", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.registry],
    description: "A container registry takes no public network traffic and allows no anonymous pull (images carry code and, at times, data).",
    remediation: "Set publicNetworkAccess \"Disabled\" (Premium, with a private endpoint) and leave anonymousPullEnabled unset or false.",
    check: r => [
        ...expect(r.props, "publicNetworkAccess", disabled, "\"Disabled\" (unset is Enabled)"),
        ...expect(r.props, "anonymousPullEnabled", armReads.offOrUnset, "false (the default)"),
    ],
});

export const messagingNamespace = resourceRule({
    name: "azure-public-access-messaging-namespace", cloud: "azure", controls: [...controls], severity: "high",
    types: messagingNamespaceTypes,
    description: "An Event Hubs or Service Bus namespace takes no public network traffic (or only through a network security perimeter).",
    remediation: "Set publicNetworkAccess \"Disabled\" (or \"SecuredByPerimeter\") and reach the namespace through a private endpoint.",
    check: r => expect(r.props, "publicNetworkAccess", v => equalsAnyIgnoreCase(v, "Disabled", "SecuredByPerimeter"), "\"Disabled\" or \"SecuredByPerimeter\" (unset is Enabled)"),
});

/**
 * A container app with external ingress answers the internet, unless its environment is internal (a VNet with
 * no public address: then "external" means the VNet). Its environment is found by managedEnvironmentId (or
 * environmentId), through dependencies or the name in the id; an environment outside the stack cannot be read.
 */
export const containerAppIngress = stackRule({
    name: "azure-public-access-container-app", cloud: "azure", controls: [...controls], severity: "high",
    judges: [T.containerApp],
    description: "A container app's ingress is not external, unless the app runs in an internal environment (a VNet without a public address).",
    remediation: "Set configuration.ingress.external false, or run the app in a ManagedEnvironment with vnetConfiguration.internal true.",
    check: stack => {
        const envs = relate(stack, [T.containerApp], "managedEnvironmentId", [T.containerAppEnvironment]);
        const envsOld = relate(stack, [T.containerApp], "environmentId", [T.containerAppEnvironment]);
        const envOf = new Map<string, PolicyResource[]>();
        for (const rel of [envs, envsOld]) for (const [env, apps] of rel.of) for (const app of apps) envOf.set(app.urn, [...envOf.get(app.urn) ?? [], stack.byUrn(env)!]);
        const out: Violation[] = [];
        for (const app of stack.ofType(T.containerApp)) {
            const external = get(app.props, "configuration.ingress.external");
            if (!isUnknown(external) && armReads.offOrUnset(external)) continue;
            const mine = envOf.get(app.urn) ?? [];
            const internal = mine.map(e => get(e.props, "vnetConfiguration.internal"));
            if (mine.length && internal.every(armReads.on)) continue;
            // An environment id unknown at preview and not built from a resource of the stack: judged at deployment.
            const unresolved = [...envs.unresolved, ...envsOld.unresolved].includes(app);
            out.push({
                resource: app, property: "configuration.ingress.external",
                found: isUnknown(external) || internal.some(isUnknown) || (!mine.length && unresolved) ? UNKNOWN : external,
                wanted: "false, or an environment with vnetConfiguration.internal true",
                note: mine.length ? undefined : "Its environment is not a ManagedEnvironment of this stack, so it cannot be read as internal.",
            });
        }
        return out;
    },
});

/** Application Insights telemetry (requests, exceptions, custom events) can carry PHI: ingestion and queries private, as a Log Analytics workspace's. */
export const appInsights = resourceRule({
    name: "azure-public-access-application-insights", cloud: "azure", controls: [...controls], severity: "high",
    types: appInsightsTypes,
    description: "An Application Insights component accepts neither ingestion nor queries over the public network.",
    remediation: "Set publicNetworkAccessForIngestion and publicNetworkAccessForQuery \"Disabled\" and connect through an Azure Monitor private link scope.",
    check: r => [
        ...expect(r.props, "publicNetworkAccessForIngestion", disabled, "\"Disabled\" (unset is Enabled)"),
        ...expect(r.props, "publicNetworkAccessForQuery", disabled, "\"Disabled\" (unset is Enabled)"),
    ],
});

/** A data collection endpoint receives logs (which describe PHI access) from agents: not over the public network. */
export const dataCollectionEndpoint = resourceRule({
    name: "azure-public-access-data-collection-endpoint", cloud: "azure", controls: [...controls], severity: "medium",
    types: ["azure-native:monitor:DataCollectionEndpoint", "azure-native:insights:DataCollectionEndpoint"],
    description: "A data collection endpoint takes no public network traffic (or only through a network security perimeter).",
    remediation: "Set networkAcls.publicNetworkAccess \"Disabled\" (or \"SecuredByPerimeter\") and connect through an Azure Monitor private link scope.",
    check: r => expect(r.props, "networkAcls.publicNetworkAccess", v => equalsAnyIgnoreCase(v, "Disabled", "SecuredByPerimeter"), "\"Disabled\" (unset is Enabled)"),
});

/**
 * A Logic App with a Request trigger is started by an HTTPS callback URL (signed with a shared SAS key) from
 * anywhere, unless its trigger access control names the callers: IP ranges that together are not the internet
 * (lib/network.ts), or an empty list (Azure's "only other Logic Apps"). A workflow without a Request trigger
 * has no inbound endpoint. The definition may be an object or a JSON string.
 */
export const logicWorkflow = resourceRule({
    name: "azure-public-access-logic-workflow", cloud: "azure", controls: [...controls], severity: "high",
    types: ["azure-native:logic:Workflow"],
    description: "A Logic App whose trigger is an HTTP request accepts calls only from named networks (or only other Logic Apps), not from the whole internet.",
    remediation: "Set accessControl.triggers.allowedCallerIpAddresses to the address ranges of the callers (an empty list: only other Logic Apps), or remove the Request trigger.",
    check: r => {
        // An object is read as given (its actions may hold ids unknown at preview; only the triggers' types matter here).
        const raw = r.props.definition;
        const definition = typeof raw === "string" ? parseJson(raw) : raw;
        if (isUnknown(definition)) return [{ property: "definition", found: definition, wanted: "a definition known at preview" }];
        const triggers = get(definition, "triggers");
        const entries = Object.entries((triggers && typeof triggers === "object" && !isUnknown(triggers) ? triggers : {}) as Record<string, unknown>);
        const requests = entries.filter(([, t]) => readsAsAny(get(t, "type"), "Request")).map(([name]) => name);
        if (!requests.length) {
            if (isUnknown(triggers) || entries.some(([, t]) => isUnknown(t) || isUnknown(get(t, "type")))) return [{ property: "definition.triggers", found: UNKNOWN, wanted: "triggers known at preview" }];
            return [];
        }
        const allowed = get(r.props, "accessControl.triggers.allowedCallerIpAddresses");
        const wanted = "the callers' address ranges (not the internet), or [] for only other Logic Apps";
        if (isUnknown(allowed)) return [{ property: "accessControl.triggers.allowedCallerIpAddresses", found: allowed, wanted }];
        if (Array.isArray(allowed)) {
            const world = admitsInternet(allowed.map(a => isUnknown(a) ? UNKNOWN : get(a, "addressRange")));
            if (world === "no") return [];
            if (world === "unknown") return [{ property: "accessControl.triggers.allowedCallerIpAddresses", found: UNKNOWN, wanted }];
        }
        return [{ property: "accessControl.triggers.allowedCallerIpAddresses", found: allowed, wanted,
            note: `Its Request trigger${requests.length > 1 ? "s" : ""} ${requests.map(n => JSON.stringify(n)).join(", ")} answer${requests.length > 1 ? "" : "s"} anyone on the internet who holds the callback URL.` }];
    },
});

// ---- Azure classic (@pulumi/azure 6; classic.ts) ----------------------------------------------------------

/** A classic boolean switch that must be written false: unset is the SDK's default, which for these is true (open). */
const writtenFalse = (v: unknown) => terraformReads.off(v);

export const classicStorageAccount = resourceRule({
    name: "azure-public-access-classic-storage-account", cloud: "azure", controls: [...controls], severity: "critical",
    types: [C.storageAccount],
    description: "A storage account (Azure classic) lets no container be public and takes no public network traffic; an inline firewall denies by default.",
    remediation: "Set allowNestedItemsToBePublic false and publicNetworkAccessEnabled false (both default to true), and networkRules.defaultAction \"Deny\" if networkRules is given; reach the account through a private endpoint.",
    check: r => [
        // Unset is true ("Defaults to `true`"): containers may then be made public.
        ...expect(r.props, "allowNestedItemsToBePublic", writtenFalse, "false (unset is true)"),
        // @pulumi/azure 4's name for it, whose default was false: written, it must be false too (the SDK of the program decides which it reads).
        ...expect(r.props, "allowBlobPublicAccess", terraformReads.offOrUnset, "false"),
        ...expect(r.props, "publicNetworkAccessEnabled", writtenFalse, "false (unset is true)"),
        // The firewall matters only while public access is on; written, it must deny (a separate AccountNetworkRules is judged itself).
        ...(r.props.networkRules === undefined || r.props.networkRules === null ? [] : expect(r.props, "networkRules.defaultAction", v => equalsAnyIgnoreCase(v, "Deny"), "\"Deny\"")),
    ],
});

export const classicStorageNetworkRules = resourceRule({
    name: "azure-public-access-classic-storage-network-rules", cloud: "azure", controls: [...controls], severity: "critical",
    types: [C.storageNetworkRules],
    description: "A storage account's firewall (Azure classic AccountNetworkRules) denies by default.",
    remediation: "Set defaultAction \"Deny\" and allow the networks that need the account by subnet or private endpoint.",
    check: r => expect(r.props, "defaultAction", v => equalsAnyIgnoreCase(v, "Deny"), "\"Deny\""),
});

export const classicStorageContainer = resourceRule({
    name: "azure-public-access-classic-storage-container", cloud: "azure", controls: [...controls], severity: "critical",
    types: [C.storageContainer],
    description: "A blob container (Azure classic) allows no anonymous access.",
    remediation: "Leave containerAccessType unset or set \"private\" (not \"blob\" or \"container\").",
    // Unset is "private" ("Defaults to `private`").
    check: r => expect(r.props, "containerAccessType", v => v === undefined || equalsAnyIgnoreCase(v, "private"), "\"private\" (the default)"),
});

export const classicKeyVault = resourceRule({
    name: "azure-public-access-classic-key-vault", cloud: "azure", controls: [...controls], severity: "critical",
    types: [C.keyVault],
    description: "A Key Vault (Azure classic) takes no public network traffic, its firewall denies by default and lets trusted Azure services (CMK consumers) through.",
    remediation: "Set publicNetworkAccessEnabled false, networkAcls.defaultAction \"Deny\" and networkAcls.bypass \"AzureServices\".",
    check: r => [
        ...expect(r.props, "publicNetworkAccessEnabled", writtenFalse, "false (unset is true)"),
        ...expect(r.props, "networkAcls.defaultAction", v => equalsAnyIgnoreCase(v, "Deny"), "\"Deny\""),
        ...expect(r.props, "networkAcls.bypass", v => v === undefined || equalsAnyIgnoreCase(v, "AzureServices"), "\"AzureServices\""),
    ],
});

export const classicDatabaseServer = resourceRule({
    name: "azure-public-access-classic-database-server", cloud: "azure", controls: [...controls], severity: "critical",
    types: [C.mssqlServer, C.pgFlexible, C.pgServer],
    description: "An Azure SQL, PostgreSQL flexible or PostgreSQL single server (Azure classic) takes no connections from public networks.",
    remediation: "Set publicNetworkAccessEnabled false (unset is true) and reach the server through a private endpoint or a delegated subnet.",
    check: r => expect(r.props, "publicNetworkAccessEnabled", writtenFalse, "false (unset is true)"),
});

/**
 * MySQL flexible server: publicNetworkAccess is an enum, and a server in a delegated subnet (VNet
 * integration) has no public endpoint whatever it says, so unset with a delegatedSubnetId is private.
 */
export const classicMysqlServer = resourceRule({
    name: "azure-public-access-classic-mysql-flexible-server", cloud: "azure", controls: [...controls], severity: "critical",
    types: [C.mysqlFlexible],
    description: "A MySQL flexible server (Azure classic) takes no connections from public networks.",
    remediation: "Set publicNetworkAccess \"Disabled\", or place the server in a delegated subnet (delegatedSubnetId) and leave publicNetworkAccess unset.",
    check: r => {
        const given = r.props.publicNetworkAccess;
        if (given === undefined && isSet(r.props.delegatedSubnetId)) return [];
        return expect(r.props, "publicNetworkAccess", disabled, "\"Disabled\" (or a delegatedSubnetId with it unset)");
    },
});

/** One start–end IP firewall rule (lib/ip-range.ts judges the range): the violation, if it admits the internet or all of Azure. */
function firewallRangeViolations(r: { props: Record<string, unknown> }, startProp: string, endProp: string): Violation[] {
    const start = r.props[startProp], end = r.props[endProp];
    const reach = firewallRangeReach(start, end);
    const wanted = "a range of the addresses that need the server (not the internet, not 0.0.0.0–0.0.0.0)";
    if (reach === "narrow") return [];
    if (reach === "unknown") return [{ property: startProp, found: UNKNOWN, wanted }];
    const note = reach === "internet" ? "The range admits the internet."
        : reach === "azure-services" ? "0.0.0.0–0.0.0.0 admits every Azure resource of every Azure customer (CIS Azure: \"Allow access to Azure services\" disabled)."
        : "An end is not an IPv4 address, so the range cannot be judged narrower than it reads.";
    return [{ property: `${startProp}–${endProp}`, found: `${String(start)}–${String(end)}`, wanted, note }];
}

export const classicFirewallRule = resourceRule({
    name: "azure-public-access-classic-database-firewall-rule", cloud: "azure", controls: [...controls], severity: "critical",
    types: classicFirewallRuleTypes,
    description: "No database server IP firewall rule (Azure classic) admits the internet (a range holding a /8's worth of public addresses, e.g. 0.0.0.0–255.255.255.255) or every Azure customer (0.0.0.0–0.0.0.0, \"allow Azure services\").",
    remediation: "Narrow startIpAddress/endIpAddress to the addresses that need the server, or remove the rule and use a private endpoint.",
    check: r => firewallRangeViolations(r, "startIpAddress", "endIpAddress"),
});

/** azure-native's server-level IP firewall rules: Azure SQL, PostgreSQL and MySQL (flexible, single, Cosmos DB for PostgreSQL), Redis. */
const nativeFirewallRuleTypes = [
    "azure-native:sql:FirewallRule", "azure-native:dbforpostgresql:FirewallRule", "azure-native:dbformysql:FirewallRule",
    "azure-native:dbforpostgresql:SingleServerFirewallRule", "azure-native:dbformysql:SingleServerFirewallRule",
    "azure-native:dbforpostgresql:ServerGroupFirewallRule",
] as const;
const redisFirewallRuleTypes = ["azure-native:redis:FirewallRule", "azure-native:redis:RedisFirewallRule", "azure-native:cache:FirewallRule"] as const;

export const databaseFirewallRule = resourceRule({
    name: "azure-public-access-database-firewall-rule", cloud: "azure", controls: [...controls], severity: "critical",
    types: [...nativeFirewallRuleTypes, ...redisFirewallRuleTypes],
    description: "No Azure SQL, PostgreSQL, MySQL or Redis IP firewall rule admits the internet (a range holding a /8's worth of public addresses, e.g. 0.0.0.0–255.255.255.255) or every Azure customer (0.0.0.0–0.0.0.0, \"allow Azure services\").",
    remediation: "Narrow startIpAddress/endIpAddress (startIP/endIP for Redis) to the addresses that need the server, or remove the rule and use a private endpoint.",
    check: r => (redisFirewallRuleTypes as readonly string[]).includes(r.type)
        ? firewallRangeViolations(r, "startIP", "endIP") : firewallRangeViolations(r, "startIpAddress", "endIpAddress"),
});

/**
 * PostgreSQL and MySQL flexible servers: network.publicNetworkAccess Disabled; a server in a delegated subnet
 * (VNet integration) has no public endpoint, and Azure sets it Disabled, so unset with a subnet is private.
 */
export const flexibleServer = resourceRule({
    name: "azure-public-access-flexible-server", cloud: "azure", controls: [...controls], severity: "critical",
    types: [T.postgresFlexible, T.mysqlFlexible],
    description: "A PostgreSQL or MySQL flexible server takes no connections from public networks.",
    remediation: "Set network.publicNetworkAccess \"Disabled\" and reach the server through a private endpoint, or place it in a delegated subnet (network.delegatedSubnetResourceId).",
    check: r => {
        if (get(r.props, "network.publicNetworkAccess") === undefined && isSet(get(r.props, "network.delegatedSubnetResourceId"))) return [];
        return expect(r.props, "network.publicNetworkAccess", disabled, "\"Disabled\" (or a delegated subnet with it unset)");
    },
});

export const redisCache = resourceRule({
    name: "azure-public-access-redis-cache", cloud: "azure", controls: [...controls], severity: "high",
    types: redisTypes,
    description: "An Azure Cache for Redis takes no connections from public networks.",
    remediation: "Set publicNetworkAccess \"Disabled\" and reach the cache through a private endpoint (group id redisCache).",
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

export const rules: Rule[] = [storageAccount, blobContainer, keyVault, synapseWorkspace, synapseFirewallRule, logAnalyticsWorkspace, healthWorkspace,
    sqlServer, cosmosAccount, classicStorageAccount, classicStorageNetworkRules, classicStorageContainer, classicKeyVault,
    classicDatabaseServer, classicMysqlServer, classicFirewallRule, webApp, staticWebsite, managedDisk, databaseFirewallRule,
    flexibleServer, redisCache, containerRegistry, messagingNamespace, containerAppIngress, appInsights, dataCollectionEndpoint,
    logicWorkflow, cognitiveAccount];
