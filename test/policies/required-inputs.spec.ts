// A grant whose document or principal did not reach the check (a required input left unset: built from a provider
// function the check answered empty, such as gcp.organizations.getIAMPolicy before the emulation knew it) is a
// finding on every cloud, never "grants nothing". And getIAMPolicy itself is answered as the provider computes it.
import assert from "node:assert/strict";
import { answerInvoke } from "../../checker/invokes";
import { defaultIdentity, Recorder } from "../../checker/mocks";
import { rules as pack } from "../../policies/pack";
import { findingsOf, resource, ruleNamed } from "../support/policies";

const requiredNote = /It is a required input/;

describe("required grant inputs left unset", () => {
    for (const [policy, type, property, props] of [
        ["aws-least-privilege-iam-policy", "aws:iam/policy:Policy", "policy", {}],
        ["aws-public-access-resource-policy", "aws:sqs/queuePolicy:QueuePolicy", "policy", { queueUrl: "https://sqs.us-east-1.amazonaws.com/1/q" }],
        ["gcp-public-access-iam-policy", "gcp:storage/bucketIAMPolicy:BucketIAMPolicy", "policyData", { bucket: "stmary-scans" }],
        ["gcp-public-access-iam-binding", "gcp:storage/bucketIAMBinding:BucketIAMBinding", "members", { bucket: "stmary-scans", role: "roles/storage.objectViewer" }],
        ["gcp-public-access-iam-member", "gcp:storage/bucketIAMMember:BucketIAMMember", "member", { bucket: "stmary-scans", role: "roles/storage.objectViewer" }],
        ["azure-least-privilege-role-assignment", "azure-native:authorization:RoleAssignment", "roleDefinitionId", { principalId: "p", scope: "/subscriptions/s" }],
    ] as const) {
        it(`${policy}: ${type} without ${property} is a finding`, () => {
            const [f, ...more] = findingsOf(ruleNamed(policy), resource(type, props));
            assert.deepEqual(more, []);
            assert.match(f?.message ?? "", new RegExp(`: ${property} is unset;`));
            assert.match(f.message, requiredNote);
        });
    }

    it("aws-public-access-s3-bucket-policy: a bucket policy without its document is a finding on the bucket", () => {
        const bucket = resource("aws:s3/bucket:Bucket", { bucket: "stmary-data" }, { name: "data" });
        const policy = resource("aws:s3/bucketPolicy:BucketPolicy", { bucket: "stmary-data" }, { name: "data-policy" });
        const findings = findingsOf(ruleNamed("aws-public-access-s3-bucket-policy"), [bucket, policy]);
        assert.equal(findings.length, 1);
        assert.equal(findings[0].urn, bucket.urn);
        assert.match(findings[0].message, requiredNote);
    });

    it("a queue or topic with no policy of its own is no finding (its policy is optional)", () => {
        assert.deepEqual(findingsOf(ruleNamed("aws-public-access-resource-policy"), resource("aws:sqs/queue:Queue", {})), []);
        assert.ok(pack.some(r => r.name === "aws-public-access-resource-policy"));
    });
});

describe("gcp.organizations.getIAMPolicy under the checker", () => {
    it("answers policyData built from the bindings and audit configs, as the provider does", () => {
        const answer = answerInvoke("gcp:organizations/getIAMPolicy:getIAMPolicy", {
            bindings: [{ role: "roles/storage.objectViewer", members: ["user:b@example.com", "allUsers"] }],
            auditConfigs: [{ service: "allServices", auditLogConfigs: [{ logType: "DATA_READ" }] }],
        }, {}, defaultIdentity, new Recorder("hospital", "test"));
        assert.deepEqual(JSON.parse(String(answer.policyData)), {
            auditConfigs: [{ service: "allServices", auditLogConfigs: [{ logType: "DATA_READ" }] }],
            bindings: [{ role: "roles/storage.objectViewer", members: ["allUsers", "user:b@example.com"] }],
        });
    });
});
