// Resources declared through AWS Cloud Control (`aws:cloudcontrol/resource:Resource`): a CloudFormation
// `typeName` and a `desiredState` JSON string in CloudFormation's PascalCase (gotcha G5, G6). The pack
// reads three types from it: AWS::HealthImaging::Datastore (healthimaging.ts), AWS::S3::Bucket and
// AWS::KMS::Key. For these two each control judges desiredState with the same judgment as the typed
// resource's, under the desiredState paths; what desiredState cannot show is reported so, never passed.
import { readsAsAny } from "../../lib/inputs";
import { NotApplicable, notOfKind, PolicyResource, Verdict } from "../../lib/rule";
import { isUnknown, parseJson, Unknown } from "../../lib/values";

export const CFN_S3_BUCKET = "AWS::S3::Bucket";
export const CFN_KMS_KEY = "AWS::KMS::Key";
/** The CloudFormation type of a HealthImaging datastore (gotcha G6: no typed resource in @pulumi/aws). */
export const CFN_HEALTHIMAGING_DATASTORE = "AWS::HealthImaging::Datastore";

/** Whether a CloudControl resource is of a CloudFormation type: however it is spelt (readsAsAny), so a near-miss is judged, never skipped. */
export function isCloudControlType(r: PolicyResource, typeName: string): boolean {
    return readsAsAny(r.props.typeName, typeName);
}

export const notCloudControlType = (typeName: string): NotApplicable => notOfKind(`only a CloudControl resource of type ${typeName} is judged by this rule`);

/** A CloudControl resource's desired state as an object; UNKNOWN while it embeds unknown values; unparseable JSON throws (fails closed). */
export function desiredStateOf(r: PolicyResource): Record<string, unknown> | Unknown {
    const state = parseJson(r.props.desiredState);
    if (isUnknown(state)) return state;
    return (state && typeof state === "object" && !Array.isArray(state) ? state : {}) as Record<string, unknown>;
}

/**
 * The props a shared judgment reads for a CloudControl resource: `{desiredState: <parsed>}`, so that its
 * paths (`desiredState.EnableKeyRotation`) name what the program wrote; UNKNOWN while the state is unknown.
 */
export function desiredProps(r: PolicyResource): Record<string, unknown> | Unknown {
    const state = desiredStateOf(r);
    return isUnknown(state) ? state : { desiredState: state };
}

/**
 * A rule's check for CloudControl resources of `typeName`: any other type is not of its kind; while the
 * desired state is unknown, a violation marked unknown (wanting `wanted`); else `judge` over
 * `{desiredState: ...}`, whose paths read as the report shows them ("desiredState.KeyPolicy").
 */
export function judgeDesiredState(typeName: string, wanted: string, judge: (props: Record<string, unknown>, r: PolicyResource) => Verdict): (r: PolicyResource) => Verdict {
    return r => {
        if (!isCloudControlType(r, typeName)) return notCloudControlType(typeName);
        const props = desiredProps(r);
        if (isUnknown(props)) return [{ property: "desiredState", found: props, wanted }];
        return judge(props, r);
    };
}

/** A CloudControl bucket's name, when its desiredState gives one. */
export function cloudControlBucketName(r: PolicyResource): string | undefined {
    const state = desiredStateOf(r);
    return !isUnknown(state) && typeof state.BucketName === "string" ? state.BucketName : undefined;
}
