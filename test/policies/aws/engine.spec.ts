// The AWS stack rules through the @pulumi/policy adapter, with resources shaped as the engine sends
// them to a stack policy (property dependencies as resources, providers with their inputs).
import assert from "node:assert/strict";
import { s3Bucket } from "../../../policies/aws/enc-rest-cmk";
import { region } from "../../../policies/aws/residency";
import { toPulumiPolicy } from "../../../policies/lib/adapter";
import { KEY_ARN } from "./fixtures";

const opts = { protect: true, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] };
const provider = { type: "pulumi:providers:aws", name: "default", urn: "urn:pulumi:s::p::pulumi:providers:aws::default", props: { region: "us-east-1" } };

function engineResource(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, any[]> = {}) {
    return { type, name, urn: `urn:pulumi:s::p::${type}::${name}`, props, opts, dependencies: Object.values(propertyDependencies).flat(), propertyDependencies, provider, isType: () => false, asType: () => undefined };
}

function validate(rule: typeof s3Bucket | typeof region, resources: any[]): { message: string; urn?: string }[] {
    const reported: { message: string; urn?: string }[] = [];
    (toPulumiPolicy(rule) as any).validateStack({ resources, getConfig: () => ({}), stackTags: new Map() }, (message: string, urn?: string) => reported.push({ message, urn }));
    return reported;
}

describe("aws stack rules through the engine adapter", () => {
    const bucket = engineResource("aws:s3/bucket:Bucket", "phi", { bucket: "stmary-phi" });

    it("joins a bucket with its encryption configuration through the engine's property dependencies", () => {
        const sse = engineResource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "sse",
            { bucket: "stmary-phi", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN }, bucketKeyEnabled: true }] },
            { bucket: [bucket] });
        assert.deepEqual(validate(s3Bucket, [bucket, sse]), []);
    });

    it("reports a bucket without one against the bucket's URN", () => {
        const [v] = validate(s3Bucket, [bucket]);
        assert.equal(v.urn, bucket.urn);
        assert.match(v.message, /serverSideEncryptionConfiguration is unset/);
    });

    it("reads the region from the engine's provider", () => {
        assert.deepEqual(validate(region, [bucket]), []);
        const abroad = { ...bucket, provider: { ...provider, props: { region: "eu-west-1" } } };
        assert.match(validate(region, [abroad])[0].message, /provider\.region is "eu-west-1"/);
    });
});
