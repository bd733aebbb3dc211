// Which resources a CloudTrail trail records data events for: advanced event selectors
// (`fieldSelectors` eventCategory = Data, resources.type, optional resources.ARN) or the older
// `eventSelectors[].dataResources`. One resource type per advanced selector (CONTROLS.md §5).
import type { PolicyResource } from "../../lib/rule";
import { asArray, isUnknown, UNKNOWN_STRING } from "../../lib/values";

/** `arns`: the resources included; `except`: a selector that includes all but these (notEquals/notStartsWiths). */
export type Coverage = "all" | "none" | "unknown" | { arns: unknown[]; except?: unknown[] };

interface FieldSelector { field?: unknown; equals?: unknown; startsWiths?: unknown; notEquals?: unknown; notStartsWiths?: unknown }

function values(f: FieldSelector): unknown[] {
    return [...asArray(f.equals as unknown[]), ...asArray(f.startsWiths as unknown[])];
}

function excluded(f: FieldSelector): unknown[] {
    return [...asArray(f.notEquals as unknown[]), ...asArray(f.notStartsWiths as unknown[])];
}

/** What a trail's selectors say about data events on `resourceType` ("AWS::S3::Object", ...). */
export function dataEventCoverage(trail: PolicyResource, resourceType: string): Coverage {
    const advanced = trail.props.advancedEventSelectors, legacy = trail.props.eventSelectors;
    if (isUnknown(advanced) || isUnknown(legacy)) return "unknown";
    const arns: unknown[] = [];
    let except: unknown[] | undefined;
    for (const selector of asArray(advanced as Record<string, unknown>[])) {
        const fields = asArray(selector?.fieldSelectors as FieldSelector[]);
        if (isUnknown(selector?.fieldSelectors)) return "unknown";
        const valuesOf = (name: string) => fields.filter(f => typeof f?.field === "string" && f.field.toLowerCase() === name.toLowerCase()).flatMap(values);
        if (!valuesOf("eventCategory").includes("Data") || !valuesOf("resources.type").includes(resourceType)) continue;
        const arnFields = fields.filter(f => f?.field === "resources.ARN");
        if (!arnFields.length) return "all";
        const included = arnFields.flatMap(values);
        // A selector that only excludes ARNs (e.g. the trail's own bucket) records every other resource.
        if (!included.length) except = [...(except ?? []), ...arnFields.flatMap(excluded)];
        arns.push(...included);
    }
    for (const selector of asArray(legacy as Record<string, unknown>[])) {
        for (const data of asArray(selector?.dataResources as Record<string, unknown>[])) {
            if (data?.type !== resourceType) continue;
            const vs = asArray(data.values as unknown[]);
            if (vs.some(v => v === "arn:aws:s3" || v === "arn:aws:s3:::")) return "all";
            arns.push(...vs);
        }
    }
    return arns.length || except ? { arns, except } : "none";
}

/** Whether a coverage includes a bucket: its ARN built from the bucket (dependency) or naming it. */
export function coversBucket(trail: PolicyResource, coverage: Coverage, bucket: PolicyResource): boolean | "unknown" {
    if (coverage === "all") return true;
    if (coverage === "none") return false;
    if (coverage === "unknown") return "unknown";
    const deps = trail.opts.propertyDependencies;
    const name = bucket.props.bucket;
    if (coverage.except) {
        const names = (a: unknown) => typeof a === "string" && typeof name === "string" && a.startsWith(`arn:aws:s3:::${name}`);
        if (coverage.except.some(a => isUnknown(a) || (typeof a === "string" && a.includes(UNKNOWN_STRING)))) return "unknown";
        // An exclusion built from this bucket's outputs, or naming it, leaves it out; any other bucket is in.
        const leftOut = deps?.advancedEventSelectors?.includes(bucket.urn) || coverage.except.some(names);
        if (!leftOut) return true;
    }
    if (!coverage.except && (deps?.advancedEventSelectors?.includes(bucket.urn) || deps?.eventSelectors?.includes(bucket.urn))) return true;
    if (typeof name === "string" && coverage.arns.some(a => typeof a === "string" && a.startsWith(`arn:aws:s3:::${name}`))) return true;
    return coverage.arns.some(a => isUnknown(a) || (typeof a === "string" && a.includes(UNKNOWN_STRING))) ? "unknown" : false;
}
