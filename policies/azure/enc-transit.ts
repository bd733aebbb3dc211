// ENC-TRANSIT on Azure: TLS-only access with TLS 1.2 or later (CONTROLS.md 1b). Synapse dedicated SQL
// minimal TLS (`workspaces/dedicatedSQLminimalTlsSettings`) has no resource in azure-native 3.28
// (G15, section 5): it is read from an ARM template deployment (arm-templates.ts). Health Data
// Services endpoints are HTTPS-only by design.
import { armReads, terraformReads, equalsAnyIgnoreCase, looseForm } from "../lib/inputs";
import { expect, notOfKind, resourceRule, Rule, stackRule, Verdict, Violation } from "../lib/rule";
import { armTypes, templatedSynapseSettings } from "./support/arm-templates";
import { cosmosAccountTypes, messagingNamespaceTypes, redisTypes, T } from "./support/tokens";
import { expectSwitchDefaultSince } from "./support/api-versions";
import { foundAmong } from "./support/relations";
import { unknownReferences } from "../lib/unknowns";
import { asArray, get, isUnknown, UNKNOWN, UNKNOWN_STRING } from "../lib/values";
import { C, classicServerConfigurationTypes, eitherSpelling } from "./support/classic";

const controls = ["ENC-TRANSIT"] as const;

export const storageAccount = resourceRule({
    name: "azure-enc-transit-storage-account", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.storageAccount],
    description: "A storage account accepts HTTPS only, with TLS 1.2 or later.",
    remediation: "Set enableHttpsTrafficOnly true (unset is true only from API 2019-04-01 on) and minimumTlsVersion \"TLS1_2\".",
    check: r => [
        // Unset is HTTPS-only since API version 2019-04-01 (the SDK's doc); under an older version (a versioned token,
        // or apiVersionOverride) unset takes HTTP too. Only true or unset pass: "not false" passed 0, which ARM's JSON
        // reader takes as false.
        ...expectSwitchDefaultSince(r, "enableHttpsTrafficOnly", "on", "2019-04-01", "true"),
        // Explicit, as CONTROLS.md asks: the SDK documents unset as TLS 1.0 for the API versions it targets,
        // though Azure has refused TLS 1.0/1.1 on every account since February 2026. TLS1_3 is in the enum
        // though the doc says storage does not support it yet.
        ...expect(r.props, "minimumTlsVersion", v => equalsAnyIgnoreCase(v, "TLS1_2", "TLS1_3"), "\"TLS1_2\" (or \"TLS1_3\")"),
    ],
});

export const hdinsightCluster = resourceRule({
    name: "azure-enc-transit-hdinsight-cluster", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.hdinsightCluster],
    description: "An HDInsight cluster encrypts traffic between its nodes and accepts TLS 1.2 or later.",
    remediation: "Set properties.encryptionInTransitProperties.isEncryptionInTransitEnabled true and properties.minSupportedTlsVersion \"1.2\" (both create-only).",
    check: r => [
        ...expect(r.props, "properties.encryptionInTransitProperties.isEncryptionInTransitEnabled", armReads.on, "true"),
        ...expect(r.props, "properties.minSupportedTlsVersion", v => v === "1.2" || v === "1.3", "\"1.2\""),
    ],
});

/**
 * Advisory: the only way to set it is an ARM PUT of dedicatedSQLminimalTlsSettings, which one spec
 * revision declares PATCH-only, so whether ARM accepts it is unverified (CONTROLS.md section 5).
 */
export const synapseSqlMinimalTls = stackRule({
    name: "azure-enc-transit-synapse-sql-minimal-tls", cloud: "azure", controls: [...controls], severity: "medium", enforcement: "advisory",
    judges: [T.synapseWorkspace],
    description: "Every Synapse workspace's dedicated SQL endpoint requires TLS 1.2 or later (dedicatedSQLminimalTlsSettings, deployed through an ARM template).",
    remediation: "Deploy Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings \"<workspace>/default\" {minimalTlsVersion: \"1.2\"} with an azure-native resources.Deployment (API 2021-06-01), and check the deployment's result.",
    check: stack => {
        const settings = templatedSynapseSettings(stack, armTypes.synapseMinimalTls);
        const excuse = unknownReferences(settings.unresolved.length);
        const out: Violation[] = [];
        for (const ws of stack.ofType(T.synapseWorkspace)) {
            const mine = settings.of.get(ws.urn) ?? [];
            if (mine.some(p => p.minimalTlsVersion === "1.2" || p.minimalTlsVersion === "1.3")) continue;
            out.push({
                resource: ws, property: "Deployment template Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings.properties.minimalTlsVersion",
                found: foundAmong(mine.map(p => p.minimalTlsVersion), excuse), wanted: "\"1.2\"",
            });
        }
        return out;
    },
});

