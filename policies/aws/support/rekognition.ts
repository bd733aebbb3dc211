// Amazon Rekognition as the AWS rules see it (issue 16, the `analysis` service): which identity policies
// of a stack let a workload send images to it, and which VPC endpoints are Rekognition's. Read once here
// for NETWORK-PRIVATE, LEAST-PRIVILEGE and AI-DATA-USE.
import { actionsOf, globMatches, mayAllow, Statement, statementsAt } from "../../lib/iam";
import type { PolicyResource } from "../../lib/rule";
import type { StackIndex } from "../../lib/stack-index";
import { asArray, isUnknown, Unknown, UNKNOWN } from "../../lib/values";
import { T } from "./tokens";

/** The identity-policy types whose documents may grant Rekognition: managed, inline, and a role's inlinePolicies. */
export const rekognitionGrantTypes = [...T.iamPolicy, ...T.iamInlinePolicy, ...T.iamRole] as const;

/**
 * Interface endpoint service names of Rekognition: `com.amazonaws.<region>.rekognition` and its FIPS twin
 * (AWS General Reference, "Amazon Rekognition endpoints and quotas"; PrivateLink service names are lower case).
 */
const REKOGNITION_SERVICE = /^com\.amazonaws\.[a-z]{2}(-gov)?-[a-z]+-\d\.rekognition(-fips)?$/;

/** Whether an endpoint is Rekognition's, exactly as AWS names the service; a near miss (case, prefix) is not. */
export function isRekognitionServiceName(name: unknown): boolean {
    return typeof name === "string" && REKOGNITION_SERVICE.test(name);
}

/**
 * Whether a service name looks like Rekognition's in any spelling (`.REKOGNITION`, a trailing space): such an
 * endpoint is judged as Rekognition's (its policy must still be the detect calls only), so a near miss
 * never escapes the policy check while not counting as the private path either.
 */
export function looksLikeRekognition(name: unknown): boolean {
    return typeof name === "string" && /rekognition/i.test(name);
}

/**
 * Whether an action pattern names Rekognition: its service part matches `rekognition` (any case: IAM reads
 * actions so) and is not wildcards only. `"*"`, `*:*` and a NotAction Allow reach every service; they are the
 * admin grants LEAST-PRIVILEGE refuses on their own, and counting them here would ask every admin policy of
 * every program for a Rekognition endpoint.
 */
function namesRekognition(pattern: string): boolean {
    const colon = pattern.indexOf(":");
    if (colon <= 0) return false;
    const service = pattern.slice(0, colon);
    return !/^[*?]+$/.test(service) && globMatches(service, "rekognition", true);
}

/** Whether a statement may let its holder call Rekognition by name: an Allow (anything but an exact Deny) of a `rekognition:` action (`rekognition:*`, `Rek*:Detect*`). */
export function grantsRekognition(s: Statement): boolean {
    return mayAllow(s) && actionsOf(s).some(namesRekognition);
}

/** The Rekognition action patterns of a statement (for messages and the detect-only check). */
export function rekognitionActions(s: Statement): string[] {
    return actionsOf(s).filter(namesRekognition);
}

/**
 * The image-analysis calls the platform allows: the stateless Detect* operations, which keep nothing
 * (`rekognition:DetectLabels`, `DetectText`, ...). A pattern is detect-only when every action it can match
 * starts with `Detect`: the literal prefix `rekognition:detect` (any case) before any wildcard.
 */
export function isDetectOnly(pattern: string): boolean {
    return /^rekognition:detect/i.test(pattern) && !/[*?]/.test(pattern.slice(0, "rekognition:detect".length));
}

/** One identity-policy document of a resource: where it sits and its statements (UNKNOWN while unknown at preview). */
export interface Document { property: string; statements: Statement[] | Unknown }

/** The documents a resource of rekognitionGrantTypes holds: `policy`, or a role's `inlinePolicies[i].policy`. Throws on a broken document. */
export function documentsOf(r: PolicyResource): Document[] {
    if (!T.iamRole.includes(r.type as typeof T.iamRole[number])) return [{ property: "policy", statements: statementsAt(r.props, "policy") }];
    const inline = r.props.inlinePolicies;
    if (isUnknown(inline)) return [{ property: "inlinePolicies", statements: UNKNOWN }];
    return asArray(inline as unknown[]).flatMap((p, i) => p && typeof p === "object" && (p as Record<string, unknown>).policy !== undefined
        ? [{ property: `inlinePolicies[${i}].policy`, statements: statementsAt(p as Record<string, unknown>, "policy") }] : []);
}

/**
 * AWS-managed policies that grant Rekognition (AmazonRekognitionFullAccess, AmazonRekognitionReadOnlyAccess,
 * AmazonRekognitionCustomLabelsFullAccess, service-role/AmazonRekognitionServiceRole, ...): matched in any case,
 * so a near miss still counts as a grant (AWS refuses the ARN, and nothing is passed).
 */
const AWS_MANAGED_REKOGNITION = /^arn:aws[\w-]*:iam::aws:policy\/(?:[\w+=,.@-]+\/)*AmazonRekognition[\w+=,.@-]*$/i;

/** The AWS-managed Rekognition policy ARNs a role (managedPolicyArns) or an attachment (policyArn) gives, with where. */
export function managedRekognitionGrants(r: PolicyResource): { property: string; arn: string }[] {
    const isRole = T.iamRole.includes(r.type as typeof T.iamRole[number]);
    if (!isRole && !T.iamPolicyAttachment.includes(r.type as typeof T.iamPolicyAttachment[number])) return [];
    const value = isRole ? r.props.managedPolicyArns : r.props.policyArn;
    const property = isRole ? "managedPolicyArns" : "policyArn";
    return asArray(value as unknown[]).flatMap((arn, i) => typeof arn === "string" && AWS_MANAGED_REKOGNITION.test(arn)
        ? [{ property: Array.isArray(value) ? `${property}[${i}]` : property, arn }] : []);
}

/**
 * The resources of the stack whose identity policies grant Rekognition: the workloads that send images.
 * Documents of the stack, and AWS-managed Rekognition policies attached by ARN.
 * A document that cannot be read (broken JSON, a key given twice) is left out here: LEAST-PRIVILEGE reports it.
 */
export function rekognitionGrantors(stack: StackIndex): PolicyResource[] {
    const attached = stack.ofType(...T.iamPolicyAttachment).filter(r => managedRekognitionGrants(r).length > 0);
    return [...stack.ofType(...rekognitionGrantTypes).filter(r => {
        if (managedRekognitionGrants(r).length) return true;
        try {
            return documentsOf(r).some(d => !isUnknown(d.statements) && d.statements.some(grantsRekognition));
        } catch {
            return false;
        }
    }), ...attached];
}
