// Joining S3 buckets with the separate resources that configure them (gotcha G2: encryption, public
// access block, ownership, versioning, policy, logging, lifecycle and object lock are resources of
// their own in @pulumi/aws 7). Built once per stack and cached on the StackIndex, so a stack rule
// looks a bucket's sub-resources up instead of rescanning the stack for every bucket; the matching is
// the pack's one Lookup (policies/lib/stack-index.ts), with ARNs read as bucket names.
import type { PolicyResource, Violation } from "../../lib/rule";
import { Lookup, Reference, StackIndex } from "../../lib/stack-index";
import { bucketKey } from "./relations";
import { isUnknown } from "../../lib/values";
import { cloudControlBucketName, CFN_S3_BUCKET, isCloudControlType } from "./cloudcontrol";
import { T } from "./tokens";

const cache = new WeakMap<StackIndex, BucketIndex>();

export class BucketIndex {
    readonly buckets: readonly PolicyResource[];
    /** The buckets by URN and by name, id or ARN (`arn:aws:s3:::name/...` → name); never by logical name (Lookup). */
    private readonly lookup: Lookup;
    /** prop → the token list (a constant of tokens.ts, so its identity is the key) → bucket URN → sub-resources. */
    private readonly joins = new Map<string, Map<readonly string[], Map<string, PolicyResource[]>>>();

    /** The index of a stack's buckets, built on first use. */
    static of(stack: StackIndex): BucketIndex {
        let index = cache.get(stack);
        if (!index) cache.set(stack, index = new BucketIndex(stack));
        return index;
    }

    /**
     * Buckets declared through CloudControl (AWS::S3::Bucket), each as a view of the CloudControl resource
     * (same URN, type and name) whose `bucket` is its desiredState BucketName, so the one Lookup relates
     * sub-resources to them by dependency or by name. Rules judge their desiredState themselves.
     */
    readonly cloudControlBuckets: readonly PolicyResource[];
    private readonly cloudControlLookup: Lookup;

    private constructor(private readonly stack: StackIndex) {
        this.buckets = stack.ofType(...T.s3Bucket);
        this.cloudControlBuckets = stack.ofType(...T.cloudcontrolResource).filter(r => isCloudControlType(r, CFN_S3_BUCKET))
            .map(r => ({ ...r, props: { bucket: cloudControlBucketName(r) } }));
        // A bucket is named by its name, its ARN, or its domain name (CloudFront logging takes `bucketDomainName`).
        // Its ARN is keyed as a reference to it reads (→ the name): a reference's key is never an ARN.
        const arnKey = (arn: unknown) => typeof arn === "string" ? bucketKey(arn) : arn;
        this.lookup = new Lookup(this.buckets, b => [b.props.bucket, b.props.id, arnKey(b.props.arn)], bucketKey);
        this.cloudControlLookup = new Lookup(this.cloudControlBuckets, ["bucket"], bucketKey);
    }

    /** The resources of `types` whose `prop` names a CloudControl bucket (its views' URN is the resource's). */
    attachedToCloudControl(bucket: PolicyResource, types: readonly string[], prop = "bucket"): PolicyResource[] {
        return this.stack.ofType(...types).filter(r => this.cloudControlLookup.resolve(r, prop).some(b => b.urn === bucket.urn));
    }

    /**
     * The buckets that `resource`'s property `prop` names: through the property's dependencies
     * (known at preview, when names are not), else by its text (bucket name, or `arn:aws:s3:::name`).
     */
    resolve(resource: PolicyResource, prop: string): PolicyResource[] {
        return this.lookup.resolve(resource, prop);
    }

    /** What `resource`'s `prop` (or the bucket names read out of it, `texts`) names: Lookup.refer, UNKNOWN kept. */
    refer(resource: PolicyResource, prop: string, texts?: readonly unknown[]): Reference {
        return this.lookup.refer(resource, prop, texts);
    }

    /**
     * The resources that send logs to a bucket the preview cannot name (an access-log target, a trail's bucket,
     * an EMR cluster's logUri unknown at preview, built from nothing of this stack): once deployed any bucket of
     * the stack may be the one, so "receives no logs" is not known of any bucket while there is one.
     */
    unknownLogTargets(loggingTypes: readonly string[], trailTypes: readonly string[], emrTypes: readonly string[]): PolicyResource[] {
        const unknown = (r: PolicyResource, prop: string, texts?: readonly unknown[]) => isUnknown(this.refer(r, prop, texts));
        return [
            ...this.stack.ofType(...loggingTypes).filter(l => unknown(l, "targetBucket")),
            ...this.stack.ofType(...trailTypes).filter(t => unknown(t, "s3BucketName")),
            ...this.stack.ofType(...emrTypes).filter(c => unknown(c, "logUri", [logUriBucket(c.props.logUri)])),
        ];
    }

    /**
     * The buckets a text names (a bucket name or ARN). A text unknown at preview names none here: the
     * callers (log buckets, access-log sources) judge a bucket they do not find as any other bucket.
     */
    named(text: unknown): PolicyResource[] {
        const ref = this.lookup.named(text);
        return isUnknown(ref) ? [] : ref;
    }

    /** The resources of `types` whose `prop` names `bucket` (its encryption configurations, its policy, ...). */
    attached(bucket: PolicyResource, types: readonly string[], prop = "bucket"): PolicyResource[] {
        let byTypes = this.joins.get(prop);
        if (!byTypes) this.joins.set(prop, byTypes = new Map());
        let join = byTypes.get(types);
        if (!join) byTypes.set(types, join = this.lookup.referrers(this.stack.ofType(...types), prop));
        return join.get(bucket.urn) ?? [];
    }