export const sqlServer = resourceRule({
    name: "azure-enc-transit-sql-server", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.sqlServer],
    description: "An Azure SQL server accepts TLS 1.2 or later only.",
    remediation: "Set minimalTlsVersion \"1.2\" (or \"1.3\").",
    check: r => expect(r.props, "minimalTlsVersion", v => equalsAnyIgnoreCase(v, "1.2", "1.3"), "\"1.2\" or \"1.3\""),
});

export const cosmosAccount = resourceRule({
    name: "azure-enc-transit-cosmosdb-account", cloud: "azure", controls: [...controls], severity: "high",
    types: cosmosAccountTypes,
    description: "A Cosmos DB account accepts TLS 1.2 only (the default; Tls and Tls11 weaken it).",
    remediation: "Leave minimalTlsVersion unset or set \"Tls12\".",
    check: r => expect(r.props, "minimalTlsVersion", v => v === undefined || equalsAnyIgnoreCase(v, "Tls12"), "\"Tls12\" (or unset, the default)"),
});

/** App Service's TLS floor ("1.2", "1.3"; the enum also has "1.0", "1.1"). */
const appTls = (v: unknown) => equalsAnyIgnoreCase(v, "1.2", "1.3");

/**
 * A web app (or a deployment slot, the same inputs): HTTPS only, TLS 1.2 on the site, no plain FTP. The SDK
 * documents no default for minTlsVersion and ftpsState (ARM's has been AllAllowed for FTP), so both are asked
 * for explicitly, as the storage account's TLS floor is; the Kudu (SCM) site's floor, when written, too.
 */
export const webApp = resourceRule({
    name: "azure-enc-transit-web-app", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.webApp, T.webAppSlot],
    description: "A web app (or slot) redirects HTTP to HTTPS, requires TLS 1.2 or later, and allows FTPS only (or no FTP).",
    remediation: "Set httpsOnly true, siteConfig.minTlsVersion \"1.2\" (scmMinTlsVersion, if set, \"1.2\" too) and siteConfig.ftpsState \"FtpsOnly\" or \"Disabled\".",
    check: r => [
        ...expect(r.props, "httpsOnly", armReads.on, "true (unset serves HTTP)"),
        ...expect(r.props, "siteConfig.minTlsVersion", appTls, "\"1.2\" or \"1.3\""),
        ...expect(r.props, "siteConfig.scmMinTlsVersion", v => v === undefined || appTls(v), "\"1.2\" or \"1.3\" (or unset)"),
        ...expect(r.props, "siteConfig.ftpsState", v => equalsAnyIgnoreCase(v, "FtpsOnly", "Disabled"), "\"FtpsOnly\" or \"Disabled\""),
    ],
});

export const messagingNamespace = resourceRule({
    name: "azure-enc-transit-messaging-namespace", cloud: "azure", controls: [...controls], severity: "high",
    types: messagingNamespaceTypes,
    description: "An Event Hubs or Service Bus namespace accepts TLS 1.2 or later only.",
    remediation: "Set minimumTlsVersion \"1.2\" (or \"1.3\").",
    check: r => expect(r.props, "minimumTlsVersion", v => equalsAnyIgnoreCase(v, "1.2", "1.3"), "\"1.2\" or \"1.3\""),
});

/** A container app's ingress: allowInsecure lets plain HTTP through instead of redirecting it to HTTPS. */
export const containerApp = resourceRule({
    name: "azure-enc-transit-container-app", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.containerApp],
    description: "A container app's ingress does not accept plain HTTP (allowInsecure).",
    remediation: "Leave configuration.ingress.allowInsecure unset or false (HTTP is then redirected to HTTPS).",
    check: r => expect(r.props, "configuration.ingress.allowInsecure", armReads.offOrUnset, "false (the default)"),
});

