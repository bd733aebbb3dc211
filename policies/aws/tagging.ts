// TAGGING on AWS: every taggable resource carries every required tag (PackConfig.requiredTags, default
// tenant and data-classification), counting the provider's defaultTags (gotcha G10) and, for a
// HealthImaging datastore, the Tags map inside its CloudControl desiredState (G6).
import { notApplicable, PolicyResource, resourceRule, Rule, stackRule, Verdict, Violation } from "../lib/rule";
import { containsUnknown, isUnknown } from "../lib/values";
import { isHealthImaging, notHealthImaging } from "./support/healthimaging";
import { effectiveTags, ownTags } from "./support/tags";
import {
    BACKUP_VAULT, CLOUDCONTROL_RESOURCE, CLOUDTRAIL_TRAIL, DEFAULT_SECURITY_GROUP, EMR_CLUSTER, FLOW_LOG, IAM_POLICY, IAM_ROLE, KMS_KEY,
    LOG_GROUP, REDSHIFT_CLUSTER, REDSHIFT_PARAMETER_GROUP, S3_BUCKET, SECURITY_GROUP, SECURITY_GROUP_INGRESS_RULE, SUBNET, VPC,
    VPC_ENDPOINT,
} from "./support/tokens";

const cloud = "aws" as const;
const controls = ["TAGGING" as const];

/** The taggable types the pack knows (their Args have `tags` in @pulumi/aws 7.48); others are judged when they carry `tags`. */
export const taggableTypes: readonly string[] = [
    ...S3_BUCKET, ...KMS_KEY, ...EMR_CLUSTER, ...REDSHIFT_CLUSTER, ...REDSHIFT_PARAMETER_GROUP, "aws:redshift/subnetGroup:SubnetGroup",
    ...CLOUDTRAIL_TRAIL, ...LOG_GROUP, ...BACKUP_VAULT, ...VPC, ...SUBNET, ...SECURITY_GROUP, ...SECURITY_GROUP_INGRESS_RULE,
    ...DEFAULT_SECURITY_GROUP, ...VPC_ENDPOINT, ...FLOW_LOG, ...IAM_ROLE, ...IAM_POLICY, ...CLOUDCONTROL_RESOURCE,
];
const known = new Set(taggableTypes);

const identifier = /^[A-Za-z_]\w*$/;
const key = (path: string, tag: string) => identifier.test(tag) ? `${path}.${tag}` : `${path}[${JSON.stringify(tag)}]`;

function missingTags(r: PolicyResource, required: readonly string[]): Violation[] {
    const path = isHealthImaging(r) ? "desiredState.Tags" : "tags";
    const tags = effectiveTags(r, ownTags(r));
    if (isUnknown(tags)) return [{ property: path, found: tags, wanted: `the tags ${required.join(", ")}` }];
    return required.flatMap(tag => {
        const v = tags[tag];
        if (isUnknown(v) || containsUnknown(v)) return [{ property: key(path, tag), found: v, wanted: "a value" }];
        return typeof v === "string" && v.trim() !== "" ? [] : [{
            property: key(path, tag), found: v, wanted: "a non-empty value",
            note: r.provider ? "Provider defaultTags count." : undefined,
        }];
    });
}

function judge(r: PolicyResource, required: readonly string[]): Verdict {
    if (CLOUDCONTROL_RESOURCE.includes(r.type as never) && !isHealthImaging(r)) return notHealthImaging;
    if (!required.length) return notApplicable("no tags are required");
    return missingTags(r, required);
}

export const resource = resourceRule({
    name: "aws-tagging-resource", cloud, controls, severity: "low", types: taggableTypes,
    description: "Every taggable resource carries the required tags (default: tenant and data-classification), its own or the provider's defaultTags.",
    remediation: "Add the missing tags to the resource's tags (or to the provider's defaultTags.tags); components add them through baseTags().",
    check: (r, config) => judge(r, config.requiredTags),
});

/** Any other AWS resource whose inputs carry `tags` is taggable too: judged here, so no type is missed. */
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
