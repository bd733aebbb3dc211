// KEY-ROTATION on AWS: automatic rotation of customer-managed keys at most every 365 days
// (shared/CONTROLS.md 1b; gotcha G7: neither cdk-nag's HIPAA pack nor AWS Config's checks it).
import { equalsAnyIgnoreCase, looseForm, readsAsAny, terraformReads, toNumber } from "../lib/inputs";
import { expect, notInStack, notApplicable, PolicyResource, resourceRule, Rule, stackRule, Verdict, Violation } from "../lib/rule";
import { get, isUnknown } from "../lib/values";
import { CFN_KMS_KEY, judgeDesiredState } from "./support/cloudcontrol";
import { T } from "./support/tokens";

const cloud = "aws" as const;
const controls = ["KEY-ROTATION" as const];

/** Where a key's rotation fields are: a typed key's inputs, or a CloudControl AWS::KMS::Key's desiredState (PascalCase). */
export interface KeyFields { rotation: string; period: string; spec: string; usage: string }
export const typedKeyFields: KeyFields = { rotation: "enableKeyRotation", period: "rotationPeriodInDays", spec: "customerMasterKeySpec", usage: "keyUsage" };
const externalKeyFields: KeyFields = { ...typedKeyFields, spec: "keySpec" };

/**
 * Why a key with imported material fails this control: AWS KMS does not rotate imported key material
 * automatically (AWS KMS Developer Guide, "Rotating AWS KMS keys": automatic rotation is not supported
 * for keys with imported key material; on-demand rotation needs the owner to import new material).
 *
 * Decided as a finding, not "not applicable": the control (keys that protect PHI rotate automatically,
 * at most every 365 days) does apply to such a key; the key simply cannot meet it, and "not applicable"
 * would let a key that is never rotated read as settled. The way out is an aws.kms.Key (AWS-generated
 * material, enableKeyRotation), or an exemption in the policy config naming the manual rotation process,
 * which holds at most a year — the rotation period itself.
 */
export const importedMaterialNote = "AWS KMS cannot rotate imported key material automatically (AWS KMS Developer Guide, 'Rotating AWS KMS keys'); " +
    "only its owner can, by importing new material. Use an aws.kms.Key with enableKeyRotation, or exempt the key in the policy config naming the manual rotation process.";

/**
 * The same holds for a key in a custom key store (CloudHSM, or an external key store: `customKeyStoreId`,
 * `xksKeyId`; CloudFormation Origin AWS_CLOUDHSM or EXTERNAL_KEY_STORE): AWS KMS does not rotate keys in a
 * custom key store automatically (same guide); their rotation is done in the HSM or the external manager.
 */
export const customStoreNote = "AWS KMS does not rotate keys in a custom key store (CloudHSM or external key store) automatically (AWS KMS Developer Guide, " +
    "'Rotating AWS KMS keys'); rotate them in the key store. Use an aws.kms.Key in AWS KMS with enableKeyRotation, or exempt the key in the policy config naming that process.";

/** Where a key's material comes from, when AWS KMS does not generate it: the finding's found value and note. */
export interface ForeignMaterial { found: string; note: string }

const imported: ForeignMaterial = { found: "EXTERNAL (imported key material)", note: importedMaterialNote };

/** The rotation judgment of one key, typed or CloudControl: `external` when its material is imported. */
export function rotationVerdict(props: Record<string, unknown>, f: KeyFields, foreign: ForeignMaterial | undefined): Verdict {
    const specValue = get(props, f.spec), usage = get(props, f.usage);
    // AWS rotates only symmetric encryption keys; asymmetric and HMAC keys are left to ENC-REST-CMK.
    // A near-miss spelling of the symmetric values ("symmetric_default ") still makes the rule apply (inputs.ts readsAsAny).
    if (!isUnknown(specValue) && specValue !== undefined && !readsAsAny(specValue, "SYMMETRIC_DEFAULT")) return notApplicable("AWS rotates only symmetric encryption keys");
    if (!isUnknown(usage) && usage !== undefined && !readsAsAny(usage, "ENCRYPT_DECRYPT")) return notApplicable("AWS rotates only symmetric encryption keys");
    if (foreign) return [{ property: "origin", found: foreign.found, wanted: "a key whose material AWS KMS generates and keeps, with automatic rotation on", note: foreign.note }];
    return [
        ...expect(props, f.rotation, terraformReads.on, "true"),
        ...expect(props, f.period, v => {
            if (v === undefined || v === null) return true;
            const days = toNumber(v);
            return days >= 90 && days <= 365;
        }, "90 to 365 (unset = 365)"),
    ];
}

