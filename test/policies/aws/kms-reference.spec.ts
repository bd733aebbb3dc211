// What counts as a customer-managed key reference: an AWS-managed alias written with a blank, a zero-width
// character, capitals or full-width letters is still AWS's key (a false PASS otherwise), a known text shaped as no
// KMS key reference (another service's ARN) names no key, and a customer's key ARN, id or alias is a key.
import assert from "node:assert/strict";
import { isCustomerManagedKey } from "../../../policies/aws/support/kms";
import { UNKNOWN_STRING } from "../../../policies/lib/values";

describe("aws customer-managed key references (support/kms.ts)", () => {
    for (const v of ["alias/aws/s3", " alias/aws/s3", "alias/aws/s3\n", "alias/\u200baws/s3", "alias/AWS/s3", "ALIAS/aws/s3",
        "arn:aws:kms:us-east-1:123456789012:alias/aws/s3", "arn:aws:kms:us-east-1:123456789012: alias/aws/rds", "", " ", undefined, null,
        // Full-width letters a person reads as alias/aws/s3; and known texts that name no KMS key at all.
        "ａｌｉａｓ/aws/s3", "arn:aws:s3:::stmary-phi", "arn:aws:iam::123456789012:role/admin", "keys/phi", "my key", "arn:aws:kms:us-east-1:123456789012:keyring/x",
        // Shaped almost as KMS takes a key, as the component refusing an existing key reads it (facts/aws.ts): an account
        // that is not 12 digits, no Region, a character KMS allows in no alias.
        "arn:aws:kms:us-east-1:12345:key/1234abcd", "arn:aws:kms::123456789012:key/1234abcd", "alias/phi.key", "arn:aws:kms:us-east-1:123456789012:alias/phi key"]) {
        it(`${JSON.stringify(v)} is not a customer-managed key`, () => assert.equal(isCustomerManagedKey(v), false));
    }
    for (const v of ["arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", "alias/stmary-phi",
        "arn:aws:kms:us-east-1:123456789012:alias/stmary-phi", "1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/phi"]) {
        it(`${JSON.stringify(v)} is a customer-managed key`, () => assert.equal(isCustomerManagedKey(v), true));
    }
    // A text unknown in part (an interpolation of outputs unknown at preview) is judged on its known parts.
    const U = UNKNOWN_STRING;
    for (const v of [`arn:aws:s3:::${U}`, `arn:aws:iam::${U}:role/admin`, `${U} key`, `arn:aws:kms:${U}:${U}:keyring/${U}`, `alias/aws/${U}`]) {
        it(`${JSON.stringify(v)} (unknown in part) is not a customer-managed key`, () => assert.equal(isCustomerManagedKey(v), false));
    }
    for (const v of [`arn:aws:kms:us-east-1:${U}:alias/phi`, `arn:${U}:kms:${U}:${U}:key/${U}`, `alias/stmary-${U}`, `${U}`, `arn:aws:kms:us-east-1:123456789012:key/${U}`]) {
        it(`${JSON.stringify(v)} (unknown in part) may be a customer-managed key`, () => assert.equal(isCustomerManagedKey(v), true));
    }
});
