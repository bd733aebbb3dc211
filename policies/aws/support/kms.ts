// What counts as a customer-managed key reference.
import { isText } from "../../lib/inputs";
import { expect, PolicyResource, Violation } from "../../lib/rule";
import { namesAwsManagedKey } from "../../../facts/aws";

/** A key id, ARN or alias that is given and is not an AWS-managed alias (`alias/aws/s3`). */
export function isCustomerManagedKey(v: unknown): boolean {
    return isText(v) && !namesAwsManagedKey(String(v));
}

export const wantedCmk = "a customer-managed KMS key ARN (not empty, not an alias/aws/… AWS-managed key)";

/** The property at `path` must name a customer-managed key. */
export function expectCmk(props: Record<string, unknown>, path: string, resource?: PolicyResource): Violation[] {
    return expect(props, path, isCustomerManagedKey, wantedCmk, resource);
}