export const kmsKey = resourceRule({
    name: "aws-key-rotation-kms-key", cloud, controls, severity: "high", types: [T.kmsKey, T.kmsExternalKey],
    description: "A symmetric KMS key rotates automatically, at most every 365 days; a key with imported material (aws.kms.ExternalKey, ReplicaExternalKey) or in a custom key store cannot, and is reported so.",
    remediation: "Set enableKeyRotation true and rotationPeriodInDays between 90 and 365 (or leave it unset: 365); replace an external key with an aws.kms.Key.",
    check: r => {
        if (T.kmsExternalKey.includes(r.type as never)) return rotationVerdict(r.props, externalKeyFields, imported);
        const store = ["customKeyStoreId", "xksKeyId"].find(p => r.props[p] !== undefined && r.props[p] !== null && r.props[p] !== "");
        return rotationVerdict(r.props, typedKeyFields, store ? { found: `a custom key store (${store} set)`, note: customStoreNote } : undefined);
    },
});

/**
 * A multi-Region replica shares its primary's material and rotation (AWS KMS Developer Guide,
 * "Rotating multi-Region keys": rotation is set on the primary key and AWS copies it to the replicas).
 * A replica of a key in this stack is judged through that key, by the rule above; a replica whose primary
 * is not in this stack cannot be judged, and is reported so.
 */
export const replicaKey = stackRule({
    name: "aws-key-rotation-replica-key", cloud, controls, severity: "high",
    description: "Every multi-Region replica key (aws.kms.ReplicaKey) replicates a primary key of this stack, whose rotation the kms-key rule judges.",
    remediation: "Set primaryKeyArn to the arn of an aws.kms.Key of this stack with enableKeyRotation true.",
    check: stack => stack.ofType(...T.kmsReplicaKey).flatMap((r): Violation[] => {
        const wanted = "the arn of an aws.kms.Key of this stack (whose rotation is judged)";
        if (stack.targetsOf(r, "primaryKeyArn", [...T.kmsKey, ...T.kmsExternalKey], ["arn", "id", "keyId"]).length) return [];
        return [notInStack(r, "primaryKeyArn", wanted, "The primary key is not in this stack: the rotation this replica shares cannot be verified.")];
    }),
});

/** CloudFormation's names for the same fields (AWS::KMS::Key: EnableKeyRotation, RotationPeriodInDays, KeySpec, KeyUsage). */
const cloudControlKeyFields: KeyFields = { rotation: "desiredState.EnableKeyRotation", period: "desiredState.RotationPeriodInDays", spec: "desiredState.KeySpec", usage: "desiredState.KeyUsage" };

export const cloudControlKmsKey = resourceRule({
    name: "aws-key-rotation-cloudcontrol-kms-key", cloud, controls, severity: "high", types: [T.cloudcontrolResource],
    description: "A KMS key declared through CloudControl (AWS::KMS::Key) rotates automatically, at most every 365 days; with Origin EXTERNAL it cannot, and is reported so.",
    remediation: "In desiredState set EnableKeyRotation true and RotationPeriodInDays between 90 and 365 (or leave it unset).",
    check: judgeDesiredState(CFN_KMS_KEY, "EnableKeyRotation true", props => {
        const origin = get(props, "desiredState.Origin");
        if (isUnknown(origin)) return [{ property: "desiredState.Origin", found: origin, wanted: "\"AWS_KMS\" (or unset)" }];
        // An origin that cannot rotate is read however it is spelt; AWS_KMS (or unset) only as AWS reads it, any other text is no origin AWS takes.
        const o = typeof origin === "string" ? looseForm(origin).toUpperCase() : undefined;
        return rotationVerdict(props, cloudControlKeyFields, o === "EXTERNAL" ? imported
            : o === "AWS_CLOUDHSM" || o === "EXTERNAL_KEY_STORE" ? { found: `Origin ${o} (a custom key store)`, note: customStoreNote }
            : origin === undefined || origin === null || equalsAnyIgnoreCase(origin, "AWS_KMS") ? undefined
            : { found: `Origin ${JSON.stringify(origin)}`, note: "Not an Origin AWS KMS takes as written (AWS_KMS, EXTERNAL, AWS_CLOUDHSM, EXTERNAL_KEY_STORE)." });
    }),
});

