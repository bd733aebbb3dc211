import assert from "node:assert/strict";
import { kmsKey, redshiftSnapshotCopy, region } from "../../../policies/aws/residency";
import { UNKNOWN } from "../../../policies/lib/values";
import { res, run, runStack } from "./fixtures";

const BUCKET = "aws:s3/bucket:Bucket";

describe("aws RESIDENCY", () => {
    describe("aws-residency-region (stack)", () => {
        it("passes a resource whose provider is in an allowed region", () => {
            assert.deepEqual(runStack(region, [res(BUCKET, "b", {}, { provider: { region: "us-east-1" } })]), []);
        });
        it("reports the resource's own region input over its provider's (G3)", () => {
            const bucket = res(BUCKET, "b", { region: "eu-west-1" }, { provider: { region: "us-east-1" } });
            const [f] = runStack(region, [bucket]);
            assert.equal(f.urn, bucket.urn);
            assert.deepEqual(f.controls, ["RESIDENCY"]);
            assert.match(f.message, /region is "eu-west-1"; wanted one of us-east-1/);
            assert.doesNotMatch(f.message, /eastus|us-central1/, "the shared allow-list's Azure and Google regions are not offered for an AWS resource");
        });
        it("reports a provider outside the allowed regions, read from the pack config", () => {
            const bucket = res(BUCKET, "b", {}, { provider: { region: "us-east-1" } });
            assert.match(runStack(region, [bucket], { allowedRegions: ["us-west-2"] })[0].message, /provider\.region is "us-east-1"/);
        });
        it("reports a provider without a region, and leaves global IAM resources alone", () => {
            assert.match(runStack(region, [res(BUCKET, "b", {}, { provider: {} })])[0].message, /provider\.region is unset.*environment/);
            assert.deepEqual(runStack(region, [res("aws:iam/role:Role", "r", {}, { provider: { region: "eu-west-1" } })]), []);
        });
        it("reports an unknown region as unknown", () => {
            assert.equal(runStack(region, [res(BUCKET, "b", { region: UNKNOWN })])[0].unknown, true);
        });
    });

    it("aws-residency-kms-key: reports a multi-Region key", () => {
        assert.deepEqual(run(kmsKey, res("aws:kms/key:Key", "k", {})), []);
        assert.match(run(kmsKey, res("aws:kms/key:Key", "k", { multiRegion: true }))[0].message, /multiRegion is true/);
    });

    it("aws-residency-redshift-snapshot-copy: only to allowed regions", () => {
        const TYPE = "aws:redshift/snapshotCopy:SnapshotCopy";
        assert.deepEqual(run(redshiftSnapshotCopy, res(TYPE, "c", { clusterIdentifier: "w", destinationRegion: "us-west-2" })), []);
        assert.match(run(redshiftSnapshotCopy, res(TYPE, "c", { clusterIdentifier: "w", destinationRegion: "eu-central-1" }))[0].message, /destinationRegion is "eu-central-1"/);
    });
});
