// Facts about AWS that a component and a policy must read alike.

/**
 * Whether a KMS key id, ARN or alias names an AWS-managed key (`alias/aws/s3`, `arn:...:alias/aws/ebs`):
 * AWS reserves the `alias/aws/` prefix, and no key policy of the hospital governs such a key. Read
 * without blanks, format characters (zero-width), compatibility forms and case: " alias/aws/s3" or "alias/AWS/s3" is never a
 * customer's key, and reading it as one would pass an AWS-managed key. The component refusing an existing
 * key (components/aws/existing.ts) and ENC-REST-CMK (policies/aws/support/kms.ts) both judge by it.
 */
export function namesAwsManagedKey(key: string): boolean {
    // NFKC first: full-width letters ("ａｌｉａｓ/aws/s3") read as the ASCII a person takes them for.
    return /(^|:)alias\/aws\//i.test(key.normalize("NFKC").replace(/[\s\p{Cf}]/gu, ""));
}

/**
 * Whether a text is shaped as AWS KMS takes a key: a key or alias ARN (any partition: aws, aws-cn, aws-us-gov,
 * aws-iso…; a Region; a 12-digit account), an alias name (`alias/` and letters, digits, `/`, `_`, `-`, as KMS
 * allows in an alias), or a bare key id (a UUID, `mrk-…`). Anything else (another service's ARN, a path, a
 * sentence, `alias/` alone) names no key. The component refusing an existing key (components/aws/existing.ts)
 * and ENC-REST-CMK (policies/aws/support/kms.ts) both judge by it, so a key the component takes the pack passes.
 */
export function isKmsKeyReference(key: string): boolean {
    return kmsKeyShapes.some(shape => shape.test(key));
}

const kmsKeyShapes = Object.freeze([
    /^arn:aws(?:-[a-z]+)*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+$/,
    /^alias\/[A-Za-z0-9/_-]+$/,
    /^[A-Za-z0-9-]+$/,
]);

/** The AWS Organizations policy type of an AI services opt-out policy. */
export const aiOptOutPolicyType = "AISERVICES_OPT_OUT_POLICY";

/**
 * The content that opts every AI service out and stops a child policy (an OU's or an account's) from
 * opting one back in, as the AWS Organizations User Guide writes it ("Opt out of all AI services"):
 * keys and values are case-sensitive there, and a near miss opts nothing out.
 */
export const aiOptOutContent = Object.freeze({
    services: Object.freeze({ default: Object.freeze({ opt_out_policy: Object.freeze({
        "@@operators_allowed_for_child_policies": Object.freeze(["@@none"]), "@@assign": "optOut",
    }) }) }),
});