/** A classic CDN endpoint serves HTTP unless told not to (isHttpAllowed defaults to true). */
export const cdnEndpoint = resourceRule({
    name: "azure-enc-transit-cdn-endpoint", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.cdnEndpoint],
    description: "A CDN endpoint serves HTTPS only.",
    remediation: "Set isHttpAllowed false (unset is true) and leave isHttpsAllowed unset or true.",
    check: r => [
        ...expect(r.props, "isHttpAllowed", armReads.off, "false (unset is true)"),
        ...expect(r.props, "isHttpsAllowed", armReads.onOrUnset, "true (the default)"),
    ],
});

/**
 * A Front Door route: clients on HTTPS only (or HTTP redirected), and HTTPS to the origin. The SDK's defaults
 * are supportedProtocols [Http, Https], httpsRedirect Disabled and forwardingProtocol MatchRequest.
 */
export const frontDoorRoute = resourceRule({
    name: "azure-enc-transit-front-door-route", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.frontDoorRoute],
    description: "A Front Door route serves HTTPS only (or redirects HTTP to HTTPS) and forwards to its origin over HTTPS.",
    remediation: "Set supportedProtocols [\"Https\"] (or httpsRedirect \"Enabled\") and forwardingProtocol \"HttpsOnly\".",
    check: r => {
        const protocols = r.props.supportedProtocols;
        const httpsOnly = Array.isArray(protocols) && protocols.length > 0 && protocols.every(p => equalsAnyIgnoreCase(p, "Https"));
        const out: Violation[] = [];
        if (!httpsOnly) {
            if (isUnknown(protocols)) out.push({ property: "supportedProtocols", found: protocols, wanted: "[\"Https\"]" });
            else out.push(...expect(r.props, "httpsRedirect", v => equalsAnyIgnoreCase(v, "Enabled"), "\"Enabled\", or supportedProtocols [\"Https\"]"));
        }
        out.push(...expect(r.props, "forwardingProtocol", v => equalsAnyIgnoreCase(v, "HttpsOnly"), "\"HttpsOnly\" (unset is MatchRequest)"));
        return out;
    },
});

export const frontDoorCustomDomain = resourceRule({
    name: "azure-enc-transit-front-door-custom-domain", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.frontDoorCustomDomain],
    description: "A Front Door custom domain accepts TLS 1.2 or later.",
    remediation: "Set tlsSettings.minimumTlsVersion \"TLS12\" (or \"TLS13\").",
    check: r => expect(r.props, "tlsSettings.minimumTlsVersion", v => equalsAnyIgnoreCase(v, "TLS12", "TLS13"), "\"TLS12\" or \"TLS13\""),
});

/**
 * API Management: a decision. It is a public API gateway by design (its APIs' authorization is policy XML, not
 * judged here); what the pack judges is transport: no TLS 1.0/1.1 or SSL 3.0 to clients or backends. Unset is off
 * for every service created after April 2018 (SDK doc), so only a written "true" is a finding.
 */
const apimWeakProtocols = ["Protocols.Tls10", "Protocols.Tls11", "Protocols.Ssl30", "Backend.Protocols.Tls10", "Backend.Protocols.Tls11", "Backend.Protocols.Ssl30"]
    .map(p => `microsoft.windowsazure.apimanagement.gateway.security.${p.toLowerCase()}`);

export const apiManagement = resourceRule({
    name: "azure-enc-transit-api-management", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.apiManagement],
    description: "An API Management service accepts TLS 1.2 or later from clients and uses it to backends (no TLS 1.0/1.1 or SSL 3.0 turned on).",
    remediation: "Remove, or set \"False\", customProperties Microsoft.WindowsAzure.ApiManagement.Gateway.Security.[Backend.]Protocols.Tls10/Tls11/Ssl30.",
    check: r => {
        const custom = r.props.customProperties;
        if (isUnknown(custom)) return [{ property: "customProperties", found: custom, wanted: "no TLS 1.0/1.1 or SSL 3.0" }];
        if (!custom || typeof custom !== "object") return [];
        // Keys however they are spelt (a weak protocol is the unsafe thing named); a value unknown at preview is unknown; anything but false turns the protocol on.
        return Object.entries(custom as Record<string, unknown>).filter(([k]) => apimWeakProtocols.includes(looseForm(k))).flatMap(([k, v]) =>
            v === undefined || v === null || v === false || equalsAnyIgnoreCase(v, "false") ? [] : [{ property: `customProperties["${k}"]`, found: v, wanted: "\"False\" (or unset)" }]);
    },
});