    /**
     * The resources of `types` whose `prop` names no bucket of this stack: a bucket named by a literal
     * name or ARN that the program does not declare, or one it only reads (`aws.s3.Bucket.get`, which
     * registers nothing). Rules judge these by their own content, on the sub-resource itself, so that
     * configuring a bucket from outside the stack is never a way around them.
     */
    unattached(types: readonly string[], prop = "bucket"): PolicyResource[] {
        return this.stack.ofType(...types).filter(r => this.resolve(r, prop).length === 0);
    }

    /**
     * Buckets that receive logs: access-log targets (BucketLogging `targetBucket`, inline
     * `logging.targetBucket`), CloudTrail trail buckets (`s3BucketName`), and, with `deliveryTypes`, the
     * buckets CloudFront and load balancers write their request logs to.
     */
    logBuckets(loggingTypes: readonly string[], trailTypes: readonly string[], deliveryTypes = true): Set<PolicyResource> {
        const out = new Set<PolicyResource>();
        for (const l of this.stack.ofType(...loggingTypes)) this.resolve(l, "targetBucket").forEach(b => out.add(b));
        for (const t of this.stack.ofType(...trailTypes)) this.resolve(t, "s3BucketName").forEach(b => out.add(b));
        if (deliveryTypes) {
            for (const [types, prop] of [[T.cloudfrontDistribution, "loggingConfig"], [T.loadBalancer, "accessLogs"]] as const) {
                for (const r of this.stack.ofType(...types)) {
                    const config = r.props[prop] as Record<string, unknown> | undefined;
                    if (!config || typeof config !== "object" || config.enabled === false) continue;
                    // The bucket its text names (`name.s3.amazonaws.com`); the config's dependencies only stand in for a
                    // bucket whose name is unknown (a known text built from a bucket may name another one).
                    const ref = this.lookup.refer(r, prop, [config.bucket]);
                    if (!isUnknown(ref)) ref.forEach(b => out.add(b));
                }
            }
        }
        for (const b of this.buckets) {
            const inline = b.props.logging as Record<string, unknown> | undefined;
            if (inline && typeof inline === "object" && typeof inline.targetBucket === "string") {
                this.named(inline.targetBucket).forEach(b => out.add(b));
            }
        }
        return out;
    }

    /**
     * The other buckets of the stack whose server access logs go into `bucket`: an S3_LOGGING resource
     * whose `targetBucket` names it and whose `bucket` names another bucket of the stack, or another
     * bucket's inline `logging.targetBucket`. A reference that cannot be resolved (a value unknown at
     * preview with no dependency, a bucket outside the stack) does not count: the caller then judges
     * `bucket` as any other.
     */
    accessLogSources(bucket: PolicyResource, loggingTypes: readonly string[]): PolicyResource[] {
        const sources = new Set<PolicyResource>();
        for (const l of this.attached(bucket, loggingTypes, "targetBucket")) this.resolve(l, "bucket").forEach(b => sources.add(b));
        for (const b of this.buckets) {
            const inline = b.props.logging as Record<string, unknown> | undefined;
            if (inline && typeof inline === "object" && this.named(inline.targetBucket).includes(bucket)) sources.add(b);
        }
        sources.delete(bucket);
        return [...sources];
    }
}

/** The bucket an EMR logUri names (`s3://bucket/prefix`, `s3n://`); the value itself when it is not known text. */
export function logUriBucket(uri: unknown): unknown {
    return typeof uri === "string" ? /^s3n?:\/\/([^/]+)/i.exec(uri.trim())?.[1] : uri;
}

/** A sub-resource's violations, reported on its bucket (so a bucket-level exemption applies), naming the sub-resource. */
export function onBucket(bucket: PolicyResource, sub: PolicyResource | undefined, violations: Violation[]): Violation[] {
    return violations.map(v => ({
        ...v,
        resource: bucket,
        note: [sub ? `(set on ${sub.type} "${sub.name}")` : undefined, v.note].filter(Boolean).join(" "),
    }));
}

/** Why a sub-resource is judged on its own: the bucket it configures is not in this stack. */
export function outsideNote(sub: PolicyResource, prop = "bucket"): string {
    return `It configures a bucket that is not an aws.s3.Bucket of this stack (${prop} ${JSON.stringify(sub.props[prop]) ?? "unset"}: a name, an ARN, a bucket read with aws.s3.Bucket.get, or a CloudControl ${CFN_S3_BUCKET}), so it is judged on its own.`;
}

/** A sub-resource's own violations when its bucket is not in the stack: reported on the sub-resource, saying so. */
export function onOutsideBucket(sub: PolicyResource, violations: Violation[], prop = "bucket"): Violation[] {
    return violations.map(v => ({ ...v, resource: sub, note: [v.note, outsideNote(sub, prop)].filter(Boolean).join(" ") }));
}

/**
 * The violation for a bucket that no sub-resource of a kind refers to. `inlineProperty`: the
 * deprecated bucket property that could stand in for it (reported as the property), if there is one;
 * otherwise the property is the missing resource's type.
 */
export function missing(bucket: PolicyResource, subType: string, wanted: string, inlineProperty?: string): Violation {
    return {
        property: inlineProperty ?? subType, found: inlineProperty ? bucket.props[inlineProperty] : undefined, wanted, resource: bucket,
        note: `No ${subType} refers to this bucket.`,
    };
}
