// Bring your own: the arguments that name what a hospital's landing zone already has — a customer-managed
// key, an access-log bucket, a VPC and its subnets — checked like every other argument wherever their value
// is known when the component is built (a plain value). An Output (a key or VPC created in the same program)
// is known only at deployment: the policy pack judges what it resolves to. A value of the wrong type (a
// number, an object) or a near miss (an AWS-managed key, a bucket ARN where a name goes) is refused, naming
// the argument, the value and what is allowed.
import * as pulumi from "@pulumi/pulumi";
import { isKmsKeyReference, namesAwsManagedKey } from "../../facts/aws";
import { isDeferred, keyArgReader } from "../arg-values";

const shown = (v: unknown) => typeof v === "string" ? JSON.stringify(v) : v === null || v === undefined ? String(v) : `${typeof v} ${JSON.stringify(v) ?? String(v)}`;

/** What each kind of existing resource may be given as: the text every refusal (component or hospital config) names. */
export const existingAllowed = {
    kmsKey: "a customer-managed KMS key: its ARN (arn:aws:kms:REGION:ACCOUNT:key/ID), its id, or an alias of your own (alias/NAME), never an AWS-managed alias/aws/… key",
    vpc: "a vpc id (vpc-0123456789abcdef0)",
    subnet: "a subnet id (subnet-0123456789abcdef0)",
} as const;

/** `arg` must name a customer-managed KMS key: a key or alias ARN, a key id or an alias of the account's own (never alias/aws/…). */
export function kmsKeyProblem(arg: string, v: unknown): string | undefined {
    if (isDeferred(v)) return undefined;
    const allowed = existingAllowed.kmsKey;
    // The shape ENC-REST-CMK judges by (facts/aws.ts): a key this refuses, the pack fails too, and the other way round.
    if (typeof v !== "string" || !isKmsKeyReference(v)) return `'${arg}' must be ${allowed}; got ${shown(v)}.`;
    // The one reading of "AWS-managed" the pack's ENC-REST-CMK rules use.
    if (namesAwsManagedKey(v)) return `'${arg}' must be ${allowed}; got ${shown(v)}, an AWS-managed key, which no key policy of yours governs.`;
    return undefined;
}

/** `arg` must be an S3 bucket name (S3's naming rules), not an ARN or a URL. */
export function bucketNameProblem(arg: string, v: unknown): string | undefined {
    if (isDeferred(v)) return undefined;
    const allowed = "an S3 bucket name (3 to 63 lower-case letters, digits, '.' and '-', beginning and ending with a letter or digit; not an ARN)";
    if (typeof v !== "string" || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(v) || v.includes("..") || /^\d+\.\d+\.\d+\.\d+$/.test(v) ||
        /^(xn--|sthree-|amzn-s3-demo-)/.test(v) || /(-s3alias|--ol-s3|\.mrap|--x-s3)$/.test(v)) {
        return `'${arg}' must be ${allowed}; got ${shown(v)}.`;
    }
    return undefined;
}

/** `arg` must be an AWS resource id with `prefix` (`vpc-…`, `subnet-…`). */
export function resourceIdProblem(arg: string, prefix: "vpc" | "subnet", v: unknown): string | undefined {
    if (isDeferred(v)) return undefined;
    if (typeof v !== "string" || !new RegExp(`^${prefix}-[0-9a-z]+$`).test(v)) return `'${arg}' must be ${existingAllowed[prefix]}; got ${shown(v)}.`;
    return undefined;
}

/** Every problem of a list of subnet ids: a list of at least one, each a subnet id, none twice. */
export function subnetIdsProblems(arg: string, v: unknown): string[] {
    if (isDeferred(v)) return [];
    if (!Array.isArray(v) || v.length === 0) return [`'${arg}' must list at least one private subnet id; got ${shown(v)}.`];
    const problems = v.flatMap((s, i) => resourceIdProblem(`${arg}[${i}]`, "subnet", s) ?? []);
    const plain = v.filter((s): s is string => typeof s === "string");
    const twice = plain.filter((s, i) => plain.indexOf(s) !== i);
    if (twice.length) problems.push(`'${arg}' names ${JSON.stringify(twice[0])} twice.`);
    return problems;
}

/**
 * The customer-managed key argument of every AWS component that encrypts. One name, `key`, on the three
 * clouds (Google Cloud: the crypto key's id; Azure: the hospital's Keys), so that a platform reads the
 * same on each; its type is this cloud's reference to a key: a KMS key ARN, id or alias. `kmsKeyArn`, the
 * old AWS name, still works; setting both is refused (keyArg).
 */
export interface KeyArg {
    /** The customer-managed KMS key (ENC-REST-CMK): its ARN, id or alias (Keys.keyArn). Required, under this name or `kmsKeyArn`. */
    key?: pulumi.Input<string>;
    /** @deprecated use key */
    kmsKeyArn?: pulumi.Input<string>;
}

/** The key — argument `key`, or its deprecated name `kmsKeyArn` — and the problems of that argument. */
export const keyArg = keyArgReader<KeyArg, pulumi.Input<string>>("kmsKeyArn", kmsKeyProblem);
