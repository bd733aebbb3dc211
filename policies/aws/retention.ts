// RETENTION on AWS: logs kept at least the configured minimum (default 2190 days, six years;
// shared/CONTROLS.md 1b, gotcha G8/G31).
import { terraformReads, toNumber } from "../lib/inputs";
import { expect, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { asArray, get, isUnknown, UNKNOWN } from "../lib/values";
import { auditRetentionFloorDays, cloudWatchRetentionValues, defaultAuditRetentionDays } from "../../facts/retention";
import { BucketIndex, logUriBucket, onBucket, onOutsideBucket } from "./support/buckets";
import { bucketKey } from "./support/relations";
import { T } from "./support/tokens";

const cloud = "aws" as const;
const controls = ["RETENTION" as const];

export const logGroup = resourceRule({
    name: "aws-retention-log-group", cloud, controls, severity: "high", types: [T.logGroup],
    description: `A CloudWatch log group keeps its events at least the minimum retention (default ${auditRetentionFloorDays} days): never expiring, or a CloudWatch retention value at or above it.`,
    remediation: `Set retentionInDays to ${defaultAuditRetentionDays} (six years), a longer allowed value, or 0 (never expire).`,
    check: (r, config) => {
        const allowed = cloudWatchRetentionValues.filter(v => v === 0 || v >= config.minimumRetentionDays);
        // The DELIVERY class forces a retention of 2 days whatever retentionInDays says (SDK doc).
        // Only the classes as AWS spells them keep logs: "delivery" or "DELIVERY " is not "not DELIVERY" (inputs.ts).
        return [...expect(r.props, "logGroupClass", v => v === undefined || v === null || v === "STANDARD" || v === "INFREQUENT_ACCESS",
            "\"STANDARD\" or \"INFREQUENT_ACCESS\" (DELIVERY keeps 2 days)"), ...expect(r.props, "retentionInDays", v => {
            if (v === undefined || v === null) return true; // unset: never expire
            const days = toNumber(v);
            return allowed.includes(days);
        }, `one of ${allowed.join(", ")} (0 or unset = never expire)`)];
    },
});

/** Lifecycle rules that delete log objects (current or noncurrent) before the minimum. */
function shortExpirations(props: Record<string, unknown>, rulesPath: string, enabled: (rule: Record<string, unknown>) => boolean, minimum: number): Violation[] {
    const list = get(props, rulesPath);
    if (isUnknown(list)) return [{ property: rulesPath, found: list, wanted: `no expiration before ${minimum} days` }];
    const out: Violation[] = [];
    asArray(list as Record<string, unknown>[]).forEach((rule, i) => {
        if (!rule || typeof rule !== "object" || !enabled(rule)) return;
        for (const path of ["expiration.days", "noncurrentVersionExpiration.noncurrentDays", "noncurrentVersionExpiration.days", "expiration.date"]) {
            const full = `${rulesPath}[${i}].${path}`;
            out.push(...expect(props, full, v => {
                if (v === undefined || v === null) return true;
                if (path === "expiration.date") return false; // a fixed date deletes every log at once
                const days = toNumber(v);
                return days >= minimum;
            }, `unset or at least ${minimum} days`));
        }
    });
    return out;
}

/**
 * Log buckets are the buckets that receive logs: the target of an access-log configuration
 * (aws.s3.BucketLogging targetBucket, or the inline logging) and every CloudTrail trail's bucket.
 */
export const s3LogBucket = stackRule({
    name: "aws-retention-s3-log-bucket", cloud, controls, severity: "high",
    // Each lifecycle configuration is judged on its own: its findings name it (the rules to fix are its own).
    judges: [T.s3Lifecycle],
    description: "A bucket that receives logs (access-log target, CloudTrail trail bucket, CloudFront or load-balancer log bucket) has no enabled lifecycle rule that deletes logs before the minimum retention.",
    remediation: "Raise the lifecycle rule's expiration.days (and noncurrentVersionExpiration.noncurrentDays) to at least the minimum retention, or transition logs to Glacier instead of expiring them.",
    check: (stack, config) => {
        const buckets = BucketIndex.of(stack);
        const out: Violation[] = [];
        // Any status but exactly "Disabled" counts as enabled (S3 takes "Enabled" or "Disabled"): a misspelling never passes.
        const short = (lc: PolicyResource) => shortExpirations(lc.props, "rules", r => r.status !== "Disabled", config.minimumRetentionDays);
        const logBuckets = buckets.logBuckets(T.s3Logging, T.cloudtrailTrail);
        // EMR clusters archive their logs to logUri (s3://bucket/prefix, which AUDIT-LOG requires): those buckets receive logs too.
        for (const cluster of stack.ofType(...T.emrCluster)) {
            const ref = buckets.refer(cluster, "logUri", [logUriBucket(cluster.props.logUri)]);
            if (!isUnknown(ref)) ref.forEach(b => logBuckets.add(b));
        }
        // Log senders whose bucket is unknown at preview: any bucket of the stack may be theirs.
        const unknownSenders = buckets.unknownLogTargets(T.s3Logging, T.cloudtrailTrail, T.emrCluster);
        // Lifecycle configurations the rule read and found nothing wrong with (compliant).
        const judgedClean = new Set<string>();
        for (const bucket of logBuckets) {
            for (const lc of buckets.attached(bucket, T.s3Lifecycle)) {
                judgedClean.add(lc.urn);
                out.push(...short(lc).map(v => ({ ...v, resource: lc, note: [`(on ${bucket.type} "${bucket.name}", which receives logs)`, v.note].filter(Boolean).join(" ") })));
            }
            out.push(...onBucket(bucket, undefined, shortExpirations(bucket.props, "lifecycleRules", (r: Record<string, unknown>) => !terraformReads.off(r.enabled), config.minimumRetentionDays)));
        }
        // A lifecycle on a bucket of the stack that receives no logs: the minimum is for logs (the Security Rule's
        // six years, §164.316(b)(2)(i), is for its documentation and activity records; how long PHI itself is kept
        // is medical-records law, outside the Security Rule). Not applicable, with the reason (the outcome every report shows).
        for (const bucket of stack.ofType(...T.s3Bucket)) {
            if (logBuckets.has(bucket)) continue;
            for (const lc of buckets.attached(bucket, T.s3Lifecycle)) {
                // It would delete logs too early, and a log sender's bucket is unknown at preview: unknown, never "not applicable".
                if (unknownSenders.length && short(lc).length) {
                    out.push({ property: "bucket", found: UNKNOWN, wanted: `a bucket that receives no logs, or a lifecycle that keeps them ${config.minimumRetentionDays} days`, resource: lc,
                        note: `${unknownSenders.map(s => `${s.type} "${s.name}"`).join(", ")} sends logs to a bucket unknown at preview, which may be ${bucket.type} "${bucket.name}".` });
                    continue;
                }
                out.push({ property: "bucket", found: bucket.name, wanted: "a bucket that receives logs", resource: lc,
                    doesNotApply: `${bucket.type} "${bucket.name}" receives no logs of this stack (no access logging, trail or EMR cluster's logUri targets it); RETENTION's minimum applies to logs` });
            }
        }
        // A log bucket that is not an aws.s3.Bucket of this stack (access logs or a trail sent to a bucket named by
        // text): a lifecycle configuration the program sets on it, named by the same text, is judged on its own.
        const outsideLogs = new Set([
            ...stack.ofType(...T.s3Logging).filter(l => !buckets.resolve(l, "targetBucket").length).map(l => l.props.targetBucket),
            ...stack.ofType(...T.cloudtrailTrail).filter(t => !buckets.resolve(t, "s3BucketName").length).map(t => t.props.s3BucketName),
        ].filter((v): v is string => typeof v === "string").map(bucketKey));
        for (const lc of buckets.unattached(T.s3Lifecycle)) {
            const name = lc.props.bucket;
            if (typeof name === "string" && !isUnknown(name) && outsideLogs.has(bucketKey(name))) { judgedClean.add(lc.urn); out.push(...onOutsideBucket(lc, short(lc))); continue; }
            // Its bucket is unknown at preview (judged at `pulumi up`), or a bucket outside the stack that no log of this
            // stack goes to: whether it holds logs (another stack's) cannot be seen, so the rule does not judge it.
            if (isUnknown(name)) out.push({ property: "bucket", found: name, wanted: "a bucket whose logs this stack can see", resource: lc });
            else out.push({ property: "bucket", found: name, wanted: "", resource: lc, notJudged: true });
        }
        // Any other lifecycle configuration (on a bucket of another kind, e.g. a CloudControl bucket) is not judged by
        // this rule: never compliant by default.
        const decided = new Set(out.map(v => v.resource?.urn));
        for (const lc of stack.ofType(...T.s3Lifecycle)) {
            if (!decided.has(lc.urn) && !judgedClean.has(lc.urn)) out.push({ property: "bucket", found: lc.props.bucket, wanted: "", resource: lc, notJudged: true });
        }
        return out;
    },
});

export const rules: Rule[] = [logGroup, s3LogBucket];
