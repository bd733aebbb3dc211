// Which resources a CloudTrail trail records data events for: advanced event selectors
// (`fieldSelectors` eventCategory = Data, resources.type, optional resources.ARN) or the older
// `eventSelectors[].dataResources`. One resource type per advanced selector (CONTROLS.md §5).
// A bucket counts as recorded only when every object read and write of it is: a selector that narrows
// the events (readOnly, eventName, who called, a ReadOnly/WriteOnly legacy selector), matches single
// objects (equals) or suffixes (endsWiths), or starts at an object prefix inside the bucket records only part.
import type { PolicyResource } from "../../lib/rule";
import { terraformReads } from "../../lib/inputs";
import { asArray, isUnknown, UNKNOWN_STRING } from "../../lib/values";

interface FieldSelector {
    field?: unknown; equals?: unknown; startsWiths?: unknown; endsWiths?: unknown;
    notEquals?: unknown; notStartsWiths?: unknown; notEndsWiths?: unknown;
}

/** One selector that records data events of the resource type: its resources.ARN filter (none: every resource). */
interface Selector {
    /** Advanced selectors: the resources.ARN field selectors; legacy ones: undefined. */
    arnFields?: FieldSelector[];
    /** Legacy selectors: the dataResources values (bucket ARN plus an optional object prefix). */
    legacyValues?: unknown[];
    /** Why the selector records only part of the events (a read/write or event-name filter), if it does. */
    partial?: string;
    /** The trail's property that holds the selector: a dependency on a bucket is known per property, not per value. */
    property: "advancedEventSelectors" | "eventSelectors";
    /** Whether the selector's ARN value is the property's only one: only then does a dependency say which value names the bucket. */
    soleValue: boolean;
}

/** The trail's selectors that record data events of the type; "unknown" when a selector is unknown at preview. */
export type Coverage = "none" | "unknown" | { selectors: Selector[] };

/** Fields of an advanced selector that choose the resource, not the events: they do not narrow what is recorded. */
const resourceFields = new Set(["eventcategory", "resources.type", "resources.arn"]);

const texts = (v: unknown): unknown[] => asArray(v as unknown[]);
const isOpen = (v: unknown) => isUnknown(v) || (typeof v === "string" && v.includes(UNKNOWN_STRING));

/** What a trail's selectors say about data events on `resourceType` ("AWS::S3::Object", ...). */
export function dataEventCoverage(trail: PolicyResource, resourceType: string): Coverage {
    const advanced = trail.props.advancedEventSelectors, legacy = trail.props.eventSelectors;
    if (isUnknown(advanced) || isUnknown(legacy) || isUnknown(trail.props.enableLogging)) return "unknown";
    // A stopped trail records nothing (aws-audit-log-cloudtrail-trail reports the switch itself).
    if (terraformReads.off(trail.props.enableLogging)) return "none";
    const selectors: Selector[] = [];
    const arnValues = (f: FieldSelector) => [f.equals, f.startsWiths, f.endsWiths, f.notEquals, f.notStartsWiths, f.notEndsWiths].flatMap(texts);
    const advancedValues = asArray(advanced as Record<string, unknown>[]).flatMap(s => asArray(s?.fieldSelectors as FieldSelector[]))
        .filter(f => typeof f?.field === "string" && f.field.toLowerCase() === "resources.arn").flatMap(arnValues).length;
    const legacyValues = asArray(legacy as Record<string, unknown>[]).flatMap(s => asArray(s?.dataResources as Record<string, unknown>[])).flatMap(d => texts(d?.values)).length;
    for (const selector of asArray(advanced as Record<string, unknown>[])) {
        if (isUnknown(selector?.fieldSelectors)) return "unknown";
        const fields = asArray(selector?.fieldSelectors as FieldSelector[]);
        const named = (name: string) => fields.filter(f => typeof f?.field === "string" && f.field.toLowerCase() === name);
        const valuesOf = (name: string) => named(name).flatMap(f => [...texts(f.equals), ...texts(f.startsWiths)]);
        if (!valuesOf("eventcategory").includes("Data") || !valuesOf("resources.type").includes(resourceType)) continue;
        const narrowing = fields.find(f => typeof f?.field !== "string" || !resourceFields.has(f.field.toLowerCase()));
        const arnFields = named("resources.arn");
        selectors.push({ arnFields: arnFields.length ? arnFields : undefined, property: "advancedEventSelectors", soleValue: advancedValues === 1,
            partial: narrowing ? `it records only the events its ${String(narrowing.field)} filter selects` : undefined });
    }
    for (const selector of asArray(legacy as Record<string, unknown>[])) {
        const readWrite = selector?.readWriteType;
        const partial = readWrite === undefined || readWrite === null || readWrite === "All" ? undefined : `its readWriteType is ${String(readWrite)}`;
        for (const data of asArray(selector?.dataResources as Record<string, unknown>[])) {
            if (data?.type === resourceType) selectors.push({ legacyValues: texts(data.values), partial, property: "eventSelectors", soleValue: legacyValues === 1 });
        }
    }
    return selectors.length ? { selectors } : "none";
}