/**
 * A Secrets Manager secret is a credential: rotated automatically at most every 365 days, as a key is
 * (Config secretsmanager-rotation-enabled-check, in AWS's HIPAA conformance pack). Rotation is an
 * aws.secretsmanager.SecretRotation naming the secret. Advisory: a secret holding a vendor's API token has
 * no rotation function AWS can run, and its owner rotates it by hand; the finding names the secret so a
 * reviewer decides (and exempts it with the process named).
 */
const wantedRotation = "an aws.secretsmanager.SecretRotation of this stack naming the secret, rotationRules every 1 to 365 days";

function rotationOf(r: PolicyResource): Violation[] {
    const days = get(r.props, "rotationRules.automaticallyAfterDays"), schedule = get(r.props, "rotationRules.scheduleExpression");
    if (isUnknown(days) || isUnknown(schedule)) return [{ property: "rotationRules", found: isUnknown(days) ? days : schedule, wanted: wantedRotation }];
    const n = toNumber(days);
    if (n >= 1 && n <= 365) return [];
    // A schedule (rate(…)/cron(…)) runs at least every 365 days only when it is a rate in days; cron reruns yearly at most.
    // A safe value, so read as Secrets Manager reads it: never trimmed (" rate(30 days)" is no schedule it takes).
    const rate = typeof schedule === "string" ? /^rate\(\s*(\d+)\s+(day|days|hour|hours)\s*\)$/.exec(schedule) : null;
    if (rate && Number(rate[1]) >= 1 && (rate[2].startsWith("hour") || Number(rate[1]) <= 365)) return [];
    if (typeof schedule === "string" && /^cron\(/.test(schedule)) return [];
    return [{ property: "rotationRules", found: get(r.props, "rotationRules"), wanted: "automaticallyAfterDays 1 to 365, or a scheduleExpression rate(n days) with n ≤ 365 or cron(...)" }];
}

export const secretRotation = stackRule({
    name: "aws-key-rotation-secret", cloud, controls, severity: "medium", enforcement: "advisory",
    judges: [T.secret],
    reads: { secretId: [T.secretRotation] },
    description: "A Secrets Manager secret is rotated automatically at least every 365 days (an aws.secretsmanager.SecretRotation names it).",
    remediation: "Add an aws.secretsmanager.SecretRotation {secretId: secret.id, rotationLambdaArn, rotationRules: {automaticallyAfterDays: 90}}, or exempt a secret rotated by hand with the process named.",
    check: stack => stack.ofType(...T.secret).flatMap((secret): Violation[] => {
        const rotations = stack.referrers(secret, T.secretRotation, "secretId", ["id", "arn", "name"]);
        if (!rotations.length) return [{ property: T.secretRotation[0], found: undefined, wanted: wantedRotation, resource: secret, note: "No aws:secretsmanager/secretRotation of this stack names this secret." }];
        const out = rotations.map(rot => [
            ...expect(rot.props, "rotationEnabled", terraformReads.onOrUnset, "true or unset", secret),
            ...rotationOf(rot).map(v => ({ ...v, resource: secret })),
        ].map(v => ({ ...v, note: `(on ${rot.type} "${rot.name}")` })));
        // Any one rotation that holds suffices.
        return out.some(v => !v.length) ? [] : out[0];
    }),
});

export const rules: Rule[] = [secretRotation, kmsKey, replicaKey, cloudControlKmsKey];
