// Tags as AWS applies them: a resource's own `tags` over its provider's `defaultTags.tags` (gotcha G10:
// the provider does not merge them into the resource's inputs).
import { deidentified } from "../../../facts/tags";
import { looseForm } from "../../lib/inputs";
import type { PolicyResource } from "../../lib/rule";
import { holdsUnknown } from "../../lib/unknowns";
import { Tags, withDefaults } from "../../lib/tags";
import { isUnknown, parseJson, UNKNOWN, Unknown } from "../../lib/values";
import { healthImagingState, isHealthImaging } from "./healthimaging";
import { CFN_KMS_KEY, CFN_S3_BUCKET, isCloudControlType } from "./cloudcontrol";

/** The provider's default tags (provider inputs may carry nested values as JSON text). */
export function providerDefaultTags(r: PolicyResource): Tags | Unknown | undefined {
    const defaults = parseJson(r.provider?.props.defaultTags);
    if (isUnknown(defaults)) return UNKNOWN;
    const tags = defaults && typeof defaults === "object" ? (defaults as Record<string, unknown>).tags : undefined;
    if (isUnknown(tags)) return UNKNOWN;
    return tags && typeof tags === "object" ? tags as Tags : undefined;
}

/** The tags in effect on a resource: provider default tags, overridden by its own. */
export function effectiveTags(r: PolicyResource, own: unknown = r.props.tags): Tags | Unknown {
    return withDefaults(own, providerDefaultTags(r));
}

/**
 * A resource's own tags: its `tags` input, or for a HealthImaging datastore the `Tags` map inside
 * its CloudControl desiredState (gotcha G6).
 */
export function ownTags(r: PolicyResource): unknown {
    if (!isHealthImaging(r) && !cloudControlTagged(r)) return r.props.tags;
    const state = healthImagingState(r);
    if (isUnknown(state)) return state;
    // AWS::S3::Bucket and AWS::KMS::Key write Tags as CloudFormation's list [{Key, Value}]; HealthImaging as a map.
    if (!Array.isArray(state.Tags)) return state.Tags;
    const out: Tags = {};
    for (const t of state.Tags as unknown[]) {
        if (isUnknown(t)) return UNKNOWN;
        const { Key: k, Value: v } = (t && typeof t === "object" ? t : {}) as Record<string, unknown>;
        if (isUnknown(k)) return UNKNOWN;
        if (typeof k === "string") out[k] = v;
    }
    return out;
}

/** The CloudControl types whose desiredState Tags the pack reads besides HealthImaging's. */
export function cloudControlTagged(r: PolicyResource): boolean {
    return isCloudControlType(r, CFN_S3_BUCKET) || isCloudControlType(r, CFN_KMS_KEY);
}

/** A tag's value, as text; UNKNOWN when it (or the tags) cannot be known at preview. */
export function tagValue(r: PolicyResource, key: string): string | Unknown | undefined {
    const tags = effectiveTags(r, ownTags(r));
    if (isUnknown(tags)) return UNKNOWN;
    const v = tags[key];
    if (holdsUnknown(v)) return UNKNOWN;
    return typeof v === "string" ? v : undefined;
}

/**
 * Whether a resource may hold PHI: every resource but one classified de-identified (in any case, spacing or
 * invisible characters): "phi", "PHI-restricted", "ph1", a value unknown, blank or missing all may (a resource
 * is PHI until its program says the one thing that makes it not; TAGGING reports a missing tag).
 */
export function mayHoldPhi(r: PolicyResource): boolean {
    const v = tagValue(r, "data-classification");
    if (typeof v !== "string") return true;
    return looseForm(v) !== deidentified;
}
