import { UNKNOWN, assertNoFinding, assertOneViolation, assertOnlyUnknown, findingsOf, resource } from "../../support/policies";
import { cmekBucket, labels } from "./baselines";

describe("policies/gcp/deletion-protection", () => {
    it("requires deletionPolicy PREVENT on buckets, datasets, DICOM stores, keys and log buckets", () => {
        assertNoFinding(findingsOf("gcp-deletion-protection-stateful-deletion-policy", [cmekBucket(), resource("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r", deletionPolicy: "PREVENT" })]));
        assertOneViolation(findingsOf("gcp-deletion-protection-stateful-deletion-policy", [cmekBucket({ deletionPolicy: "DELETE" })]), "deletionPolicy");
        assertOneViolation(findingsOf("gcp-deletion-protection-stateful-deletion-policy", [resource("gcp:healthcare/dataset:Dataset", { location: "us-central1" })]), "deletionPolicy");
        assertOneViolation(findingsOf("gcp-deletion-protection-stateful-deletion-policy", [resource("gcp:logging/projectBucketConfig:ProjectBucketConfig", { bucketId: "a" })]), "deletionPolicy");
        assertOnlyUnknown(findingsOf("gcp-deletion-protection-stateful-deletion-policy", [cmekBucket({ deletionPolicy: UNKNOWN })]), "deletionPolicy");
    });

    it("does not require deletionPolicy PREVENT on a Dataproc cluster, which holds no data of its own", () => {
        assertNoFinding(findingsOf("gcp-deletion-protection-stateful-deletion-policy", [resource("gcp:dataproc/cluster:Cluster", { region: "us-central1" })]));
    });

    it("skips every resource of a stack whose pack config says dev or staging", () => {
        for (const environment of ["dev", "staging"] as const) {
            assertNoFinding(findingsOf("gcp-deletion-protection-stateful-deletion-policy", [cmekBucket({ deletionPolicy: undefined })], { environment }));
            assertNoFinding(findingsOf("gcp-deletion-protection-stateful-deletion-policy", [resource("gcp:healthcare/dataset:Dataset", { location: "us-central1" })], { environment }));
            assertNoFinding(findingsOf("gcp-deletion-protection-stateful-protect", [cmekBucket()].map(r => ({ ...r, opts: { protect: false } })), { environment }));
            assertNoFinding(findingsOf("gcp-deletion-protection-storage-bucket", [cmekBucket({ forceDestroy: true })], { environment }));
        }
    });

    it("never takes the environment from a label: environment=dev labels in a prod stack keep every finding", () => {
        for (const environment of ["dev", "DEV", "development", "staging"]) {
            const l = { ...labels, environment };
            assertOneViolation(findingsOf("gcp-deletion-protection-stateful-deletion-policy", [cmekBucket({ deletionPolicy: undefined, labels: l })]), "deletionPolicy");
            // The stack's "one environment" (every labelled resource agreeing) decided it before: no longer.
            assertOneViolation(findingsOf("gcp-deletion-protection-stateful-deletion-policy", [cmekBucket({ labels: l }), resource("gcp:healthcare/dataset:Dataset", { location: "us-central1" })]), "deletionPolicy");
            assertOneViolation(findingsOf("gcp-deletion-protection-stateful-protect", [cmekBucket({ labels: l })].map(r => ({ ...r, opts: { protect: false } }))), "opts.protect");
            assertOneViolation(findingsOf("gcp-deletion-protection-storage-bucket", [cmekBucket({ forceDestroy: true, labels: l })]), "forceDestroy");
        }
    });

    it("requires Pulumi's protect option on stateful resources", () => {
        assertNoFinding(findingsOf("gcp-deletion-protection-stateful-protect", [cmekBucket()]));
        assertOneViolation(findingsOf("gcp-deletion-protection-stateful-protect", [resource("gcp:bigquery/table:Table", { datasetId: "d", tableId: "t", labels }, { protect: false })]), "opts.protect");
        assertNoFinding(findingsOf("gcp-deletion-protection-stateful-protect", [resource("gcp:compute/network:Network", {}, { protect: false })]));
    });

    it("rejects forceDestroy on a bucket and deleteContentsOnDestroy on a BigQuery dataset", () => {
        assertNoFinding(findingsOf("gcp-deletion-protection-storage-bucket", [cmekBucket()]));
        assertOneViolation(findingsOf("gcp-deletion-protection-storage-bucket", [cmekBucket({ forceDestroy: true })]), "forceDestroy");
        assertNoFinding(findingsOf("gcp-deletion-protection-bigquery-dataset", [resource("gcp:bigquery/dataset:Dataset", { datasetId: "d" })]));
        assertOneViolation(findingsOf("gcp-deletion-protection-bigquery-dataset", [resource("gcp:bigquery/dataset:Dataset", { datasetId: "d", deleteContentsOnDestroy: "true" })]), "deleteContentsOnDestroy");
    });

    it("rejects a BigQuery table with deletion protection off (unset is on)", () => {
        assertNoFinding(findingsOf("gcp-deletion-protection-bigquery-table", [resource("gcp:bigquery/table:Table", { datasetId: "d", tableId: "t" })]));
        assertOneViolation(findingsOf("gcp-deletion-protection-bigquery-table", [resource("gcp:bigquery/table:Table", { datasetId: "d", tableId: "t", deletionProtection: false })]), "deletionProtection");
    });

    it("requires a destroyed key version to stay recoverable 30 days", () => {
        assertNoFinding(findingsOf("gcp-deletion-protection-crypto-key", [resource("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r" })]));
        assertNoFinding(findingsOf("gcp-deletion-protection-crypto-key", [resource("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r", destroyScheduledDuration: "2592000s" })]));
        assertOneViolation(findingsOf("gcp-deletion-protection-crypto-key", [resource("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r", destroyScheduledDuration: "86400s" })]), "destroyScheduledDuration");
    });
});
