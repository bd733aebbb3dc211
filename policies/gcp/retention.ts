// RETENTION on Google Cloud: logs kept at least the configured minimum (default 2190 days, six years,
// 45 CFR 164.316(b)(2)(i) as adopted for audit logs, G31) in Cloud Logging buckets, Cloud Storage log
// buckets and BigQuery datasets that receive logs.
import { toNumber } from "../lib/inputs";
import type { PackConfig } from "../lib/config";
import { expect, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { asArray, get, isUnknown } from "../lib/values";
import { about, sinkTypes, T } from "./support/tokens";
import { judgeLogStorageBuckets } from "./support/relations";
import { auditRetentionFloorDays, sixYearsWithLeapDays } from "../../facts/retention";

const controls: Rule["controls"] = ["RETENTION"];
const DAY_SECONDS = 86_400;
const DAY_MS = DAY_SECONDS * 1000;

const logBucketConfig = resourceRule({
    name: "gcp-retention-log-bucket-config", cloud: "gcp", controls, severity: "high",
    types: [T.logBucketConfig],
    description: "A Cloud Logging bucket keeps logs at least the minimum retention (unset means 30 days).",
    remediation: `Set \`retentionDays\` to at least the minimum (${auditRetentionFloorDays} days by default; ${sixYearsWithLeapDays} covers leap years).`,
    check: (r, config) => expect(r.props, "retentionDays", v => toNumber(v) >= config.minimumRetentionDays,
        `at least ${config.minimumRetentionDays} (days)`),
});

/** A log bucket's retention period and lifecycle: nothing deleted before the minimum. */
function storageRetention(b: Parameters<typeof about>[0], config: PackConfig): Violation[] {
    const minSeconds = config.minimumRetentionDays * DAY_SECONDS;
    const out: Violation[] = [];
    const period = get(b.props, "retentionPolicy.retentionPeriod");
    if (isUnknown(period) || !(toNumber(period) >= minSeconds)) {
        out.push(about(b, "retentionPolicy.retentionPeriod", period, `at least "${minSeconds}" (seconds: ${config.minimumRetentionDays} days)`));
    }
    const rules = b.props.lifecycleRules;
    if (isUnknown(rules)) return [...out, about(b, "lifecycleRules", rules, `no Delete action before ${config.minimumRetentionDays} days`)];
    asArray(rules as unknown[]).forEach((rule, i) => {
        if (get(rule, "action.type") !== "Delete") return;
        const age = get(rule, "condition.age");
        if (isUnknown(age) || toNumber(age) < config.minimumRetentionDays) {
            out.push(about(b, `lifecycleRules[${i}].condition.age`, age, `at least ${config.minimumRetentionDays} (days) for a Delete action`));
        }
    });
    return out;
}

const storageLogBucket = stackRule({
    name: "gcp-retention-storage-log-bucket", cloud: "gcp", controls, severity: "high",
    description: "A Cloud Storage bucket that receives logs retains objects at least the minimum retention and deletes none earlier.",
    remediation: `Set \`retentionPolicy.retentionPeriod\` to at least minimumRetentionDays × 86400 seconds ("${auditRetentionFloorDays * 86400}" for ${auditRetentionFloorDays} days) and no earlier Delete lifecycle rule.`,
    check: (stack, config) => judgeLogStorageBuckets(stack, b => storageRetention(b, config)),
});

const auditDataset = stackRule({
    name: "gcp-retention-bigquery-audit-dataset", cloud: "gcp", controls, severity: "medium",
    description: "A BigQuery dataset that a log sink writes to does not expire tables or partitions before the minimum retention.",
    remediation: "Leave `defaultTableExpirationMs` and `defaultPartitionExpirationMs` unset on audit datasets (or at least the minimum retention).",
    check: (stack, config) => {
        const datasets = new Set<Parameters<typeof about>[0]>();
        const byId = new Map<unknown, Parameters<typeof about>[0]>();
        for (const d of stack.ofType(T.bqDataset)) byId.set(d.props.datasetId, d);
        for (const sink of stack.ofType(...sinkTypes)) {
            const dest = sink.props.destination;
            for (const urn of sink.opts.propertyDependencies?.destination ?? []) {
                const d = stack.byUrn(urn);
                if (d?.type === T.bqDataset) datasets.add(d);
            }
            if (typeof dest === "string" && dest.startsWith("bigquery.googleapis.com/")) {
                const d = byId.get(dest.slice(dest.lastIndexOf("/") + 1));
                if (d) datasets.add(d);
            }
        }
        const minMs = config.minimumRetentionDays * DAY_MS;
        const out: Violation[] = [];
        for (const d of datasets) {
            for (const prop of ["defaultTableExpirationMs", "defaultPartitionExpirationMs"]) {
                out.push(...expect(d.props, prop, v => v === undefined || toNumber(v) >= minMs, `unset, or at least ${minMs} (ms)`, d));
            }
        }
        return out;
    },
});

export const rules: Rule[] = [logBucketConfig, storageLogBucket, auditDataset];
