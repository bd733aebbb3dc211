import assert from "node:assert/strict";
import { kmsKey, redshiftSnapshotCopy, region } from "../../../policies/aws/residency";
import { UNKNOWN } from "../../../policies/lib/values";
import { findingsOf, resource } from "../../support/policies";

const BUCKET = "aws:s3/bucket:Bucket";

describe("aws RESIDENCY", () => {
    describe("aws-residency-region (stack)", () => {
        it("passes a resource whose provider is in an allowed region", () => {
            assert.deepEqual(findingsOf(region, [resource(BUCKET, {}, { name: "b", provider: { region: "us-east-1" } })]), []);
        });
        it("reports the resource's own region input over its provider's (G3)", () => {
            const bucket = resource(BUCKET, { region: "eu-west-1" }, { name: "b", provider: { region: "us-east-1" } });
            const [f] = findingsOf(region, [bucket]);
            assert.equal(f.urn, bucket.urn);
            assert.deepEqual(f.controls, ["RESIDENCY"]);
            assert.match(f.message, /region is "eu-west-1"; wanted one of us-east-1/);
            assert.doesNotMatch(f.message, /eastus|us-central1/, "the shared allow-list's Azure and Google regions are not offered for an AWS resource");
        });
        it("reports a provider outside the allowed regions, read from the pack config", () => {
            const bucket = resource(BUCKET, {}, { name: "b", provider: { region: "us-east-1" } });
            assert.match(findingsOf(region, [bucket], { allowedRegions: ["us-west-2"] })[0].message, /provider\.region is "us-east-1"/);
        });
        it("reports a provider without a region, and leaves global IAM resources alone", () => {
            assert.match(findingsOf(region, [resource(BUCKET, {}, { name: "b", provider: {} })])[0].message, /provider\.region is unset.*environment/);
            assert.deepEqual(findingsOf(region, [resource("aws:iam/role:Role", {}, { name: "r", provider: { region: "eu-west-1" } })]), []);
        });
        it("reports an unknown region as unknown", () => {
            assert.equal(findingsOf(region, [resource(BUCKET, { region: UNKNOWN }, { name: "b" })])[0].unknown, true);
        });
    });

    it("aws-residency-kms-key: reports a multi-Region key", () => {
        assert.deepEqual(findingsOf(kmsKey, resource("aws:kms/key:Key", {}, { name: "k" })), []);
        assert.match(findingsOf(kmsKey, resource("aws:kms/key:Key", { multiRegion: true }, { name: "k" }))[0].message, /multiRegion is true/);
    });

    it("aws-residency-redshift-snapshot-copy: only to allowed regions", () => {
        const TYPE = "aws:redshift/snapshotCopy:SnapshotCopy";
        assert.deepEqual(findingsOf(redshiftSnapshotCopy, resource(TYPE, { clusterIdentifier: "w", destinationRegion: "us-west-2" }, { name: "c" })), []);
        assert.match(findingsOf(redshiftSnapshotCopy, resource(TYPE, { clusterIdentifier: "w", destinationRegion: "eu-central-1" }, { name: "c" }))[0].message, /destinationRegion is "eu-central-1"/);
    });
});
