// The AWS stack rules through the @pulumi/policy adapter, with resources shaped as the engine sends
// them to a stack policy (property dependencies as resources, providers with their inputs).
import assert from "node:assert/strict";
import { protect } from "../../../policies/aws/deletion-protection";
import { emrCluster, s3Bucket } from "../../../policies/aws/enc-rest-cmk";
import { exemptionTagKey, exemptionTagValue } from "../../../policies/lib/evaluate";
import { region } from "../../../policies/aws/residency";
import { toPulumiPolicy } from "../../../policies/lib/adapter";
import { KEY_ARN } from "./baselines";

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

/** A resource rule as the engine runs it, with the policy's config from `--policy-pack-config`. */
/** A resource rule as the engine runs it, with the policy's config from `--policy-pack-config`. */
function validateResource(rule: typeof protect, resource: any, config: object = {}): string[] {
    const reported: string[] = [];
    const { dependencies: _d, propertyDependencies: _p, ...args } = resource;
    (toPulumiPolicy(rule) as any).validateResource({ ...args, getConfig: () => config, stackTags: new Map() }, (message: string) => reported.push(message));
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

    it("lets off the server-access-log target (SSE-S3) and keeps a PHI bucket that copies the old exemption tag, as the checker does", () => {
        const sse = (b: any, algorithm: string) => engineResource("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", `${b.name}-sse`,
            { bucket: b.props.bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: algorithm } }] }, { bucket: [b] });
        const logs = engineResource("aws:s3/bucket:Bucket", "logs", { bucket: "stmary-logs" });
        const copy = engineResource("aws:s3/bucket:Bucket", "copy", { bucket: "stmary-copy", tags: { [exemptionTagKey("ENC-REST-CMK")]: "S3 server access logs need SSE-S3" } });
        const logging = engineResource("aws:s3/bucketLogging:BucketLogging", "copy-logging", { bucket: "stmary-copy", targetBucket: "stmary-logs" }, { bucket: [copy], targetBucket: [logs] });
        const reported = validate(s3Bucket, [logs, sse(logs, "AES256"), copy, sse(copy, "AES256"), logging]);
        assert.deepEqual([...new Set(reported.map(v => v.urn))], [copy.urn]);
    });

    it("takes the environment from the policy's config, never from a tag", () => {
        const key = engineResource("aws:kms/key:Key", "k", { tags: { environment: "dev" } });
        const unprotected = { ...key, opts: { ...opts, protect: false } };
        assert.equal(validateResource(protect, unprotected).length, 1);
        assert.deepEqual(validateResource(protect, unprotected, { environment: "dev" }), []);
    });

    it("honours a declared exemption with a last day and a reason, and not a bare reason", () => {
        const cluster = (value: string) => engineResource("aws:emr/cluster:Cluster", "c", { tags: { [exemptionTagKey("ENC-REST-CMK")]: value } });
        const nextMonth = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
        assert.deepEqual(validateResource(emrCluster, cluster(exemptionTagValue(nextMonth, "transient-cluster"))), []);
        assert.equal(validateResource(emrCluster, cluster("transient cluster")).length, 2);
    });

    it("reads the region from the engine's provider", () => {
        assert.deepEqual(validate(region, [bucket]), []);
        const abroad = { ...bucket, provider: { ...provider, props: { region: "eu-west-1" } } };
        assert.match(validate(region, [abroad])[0].message, /provider\.region is "eu-west-1"/);
    });
});
