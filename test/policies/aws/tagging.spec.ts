import assert from "node:assert/strict";
import { otherResource, resource, taggableTypes } from "../../../policies/aws/tagging";
import { UNKNOWN } from "../../../policies/lib/values";
import { res, run, runStack } from "./fixtures";

const BUCKET = "aws:s3/bucket:Bucket";
const tags = { tenant: "stmary", "data-classification": "phi" };

describe("aws TAGGING", () => {
    describe("aws-tagging-resource", () => {
        it("passes a bucket with the required tags", () => assert.deepEqual(run(resource, res(BUCKET, "b", { tags })), []));
        it("reports each missing tag with its path", () => {
            const findings = run(resource, res(BUCKET, "b", { tags: { tenant: "stmary" } }));
            assert.equal(findings.length, 1);
            assert.deepEqual(findings[0].controls, ["TAGGING"]);
            assert.match(findings[0].message, /wanted a non-empty value for tags\["data-classification"\]/);
        });
        it("counts the provider's defaultTags, also given as JSON text", () => {
            assert.deepEqual(run(resource, res(BUCKET, "b", { tags: { tenant: "stmary" } }, { provider: { region: "us-east-1", defaultTags: { tags: { "data-classification": "phi" } } } })), []);
            assert.deepEqual(run(resource, res(BUCKET, "b", {}, { provider: { defaultTags: JSON.stringify({ tags }) } })), []);
        });
        it("reads the required tags from the pack config", () => {
            assert.match(run(resource, res(BUCKET, "b", { tags }), { requiredTags: ["tenant", "owner"] })[0].message, /wanted a non-empty value for tags\.owner /);
        });
        it("reads a HealthImaging datastore's Tags map inside desiredState, and skips other CloudControl types", () => {
            const TYPE = "aws:cloudcontrol/resource:Resource";
            assert.deepEqual(run(resource, res(TYPE, "d", { typeName: "AWS::HealthImaging::Datastore", desiredState: JSON.stringify({ Tags: tags }) })), []);
            assert.match(run(resource, res(TYPE, "d", { typeName: "AWS::HealthImaging::Datastore", desiredState: "{}" }))[0].message, /wanted a non-empty value for each of desiredState\.Tags\.tenant, /);
            assert.deepEqual(run(resource, res(TYPE, "q", { typeName: "AWS::SQS::Queue", desiredState: "{}" })), []);
        });
        it("reports unknown tags as unknown", () => assert.equal(run(resource, res(BUCKET, "b", { tags: UNKNOWN }))[0].unknown, true));
    });

    describe("aws-tagging-resource: every type the SDK tags", () => {
        it("judges an untagged resource of any type whose Args take tags (an SNS topic, a Lambda function), not one without tags", () => {
            assert.ok(taggableTypes.length > 800, "generated from the SDK, not a hand-kept list");
            assert.match(run(resource, res("aws:lambda/function:Function", "fn", { role: "r" }))[0].message, /wanted a non-empty value for each of tags\.tenant, /);
            assert.match(run(resource, res("aws:sns/topic:Topic", "t", {}))[0].message, /wanted a non-empty value for each of tags\.tenant, /);
            assert.ok(!taggableTypes.includes("aws:s3/bucketPolicy:BucketPolicy"));
        });
    });

    describe("aws-tagging-other-resource (stack)", () => {
        it("judges an AWS type outside the known list when it carries tags, and leaves resources without a tags input alone", () => {
            // A token of another SDK version (this one is not in @pulumi/aws 7).
            const topic = res("aws:sns/legacyTopic:LegacyTopic", "t", { tags: { tenant: "stmary" } });
            const [f] = runStack(otherResource, [topic, res("aws:s3/bucketPolicy:BucketPolicy", "p", { policy: "{}" }), res(BUCKET, "b", {})]);
            assert.equal(f.urn, topic.urn);
            assert.match(f.message, /wanted a non-empty value for tags\["data-classification"\]/);
        });
    });
});