/**
 * An Azure Files share: SMB shares are encrypted in transit by their account's HTTPS-only setting (SMB 3 with
 * encryption, judged by azure-enc-transit-storage-account); an NFS share has no encryption in transit on the wire.
 */
export const fileShare = resourceRule({
    name: "azure-enc-transit-file-share", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.fileShare],
    description: "An Azure Files share uses SMB (encrypted in transit through its account's HTTPS-only setting), not NFS.",
    remediation: "Leave enabledProtocols unset or \"SMB\".",
    check: r => expect(r.props, "enabledProtocols", v => v === undefined || v === null || equalsAnyIgnoreCase(v, "SMB"), "\"SMB\" (the default)"),
});

/** Predefined Application Gateway TLS policies whose minimum is TLS 1.2 (AppGwSslPolicy20150501 and 20170401 allow 1.0). */
const appGwTls12Policies = ["AppGwSslPolicy20170401S", "AppGwSslPolicy20220101", "AppGwSslPolicy20220101S"];

/** The last segment of a sub-resource reference ({id: ".../httpListeners/name"}), lower-cased; UNKNOWN when unknown at preview. */
function subResourceName(ref: unknown): string | typeof UNKNOWN | undefined {
    const id = get(ref, "id");
    if (isUnknown(id) || (typeof id === "string" && id.includes(UNKNOWN_STRING))) return UNKNOWN;
    return typeof id === "string" ? id.replace(/\/+$/, "").split("/").pop()!.toLowerCase() : undefined;
}

/**
 * An Application Gateway in front of PHI services: TLS 1.2 or later to clients (written: a TLS 1.2 predefined
 * policy, or a custom minimum), listeners on HTTPS (an HTTP listener only to redirect to an HTTPS one), and HTTPS
 * to the backends, as a Front Door route must forward over HTTPS.
 */
export const applicationGateway = resourceRule({
    name: "azure-enc-transit-application-gateway", cloud: "azure", controls: [...controls], severity: "high",
    types: ["azure-native:network:ApplicationGateway"],
    description: "An Application Gateway accepts TLS 1.2 or later, serves HTTPS listeners only (an HTTP listener only redirects to HTTPS), and reaches its backends over HTTPS.",
    remediation: "Set sslPolicy {policyType: \"Predefined\", policyName: \"AppGwSslPolicy20220101S\"} (or minProtocolVersion \"TLSv1_2\"), httpListeners[].protocol \"Https\" (HTTP ones routed to a redirectConfiguration whose targetListener is HTTPS), and backendHttpSettingsCollection[].protocol \"Https\".",
    check: r => {
        const out: Violation[] = [];
        const policy = r.props.sslPolicy;
        if (isUnknown(policy)) out.push({ property: "sslPolicy", found: policy, wanted: "a TLS 1.2 policy" });
        else if (!appGwTls12Policies.some(n => equalsAnyIgnoreCase(get(policy, "policyName"), n)) && !equalsAnyIgnoreCase(get(policy, "minProtocolVersion"), "TLSv1_2", "TLSv1_3")) {
            const found = isUnknown(get(policy, "policyName")) || isUnknown(get(policy, "minProtocolVersion")) ? UNKNOWN : policy;
            out.push({ property: "sslPolicy", found, wanted: `policyName ${appGwTls12Policies.map(n => JSON.stringify(n)).join(", ")} or minProtocolVersion "TLSv1_2"` });
        }
        const listeners = r.props.httpListeners, rules = r.props.requestRoutingRules, redirects = r.props.redirectConfigurations;
        if ([listeners, rules, redirects].some(isUnknown)) out.push({ property: "httpListeners", found: UNKNOWN, wanted: "HTTPS listeners" });
        else {
            const list = asArray(listeners as Record<string, unknown>[]);
            const https = new Set(list.filter(l => equalsAnyIgnoreCase(l?.protocol, "Https")).map(l => String(l.name ?? "").toLowerCase()));
            const redirectsTo = new Map(asArray(redirects as Record<string, unknown>[]).map(c => [String(c?.name ?? "").toLowerCase(), subResourceName(c?.targetListener)]));
            list.forEach((l, i) => {
                if (equalsAnyIgnoreCase(l?.protocol, "Https")) return;
                const name = String(l?.name ?? "").toLowerCase();
                const targets = asArray(rules as Record<string, unknown>[]).filter(rr => subResourceName(rr?.httpListener) === name)
                    .map(rr => { const c = subResourceName(rr.redirectConfiguration); return c === UNKNOWN ? UNKNOWN : c === undefined ? undefined : redirectsTo.get(c); });
                if (targets.some(t => typeof t === "string" && https.has(t))) return;
                const unknown = isUnknown(l?.protocol) || targets.some(isUnknown) || asArray(rules as Record<string, unknown>[]).some(rr => isUnknown(subResourceName(rr?.httpListener)));
                out.push({ property: `httpListeners[${i}].protocol`, found: unknown ? UNKNOWN : l?.protocol, wanted: "\"Https\" (or a routing rule that redirects it to an HTTPS listener)" });
            });
        }
        const backends = r.props.backendHttpSettingsCollection;
        if (isUnknown(backends)) out.push({ property: "backendHttpSettingsCollection", found: backends, wanted: "HTTPS to the backends" });
        else asArray(backends as Record<string, unknown>[]).forEach((b, i) => out.push(...expect((b ?? {}) as Record<string, unknown>, "protocol", v => equalsAnyIgnoreCase(v, "Https"), "\"Https\"")
            .map(v => ({ ...v, property: `backendHttpSettingsCollection[${i}].protocol` }))));
        return out;
    },
});

