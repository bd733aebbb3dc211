// LOG-INTEGRITY on AWS: audit logs tamper-evident (CloudTrail digest files) and immutable (S3 Object
// Lock in COMPLIANCE mode on the trail's bucket) (shared/CONTROLS.md 1b).
import { terraformReads, toNumber } from "../lib/inputs";
import { expect, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { get, isUnknown } from "../lib/values";
import { BucketIndex, onBucket } from "./support/buckets";
import { T } from "./support/tokens";

const cloud = "aws" as const;
const controls = ["LOG-INTEGRITY" as const];

export const cloudtrailTrail = resourceRule({
    name: "aws-log-integrity-cloudtrail-trail", cloud, controls, severity: "high", types: [T.cloudtrailTrail],
    description: "A CloudTrail trail writes digest files, so any change to a delivered log file can be detected.",
    remediation: "Set enableLogFileValidation to true.",
    check: r => expect(r.props, "enableLogFileValidation", terraformReads.on, "true"),
});

const positive = (v: unknown) => toNumber(v) > 0;

/** A default retention in COMPLIANCE mode with days or years (at `path`: `rule.defaultRetention`). */
function retentionViolations(props: Record<string, unknown>, path: string): Violation[] {
    const days = get(props, `${path}.days`), years = get(props, `${path}.years`);
    const period: Violation[] = positive(days) || positive(years) ? []
        : isUnknown(days) || isUnknown(years) ? [{ property: `${path}.days`, found: isUnknown(days) ? days : years, wanted: "a retention period" }]
            : [{ property: `${path}.days`, found: days, wanted: "a retention period in days or years (e.g. years: 6)" }];
    return [...expect(props, `${path}.mode`, v => v === "COMPLIANCE", "\"COMPLIANCE\" (no one, root included, can shorten it)"), ...period];
}

function trailBucketLock(bucket: PolicyResource, buckets: BucketIndex): Violation[] {
    const inline = bucket.props.objectLockConfiguration as Record<string, unknown> | undefined;
    const enabled = terraformReads.on(bucket.props.objectLockEnabled) || get(inline, "objectLockEnabled") === "Enabled";
    const out: Violation[] = enabled ? [] : expect(bucket.props, "objectLockEnabled", terraformReads.on, "true (set when the bucket is created)", bucket);
    const locks = buckets.attached(bucket, T.s3ObjectLock);
    // A lock's findings name the lock (its rule is what to fix), which the rule so judges (judges: [T.s3ObjectLock]).
    if (locks.length) {
        return [...out, ...locks.flatMap(l => retentionViolations(l.props, "rule.defaultRetention")
            .map(v => ({ ...v, resource: l, note: [`(on ${bucket.type} "${bucket.name}", a trail's bucket)`, v.note].filter(Boolean).join(" ") })))];
    }
    if (inline && typeof inline === "object" && get(inline, "rule") !== undefined) {
        return [...out, ...onBucket(bucket, undefined, retentionViolations(bucket.props, "objectLockConfiguration.rule.defaultRetention"))];
    }
    return [...out, { property: T.s3ObjectLock[0], found: undefined, wanted: "an object lock configuration with a COMPLIANCE default retention", resource: bucket,
        note: "No aws:s3/bucketObjectLockConfiguration refers to this bucket." }];
}

export const trailBucket = stackRule({
    name: "aws-log-integrity-trail-bucket", cloud, controls, severity: "high",
    judges: [T.cloudtrailTrail, T.s3ObjectLock],
    description: "The bucket every CloudTrail trail delivers to is in this stack and locked: Object Lock on, default retention in COMPLIANCE mode.",
    remediation: "Create the trail bucket with objectLockEnabled true and add an aws.s3.BucketObjectLockConfiguration with rule.defaultRetention {mode: \"COMPLIANCE\", years: 6}.",
    check: stack => {
        const buckets = BucketIndex.of(stack);
        const judged = new Set<PolicyResource>();
        const out: Violation[] = [];
        for (const trail of stack.ofType(...T.cloudtrailTrail)) {
            const targets = buckets.resolve(trail, "s3BucketName");
            if (!targets.length) {
                const name = trail.props.s3BucketName;
                out.push({ property: "s3BucketName", found: name, wanted: "a locked bucket created in this stack", resource: trail,
                    note: isUnknown(name) ? undefined : "The trail's bucket is not in this stack: its Object Lock cannot be verified." });
            }
            for (const b of targets) if (!judged.has(b)) { judged.add(b); out.push(...trailBucketLock(b, buckets)); }
        }
        // Every other lock configuration: on a bucket of this stack that no trail writes to, LOG-INTEGRITY (which
        // locks audit logs) does not apply, and a lock only ever keeps objects longer; on a bucket the rule cannot
        // see (outside the stack), it is not judged; on a bucket unknown at preview, unknown.
        for (const lock of stack.ofType(...T.s3ObjectLock)) {
            const on = buckets.resolve(lock, "bucket");
            if (on.some(b => judged.has(b))) continue;
            const name = lock.props.bucket;
            if (on.length) {
                out.push({ property: "bucket", found: on[0].name, wanted: "a trail's bucket", resource: lock,
                    doesNotApply: `${on[0].type} "${on[0].name}" receives no CloudTrail logs of this stack; LOG-INTEGRITY locks audit logs, and a lock elsewhere only keeps objects longer` });
            } else if (isUnknown(name)) {
                out.push({ property: "bucket", found: name, wanted: "a bucket of this stack", resource: lock });
            } else {
                out.push({ property: "bucket", found: name, wanted: "", resource: lock, notJudged: true });
            }
        }
        return out;
    },
});

export const rules: Rule[] = [cloudtrailTrail, trailBucket];
