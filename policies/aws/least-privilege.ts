// LEAST-PRIVILEGE on AWS: no wildcard admin or full-service grants, no blanket KMS decrypt, no inline
// policies, no key or role open to everyone (shared/CONTROLS.md 1b; cdk-nag IAMNoInlinePolicy,
// IAMPolicyNoStatementsWithAdminAccess/FullAccess; Config iam-*-blocked-kms-actions).
import { looseForm, terraformReads } from "../lib/inputs";
import { expect, expectGiven, notInStack, notOfKind, PolicyResource, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { Lookup } from "../lib/stack-index";
import { asArray, get, isUnknown, UNKNOWN } from "../lib/values";
import { containersOf, fieldValues } from "./support/containers";
import { documentsOf, grantsRekognition, isDetectOnly, looksLikeRekognition, rekognitionGrantTypes, rekognitionActions, managedRekognitionGrants } from "./support/rekognition";
import { actionsOf, conditionValues, coversAction, effectProblem, isPublicStatement, mayAllow, openWebIdentity, publicNote, onEveryKey, onEveryResource, Statement, statementsAt, statementsOf, strings, wholeService } from "../lib/iam";
import { CFN_KMS_KEY, judgeDesiredState } from "./support/cloudcontrol";
import { policyKey } from "./support/relations";
import { T, kmsKeyTypes } from "./support/tokens";

const cloud = "aws" as const;
const controls = ["LEAST-PRIVILEGE" as const];
const wantedGrant = "no Allow of \"*\" or \"<service>:*\", no NotAction Allow, no wildcard reaching IAM privilege-escalation actions, and no kms:Decrypt/kms:ReEncrypt* on every key";
/** The KMS actions AWS Config's iam-*-blocked-kms-actions checks forbid on every key. */
const blockedKmsActions = ["kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo"];
/**
 * IAM actions with which a principal can grant itself more (Rhino Security Labs, "AWS IAM Privilege
 * Escalation – Methods and Mitigation"; IAM User Guide, "Granting a user permissions to pass a role").
 * Named one by one on a scoped resource they are a reviewed choice (a service role's iam:PassRole); a
 * wildcard that reaches them (`iam:*Role*`, `iam:Put*`, `iam:Attach*`) grants them without anyone choosing to.
 */
const escalationActions = [
    "iam:PassRole", "iam:CreateRole", "iam:UpdateAssumeRolePolicy", "iam:PutRolePolicy", "iam:AttachRolePolicy",
    "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:PutUserPolicy", "iam:AttachUserPolicy", "iam:PutGroupPolicy",
    "iam:AttachGroupPolicy", "iam:AddUserToGroup", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
    "iam:PutRolePermissionsBoundary", "iam:DeleteRolePermissionsBoundary", "sts:AssumeRole",
];

/** Why a statement that may allow grants too much, or undefined. Actions match as IAM matches them (lib/iam.ts). */
export function overGrant(s: Statement): string | undefined {
    if (!mayAllow(s)) return undefined;
    if (s.NotAction !== undefined) return "an Allow with NotAction grants every other action";
    const patterns = actionsOf(s);
    const onAll = onEveryResource(s);
    const every = patterns.find(p => wholeService(p) === "*");
    if (every !== undefined) return onAll ? `administrator access: every action on every resource (${every})` : `every action (${every})`;
    const full = patterns.find(p => wholeService(p) !== undefined);
    if (full !== undefined) return `full access to a service (${full})`;
    const kms = blockedKmsActions.find(a => coversAction(s, a));
    if (kms && onEveryKey(s)) {
        const by = patterns.find(p => coversAction({ Action: p }, kms));
        return `${kms.toLowerCase()} on every key (${JSON.stringify(by)} on ${s.NotResource !== undefined ? "NotResource" : JSON.stringify(s.Resource)})`;
    }
    const wild = patterns.find(p => /[*?]/.test(p) && escalationActions.some(a => coversAction({ Action: p }, a)));
    if (wild !== undefined) {
        const reached = escalationActions.filter(a => coversAction({ Action: wild }, a));
        return `a wildcard (${wild}) that reaches IAM privilege-escalation actions (${reached.join(", ")})`;
    }
    // Named one by one they are a reviewed choice only on named resources: iam:PassRole on "*" passes every role.
    const named = escalationActions.filter(a => coversAction(s, a));
    if (named.length && onEveryResource(s)) return `${named.join(", ")} on every resource (${s.NotResource !== undefined ? "NotResource" : JSON.stringify(s.Resource)})`;
    return undefined;
}

/** Over-broad statements in an IAM policy document at `property`. */
function documentViolations(policy: unknown, property: string): Violation[] {
    const statements = statementsOf(policy);
    if (isUnknown(statements)) return [{ property, found: statements, wanted: wantedGrant }];
    return statements.flatMap((s, i) => {
        const why = overGrant(s);
        return why ? [{ property: `${property}.Statement[${i}]`, found: s, wanted: wantedGrant, note: [`It grants ${why}.`, effectProblem(s)].filter(Boolean).join(" ") }] : [];
    });
}

export const iamPolicy = resourceRule({
    name: "aws-least-privilege-iam-policy", cloud, controls, severity: "high", types: [T.iamPolicy],
    description: "A managed IAM policy grants named actions on named resources: no \"*\" or \"<service>:*\" actions, no NotAction Allow, no kms:Decrypt or kms:ReEncrypt* on every key.",
    remediation: "List the actions the role needs and the ARNs of the hospital's buckets and keys instead of wildcards.",
    check: r => [...expectGiven(r.props, "policy", "a policy document"), ...documentViolations(r.props.policy, "policy")],
});

export const iamInlinePolicy = resourceRule({
    name: "aws-least-privilege-iam-inline-policy", cloud, controls, severity: "medium", types: [T.iamInlinePolicy],
    description: "Permissions are granted by managed policies, not inline role, user or group policies (which cannot be reviewed or reused on their own).",
    remediation: "Move the statements into an aws.iam.Policy and attach it with aws.iam.RolePolicyAttachment (or the user/group attachment).",
    check: r => [
        { property: "policy", found: "an inline policy", wanted: "a managed aws.iam.Policy attached to the principal" },
        ...documentViolations(r.props.policy, "policy"),
    ],
});

const wantedTrust = "a named principal (account, role or service), or a Condition that limits who acts (aws:PrincipalOrgID, aws:PrincipalAccount, a fixed aws:SourceArn/aws:SourceAccount; for web identity a fixed <provider>:sub)";

/** A trust policy that lets anyone assume the role. */
function openTrust(policy: unknown): Violation[] {
    const statements = statementsOf(policy);
    if (isUnknown(statements)) return [{ property: "assumeRolePolicy", found: statements, wanted: "a trust policy naming its principals" }];
    return statements.flatMap((s, i) => {
        const why = isPublicStatement(s) ?? openWebIdentity(s);
        return why ? [{ property: `assumeRolePolicy.Statement[${i}]`, found: s, wanted: wantedTrust, note: publicNote(s, why) }] : [];
    });
}

export const iamRole = resourceRule({
    name: "aws-least-privilege-iam-role", cloud, controls, severity: "high", types: [T.iamRole],
    description: "A role has no inline policies and a trust policy that does not let everyone assume it.",
    remediation: "Attach managed policies instead of inlinePolicies, and name the principals (service or role ARNs) in assumeRolePolicy.",
    check: r => {
        const inline = r.props.inlinePolicies;
        const out: Violation[] = isUnknown(inline) ? [{ property: "inlinePolicies", found: inline, wanted: "no inline policies" }] : [];
        // `inlinePolicies: [{}]` is how a program removes inline policies: only entries with a policy count.
        asArray(isUnknown(inline) ? [] : inline as Record<string, unknown>[]).forEach((p, i) => {
            if (!p || p.policy === undefined || p.policy === null || p.policy === "") return;
            out.push({ property: `inlinePolicies[${i}]`, found: p.name ?? "an inline policy", wanted: "a managed aws.iam.Policy attached to the role" });
            out.push(...documentViolations(p.policy, `inlinePolicies[${i}].policy`));
        });
        return [...out, ...openTrust(r.props.assumeRolePolicy)];
    },
});

/**
 * AWS-managed policies that grant whole services or everything: AdministratorAccess, PowerUserAccess and
 * the `...FullAccess` family (AmazonS3FullAccess is `s3:*`, IAMFullAccess `iam:*`), by ARN in any partition.
 * The `<service>:*` statements live in AWS's document, which the stack never sees, so the ARN is what is judged.
 */
const broadManagedPolicy = /^arn:aws[\w-]*:iam::aws:policy\/(?:[\w+=,.@-]+\/)*(AdministratorAccess|PowerUserAccess|[\w+=,.@-]*FullAccess[\w+=,.@-]*)$/;
const wantedManaged = "no AWS-managed AdministratorAccess, PowerUserAccess or *FullAccess policy (each grants \"*\" or \"<service>:*\")";

function managedPolicyViolations(arns: unknown, property: string): Violation[] {
    if (isUnknown(arns)) return [{ property, found: arns, wanted: wantedManaged }];
    return asArray(arns as unknown[]).flatMap((arn, i): Violation[] => {
        const at = Array.isArray(arns) ? `${property}[${i}]` : property;
        if (isUnknown(arn)) return [{ property: at, found: arn, wanted: wantedManaged }];
        return typeof arn === "string" && broadManagedPolicy.test(arn) ? [{ property: at, found: arn, wanted: wantedManaged }] : [];
    });
}

export const managedPolicyAttachment = resourceRule({
    name: "aws-least-privilege-managed-policy", cloud, controls, severity: "high", types: [T.iamPolicyAttachment, T.iamRole],
    description: "No role, user or group gets an AWS-managed policy that grants a whole service or everything (AdministratorAccess, PowerUserAccess, *FullAccess), attached or in a role's managedPolicyArns.",
    remediation: "Replace the AWS-managed policy with an aws.iam.Policy naming the actions and the hospital's resource ARNs the principal needs.",
    check: r => T.iamRole.includes(r.type as never)
        ? (r.props.managedPolicyArns === undefined ? [] : managedPolicyViolations(r.props.managedPolicyArns, "managedPolicyArns"))
        : managedPolicyViolations(r.props.policyArn, "policyArn"),
});

/** Where a key's policy fields are: a typed key's inputs, or a CloudControl AWS::KMS::Key's desiredState. */
export interface KeyPolicyFields { policy: string; bypass: string }
const typedKeyPolicy: KeyPolicyFields = { policy: "policy", bypass: "bypassPolicyLockoutSafetyCheck" };

/** KMS key policies: no Allow to everyone without a condition that limits who acts; keep AWS's lockout safety check. */
export function keyPolicyViolations(props: Record<string, unknown>, f: KeyPolicyFields = typedKeyPolicy): Violation[] {
    const out = expect(props, f.bypass, terraformReads.offOrUnset, "false or unset");
    const policy = get(props, f.policy);
    if (policy === undefined) return out; // the default key policy: the account only
    const statements = statementsOf(policy);
    const wanted = "a named principal, or a Condition that limits who acts (kms:CallerAccount, aws:PrincipalOrgID, aws:PrincipalAccount)";
    if (isUnknown(statements)) return [...out, { property: f.policy, found: statements, wanted }];
    statements.forEach((s, i) => {
        const why = isPublicStatement(s);
        if (why) out.push({ property: `${f.policy}.Statement[${i}]`, found: s, wanted, note: publicNote(s, why) });
    });
    return out;
}

export const kmsKeyPolicy = resourceRule({
    name: "aws-least-privilege-kms-key-policy", cloud, controls, severity: "critical", types: [kmsKeyTypes, T.kmsKeyPolicy],
    description: "A KMS key policy (of a key, an external or replica key, or an aws.kms.KeyPolicy) does not allow everyone (Principal \"*\") without a condition and keeps the policy lockout safety check.",
    remediation: "Name the hospital's roles and the AWS services in the key policy (or add kms:CallerAccount / kms:ViaService conditions) and leave bypassPolicyLockoutSafetyCheck false.",
    check: r => keyPolicyViolations(r.props),
});

export const cloudControlKmsKeyPolicy = resourceRule({
    name: "aws-least-privilege-cloudcontrol-kms-key-policy", cloud, controls, severity: "critical", types: [T.cloudcontrolResource],
    description: "A KMS key declared through CloudControl (AWS::KMS::Key) has a KeyPolicy that does not allow everyone without a condition that limits who acts, and keeps the lockout safety check.",
    remediation: "Name the hospital's roles and the AWS services in desiredState.KeyPolicy and leave BypassPolicyLockoutSafetyCheck false.",
    check: judgeDesiredState(CFN_KMS_KEY, "a KeyPolicy naming its principals", props => {
        return keyPolicyViolations(props, { policy: "desiredState.KeyPolicy", bypass: "desiredState.BypassPolicyLockoutSafetyCheck" });
    }),
});

/**
 * An instance profile hands its role's permissions to every EC2 instance (an EMR node) launched with it:
 * it is least-privilege only when that role is one of this stack, whose trust and policies the role rules
 * above judge. A profile with no role grants nothing.
 */
export const instanceProfile = stackRule({
    name: "aws-least-privilege-instance-profile", cloud, controls, severity: "high",
    judges: [T.iamInstanceProfile],
    description: "An IAM instance profile carries a role created in this stack (whose policies the least-privilege rules judge), or none.",
    remediation: "Set the instance profile's role to the name of an aws.iam.Role of this stack.",
    check: stack => stack.ofType(...T.iamInstanceProfile).flatMap((p): Violation[] => {
        const role = p.props.role;
        if (role === undefined || role === null) return [];
        if (stack.targetsOf(p, "role", T.iamRole, ["name", "arn", "id"]).length) return [];
        return [notInStack(p, "role", "the name of an aws.iam.Role of this stack",
            "No aws:iam/role of this stack is that role: the permissions the profile hands to instances cannot be verified.")];
    }),
});

/**
 * The tag key EMR's managed policies (AmazonEMRServicePolicy_v2) condition on: `aws:ResourceTag/<key>` =
 * "true" lets the EMR service role create network interfaces in a subnet and change a security group's
 * rules. IAM compares condition key names without regard to case, so every spelling of the key grants.
 */
export const emrManagedPoliciesTagKey = "for-use-with-amazon-emr-managed-policies";

/**
 * An aws.ec2.Tag is an access grant when a policy conditions on its key: the one such key the pack knows
 * is EMR's (above), which hands the EMR service role power over the tagged subnet or security group. That
 * grant must stay on the subnets and security groups of this stack (the cluster's own), never extend EMR's
 * reach to a shared or foreign group. A tag of any other key is not judged by this rule (which policies
 * outside the stack read a key cannot be seen), so coverage still lists it.
 */
export const ec2Tag = stackRule({
    name: "aws-least-privilege-ec2-tag", cloud, controls, severity: "high",
    judges: [T.ec2Tag],
    description: `An aws.ec2.Tag that grants EMR's managed policies power over a resource (key "${emrManagedPoliciesTagKey}" = "true") tags a subnet or security group of this stack.`,
    remediation: "Set the tag's resourceId to the id of the cluster's own subnet or security group of this stack.",
    check: stack => stack.ofType(...T.ec2Tag).flatMap((t): Violation[] => {
        const key = t.props.key, value = t.props.value;
        if (isUnknown(key)) return [{ property: "key", found: key, wanted: "a known tag key", resource: t }];
        // The key makes the rule apply and "true" grants: both read however they are spelt (fail closed).
        if (typeof key !== "string" || looseForm(key) !== emrManagedPoliciesTagKey) return [{ property: "key", found: key, wanted: "", resource: t, notJudged: true }];
        // Only "true" grants (StringEquals); any spelling of it, or an unknown value, is read as granting (fail closed).
        if (!isUnknown(value) && !(typeof value === "string" && looseForm(value) === "true")) return [];
        if (stack.targetsOf(t, "resourceId", [...T.subnet, ...T.securityGroup], ["id"]).length) return [];
        return [notInStack(t, "resourceId", "a subnet or security group of this stack",
            "No subnet or security group of this stack is that resource: the tag would extend the EMR service role's reach beyond the cluster.")];
    }),
});

/** A privileged container is root on its host: every other task's PHI on that host is its (Security Hub ECS.4). */
export const ecsTaskDefinition = resourceRule({
    name: "aws-least-privilege-ecs-task-definition", cloud, controls, severity: "high", types: [T.ecsTaskDefinition],
    description: "No ECS container runs privileged (root on its host).",
    remediation: "Remove privileged: true from the container definition; grant the specific Linux capabilities it needs instead (linuxParameters.capabilities.add).",
    check: r => {
        const containers = containersOf(r);
        if (isUnknown(containers)) return [{ property: "containerDefinitions", found: containers, wanted: "no privileged container" }];
        // `privileged` in any capitalisation, each spelling judged (support/containers.ts fieldValues).
        return containers.flatMap((c, i) => fieldValues(c, "privileged").flatMap(value => expect({ value }, "value", terraformReads.offOrUnset, "false or unset")
            .map(v => ({ ...v, property: `containerDefinitions[${i}].privileged`, note: `Container ${JSON.stringify(fieldValues(c, "name")[0])}.` }))));
    },
});


const wantedDetect = "only Rekognition detect calls (rekognition:Detect..., no wildcard before Detect, no NotAction)";

/** What a statement that grants Rekognition allows beyond the detect calls, or []. */
function beyondDetect(s: Statement, at: string): Violation[] {
    if (!mayAllow(s)) return [];
    if (s.NotAction !== undefined) return [{ property: `${at}.NotAction`, found: s.NotAction, wanted: wantedDetect }];
    const extra = rekognitionActions(s).filter(a => !isDetectOnly(a));
    return extra.length ? [{ property: `${at}.Action`, found: extra, wanted: wantedDetect,
        note: "Beyond the stateless detect calls, Rekognition keeps what it is given (collections, face vectors, custom models)." }] : [];
}

/**
 * Whether an S3 resource pattern reaches objects of more than the buckets it names: wildcards only, a
 * wildcard in the bucket part of an S3 ARN (`arn:aws:s3:::*`, `arn:aws:s3:::stmary-*`), or a wildcard
 * before it (`arn:aws:s3:*:*:*`). NotResource reaches all but some.
 */
function readsEveryBucket(s: Statement): boolean {
    if (s.NotResource !== undefined) return true;
    return strings(s.Resource).some(p => {
        const arn = /^arn:[^:*?]+:s3:::([^/]*)/.exec(p);
        return arn ? /[*?]/.test(arn[1]) : /[*?]/.test(p);
    });
}

/** `kms:ViaService` values that name S3 only (`s3.<region>.amazonaws.com`), under StringEquals. */
function viaS3Only(s: Statement): boolean {
    const values = conditionValues(s, "StringEquals", "kms:ViaService");
    return values.length > 0 && values.every(v => typeof v === "string" && /^s3\.[a-z]{2}(-gov)?-[a-z]+-\d\.amazonaws\.com$/.test(v));
}

/** What a statement of an image-analysis workload's policy reads or decrypts beyond its images: every bucket, or a key outside S3. */
function scopeViolations(s: Statement, at: string): Violation[] {
    if (!mayAllow(s)) return [];
    const out: Violation[] = [];
    if (coversAction(s, "s3:GetObject") && readsEveryBucket(s)) {
        out.push({ property: `${at}.Resource`, found: s.NotResource ?? s.Resource, wanted: "the image bucket's input prefix (arn:aws:s3:::<bucket>/<prefix>*), not every object" });
    }
    if (["kms:Decrypt", "kms:GenerateDataKey"].some(a => coversAction(s, a)) && !viaS3Only(s)) {
        out.push({ property: `${at}.Condition`, found: s.Condition, wanted: "StringEquals kms:ViaService s3.<region>.amazonaws.com (the key used only through S3)" });
    }
    return out;
}

/**
 * Issue 16: a policy that lets a workload call Rekognition is the image-analysis workload's; it may make
 * the detect calls only, read images only where it names (never every object of every bucket), and use a
 * key only through S3 (a `kms:ViaService` condition), so the role cannot decrypt PHI outside S3.
 */
export const rekognitionWorkload = resourceRule({
    name: "aws-least-privilege-rekognition-workload", cloud, controls, severity: "high", types: [rekognitionGrantTypes, T.iamPolicyAttachment],
    description: "An IAM policy that grants Rekognition allows only the detect calls, reads S3 objects only of named buckets or prefixes, and allows kms:Decrypt/GenerateDataKey only with a StringEquals kms:ViaService condition naming S3.",
    remediation: "Grant rekognition:DetectLabels (DetectText, DetectModerationLabels), s3:GetObject on arn:aws:s3:::<bucket>/<input prefix>*, s3:PutObject on the results prefix, and KMS with Condition {\"StringEquals\": {\"kms:ViaService\": \"s3.<region>.amazonaws.com\"}}.",
    check: r => {
        // An AWS-managed Rekognition policy grants more than the detect calls (collections, face search, custom labels).
        const out: Violation[] = managedRekognitionGrants(r).map(g => ({ property: g.property, found: g.arn, wanted: "an aws.iam.Policy of the detect calls only",
            note: "AWS-managed Rekognition policies grant more than the stateless detect calls (collections, face search, custom models)." }));
        let grants = out.length > 0;
        if (T.iamPolicyAttachment.includes(r.type as never)) {
            // An ARN unknown at preview is a policy of the stack (AWS-managed ARNs are written out): its own document is judged.
            return grants ? out : notOfKind("attaches no AWS-managed Rekognition policy");
        }
        const documents = documentsOf(r);
        for (const d of documents) {
            if (isUnknown(d.statements)) { out.push({ property: d.property, found: UNKNOWN, wanted: wantedDetect }); continue; }
            if (!d.statements.some(grantsRekognition)) continue;
            grants = true;
            d.statements.forEach((s, i) => {
                const at = `${d.property}.Statement[${i}]`;
                out.push(...beyondDetect(s, at), ...scopeViolations(s, at));
            });
        }
        if (!grants && !out.length) return notOfKind("grants no Rekognition call");
        return out;
    },
});

/**
 * Issue 16: a Rekognition interface endpoint admits only the detect calls. Without a policy an endpoint
 * allows every call of every principal (the default full-access policy), including the calls that keep
 * images in Rekognition (IndexFaces, collections), and other accounts' principals.
 */
export const rekognitionEndpointPolicy = resourceRule({
    name: "aws-least-privilege-rekognition-endpoint-policy", cloud, controls, severity: "medium", types: [T.vpcEndpoint],
    description: "A Rekognition VPC endpoint has an endpoint policy that allows only the detect calls, to named principals or under a condition that fixes who acts (aws:PrincipalAccount, aws:PrincipalOrgID).",
    remediation: "Set policy to one Allow of rekognition:DetectLabels (DetectText, DetectModerationLabels) on \"*\" with Condition {\"StringEquals\": {\"aws:PrincipalAccount\": \"<account>\"}}.",
    check: r => {
        const name = r.props.serviceName;
        if (isUnknown(name)) return [{ property: "serviceName", found: name, wanted: "a known service name" }];
        if (!looksLikeRekognition(name)) return notOfKind("not a Rekognition endpoint");
        if (r.props.policy === undefined || r.props.policy === null || r.props.policy === "") {
            return [{ property: "policy", found: r.props.policy, wanted: "a policy of the detect calls only", note: "Without one the endpoint allows every Rekognition call of every principal." }];
        }
        const statements = statementsAt(r.props, "policy");
        if (isUnknown(statements)) return [{ property: "policy", found: UNKNOWN, wanted: wantedDetect }];
        const out: Violation[] = [];
        statements.forEach((s, i) => {
            const at = `policy.Statement[${i}]`;
            if (!mayAllow(s)) return;
            if (s.NotAction !== undefined) { out.push({ property: `${at}.NotAction`, found: s.NotAction, wanted: wantedDetect }); return; }
            const extra = actionsOf(s).filter(a => !isDetectOnly(a));
            if (extra.length) out.push({ property: `${at}.Action`, found: extra, wanted: wantedDetect });
            const open = isPublicStatement(s);
            if (open) out.push({ property: `${at}.Principal`, found: s.Principal ?? s.NotPrincipal, wanted: "named principals, or a Condition such as aws:PrincipalAccount", note: publicNote(s, open) });
        });
        if (!statements.some(mayAllow)) out.push({ property: "policy", found: r.props.policy, wanted: "an Allow of the detect calls (a policy that allows nothing breaks the workload)" });
        return out;
    },
});

const IAM_PRINCIPALS = [...T.iamRole, "aws:iam/user:User", "aws:iam/group:Group"];
/** The input of an inline policy or an attachment that names its principal, by the principal's type. */
const principalInputs = ["role", "user", "group", "roles", "users", "groups"];

/**
 * Issue 16: the grants of a principal that may call Rekognition are scoped in every policy it holds, not only
 * in the one that grants Rekognition: a second policy with s3:GetObject on every bucket, or kms:Decrypt with no
 * kms:ViaService, attached to the same role, gives the image-analysis workload the same reach. The policy that
 * grants Rekognition is judged by aws-least-privilege-rekognition-workload; this rule judges its siblings.
 */
export const rekognitionPrincipal = stackRule({
    name: "aws-least-privilege-rekognition-principal", cloud, controls, severity: "high",
    description: "Every other policy a Rekognition-calling role, user or group holds (inline, or an aws.iam.Policy of the stack attached to it) reads S3 objects only of named buckets and uses KMS only through S3.",
    remediation: "Scope the sibling policy's s3:GetObject to the buckets or prefixes it needs and add a StringEquals kms:ViaService s3.<region>.amazonaws.com condition to its KMS statements, or give the image analysis a role of its own.",
    check: stack => {
        // IAM names roles, users, groups and policies without regard to case ("PhiVision" is the role "phivision").
        const principals = new Lookup(stack.ofType(...IAM_PRINCIPALS), ["name"], undefined, true);
        // An attachment names its policy by ARN: built from the policy's output, or written out (its last path segment is the name).
        const managed = new Lookup(stack.ofType(...T.iamPolicy), ["name"], policyKey, true);
        const held = new Map<string, PolicyResource[]>(); // principal URN → the policy resources it holds (itself for a role's inline policies)
        const hold = (principal: PolicyResource, policy: PolicyResource) => {
            const list = held.get(principal.urn) ?? [];
            if (!list.includes(policy)) list.push(policy);
            held.set(principal.urn, list);
        };
        for (const role of stack.ofType(...T.iamRole)) hold(role, role);
        for (const inline of stack.ofType(...T.iamInlinePolicy)) for (const input of principalInputs) for (const p of principals.resolve(inline, input)) hold(p, inline);
        for (const attachment of stack.ofType(...T.iamPolicyAttachment)) {
            const policies = managed.resolve(attachment, "policyArn");
            for (const input of principalInputs) for (const p of principals.resolve(attachment, input)) for (const policy of policies) hold(p, policy);
        }
        const documents = (r: PolicyResource) => { try { return documentsOf(r); } catch { return []; } };
        const grants = (r: PolicyResource) => documents(r).some(d => !isUnknown(d.statements) && d.statements.some(grantsRekognition));
        const out: Violation[] = [];
        const reported = new Set<string>();
        for (const [urn, policies] of held) {
            const attachedManaged = stack.ofType(...T.iamPolicyAttachment).some(a => managedRekognitionGrants(a).length > 0
                && principalInputs.some(input => principals.resolve(a, input).some(p => p.urn === urn)));
            if (!attachedManaged && !policies.some(grants) && !managedRekognitionGrants(stack.byUrn(urn)!).length) continue;
            const principal = stack.byUrn(urn)!;
            for (const policy of policies) {
                if (grants(policy) || reported.has(policy.urn)) continue; // judged whole by aws-least-privilege-rekognition-workload
                for (const d of documents(policy)) {
                    if (isUnknown(d.statements)) continue;
                    d.statements.forEach((s, i) => {
                        for (const v of scopeViolations(s, `${d.property}.Statement[${i}]`)) {
                            out.push({ ...v, resource: policy, note: `${principal.type} "${principal.name}" holds it and may call Rekognition: the image-analysis workload gets this reach too.` });
                        }
                    });
                }
                reported.add(policy.urn);
            }
        }
        return out;
    },
});

export const rules: Rule[] = [ecsTaskDefinition, ec2Tag, instanceProfile, iamPolicy, iamInlinePolicy, iamRole, managedPolicyAttachment, kmsKeyPolicy,
    cloudControlKmsKeyPolicy, rekognitionWorkload, rekognitionEndpointPolicy, rekognitionPrincipal];
