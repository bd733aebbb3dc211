// Issue 14: an S3 bucket or KMS key declared through aws.cloudcontrol.Resource is judged by its
// desiredState with the typed resources' judgments, never passed in silence.
import assert from "node:assert/strict";
import { UNKNOWN } from "../../../policies/lib/values";
import { findingsOf, resource, rulesOf, violations } from "../../support/policies";
import { KEY_ARN } from "./baselines";

const rules = rulesOf({ cloud: "aws" });

const CC = "aws:cloudcontrol/resource:Resource";
const POLICY = "aws:s3/bucketPolicy:BucketPolicy";
const TRAIL = "aws:cloudtrail/trail:Trail";
const cc = (typeName: string, state: Record<string, unknown>, name = "r") =>
    resource(CC, { typeName, desiredState: JSON.stringify(state) }, { name: name, protect: true });
const policiesOf = (findings: { policy: string }[]) => [...new Set(findings.map(f => f.policy))].sort();

const goodBucket = {
    BucketName: "stmary-cc-phi",
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
    BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: KEY_ARN }, BucketKeyEnabled: true }] },
    VersioningConfiguration: { Status: "Enabled" },
    LoggingConfiguration: { DestinationBucketName: "stmary-access-logs", LogFilePrefix: "cc/" },
    Tags: [{ Key: "tenant", Value: "stmary" }, { Key: "data-classification", Value: "phi" }],
};
const tlsOnly = JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: ["arn:aws:s3:::stmary-cc-phi", "arn:aws:s3:::stmary-cc-phi/*"],
    Condition: { Bool: { "aws:SecureTransport": "false" } } }] });
const trail = resource(TRAIL, { advancedEventSelectors: [{ fieldSelectors: [{ field: "eventCategory", equals: ["Data"] }, { field: "resources.type", equals: ["AWS::S3::Object"] }] }] }, { name: "trail" });

describe("aws CloudControl AWS::S3::Bucket and AWS::KMS::Key (issue 14)", () => {
    it("judges a bare CloudControl bucket under every bucket control (it passed in silence before)", () => {
        const findings = violations(findingsOf(rules, [cc("AWS::S3::Bucket", { BucketName: "bare" })]));
        assert.deepEqual(policiesOf(findings).filter(p => !p.includes("tagging") && !p.includes("residency")), [
            "aws-audit-log-cloudcontrol-s3-bucket", "aws-audit-log-cloudtrail-data-events", "aws-backup-versioning-cloudcontrol-s3-bucket",
            "aws-enc-rest-cmk-cloudcontrol-s3-bucket", "aws-enc-transit-s3-bucket-policy", "aws-public-access-cloudcontrol-s3-bucket",
        ]);
        assert.ok(findings.some(f => f.policy === "aws-tagging-resource"), "its desiredState Tags are judged");
    });
    it("passes a compliant CloudControl bucket with a TLS-only policy naming it and a trail", () => {
        const bucket = cc("AWS::S3::Bucket", goodBucket, "phi");
        const policy = resource(POLICY, { bucket: UNKNOWN, policy: tlsOnly }, { name: "phi-policy", deps: { bucket: [bucket] } });
        const findings = violations(findingsOf(rules, [bucket, policy, trail])).filter(f => (f.urn === bucket.urn || f.urn === policy.urn) && f.enforcement === "mandatory");
        assert.deepEqual(findings.map(f => f.message), []);
    });
    it("reports each weakened CloudControl bucket setting, with the desiredState path", () => {
        const weak = { ...goodBucket, PublicAccessBlockConfiguration: { ...goodBucket.PublicAccessBlockConfiguration, RestrictPublicBuckets: false },
            AccessControl: "PublicRead", BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: "AES256" } }] },
            VersioningConfiguration: { Status: "Suspended" }, LoggingConfiguration: { DestinationBucketName: "stmary-cc-phi" } };
        const messages = violations(findingsOf(rules, [cc("AWS::S3::Bucket", weak), trail])).map(f => f.message).join("\n");
        for (const m of [/desiredState\.PublicAccessBlockConfiguration\.RestrictPublicBuckets is false/, /desiredState\.AccessControl is "PublicRead"/,
            /SSEAlgorithm is "AES256"/, /VersioningConfiguration\.Status is "Suspended"/, /DestinationBucketName is "stmary-cc-phi"/]) {
            assert.match(messages, m);
        }
    });
    it("judges a CloudControl key: rotation, imported material, key policy, key use, deletion window (typeName in any case)", () => {
        const policies = (state: Record<string, unknown>) => policiesOf(violations(findingsOf(rules, [cc("aws::kms::key", state)])).filter(f => !f.policy.includes("tagging")));
        assert.deepEqual(policies({ EnableKeyRotation: true }), []);
        assert.deepEqual(policies({}), ["aws-key-rotation-cloudcontrol-kms-key"]);
        assert.deepEqual(policies({ EnableKeyRotation: true, Origin: "EXTERNAL" }), ["aws-key-rotation-cloudcontrol-kms-key"]);
        assert.deepEqual(policies({ EnableKeyRotation: true, Origin: "AWS_CLOUDHSM" }), ["aws-key-rotation-cloudcontrol-kms-key"]);
        assert.deepEqual(policies({ EnableKeyRotation: true, KeyPolicy: { Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" }] } }),
            ["aws-least-privilege-cloudcontrol-kms-key-policy"]);
        assert.deepEqual(policies({ EnableKeyRotation: true, Enabled: false, PendingWindowInDays: 7 }),
            ["aws-deletion-protection-cloudcontrol-kms-key", "aws-enc-rest-cmk-cloudcontrol-kms-key"]);
        assert.deepEqual(policies({ KeySpec: "RSA_2048", KeyUsage: "SIGN_VERIFY" }), ["aws-enc-rest-cmk-cloudcontrol-kms-key"], "asymmetric: rotation not applicable");
    });
    it("reports a desiredState unknown at preview as unknown, never a pass", () => {
        const findings = findingsOf(rules, [resource(CC, { typeName: "AWS::KMS::Key", desiredState: UNKNOWN }, { name: "k", protect: true })]);
        assert.ok(findings.some(f => f.policy === "aws-key-rotation-cloudcontrol-kms-key" && f.unknown));
    });
    it("fails closed on a desiredState that is not JSON", () => {
        const findings = findingsOf(rules, [resource(CC, { typeName: "AWS::KMS::Key", desiredState: "{not json" }, { name: "k", protect: true })]);
        assert.ok(findings.some(f => f.policy === "aws-key-rotation-cloudcontrol-kms-key" && f.enforcement === "mandatory"));
    });
});
