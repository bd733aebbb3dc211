// Bring your own key, log bucket and network (issue 21): a landing zone's own resources are handed to a
// component by name or ARN, and checked like every other argument. Each near miss below once went
// straight into the resource (an AWS-managed key would have encrypted PHI with a key no policy of the
// hospital governs; a number or a bucket ARN would have failed only at deployment).
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { bucketNameProblem, kmsKeyProblem, resourceIdProblem, subnetIdsProblems } from "../../../components/aws/existing";
import { Storage, storageProblems } from "../../../components/aws/storage";
import { warehouseProblems } from "../../../components/aws/warehouse";
import { isCustomerManagedKey } from "../../../policies/aws/support/kms";
import { record } from "../../support/record";

const keyArn = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("components/aws/existing: an existing key, log bucket and network, checked as given", () => {
    it("takes as a key exactly what ENC-REST-CMK passes as one, and names the argument when it refuses", () => {
        for (const k of [keyArn, "alias/stmary-phi", "mrk-1234abcd12ab34cd56ef1234567890ab", "alias/aws/s3", "ａｌｉａｓ/aws/s3", "arn:aws:s3:::stmary-phi",
            "arn:aws:kms:us-east-1:12345:key/1234abcd", "arn:aws:kms::123456789012:key/1234abcd", "arn:x:kms:r:a:key/k", "alias/phi.key", "alias/", "keys/phi"]) {
            const problem = kmsKeyProblem("key", k);
            assert.equal(problem === undefined, isCustomerManagedKey(k), `${JSON.stringify(k)}: component ${problem ?? "takes it"}`);
            if (problem) assert.match(problem, /^'key' must be a customer-managed KMS key/);
        }
    });
    it("accepts a key ARN, an alias ARN, an alias and a key id of the account's own", () => {
        for (const k of [keyArn, "arn:aws-us-gov:kms:us-gov-west-1:123456789012:alias/phi", "alias/stmary/phi", "1234abcd-12ab-34cd-56ef-1234567890ab", "mrk-1234abcd12ab34cd56ef1234567890ab"]) {
            assert.equal(kmsKeyProblem("kmsKeyArn", k), undefined, k);
        }
    });

    it("refuses an AWS-managed key, an empty or blank value, another service's ARN, a number, an object, whitespace and control characters", () => {
        const refused: unknown[] = ["alias/aws/s3", "arn:aws:kms:us-east-1:123456789012:alias/aws/s3", "", " ", ` ${keyArn}`, `${keyArn}\n`,
            "arn:aws:s3:::stmary-phi", "arn:aws:iam::123456789012:role/admin", "arn:aws:kms:us-east-1:123:key/x", 5, null, {}, ["alias/phi"], "alias/aws/s3\u200b"];
        for (const k of refused) assert.match(String(kmsKeyProblem("kmsKeyArn", k)), /^'kmsKeyArn' must be a customer-managed KMS key/, JSON.stringify(k));
        assert.match(String(kmsKeyProblem("kmsKeyArn", "alias/aws/s3")), /got "alias\/aws\/s3", an AWS-managed key/);
    });

    it("leaves an Output or a promise to the pack (known only at deployment)", () => {
        assert.equal(kmsKeyProblem("kmsKeyArn", pulumi.output("alias/aws/s3")), undefined);
        assert.equal(bucketNameProblem("accessLogBucket", Promise.resolve("x")), undefined);
    });

    it("a log bucket is an S3 bucket name: not an ARN, a URL, upper case, an IP, a reserved prefix or suffix, too short or too long", () => {
        assert.equal(bucketNameProblem("accessLogBucket", "stmary-access-logs"), undefined);
        assert.equal(bucketNameProblem("accessLogBucket", "logs.stmary.example"), undefined);
        for (const b of ["arn:aws:s3:::stmary-logs", "s3://stmary-logs", "Stmary-Logs", "192.168.1.1", "xn--logs", "logs-s3alias", "ab", "a".repeat(64), "logs..x", "-logs", "logs-", 7, ""]) {
            assert.match(String(bucketNameProblem("accessLogBucket", b)), /^'accessLogBucket' must be an S3 bucket name/, JSON.stringify(b));
        }
    });

    it("a VPC and subnets are ids of their kind: a list of at least one, no id twice", () => {
        assert.equal(resourceIdProblem("vpcId", "vpc", "vpc-0123456789abcdef0"), undefined);
        assert.match(String(resourceIdProblem("vpcId", "vpc", "subnet-0123")), /'vpcId' must be a vpc id/);
        assert.deepEqual(subnetIdsProblems("subnetIds", ["subnet-a1", "subnet-b2"]), []);
        assert.match(subnetIdsProblems("subnetIds", "subnet-a1").join(), /must list at least one/);
        assert.match(subnetIdsProblems("subnetIds", ["subnet-a1", "vpc-1", 3]).join(" "), /'subnetIds\[1\]' must be a subnet id.*'subnetIds\[2\]' must be a subnet id/);
        assert.match(subnetIdsProblems("subnetIds", ["subnet-a1", "subnet-a1"]).join(), /names "subnet-a1" twice/);
    });

    it("Storage refuses an AWS-managed key and a bucket ARN as log destination, before any resource is registered", async () => {
        assert.deepEqual(storageProblems({ tenant: "mercy", purpose: "phi", key: keyArn, accessLogBucket: "mercy-access-logs" }), []);
        const problems = storageProblems({ tenant: "mercy", purpose: "phi", key: "alias/aws/s3", accessLogBucket: "arn:aws:s3:::mercy-access-logs" });
        assert.equal(problems.length, 2, problems.join("\n"));
        await assert.rejects(record(() => { new Storage("phi", { tenant: "mercy", purpose: "phi", key: "alias/aws/s3", accessLogBucket: "mercy-logs" }); },
            { config: { "aws:region": "us-east-1" } }), /Storage "phi": 'key' must be a customer-managed KMS key/);
    });

    it("Warehouse checks the landing zone's VPC, subnets, key and a private, canonical CIDR", () => {
        const ok = { tenant: "mercy", key: keyArn, vpcId: "vpc-0abc", subnetIds: ["subnet-0a", "subnet-0b"], vpcCidr: "10.50.0.0/16" };
        assert.deepEqual(warehouseProblems(ok), []);
        const bad = warehouseProblems({ ...ok, key: "alias/aws/redshift", vpcId: "vpc 1", subnetIds: ["subnet-0a", "subnet-0a"], vpcCidr: "0.0.0.0/0" });
        for (const arg of ["key", "vpcId", "subnetIds", "vpcCidr"]) assert.ok(bad.some(p => p.startsWith(`'${arg}'`)), `${arg}: ${bad.join(" | ")}`);
        for (const cidr of ["10.50.0.0/16 ", "010.50.0.0/16", "8.8.0.0/16", "10.50.0.1/16"]) assert.ok(warehouseProblems({ ...ok, vpcCidr: cidr }).some(p => p.startsWith("'vpcCidr'")), cidr);
    });
});
