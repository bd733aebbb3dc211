// Relating Google Cloud resources: the pack's one Lookup (policies/lib/stack-index.ts), with Google's key
// normalisers (a `gs://` URL → its bucket, a resource path or self link → its last part) and the stack
// lookups several controls need (log buckets). Lookups are built once per stack rule call, never per resource.
import type { PolicyResource, Violation } from "../../lib/rule";
import { KeyOf, Lookup, Reference, StackIndex } from "../../lib/stack-index";
import { get, isUnknown, show, UNKNOWN } from "../../lib/values";
import { sinkTypes, T } from "./tokens";

/** A bucket-name value as the bucket's name: "name" or "gs://name" → name (a longer URL names no bucket). */
export const bucketKey: KeyOf = text => text.replace(/^gs:\/\//, "");

/** A name, or a full resource path or self link (`projects/p/global/sslPolicies/name`, `https://…/clusters/name`), as its last part. */
export const referenceKey: KeyOf = text => text.slice(text.lastIndexOf("/") + 1) || undefined;

const STORAGE_DESTINATION = "storage.googleapis.com/";
const LOGGING_DESTINATION = /^logging\.googleapis\.com\/projects\/[^/]+\/locations\/([^/]+)\/buckets\/([^/]+)$/;

/**
 * The Lookup of the stack's buckets by physical name (`name` input). Never by Pulumi name: an unnamed bucket's
 * physical name is its Pulumi name plus a random suffix, so a value equal to the Pulumi name names another bucket.
 */
export function bucketLookup(stack: StackIndex): Lookup {
    return new Lookup(stack.ofType(T.bucket), b => [b.props.name], bucketKey);
}

/** The buckets a bucket-name value read out of `r`'s `prop` names ("name" or "gs://name"): by physical name, or those it was built from (Lookup.refer). */
export function bucketNamed(buckets: Lookup, r: PolicyResource, prop: string, value: unknown): Reference {
    return buckets.refer(r, prop, [value]);
}

/**
 * The buckets of the stack that hold logs: a log sink's `storage.googleapis.com/<bucket>` destination,
 * or another bucket's `logging.logBucket`. Built once per call. A reference unknown at preview adds none.
 */
export function logStorageBuckets(stack: StackIndex): Set<PolicyResource> {
    return logDestinations(stack).buckets;
}

/**
 * `judge`'s findings on each log bucket of the stack; and while a log destination is unknown at preview (a sink's,
 * or a bucket's `logging.logBucket`), on every other bucket as unknown: any of them may be the one it names once
 * deployed, so "receives no logs" is not known of a bucket that would fail as a log bucket.
 */
export function judgeLogStorageBuckets(stack: StackIndex, judge: (bucket: PolicyResource) => Violation[]): Violation[] {
    const { buckets, unknownSenders } = logDestinations(stack);
    const out = [...buckets].flatMap(judge);
    if (!unknownSenders.length) return out;
    const senders = unknownSenders.map(s => `${s.type} "${s.name}"`).join(", ");
    for (const b of stack.ofType(T.bucket)) {
        if (buckets.has(b) || unknownSenders.includes(b)) continue;
        const [first] = judge(b);
        if (first) out.push({ ...first, found: UNKNOWN, note: `${senders} sends logs to a bucket unknown at preview, which may be this one: as a log bucket it has ${first.property} ${show(first.found)}.` });
    }
    return out;
}

function logDestinations(stack: StackIndex): { buckets: Set<PolicyResource>; unknownSenders: PolicyResource[] } {
    const lookup = bucketLookup(stack);
    const buckets = new Set<PolicyResource>();
    const unknownSenders: PolicyResource[] = [];
    const add = (sender: PolicyResource, ref: Reference) => {
        if (isUnknown(ref)) unknownSenders.push(sender); else ref.forEach(b => buckets.add(b));
    };
    for (const sink of stack.ofType(...sinkTypes)) add(sink, sinkStorageBuckets(lookup, sink));
    for (const b of stack.ofType(T.bucket)) {
        const target = get(b.props, "logging.logBucket");
        if (target !== undefined) add(b, bucketNamed(lookup, b, "logging", target));
    }
    return { buckets, unknownSenders };
}

/** A sink's destination when it is a Cloud Logging bucket (`logging.googleapis.com/projects/P/locations/L/buckets/B`). */
export function sinkLogBucketConfigs(stack: StackIndex, sink: PolicyResource): Reference {
    const dest = sink.props.destination;
    if (typeof dest === "string" && !LOGGING_DESTINATION.test(dest)) return [];
    const configs = new Lookup(stack.ofType(T.logBucketConfig), c => [c.props.bucketId], text => LOGGING_DESTINATION.exec(text)?.[2]);
    return configs.refer(sink, "destination");
}

/** A sink's destination when it is a Cloud Storage bucket of the stack. */
export function sinkStorageBuckets(buckets: Lookup, sink: PolicyResource): Reference {
    const dest = sink.props.destination;
    if (typeof dest === "string" && !dest.startsWith(STORAGE_DESTINATION)) return [];
    const name = typeof dest === "string" ? dest.slice(STORAGE_DESTINATION.length) : dest;
    return bucketNamed(buckets, sink, "destination", name);
}

/**
 * The resources of `types` that `r`'s `prop` names: through its dependencies, else by name or id, a full
 * resource path or self link by its last part (referenceKey); UNKNOWN when it is unknown at preview.
 * By the target's own `name` or `id` only, never its Pulumi name: an unnamed resource's physical name is
 * its Pulumi name plus a random suffix, so a text equal to the Pulumi name names something else. The id is
 * keyed as a reference to it reads (`projects/p/global/sslPolicies/a` → a): a reference's key is always a last
 * part, so the id as written would never be matched, and a target known by its id alone would be "not in the stack".
 */
export function referenced(stack: StackIndex, r: PolicyResource, prop: string, types: readonly string[]): Reference {
    const idKey = (id: unknown) => typeof id === "string" ? referenceKey(id) : id;
    return new Lookup(stack.ofType(...types), t => [t.props.name, idKey(t.props.id)], referenceKey).refer(r, prop);
}