// ---- Azure classic (@pulumi/azure 6; classic.ts) ----------------------------------------------------------

/** A TLS floor written as Azure's "TLS1_2"/"TLS1_3" (storage, PostgreSQL single server), any case. */
const tls12Word = (v: unknown) => equalsAnyIgnoreCase(v, "TLS1_2", "TLS1_3");

export const classicStorageAccount = resourceRule({
    name: "azure-enc-transit-classic-storage-account", cloud: "azure", controls: [...controls], severity: "high",
    types: [C.storageAccount],
    description: "A storage account (Azure classic) accepts HTTPS only, with TLS 1.2 or later.",
    remediation: "Leave httpsTrafficOnlyEnabled (enableHttpsTrafficOnly before @pulumi/azure 6) unset or true, and minTlsVersion unset or \"TLS1_2\".",
    check: r => {
        // Unset is HTTPS only and TLS 1.2: the SDK documents both defaults ("Defaults to `true`", "Defaults to `TLS1_2`").
        const https = eitherSpelling(r.props, ["httpsTrafficOnlyEnabled", "enableHttpsTrafficOnly"], terraformReads.on);
        return [
            ...expect({ [https.path]: https.value }, https.path, terraformReads.onOrUnset, "true (the default)"),
            ...expect(r.props, "minTlsVersion", v => v === undefined || tls12Word(v), "\"TLS1_2\" (the default)"),
        ];
    },
});

export const classicSqlServer = resourceRule({
    name: "azure-enc-transit-classic-mssql-server", cloud: "azure", controls: [...controls], severity: "high",
    types: [C.mssqlServer],
    description: "An Azure SQL server (Azure classic) accepts TLS 1.2 or later only.",
    remediation: "Leave minimumTlsVersion unset (the default is \"1.2\") or set \"1.2\" or \"1.3\" (not \"1.0\", \"1.1\" or \"Disabled\").",
    check: r => expect(r.props, "minimumTlsVersion", v => v === undefined || equalsAnyIgnoreCase(v, "1.2", "1.3"), "\"1.2\" (the default) or \"1.3\""),
});

/** PostgreSQL single server (retired by Azure in 2025, still in programs): SSL enforced, TLS 1.2 floor. */
export const classicPostgresServer = resourceRule({
    name: "azure-enc-transit-classic-postgresql-server", cloud: "azure", controls: [...controls], severity: "high",
    types: [C.pgServer],
    description: "A PostgreSQL single server (Azure classic) enforces SSL with TLS 1.2 or later.",
    remediation: "Set sslEnforcementEnabled true and leave sslMinimalTlsVersionEnforced unset or \"TLS1_2\".",
    check: r => [
        ...expect(r.props, "sslEnforcementEnabled", terraformReads.on, "true"),
        ...expect(r.props, "sslMinimalTlsVersionEnforced", v => v === undefined || tls12Word(v), "\"TLS1_2\" (the default)"),
    ],
});

/**
 * The server parameters that weaken transport security; every other parameter is not this rule's kind. A parameter's
 * name makes the rule apply (read however it is spelt); a safe value counts only as the server reads it, never trimmed.
 */
