// What counts as a customer-managed key reference.
import { isText } from "../../lib/inputs";
import { holdsUnknown } from "../../lib/unknowns";
import { UNKNOWN_STRING } from "../../lib/values";
import { expect, PolicyResource, Violation } from "../../lib/rule";
import { isKmsKeyReference, namesAwsManagedKey } from "../../../facts/aws";

/** A key id, ARN or alias that is given, is shaped as AWS KMS takes a key (isKmsKeyReference: any other known text names no key), and is not an AWS-managed alias (`alias/aws/s3`). */
export function isCustomerManagedKey(v: unknown): boolean {
    if (!isText(v)) return false;
    const text = String(v);
    return !namesAwsManagedKey(text) && (holdsUnknown(text) ? mayBeKmsKeyReference(text) : isKmsKeyReference(text));
}

// What an unknown part of a key reference may be: a partition, an account (12 digits), a Region, a key id or alias name.
const fillers = ["aws", "000000000000", "a0a"];

/**
 * A text unknown in part, judged on its known parts (as Azure's vault URIs are, enc-rest-cmk expectShaped): some
 * filling of its unknown parts is shaped as a KMS key reference. `arn:aws:kms:us-east-1:${account}:alias/phi` may be
 * a key; `arn:aws:s3:::${bucket.id}` never is, and passing it would pass a bucket's ARN as the key. A reference has at
 * most four parts that vary (partition, Region, account, id), so a text with more unknown parts names no key.
 */
function mayBeKmsKeyReference(text: string): boolean {
    const [first, ...rest] = text.split(UNKNOWN_STRING);
    if (rest.length > 4) return false;
    const filled = rest.reduce((texts, part) => texts.flatMap(t => fillers.map(f => t + f + part)), [first]);
    return filled.some(isKmsKeyReference);
}

export const wantedCmk = "a customer-managed KMS key: its ARN, id or alias (not empty, not an alias/aws/… AWS-managed key)";

/** The property at `path` must name a customer-managed key. */
export function expectCmk(props: Record<string, unknown>, path: string, resource?: PolicyResource): Violation[] {
    return expect(props, path, isCustomerManagedKey, wantedCmk, resource);
}
