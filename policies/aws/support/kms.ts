// What counts as a customer-managed key reference.
import { isText } from "../../lib/inputs";
import { holdsUnknown } from "../../lib/unknowns";
import { expect, PolicyResource, Violation } from "../../lib/rule";
import { isKmsKeyReference, namesAwsManagedKey } from "../../../facts/aws";

/** A key id, ARN or alias that is given, is shaped as AWS KMS takes a key (isKmsKeyReference: any other known text names no key), and is not an AWS-managed alias (`alias/aws/s3`). */
export function isCustomerManagedKey(v: unknown): boolean {
    if (!isText(v)) return false;
    const text = String(v);
    return !namesAwsManagedKey(text) && (holdsUnknown(text) || isKmsKeyReference(text));
}

export const wantedCmk = "a customer-managed KMS key: its ARN, id or alias (not empty, not an alias/aws/… AWS-managed key)";

/** The property at `path` must name a customer-managed key. */
export function expectCmk(props: Record<string, unknown>, path: string, resource?: PolicyResource): Violation[] {
    return expect(props, path, isCustomerManagedKey, wantedCmk, resource);
}
