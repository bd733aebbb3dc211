// A rule names its types as a list of its cloud's T entries (lib/rule.ts TypeList): an AWS entry is every
// spelling of a kind, an Azure or Google Cloud entry one token. The built rule holds the tokens flat, in
// order, so every reader of `types` (judgesType, the adapter's single-token fast path) sees tokens.
import assert from "node:assert/strict";
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { T as aws } from "../../../policies/aws/support/tokens";
import { T as azure } from "../../../policies/azure/support/tokens";
import { toPulumiPolicy } from "../../../policies/lib/adapter";
import { judgesType, resourceRule, stackRule } from "../../../policies/lib/rule";

const meta = { cloud: "aws" as const, controls: ["PUBLIC-ACCESS" as const], severity: "high" as const, description: "d.", remediation: "r." };
const fastPath = (types: Parameters<typeof resourceRule>[0]["types"]) =>
    ((toPulumiPolicy(resourceRule({ ...meta, name: "aws-public-access-x", types, check: () => [] })) as ResourceValidationPolicy)
        .validateResource as { __pulumiType?: string }).__pulumiType;

describe("a rule's types, written as a list of T entries", () => {
    it("holds every token of every entry, flat and in order, on a resource rule (both spellings of a renamed S3 type judged)", () => {
        const rule = resourceRule({ ...meta, name: "aws-public-access-x", types: [aws.s3Bucket, aws.s3Policy], check: () => [] });
        assert.deepEqual(rule.types, ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2", "aws:s3/bucketPolicy:BucketPolicy"]);
        assert.ok(judgesType(rule, "aws:s3/bucketV2:BucketV2"));
        assert.deepEqual(resourceRule({ ...meta, cloud: "azure", name: "azure-public-access-x", types: [azure.vault, azure.sqlPool], check: () => [] }).types,
            ["azure-native:keyvault:Vault", "azure-native:synapse:SqlPool"]);
    });

    it("holds the tokens flat in a stack rule's judges, reads and partsNamedBy", () => {
        const rule = stackRule({ ...meta, name: "aws-public-access-y", judges: [aws.s3Bucket], reads: { bucket: [aws.s3PublicAccessBlock, aws.s3Ownership] },
            partsNamedBy: { clusterParameterGroupName: [aws.redshiftParameterGroup] }, check: () => [] });
        assert.deepEqual(rule.judges, [...aws.s3Bucket]);
        assert.deepEqual(rule.reads, { bucket: [...aws.s3PublicAccessBlock, ...aws.s3Ownership] });
        assert.deepEqual(rule.partsNamedBy, { clusterParameterGroupName: [...aws.redshiftParameterGroup] });
    });

    it("gives the engine's single-token fast path only to a rule of one token: never to both spellings of a bucket", () => {
        assert.equal(fastPath([aws.s3Policy]), "aws:s3/bucketPolicy:BucketPolicy");
        assert.equal(fastPath([aws.s3Bucket]), undefined, "the engine would skip every BucketV2");
        assert.equal(fastPath([aws.s3Policy, aws.s3Policy]), "aws:s3/bucketPolicy:BucketPolicy");
    });
});