/** Whether a coverage records every object event of a bucket: its ARN built from the bucket (dependency) or naming it. */
export function coversBucket(trail: PolicyResource, coverage: Coverage, bucket: PolicyResource): boolean | "unknown" {
    if (coverage === "none") return false;
    if (coverage === "unknown") return "unknown";
    return anyOf(coverage.selectors.map(s => selectorCoversBucket(trail, s, bucket)));
}

function selectorCoversBucket(trail: PolicyResource, s: Selector, bucket: PolicyResource): boolean | "unknown" {
    if (s.partial) return false;
    const dependsOnBucket = !!trail.opts.propertyDependencies?.[s.property]?.includes(bucket.urn);
    const builtFromBucket = dependsOnBucket && s.soleValue;
    const name = bucket.props.bucket;
    // Every object ARN of the bucket starts with this.
    const objects = typeof name === "string" ? `arn:aws:s3:::${name}/` : undefined;
    // An unknown value built from the bucket is taken as naming it (it can only be read at `pulumi up`); a bucket whose
    // name the program leaves to Pulumi (bucket unset) is matched only by values built from it. Where the property
    // holds other ARN values too, which of them was built from the bucket is not known: unknown, either way.
    const matches = (v: unknown, known: (v: string, objects: string) => boolean): boolean | "unknown" =>
        isOpen(v) ? builtFromBucket || "unknown"
            : objects === undefined ? builtFromBucket || (dependsOnBucket ? "unknown" : false)
            : typeof v === "string" && known(v, objects);
    if (s.legacyValues) {
        // `arn:aws:s3:::<bucket>/<object prefix>`: the whole bucket only with no prefix; "arn:aws:s3:::" every bucket.
        return anyOf(s.legacyValues.map(v => v === "arn:aws:s3" || v === "arn:aws:s3:::" || matches(v, (v, o) => v === o || v === o.slice(0, -1))));
    }
    if (!s.arnFields) return true;
    // Equals names single objects and endsWiths a suffix: neither records the whole bucket; a startsWiths value does
    // when the bucket's object ARNs start with it ("arn:aws:s3:::stmary-" does, "arn:aws:s3:::stmary-phi/scans/" does not).
    const positive = s.arnFields.flatMap(f => [...texts(f.equals), ...texts(f.startsWiths), ...texts(f.endsWiths)]);
    const included = positive.length === 0 || anyOf(s.arnFields.flatMap(f => texts(f.startsWiths)).map(v => matches(v, (v, o) => o.startsWith(v))));
    if (included !== true) return included;
    if (s.arnFields.some(f => texts(f.notEndsWiths).length)) return false;
    // An exclusion that overlaps the bucket's objects (the whole bucket or a prefix in it) leaves part of it out.
    const excluded = anyOf(s.arnFields.flatMap(f => [...texts(f.notStartsWiths), ...texts(f.notEquals)])
        .map(v => matches(v, (v, o) => o.startsWith(v) || v.startsWith(o))));
    return excluded === true ? false : excluded === "unknown" ? "unknown" : true;
}

function anyOf(verdicts: (boolean | "unknown")[]): boolean | "unknown" {
    return verdicts.includes(true) ? true : verdicts.includes("unknown") ? "unknown" : false;
}
