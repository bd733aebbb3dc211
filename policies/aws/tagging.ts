// TAGGING on AWS: every taggable resource carries every required tag (PackConfig.requiredTags, default
// tenant and data-classification), counting the provider's defaultTags (gotcha G10) and, for a
// HealthImaging datastore, the Tags map inside its CloudControl desiredState (G6).
import { notApplicable, PolicyResource, resourceRule, Rule, stackRule, Verdict, Violation } from "../lib/rule";
import { isUnknown } from "../lib/values";
import { tagGaps, tagGapViolations } from "../lib/tags";
import { isHealthImaging, notHealthImaging } from "./support/healthimaging";
import { cloudControlTagged, effectiveTags, ownTags } from "./support/tags";
import { T } from "./support/tokens";
import { taggableTypes as sdkTaggableTypes } from "./support/taggable-types";

const cloud = "aws" as const;
const controls = ["TAGGING" as const];

/**
 * Every type whose Args take `tags` in the installed @pulumi/aws (generated), and CloudControl resources,
 * whose HealthImaging datastore carries its tags in desiredState (G6). An older SDK's type that is not in
 * the list is judged by otherResource when it carries `tags`.
 */
export const taggableTypes: readonly string[] = [...sdkTaggableTypes, ...T.cloudcontrolResource];
const known = new Set(taggableTypes);

const identifier = /^[A-Za-z_]\w*$/;
const key = (path: string, tag: string) => identifier.test(tag) ? `${path}.${tag}` : `${path}[${JSON.stringify(tag)}]`;

function missingTags(r: PolicyResource, required: readonly string[]): Violation[] {
    const path = isHealthImaging(r) || cloudControlTagged(r) ? "desiredState.Tags" : "tags";
    const tags = effectiveTags(r, ownTags(r));
    if (isUnknown(tags)) return [{ property: path, found: tags, wanted: `the tags ${required.join(", ")}` }];
    // A value unknown at preview is not a tag that is there: judged at `pulumi up`, never a pass.
    return tagGapViolations(path, tags, tagGaps(tags, required, tag => key(path, tag)), r.provider ? "Provider defaultTags count." : undefined);
}

function judge(r: PolicyResource, required: readonly string[]): Verdict {
    if (T.cloudcontrolResource.includes(r.type as never) && !isHealthImaging(r) && !cloudControlTagged(r)) return notHealthImaging;
    if (!required.length) return notApplicable("no tags are required");
    return missingTags(r, required);
}

export const resource = resourceRule({
    name: "aws-tagging-resource", cloud, controls, severity: "low", types: taggableTypes,
    description: "Every taggable resource carries the required tags (default: tenant and data-classification), its own or the provider's defaultTags.",
    remediation: "Add the missing tags to the resource's tags (or to the provider's defaultTags.tags).",
    check: (r, config) => judge(r, config.requiredTags),
});

/** An AWS resource of a type the generated list does not know (an older or newer SDK's) whose inputs carry `tags` is taggable too. */
export const otherResource = stackRule({
    name: "aws-tagging-other-resource", cloud, controls, severity: "low",
    description: "Every other AWS resource that has a tags input carries the required tags, its own or the provider's defaultTags.",
    remediation: "Add the missing tags to the resource's tags (or to the provider's defaultTags.tags).",
    check: (stack, config) => stack.resources.flatMap(r => {
        if (!r.type.startsWith("aws:") || known.has(r.type) || !("tags" in r.props)) return [];
        const verdict = judge(r, config.requiredTags);
        return Array.isArray(verdict) ? verdict.map(v => ({ ...v, resource: r })) : [];
    }),
});

export const rules: Rule[] = [resource, otherResource];
