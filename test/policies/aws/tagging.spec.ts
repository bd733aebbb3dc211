import assert from "node:assert/strict";
import { otherResource, resource as taggingRule, taggableTypes } from "../../../policies/aws/tagging";
import { UNKNOWN } from "../../../policies/lib/values";
import { findingsOf, resource } from "../../support/policies";

const BUCKET = "aws:s3/bucket:Bucket";
const tags = { tenant: "stmary", "data-classification": "phi" };

describe("aws TAGGING", () => {
    describe("aws-tagging-resource", () => {
        it("passes a bucket with the required tags", () => assert.deepEqual(findingsOf(taggingRule, resource(BUCKET, { tags }, { name: "b" })), []));
        it("reports each missing tag with its path", () => {
            const findings = findingsOf(taggingRule, resource(BUCKET, { tags: { tenant: "stmary" } }, { name: "b" }));
            assert.equal(findings.length, 1);
            assert.deepEqual(findings[0].controls, ["TAGGING"]);
            assert.match(findings[0].message, /wanted a non-empty value for tags\["data-classification"\]/);
        });
        it("counts the provider's defaultTags, also given as JSON text", () => {
            assert.deepEqual(findingsOf(taggingRule, resource(BUCKET, { tags: { tenant: "stmary" } }, { name: "b", provider: { region: "us-east-1", defaultTags: { tags: { "data-classification": "phi" } } } })), []);
            assert.deepEqual(findingsOf(taggingRule, resource(BUCKET, {}, { name: "b", provider: { defaultTags: JSON.stringify({ tags }) } })), []);
        });
        it("reads the required tags from the pack config", () => {
            assert.match(findingsOf(taggingRule, resource(BUCKET, { tags }, { name: "b" }), { requiredTags: ["tenant", "owner"] })[0].message, /wanted a non-empty value for tags\.owner /);
        });
        it("reads a HealthImaging datastore's Tags map inside desiredState, and skips other CloudControl types", () => {
            const TYPE = "aws:cloudcontrol/resource:Resource";
            assert.deepEqual(findingsOf(taggingRule, resource(TYPE, { typeName: "AWS::HealthImaging::Datastore", desiredState: JSON.stringify({ Tags: tags }) }, { name: "d" })), []);
            assert.match(findingsOf(taggingRule, resource(TYPE, { typeName: "AWS::HealthImaging::Datastore", desiredState: "{}" }, { name: "d" }))[0].message, /wanted a non-empty value for each of desiredState\.Tags\.tenant, /);
            assert.deepEqual(findingsOf(taggingRule, resource(TYPE, { typeName: "AWS::SQS::Queue", desiredState: "{}" }, { name: "q" })), []);
        });
        it("reports unknown tags as unknown", () => assert.equal(findingsOf(taggingRule, resource(BUCKET, { tags: UNKNOWN }, { name: "b" }))[0].unknown, true));
    });

    describe("aws-tagging-resource: every type the SDK tags", () => {
        it("judges an untagged resource of any type whose Args take tags (an SNS topic, a Lambda function), not one without tags", () => {
            assert.ok(taggableTypes.length > 800, "generated from the SDK, not a hand-kept list");
            assert.match(findingsOf(taggingRule, resource("aws:lambda/function:Function", { role: "r" }, { name: "fn" }))[0].message, /wanted a non-empty value for each of tags\.tenant, /);
            assert.match(findingsOf(taggingRule, resource("aws:sns/topic:Topic", {}, { name: "t" }))[0].message, /wanted a non-empty value for each of tags\.tenant, /);
            assert.ok(!taggableTypes.includes("aws:s3/bucketPolicy:BucketPolicy"));
        });
    });

    describe("aws-tagging-other-resource (stack)", () => {
        it("judges an AWS type outside the known list when it carries tags, and leaves resources without a tags input alone", () => {
            // A token of another SDK version (this one is not in @pulumi/aws 7).
            const topic = resource("aws:sns/legacyTopic:LegacyTopic", { tags: { tenant: "stmary" } }, { name: "t" });
            const [f] = findingsOf(otherResource, [topic, resource("aws:s3/bucketPolicy:BucketPolicy", { policy: "{}" }, { name: "p" }), resource(BUCKET, {}, { name: "b" })]);
            assert.equal(f.urn, topic.urn);
            assert.match(f.message, /wanted a non-empty value for tags\["data-classification"\]/);
        });
    });
});
