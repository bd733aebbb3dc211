// TAGGING on Azure: every resource that takes tags carries each of config.requiredTags (default
// tenant and data-classification). azure-native has no provider-level default tags (G19), so each
// resource must carry its own; a type without a `tags` input is not judged (it is not in the list).
import { resourceRule, Rule } from "../lib/rule";
import { tagGaps, tagGapViolations, withDefaults } from "../lib/tags";
import { isUnknown } from "../lib/values";
import { taggedKinds } from "./support/resource-types";

const controls = ["TAGGING"] as const;

/** Every azure-native type whose Args take a `tags` map (generated from the SDK). */
export const taggedTypes: readonly string[] = Object.entries(taggedKinds).flatMap(([m, kinds]) => kinds.map(k => `azure-native:${m}:${k}`));

export const requiredTags = resourceRule({
    name: "azure-tagging-resource", cloud: "azure", controls: [...controls], severity: "low",
    types: taggedTypes,
    description: "Every taggable Azure resource carries each required tag (default: tenant and data-classification) with a value.",
    remediation: "Add each missing tag to the resource's tags (azure-native has no provider-level default tags).",
    check: (r, config) => {
        const tags = r.props.tags;
        const wanted = config.requiredTags.map(t => JSON.stringify(t)).join(", ");
        // No provider defaults on azure-native (G19).
        const given = withDefaults(tags, undefined);
        if (isUnknown(given)) return [{ property: "tags", found: tags, wanted: `tags ${wanted}` }];
        // A value unknown at preview is not a tag that is there: judged at `pulumi up`, never a pass.
        return tagGapViolations("tags", tags, tagGaps(given, config.requiredTags, key => `tags[${JSON.stringify(key)}]`));
    },
});

export const rules: Rule[] = [requiredTags];
