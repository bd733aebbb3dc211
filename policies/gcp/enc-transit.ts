// ENC-TRANSIT on Google Cloud. Google API endpoints (GCS, BigQuery, Healthcare, KMS) accept only TLS
// and have no switch to check (CONTROLS.md). What a program does choose: the TLS floor of its load
// balancers' SSL policies, and Hadoop secure mode on Dataproc, which (Dataproc docs, "Dataproc
// security configuration") brings encryption inside the cluster along with Kerberos authentication.
import { terraformReads } from "../lib/inputs";
import { expect, notInStack, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { asArray, get, isUnknown, UNKNOWN } from "../lib/values";
import { T } from "./support/tokens";
import { referenced } from "./support/relations";
import { onComputeEngine, onUrl } from "./support/workloads";

const controls: Rule["controls"] = ["ENC-TRANSIT"];
const modernTls: ReadonlySet<string> = new Set(["TLS_1_2", "TLS_1_3"]);
const strongProfiles: ReadonlySet<string> = new Set(["MODERN", "RESTRICTED", "CUSTOM"]);

const sslPolicy = resourceRule({
    name: "gcp-enc-transit-ssl-policy", cloud: "gcp", controls, severity: "high",
    types: [T.sslPolicy, T.regionSslPolicy],
    description: "A load balancer SSL policy accepts TLS 1.2 or later only (the API default is TLS 1.0).",
    remediation: "Set `minTlsVersion: \"TLS_1_2\"` (or \"TLS_1_3\" with profile RESTRICTED), with profile MODERN or RESTRICTED.",
    check: r => weakSslPolicy(r.props),
});

/** What makes an SSL policy weak: a TLS floor below 1.2 or a profile with legacy ciphers. Judged once, for the policy and the proxies that use it. */
function weakSslPolicy(props: Record<string, unknown>): Violation[] {
    return [
        ...expect(props, "minTlsVersion", v => modernTls.has(v), "\"TLS_1_2\" or \"TLS_1_3\" (unset means TLS_1_0)"),
        ...expect(props, "profile", v => strongProfiles.has(v), "\"MODERN\" or \"RESTRICTED\" (or \"CUSTOM\" without legacy ciphers; unset means COMPATIBLE)"),
    ];
}

const dataproc = resourceRule({
    name: "gcp-enc-transit-dataproc-cluster", cloud: "gcp", controls, severity: "high",
    types: [T.dataproc],
    description: "A Dataproc cluster runs Hadoop secure mode (Kerberos), which encrypts traffic between its services inside the cluster.",
    remediation: "Set `clusterConfig.securityConfig.kerberosConfig.enableKerberos: true` (with kmsKeyUri and rootPrincipalPasswordUri).",
    check: r => onComputeEngine(r) ?? expect(r.props, "clusterConfig.securityConfig.kerberosConfig.enableKerberos", terraformReads.on, "true"),
});

const encryptedSslModes: ReadonlySet<unknown> = new Set(["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"]);

const sqlInstance = resourceRule({
    name: "gcp-enc-transit-sql-instance", cloud: "gcp", controls, severity: "high",
    types: [T.sqlInstance],
    description: "A Cloud SQL instance refuses unencrypted connections (CIS GCP 6.4; the default allows them).",
    remediation: "Set `settings.ipConfiguration.sslMode: \"ENCRYPTED_ONLY\"` (or \"TRUSTED_CLIENT_CERTIFICATE_REQUIRED\").",
    // @pulumi/gcp 8 programs may still write the deprecated `requireSsl: true`, which the API reads the same way;
    // only with sslMode unset: an sslMode written beside it (ALLOW_UNENCRYPTED_AND_ENCRYPTED) is what is judged.
    check: r => terraformReads.on(get(r.props, "settings.ipConfiguration.requireSsl")) && get(r.props, "settings.ipConfiguration.sslMode") === undefined ? []
        : expect(r.props, "settings.ipConfiguration.sslMode", v => encryptedSslModes.has(v), "\"ENCRYPTED_ONLY\" or \"TRUSTED_CLIENT_CERTIFICATE_REQUIRED\" (unset allows unencrypted connections)"),
});

const functionV1 = resourceRule({
    name: "gcp-enc-transit-cloud-function", cloud: "gcp", controls, severity: "high",
    // Only 1st gen: a 2nd gen function and a Cloud Run service are served over HTTPS only, with no setting to judge.
    types: [T.functionV1],
    description: "A 1st gen HTTP Cloud Function answers plain HTTP only with a redirect to HTTPS (SECURE_ALWAYS); SECURE_OPTIONAL serves requests over HTTP.",
    remediation: "Set `httpsTriggerSecurityLevel: \"SECURE_ALWAYS\"`.",
    check: r => onUrl(r, () => expect(r.props, "httpsTriggerSecurityLevel", v => v === "SECURE_ALWAYS", "\"SECURE_ALWAYS\" (unset or SECURE_OPTIONAL serves plain HTTP)")),
});

const httpsProxy = stackRule({
    name: "gcp-enc-transit-https-proxy", cloud: "gcp", controls, severity: "high",
    judges: [T.targetHttpsProxy, T.regionTargetHttpsProxy],
    // The URL map routes what the proxy serves, under the proxy's TLS: judged with it.
    partsNamedBy: { urlMap: [T.urlMap, T.regionUrlMap] },
    description: "An HTTPS load balancer's proxy uses an SSL policy of this stack that accepts TLS 1.2 or later only (without one, Google's default policy accepts TLS 1.0).",
    remediation: "Set `sslPolicy` to a gcp.compute.SSLPolicy (regional: RegionSslPolicy) of this stack with `minTlsVersion: \"TLS_1_2\"` and profile MODERN or RESTRICTED.",
    check: stack => {
        const out: Violation[] = [];
        const wanted = "an SSL policy of this stack with TLS 1.2 or later (unset: Google's default policy, TLS 1.0)";
        for (const proxy of stack.ofType(T.targetHttpsProxy, T.regionTargetHttpsProxy)) {
            const value = proxy.props.sslPolicy;
            if (value === undefined || value === null || value === "") { out.push({ resource: proxy, property: "sslPolicy", found: value, wanted }); continue; }
            const policies = referenced(stack, proxy, "sslPolicy", [T.sslPolicy, T.regionSslPolicy]);
            if (isUnknown(policies)) { out.push({ resource: proxy, property: "sslPolicy", found: UNKNOWN, wanted }); continue; }
            if (!policies.length) {
                out.push(notInStack(proxy, "sslPolicy", wanted, "No SSL policy of this stack has that name, so its TLS floor cannot be checked."));
                continue;
            }
            for (const p of policies) {
                out.push(...weakSslPolicy(p.props).map(v => ({ ...v, resource: proxy, property: `sslPolicy (→ ${p.name}).${v.property}` })));
            }
        }
        return out;
    },
});

/** Whether a URL map only redirects to HTTPS: a default redirect with httpsRedirect, and nothing it serves. */
function redirectsOnly(map: Record<string, unknown>): boolean | "unknown" {
    const redirect = map.defaultUrlRedirect, served = [map.defaultService, map.defaultRouteAction, map.pathMatchers, map.hostRules];
    if (isUnknown(redirect) || served.some(isUnknown)) return "unknown";
    const https = redirect && typeof redirect === "object" ? (redirect as Record<string, unknown>).httpsRedirect : undefined;
    if (isUnknown(https)) return "unknown";
    return terraformReads.on(https) && served.every(v => v === undefined || v === null || asArray(v as unknown[]).length === 0 || v === "");
}

const httpProxy = stackRule({
    name: "gcp-enc-transit-http-proxy", cloud: "gcp", controls, severity: "high",
    judges: [T.targetHttpProxy, T.regionTargetHttpProxy],
    partsNamedBy: { urlMap: [T.urlMap, T.regionUrlMap] },
    description: "A plain-HTTP load balancer proxy only redirects to HTTPS: its URL map (of this stack) has a default redirect with httpsRedirect and serves no backend.",
    remediation: "Point the HTTP proxy at a URL map with only `defaultUrlRedirect: { httpsRedirect: true }`, and serve the backends through a target HTTPS proxy.",
    check: stack => {
        const out: Violation[] = [];
        const wanted = "a URL map of this stack that only redirects to HTTPS (defaultUrlRedirect.httpsRedirect true, no service, host rule or path matcher)";
        for (const proxy of stack.ofType(T.targetHttpProxy, T.regionTargetHttpProxy)) {
            const maps = referenced(stack, proxy, "urlMap", [T.urlMap, T.regionUrlMap]);
            if (isUnknown(maps)) { out.push({ resource: proxy, property: "urlMap", found: UNKNOWN, wanted }); continue; }
            if (!maps.length) { out.push(notInStack(proxy, "urlMap", wanted, "No URL map of this stack has that name, so whether it only redirects cannot be checked.")); continue; }
            for (const m of maps) {
                const only = redirectsOnly(m.props);
                if (only === true) continue;
                out.push({ resource: proxy, property: `urlMap (→ ${m.name})`, found: only === "unknown" ? UNKNOWN : "a URL map that serves backends over plain HTTP", wanted });
            }
        }
        return out;
    },
});

/** The in-transit encryption value that means TLS, per Memorystore API (each spells it its own way). */
const cacheTls: Readonly<Record<string, string>> = {
    [T.redis]: "SERVER_AUTHENTICATION",
    [T.redisCluster]: "TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION",
    [T.valkey]: "SERVER_AUTHENTICATION",
};

const redis = resourceRule({
    name: "gcp-enc-transit-redis-instance", cloud: "gcp", controls, severity: "high",
    types: Object.keys(cacheTls),
    description: "A Memorystore for Redis instance or cluster, or a Memorystore (Valkey) instance, accepts TLS connections only (server authentication; the default is no encryption).",
    remediation: "Set `transitEncryptionMode` to \"SERVER_AUTHENTICATION\" (Redis Cluster: \"TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION\"), at creation: it cannot be changed later.",
    check: r => expect(r.props, "transitEncryptionMode", v => v === cacheTls[r.type], `${JSON.stringify(cacheTls[r.type])} (unset or disabled: plain text)`),
});

const appEngine = resourceRule({
    name: "gcp-enc-transit-app-engine-version", cloud: "gcp", controls, severity: "high",
    types: [T.appEngineStandard, T.appEngineFlexible],
    description: "An App Engine version redirects plain HTTP to HTTPS on every handler (SECURE_ALWAYS); without handlers, App Engine serves HTTP too.",
    remediation: "List `handlers` (e.g. `{ urlRegex: \".*\", securityLevel: \"SECURE_ALWAYS\", script: { scriptPath: \"auto\" } }`) each with `securityLevel: \"SECURE_ALWAYS\"`.",
    check: r => {
        const handlers = r.props.handlers;
        if (isUnknown(handlers)) return [{ property: "handlers", found: handlers, wanted: "handlers with securityLevel \"SECURE_ALWAYS\"" }];
        const list = asArray(handlers as unknown[]);
        if (!list.length) return [{ property: "handlers", found: handlers, wanted: "handlers with securityLevel \"SECURE_ALWAYS\" (with none, App Engine serves plain HTTP)" }];
        return list.flatMap((_, i) => expect(r.props, `handlers[${i}].securityLevel`, v => v === "SECURE_ALWAYS", "\"SECURE_ALWAYS\""));
    },
});

const alloydbInstance = resourceRule({
    name: "gcp-enc-transit-alloydb-instance", cloud: "gcp", controls, severity: "high",
    types: [T.alloydbInstance],
    description: "An AlloyDB instance refuses unencrypted connections (ENCRYPTED_ONLY, AlloyDB's default).",
    remediation: "Leave `clientConnectionConfig.sslConfig.sslMode` unset or \"ENCRYPTED_ONLY\".",
    check: r => expect(r.props, "clientConnectionConfig.sslConfig.sslMode", v => v === undefined || v === null || v === "ENCRYPTED_ONLY",
        "unset or \"ENCRYPTED_ONLY\" (ALLOW_UNENCRYPTED_AND_ENCRYPTED takes plain connections)"),
});

export const rules: Rule[] = [sslPolicy, dataproc, sqlInstance, functionV1, httpsProxy, httpProxy, redis, appEngine, alloydbInstance];
