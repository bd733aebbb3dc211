// What counts as a customer-managed key reference: an AWS-managed alias written with a blank, a zero-width
// character or capitals is still AWS's key (a false PASS otherwise), and a customer's key ARN or alias is not.
import assert from "node:assert/strict";
import { isCustomerManagedKey } from "../../../policies/aws/support/kms";

describe("aws customer-managed key references (support/kms.ts)", () => {
    for (const v of ["alias/aws/s3", " alias/aws/s3", "alias/aws/s3\n", "alias/\u200baws/s3", "alias/AWS/s3", "ALIAS/aws/s3",
        "arn:aws:kms:us-east-1:123456789012:alias/aws/s3", "arn:aws:kms:us-east-1:123456789012: alias/aws/rds", "", " ", undefined, null]) {
        it(`${JSON.stringify(v)} is not a customer-managed key`, () => assert.equal(isCustomerManagedKey(v), false));
    }
    for (const v of ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "alias/stmary-phi",
        "arn:aws:kms:us-east-1:123456789012:alias/stmary-phi", "1234abcd-12ab-34cd-56ef-1234567890ab"]) {
        it(`${JSON.stringify(v)} is a customer-managed key`, () => assert.equal(isCustomerManagedKey(v), true));
    }
});
