// What counts as a customer-managed key reference.
import { isText } from "../../lib/inputs";
import { holdsUnknown } from "../../lib/unknowns";
import { expect, PolicyResource, Violation } from "../../lib/rule";
import { namesAwsManagedKey } from "../../../facts/aws";

/**
 * The shapes AWS KMS takes a key by: a key or alias ARN, an alias name, a bare key id (a UUID, `mrk-…`). Any other
 * known text (a bucket's ARN passed by mistake, a path, a sentence) names no key, so it is no customer-managed key.
 */
const kmsKeyReference = /^(arn:[^:\s]+:kms:[^:\s]*:[^:\s]*:(key|alias)\/\S+|alias\/\S+|[A-Za-z0-9-]+)$/;

/** A key id, ARN or alias that is given, is shaped as AWS KMS takes a key, and is not an AWS-managed alias (`alias/aws/s3`). */
export function isCustomerManagedKey(v: unknown): boolean {
    if (!isText(v)) return false;
    const text = String(v);
    return !namesAwsManagedKey(text) && (holdsUnknown(text) || kmsKeyReference.test(text));
}

export const wantedCmk = "a customer-managed KMS key: its ARN, id or alias (not empty, not an alias/aws/… AWS-managed key)";

/** The property at `path` must name a customer-managed key. */
export function expectCmk(props: Record<string, unknown>, path: string, resource?: PolicyResource): Violation[] {
    return expect(props, path, isCustomerManagedKey, wantedCmk, resource);
}