const tlsParameters: Readonly<Record<string, { ok: (v: string) => boolean; wanted: string }>> = {
    // PostgreSQL and MySQL flexible servers (and PostgreSQL single server): ON by default; OFF accepts plaintext.
    require_secure_transport: { ok: v => equalsAnyIgnoreCase(v, "on"), wanted: "\"ON\" (the default)" },
    // PostgreSQL: the lowest TLS version the server accepts.
    ssl_min_protocol_version: { ok: v => /^tlsv1\.[23]$/i.test(v), wanted: "\"TLSv1.2\" or \"TLSv1.3\"" },
    // MySQL: the TLS versions the server accepts, a comma-separated list; every one must be 1.2 or later.
    tls_version: { ok: v => v.split(",").every(x => /^tlsv1\.[23]$/i.test(x)), wanted: "only \"TLSv1.2\" and \"TLSv1.3\"" },
};

export const classicServerConfiguration = resourceRule({
    name: "azure-enc-transit-classic-server-configuration", cloud: "azure", controls: [...controls], severity: "high",
    types: classicServerConfigurationTypes,
    description: "A PostgreSQL or MySQL server parameter (Azure classic) does not weaken transport security: require_secure_transport stays ON, and ssl_min_protocol_version / tls_version allow TLS 1.2 or later only.",
    remediation: "Remove the configuration, or set require_secure_transport \"ON\", ssl_min_protocol_version \"TLSv1.2\", tls_version \"TLSv1.2,TLSv1.3\".",
    check: r => serverParameter(r.props, "name"),
});

/** A server parameter named by `nameProp`, judged by tlsParameters; any other parameter is not this rule's kind. */
function serverParameter(props: Record<string, unknown>, nameProp: string): Verdict {
    const name = props[nameProp];
    if (isUnknown(name)) return [{ property: nameProp, found: name, wanted: "a parameter name known at preview" }];
    const param = typeof name === "string" && Object.hasOwn(tlsParameters, looseForm(name)) ? tlsParameters[looseForm(name)] : undefined;
    if (!param) return notOfKind(`the server parameter ${JSON.stringify(name)} is not one that sets transport security`);
    return expect(props, "value", v => typeof v === "string" && param.ok(v), param.wanted);
}

export const serverConfiguration = resourceRule({
    name: "azure-enc-transit-server-configuration", cloud: "azure", controls: [...controls], severity: "high",
    types: ["azure-native:dbforpostgresql:Configuration", "azure-native:dbformysql:Configuration"],
    description: "A PostgreSQL or MySQL flexible server parameter does not weaken transport security: require_secure_transport stays ON, and ssl_min_protocol_version / tls_version allow TLS 1.2 or later only.",
    remediation: "Remove the configuration, or set require_secure_transport \"ON\", ssl_min_protocol_version \"TLSv1.2\", tls_version \"TLSv1.2,TLSv1.3\".",
    check: r => serverParameter(r.props, "configurationName"),
});

/** Azure Cache for Redis: TLS only (the non-TLS port 6379 closed, its default), TLS 1.2 written explicitly as for storage. */
export const redisCache = resourceRule({
    name: "azure-enc-transit-redis-cache", cloud: "azure", controls: [...controls], severity: "high",
    types: redisTypes,
    description: "An Azure Cache for Redis accepts TLS connections only, with TLS 1.2 or later.",
    remediation: "Leave enableNonSslPort unset or false, and set minimumTlsVersion \"1.2\".",
    check: r => [
        // Unset is false: the SDK documents "Specifies whether the non-ssl Redis server port (6379) is enabled" and Azure creates it closed.
        ...expect(r.props, "enableNonSslPort", armReads.offOrUnset, "false (the default)"),
        ...expect(r.props, "minimumTlsVersion", v => equalsAnyIgnoreCase(v, "1.2", "1.3"), "\"1.2\""),
    ],
});

export const rules: Rule[] = [storageAccount, hdinsightCluster, synapseSqlMinimalTls, sqlServer, cosmosAccount,
    classicStorageAccount, classicSqlServer, classicPostgresServer, classicServerConfiguration, webApp, serverConfiguration, redisCache,
    messagingNamespace, containerApp, cdnEndpoint, frontDoorRoute, frontDoorCustomDomain, apiManagement, fileShare, applicationGateway];
