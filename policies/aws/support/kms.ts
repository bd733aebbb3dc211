// What counts as a customer-managed key reference.
import { isText } from "../../lib/inputs";
import { expect, PolicyResource, Violation } from "../../lib/rule";

const awsManagedAlias = /(^|:)alias\/aws\//i;

/** A key id, ARN or alias that is given and is not an AWS-managed alias (`alias/aws/s3`). */
export function isCustomerManagedKey(v: unknown): boolean {
    // Read without blanks, format characters (zero-width) and case: " alias/aws/s3" or "alias/AWS/s3" is
    // never a customer's key (AWS reserves the prefix), and reading it as one would pass an AWS-managed key.
    return isText(v) && !awsManagedAlias.test(String(v).replace(/[\s\p{Cf}]/gu, ""));
}

export const wantedCmk = "a customer-managed KMS key ARN (not empty, not an alias/aws/… AWS-managed key)";

/** The property at `path` must name a customer-managed key. */
export function expectCmk(props: Record<string, unknown>, path: string, resource?: PolicyResource): Violation[] {
    return expect(props, path, isCustomerManagedKey, wantedCmk, resource);
}
