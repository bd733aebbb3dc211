// The AWS rules over a hand-written program run under the checker's mock runtime: inputs as the
// SDK registers them (Outputs become property dependencies), not as the tests above build them.
import assert from "node:assert/strict";
import * as cloudtrail from "@pulumi/aws/cloudtrail";
import * as kms from "@pulumi/aws/kms";
import * as s3 from "@pulumi/aws/s3";
import { evaluate, Finding } from "../../../policies/lib/evaluate";
import { record, Recorded } from "../../support/record";
import { rulesOf } from "../../support/policies";

const rules = rulesOf({ cloud: "aws" });

const tags = { tenant: "stmary", "data-classification": "phi" };

/** Runs `f` with console.warn dropping only messages that contain `text`. */
function withoutWarning<T>(text: string, f: () => T): T {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => { if (!args.some(a => String(a).includes(text))) warn(...args); };
    try {
        return f();
    } finally {
        console.warn = warn;
    }
}

/** A bucket with every sub-resource the S3 stack rules ask for, each built from the bucket's Outputs. */
function completeBucket(name: string, key: kms.Key, logs: s3.Bucket): s3.Bucket {
    const bucket = new s3.Bucket(name, { tags });
    new s3.BucketServerSideEncryptionConfiguration(`${name}-sse`, { bucket: bucket.id, rules: [{
        applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }] });
    new s3.BucketPublicAccessBlock(`${name}-pab`, { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    new s3.BucketOwnershipControls(`${name}-own`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } });
    new s3.BucketVersioning(`${name}-ver`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } });
    new s3.BucketLogging(`${name}-log`, { bucket: bucket.id, targetBucket: logs.id, targetPrefix: `${name}/` });
    new s3.BucketPolicy(`${name}-tls`, { bucket: bucket.id, policy: bucket.arn.apply(arn => JSON.stringify({ Version: "2012-10-17", Statement: [{
        Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }] })) });
    return bucket;
}

const s3Policies = ["aws-enc-rest-cmk-s3-bucket", "aws-public-access-s3-bucket", "aws-backup-versioning-s3-bucket", "aws-enc-transit-s3-bucket-policy", "aws-audit-log-s3-bucket"];
const about = (findings: Finding[], name: string) => findings.filter(f => f.name === name && !f.exempted);

describe("aws rules over a hand-written program (mock runtime)", () => {
    let r: Recorded;
    let findings: Finding[];
    before(async () => {
        r = await record(() => {
            const key = new kms.Key("key", { enableKeyRotation: true, deletionWindowInDays: 30, tags });
            const logs = new s3.Bucket("access-logs", { tags });
            completeBucket("complete", key, logs);
            new s3.Bucket("bare", {});
            // The deprecated type on purpose: programs still declare it, and its token must be judged. Its
            // constructor's one deprecation warning (printed by pulumi.log.warn without an engine) is silenced
            // here only, so that `npm test` prints no warning nobody explained; any other warning still shows.
            withoutWarning("BucketV2 is deprecated", () => new s3.BucketV2("legacy", { tags }));
            new cloudtrail.Trail("trail", { s3BucketName: logs.id, kmsKeyId: key.arn, isMultiRegionTrail: true, enableLogFileValidation: true, tags,
                advancedEventSelectors: [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }] }] });
        }, { config: { "aws:region": "us-east-1" } });
        findings = evaluate(rules, r.policyResources);
    });

    it("joins a bucket with sub-resources built from its Outputs: none of the S3 stack rules reports it", () => {
        assert.deepEqual(about(findings, "complete").filter(f => s3Policies.includes(f.policy)).map(f => f.message), []);
    });

    it("reports a bare bucket under every S3 stack rule, on the bucket", () => {
        const bare = r.one("aws:s3/bucket:Bucket", "bare");
        const policies = new Set(about(findings, "bare").map(f => f.policy));
        for (const p of s3Policies) assert.ok(policies.has(p), p);
        assert.ok(about(findings, "bare").every(f => f.urn === bare.urn));
        assert.ok(policies.has("aws-tagging-resource"));
    });

    it("judges the deprecated BucketV2 token like the current one", () => {
        const policies = new Set(about(findings, "legacy").map(f => f.policy));
        for (const p of s3Policies) assert.ok(policies.has(p), p);
    });

    it("finds the trail bucket unlocked (no Object Lock), through the trail's s3BucketName Output", () => {
        const lock = about(findings, "access-logs").filter(f => f.policy === "aws-log-integrity-trail-bucket");
        assert.ok(lock.some(f => /objectLockEnabled is unset/.test(f.message)), lock.map(f => f.message).join("\n"));
    });

    it("accepts the key created in the stack as the tenant's own", () => {
        assert.deepEqual(findings.filter(f => f.policy === "aws-enc-rest-cmk-key-tenant"), []);
    });
});
