// AUDIT-LOG on Google Cloud: Data Access audit logs switched on for the services that touch PHI (G25:
// off by default except BigQuery), routed by a sink to a locked bucket, plus VPC flow logs, firewall
// logs and bucket usage logs.
import { isSet, looseForm, terraformReads, toNumber } from "../lib/inputs";
import { expect, notApplicable, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import type { StackIndex } from "../lib/stack-index";
import { aiServices } from "./support/ai-services";
import { asArray, containsUnknown, get, isUnknown, UNKNOWN } from "../lib/values";
import { about, auditConfigTypes, phiServiceByType, phiStoreTypes, sinkTypes, subnetWithoutVms, T } from "./support/tokens";
import { bucketLookup, logStorageBuckets, sinkLogBucketConfigs, sinkStorageBuckets } from "./support/relations";

const controls: Rule["controls"] = ["AUDIT-LOG"];
export const requiredLogTypes = ["ADMIN_READ", "DATA_READ", "DATA_WRITE"] as const;

/** The log types an audit config turns on; UNKNOWN-safe (an unknown entry counts as not on). */
function logTypesOf(auditLogConfigs: unknown): Set<unknown> {
    return new Set(asArray(auditLogConfigs as unknown[]).map(c => get(c, "logType")));
}

const auditConfig = resourceRule({
    name: "gcp-audit-log-audit-config", cloud: "gcp", controls, severity: "high",
    types: auditConfigTypes,
    description: "An IAM audit config turns on ADMIN_READ, DATA_READ and DATA_WRITE logs and exempts nobody.",
    remediation: "List `auditLogConfigs` with logType ADMIN_READ, DATA_READ and DATA_WRITE, each without `exemptedMembers`.",
    check: r => {
        const configs = r.props.auditLogConfigs;
        if (isUnknown(configs)) return [{ property: "auditLogConfigs", found: configs, wanted: requiredLogTypes.join(", ") }];
        const out: Violation[] = [];
        const have = logTypesOf(configs);
        const missing = requiredLogTypes.filter(t => !have.has(t));
        if (missing.length) out.push({ property: "auditLogConfigs[].logType", found: [...have], wanted: `also ${missing.join(", ")}` });
        asArray(configs as unknown[]).forEach((c, i) => {
            out.push(...expect(c as Record<string, unknown>, "exemptedMembers", v => asArray(v as unknown[]).length === 0, "empty (nobody exempted from audit logging)")
                .map(v => ({ ...v, property: `auditLogConfigs[${i}].exemptedMembers` })));
        });
        return out;
    },
});

/**
 * Which services the stack's audit configs turn every required log type on for (`allServices` for all),
 * and what configs unknown at preview could still cover: an unknown service may be allServices (every
 * service); a known service whose log types are unknown, that service only.
 */
function auditCoverage(stack: StackIndex): { covered: Set<string>; unknown: boolean; unknownServices: Set<string>; configs: PolicyResource[] } {
    const covered = new Set<string>();
    let unknown = false;
    const unknownServices = new Set<string>();
    const configs = stack.ofType(...auditConfigTypes);
    for (const c of configs) {
        const service = c.props.service;
        if (isUnknown(service) || (service === "allServices" && isUnknown(c.props.auditLogConfigs))) { unknown = true; continue; }
        if (isUnknown(c.props.auditLogConfigs)) { unknownServices.add(String(service)); continue; }
        const have = logTypesOf(c.props.auditLogConfigs);
        if (requiredLogTypes.every(t => have.has(t))) covered.add(String(service));
    }
    return { covered, unknown, unknownServices, configs };
}

const phiServicesAudited = stackRule({
    name: "gcp-audit-log-phi-services", cloud: "gcp", controls, severity: "high",
    description: "Every Google service the stack keeps or processes PHI with (storage, bigquery, healthcare, dataproc, cloudkms) has Data Access audit logs on, through an audit config for that service or for allServices.",
    remediation: "Add a gcp.projects.IAMAuditConfig for `allServices` (or one per service) with ADMIN_READ, DATA_READ and DATA_WRITE.",
    check: stack => {
        const used = new Map<string, string>();
        for (const [type, service] of Object.entries(phiServiceByType)) {
            const first = stack.ofType(type)[0];
            if (first && !used.has(service)) used.set(service, `${type} "${first.name}"`);
        }
        if (!used.size) return [];
        const { covered, unknown, unknownServices, configs } = auditCoverage(stack);
        if (covered.has("allServices")) return [];
        const out: Violation[] = [];
        for (const [service, example] of used) {
            if (covered.has(service)) continue;
            // With no audit config at all the message says the config is unset, not that one covers no service.
            out.push({
                property: configs.length ? `${T.projectAuditConfig}.service` : T.projectAuditConfig,
                found: unknown || unknownServices.has(service) ? UNKNOWN : configs.length ? [...covered] : undefined,
                wanted: `"allServices" or "${service}" with ADMIN_READ, DATA_READ, DATA_WRITE`, note: `The stack uses it, e.g. ${example}.`,
            });
        }
        return out;
    },
});

const projectSink = resourceRule({
    name: "gcp-audit-log-project-sink", cloud: "gcp", controls, severity: "medium",
    types: [T.projectSink],
    description: "A project log sink is enabled and writes with its own service agent (unique writer identity), so only it can write to the destination.",
    remediation: "Leave `disabled` unset (or false) and `uniqueWriterIdentity` unset or true; grant the sink's writerIdentity on the destination.",
    check: r => [
        ...expect(r.props, "disabled", terraformReads.offOrUnset, "false or unset"),
        ...expect(r.props, "uniqueWriterIdentity", terraformReads.onOrUnset, "true or unset (the default is true)"),
    ],
});

/** A filter term that matches every Cloud Audit Logs entry: logName has "cloudaudit.googleapis.com". */
const allAuditLogs = /^logName\s*:\s*("cloudaudit\.googleapis\.com"|cloudaudit\.googleapis\.com)$/;

/**
 * Whether a sink's filter lets every audit log through: no filter (everything), or logName terms joined by OR, one
 * of them all of Cloud Audit Logs. A filter that merely names the audit logs can still drop them: `NOT logName:...`,
 * `-logName:...`, or a second condition (AND, or two terms side by side) that keeps only some of them.
 */
function routesAuditLogs(filter: unknown): boolean {
    if (filter === undefined || filter === null || filter === "") return true;
    if (typeof filter !== "string") return false;
    const terms = filter.trim().replace(/^\((.*)\)$/s, "$1").split(/\s+OR\s+/).map(t => t.trim());
    return terms.every(t => /^logName\s*[:=]\s*\S+$/.test(t)) && terms.some(t => allAuditLogs.test(t));
}

/**
 * Whether a sink (not a project's own) takes the logs of the projects under its folder or organization: only with
 * includeChildren true; unset, a folder or organization sink routes that folder's or organization's own logs only.
 */
function takesProjectLogs(sink: PolicyResource): boolean {
    return sink.type === T.projectSink || terraformReads.on(sink.props.includeChildren);
}

/** Whether a sink's exclusions may drop log entries: any exclusion not certainly disabled does. */
function excludesEntries(exclusions: unknown): boolean {
    return asArray(exclusions as unknown[]).some(e => !terraformReads.on(get(e, "disabled")));
}

const auditSink = stackRule({
    name: "gcp-audit-log-audit-sink", cloud: "gcp", controls, severity: "high",
    description: "A stack that holds PHI routes every audit log (cloudaudit.googleapis.com) through an enabled sink, with no exclusion and no filter that narrows it (a folder or organization sink with includeChildren), to a locked log bucket or a bucket with a locked retention policy.",
    remediation: "Add a gcp.logging.ProjectSink whose filter includes logName:\"cloudaudit.googleapis.com\" and whose destination is a ProjectBucketConfig with `locked: true` (or a bucket with a locked retention policy).",
    check: stack => {
        const stores = stack.ofType(...phiStoreTypes);
        if (!stores.length) return [];
        const buckets = bucketLookup(stack);
        let unknown = false;
        const sinks = stack.ofType(...sinkTypes);
        for (const sink of sinks) {
            const { disabled, filter, exclusions, includeChildren } = sink.props;
            // A sink that may be disabled ("1" is true to the provider) routes nothing.
            if (!isUnknown(disabled) && !terraformReads.offOrUnset(disabled)) continue;
            if ([disabled, filter, exclusions, includeChildren].some(containsUnknown)) { unknown = true; continue; }
            if (!routesAuditLogs(filter) || excludesEntries(exclusions) || !takesProjectLogs(sink)) continue;
            const configs = sinkLogBucketConfigs(stack, sink), storage = sinkStorageBuckets(buckets, sink);
            const locked = [
                ...isUnknown(configs) ? [UNKNOWN] : configs.map(c => c.props.locked),
                ...isUnknown(storage) ? [UNKNOWN] : storage.map(b => get(b.props, "retentionPolicy.isLocked")),
            ];
            if (locked.some(terraformReads.on)) return [];
            if (locked.some(isUnknown) || isUnknown(sink.props.destination)) unknown = true;
        }
        return [{
            property: sinks.length ? `${T.projectSink}.destination` : T.projectSink, found: unknown ? UNKNOWN : undefined,
            wanted: "an enabled sink of every audit log (filter `logName:\"cloudaudit.googleapis.com\"` or none, no exclusions; a folder or organization sink with includeChildren) to a locked log bucket (ProjectBucketConfig `locked: true`, or a bucket with `retentionPolicy.isLocked: true`)",
            note: `The stack holds ${stores.length} PHI store(s), e.g. ${stores[0].type} "${stores[0].name}".`,
        }];
    },
});

const subnetworkFlowLogs = resourceRule({
    name: "gcp-audit-log-subnetwork", cloud: "gcp", controls, severity: "medium",
    types: [T.subnetwork],
    description: "A subnetwork records VPC flow logs.",
    remediation: "Set `logConfig` (e.g. `{ aggregationInterval: \"INTERVAL_5_SEC\", flowSampling: 0.5, metadata: \"INCLUDE_ALL_METADATA\" }`).",
    check: r => {
        const noVms = subnetWithoutVms(r);
        if (noVms) return notApplicable(`flow logs do not apply: ${noVms}`);
        return expect(r.props, "logConfig", v => !!v && typeof v === "object", "a flow-log configuration");
    },
});

const firewallLogs = resourceRule({
    name: "gcp-audit-log-firewall", cloud: "gcp", controls, severity: "medium",
    types: [T.firewall],
    description: "A firewall rule logs the connections it allows or denies.",
    remediation: "Set `logConfig: { metadata: \"INCLUDE_ALL_METADATA\" }` (or \"EXCLUDE_ALL_METADATA\").",
    check: r => expect(r.props, "logConfig.metadata", isSet, "\"INCLUDE_ALL_METADATA\" or \"EXCLUDE_ALL_METADATA\""),
});

const bucketUsageLogs = stackRule({
    name: "gcp-audit-log-storage-bucket", cloud: "gcp", controls, severity: "low",
    // Advisory: Data Access audit logs (gcp-audit-log-phi-services) are the primary record of who read
    // which object; usage logs add request-level detail (CONTROLS.md calls them optional).
    enforcement: "advisory",
    description: "A bucket that is not itself a log bucket writes usage logs to a separate log bucket.",
    remediation: "Set `logging.logBucket` to a separate log bucket of the stack.",
    check: stack => {
        const logBuckets = logStorageBuckets(stack);
        const out: Violation[] = [];
        for (const b of stack.ofType(T.bucket)) {
            if (logBuckets.has(b)) continue;
            const target = get(b.props, "logging.logBucket");
            if (isUnknown(target) || !isSet(target)) out.push(about(b, "logging.logBucket", target, "a separate log bucket"));
            else if (target === b.props.name) out.push(about(b, "logging.logBucket", target, "a bucket other than the bucket itself"));
        }
        return out;
    },
});

const gkeCluster = resourceRule({
    name: "gcp-audit-log-gke-cluster", cloud: "gcp", controls, severity: "medium",
    types: [T.gkeCluster],
    description: "A GKE cluster sends its system and workload logs to Cloud Logging (the default), not nowhere.",
    remediation: "Leave `loggingService` unset or \"logging.googleapis.com/kubernetes\", and `loggingConfig.enableComponents` unset or including SYSTEM_COMPONENTS and WORKLOADS.",
    check: r => [
        ...expect(r.props, "loggingService", v => v === undefined || v === "logging.googleapis.com/kubernetes", "unset or \"logging.googleapis.com/kubernetes\" (\"none\" turns logging off)"),
        ...expect(r.props, "loggingConfig.enableComponents", v => v === undefined
            || (Array.isArray(v) && ["SYSTEM_COMPONENTS", "WORKLOADS"].every(c => v.includes(c))), "unset, or a list with SYSTEM_COMPONENTS and WORKLOADS"),
    ],
});

/** The database flag that turns each engine's statement audit log on (Cloud SQL docs), with the values that mean on. */
const auditFlags: readonly { engine: string; flag: string }[] = [
    { engine: "POSTGRES", flag: "cloudsql.enable_pgaudit" },
    { engine: "MYSQL", flag: "cloudsql_mysql_audit" },
];

const sqlInstanceAudit = resourceRule({
    name: "gcp-audit-log-sql-instance", cloud: "gcp", controls, severity: "high",
    types: [T.sqlInstance],
    description: "A Cloud SQL instance records who read and changed which rows: pgAudit on PostgreSQL (cloudsql.enable_pgaudit), the audit plugin on MySQL (cloudsql_mysql_audit), SQL Server audit to a bucket (Data Access logs alone do not show statements).",
    remediation: "PostgreSQL: add `settings.databaseFlags` { name: \"cloudsql.enable_pgaudit\", value: \"on\" } (and pgaudit.log); MySQL: { name: \"cloudsql_mysql_audit\", value: \"ON\" }; SQL Server: set `settings.sqlServerAuditConfig.bucket`.",
    check: r => {
        const version = r.props.databaseVersion;
        if (isUnknown(version)) return [{ property: "databaseVersion", found: version, wanted: "known, to tell which audit setting applies" }];
        // The engine makes a flag apply: read however it is spelt (looseForm), so a near miss is judged, never passed by.
        const engine = typeof version === "string" ? looseForm(version).toUpperCase() : "";
        if (engine.startsWith("SQLSERVER")) return expect(r.props, "settings.sqlServerAuditConfig.bucket", isSet, "a bucket for SQL Server audit files");
        const audit = auditFlags.find(a => engine.startsWith(a.engine));
        if (!audit) return [{ property: "databaseVersion", found: version, wanted: "POSTGRES_*, MYSQL_* or SQLSERVER_* (an engine whose audit setting this rule reads)" }];
        const flags = get(r.props, "settings.databaseFlags");
        if (isUnknown(flags)) return [{ property: "settings.databaseFlags", found: flags, wanted: `{ name: "${audit.flag}", value: "on" }` }];
        const list = asArray(flags as unknown[]);
        const mine = list.map((f, i) => ({ f: f as Record<string, unknown>, i })).filter(x => isUnknown(x.f) || isUnknown(x.f?.name) || x.f?.name === audit.flag);
        // Every entry of the flag must say on: an entry given twice, once off, leaves the reader unsure which one holds.
        // In any case, but as written: a blank around "on" is not a value Cloud SQL is known to read as on.
        const on = (v: unknown) => v === true || (typeof v === "string" && ["on", "true"].includes(v.toLowerCase()));
        const named = mine.filter(x => !isUnknown(x.f) && x.f?.name === audit.flag);
        const off = named.find(x => !isUnknown(x.f.value) && !on(x.f.value));
        if (off) return [{ property: `settings.databaseFlags[${off.i}].value`, found: off.f.value, wanted: "\"on\"" }];
        if (mine.some(x => isUnknown(x.f) || isUnknown(x.f?.name) || isUnknown(x.f?.value))) {
            return [{ property: "settings.databaseFlags", found: UNKNOWN, wanted: `{ name: "${audit.flag}", value: "on" }` }];
        }
        return named.length ? [] : [{ property: "settings.databaseFlags", found: flags, wanted: `a flag { name: "${audit.flag}", value: "on" }` }];
    },
});

const backendService = resourceRule({
    name: "gcp-audit-log-backend-service", cloud: "gcp", controls, severity: "medium",
    types: [T.backendService, T.regionBackendService],
    description: "A load balancer's backend service logs every request it serves (CIS Google Cloud 2.16; off by default).",
    remediation: "Set `logConfig: { enable: true, sampleRate: 1 }`.",
    check: r => [
        ...expect(r.props, "logConfig.enable", terraformReads.on, "true (request logs are off unless enabled)"),
        // A sample rate of 0 logs nothing while "enabled".
        ...expect(r.props, "logConfig.sampleRate", v => v === undefined || v === null || toNumber(v) > 0, "unset (1.0) or more than 0"),
    ],
});

/**
 * Issue 16: an AI API the stack enables (Vision, Vertex AI, ...) receives PHI; its Data Access audit logs
 * are off by default like every service's but BigQuery's, so each needs an audit config.
 */
const aiServicesAudited = stackRule({
    name: "gcp-audit-log-ai-services", cloud: "gcp", controls, severity: "high",
    judges: [T.projectService],
    description: "Every AI API a stack enables (gcp.projects.Service of vision.googleapis.com, aiplatform.googleapis.com, ...) has Data Access audit logs on, through an audit config for that service or for allServices.",
    remediation: "Add a gcp.projects.IAMAuditConfig for the API (e.g. vision.googleapis.com) or allServices with ADMIN_READ, DATA_READ and DATA_WRITE.",
    check: stack => {
        const coverage = auditCoverage(stack);
        return stack.ofType(T.projectService).flatMap((api): Violation[] => {
            const service = api.props.service;
            if (isUnknown(service)) return [{ resource: api, property: "service", found: service, wanted: "a known service" }];
            const folded = typeof service === "string" ? looseForm(service) : undefined;
            // Other APIs are another rule's business: not judged here.
            if (!folded || !aiServices.includes(folded)) return [{ resource: api, property: "service", found: service, wanted: "", notJudged: true }];
            if (coverage.covered.has("allServices") || coverage.covered.has(folded)) return [];
            return [{
                resource: api, property: coverage.configs.length ? `${T.projectAuditConfig}.service` : T.projectAuditConfig,
                found: coverage.unknown || coverage.unknownServices.has(folded) ? UNKNOWN : coverage.configs.length ? [...coverage.covered] : undefined,
                wanted: `"allServices" or "${folded}" with ADMIN_READ, DATA_READ, DATA_WRITE`,
            }];
        });
    },
});

export const rules: Rule[] = [sqlInstanceAudit, gkeCluster, backendService, auditConfig, phiServicesAudited, projectSink, auditSink, subnetworkFlowLogs,
    firewallLogs, bucketUsageLogs, aiServicesAudited];
