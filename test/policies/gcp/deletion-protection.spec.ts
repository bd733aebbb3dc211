import { cmekBucket, fails, labels, passes, res, unknownFinding, UNKNOWN } from "./fixtures";

describe("policies/gcp/deletion-protection", () => {
    it("requires deletionPolicy PREVENT on buckets, datasets, DICOM stores, keys and log buckets", () => {
        passes("gcp-deletion-protection-stateful-deletion-policy", [cmekBucket(), res("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r", deletionPolicy: "PREVENT" })]);
        fails("gcp-deletion-protection-stateful-deletion-policy", [cmekBucket({ deletionPolicy: "DELETE" })], "deletionPolicy");
        fails("gcp-deletion-protection-stateful-deletion-policy", [res("gcp:healthcare/dataset:Dataset", { location: "us-central1" })], "deletionPolicy");
        fails("gcp-deletion-protection-stateful-deletion-policy", [res("gcp:logging/projectBucketConfig:ProjectBucketConfig", { bucketId: "a" })], "deletionPolicy");
        unknownFinding("gcp-deletion-protection-stateful-deletion-policy", [cmekBucket({ deletionPolicy: UNKNOWN })], "deletionPolicy");
    });

    it("does not require deletionPolicy PREVENT on a Dataproc cluster, which holds no data of its own", () => {
        passes("gcp-deletion-protection-stateful-deletion-policy", [res("gcp:dataproc/cluster:Cluster", { region: "us-central1" })]);
    });

    it("skips every resource of a stack whose pack config says dev or staging", () => {
        for (const environment of ["dev", "staging"] as const) {
            passes("gcp-deletion-protection-stateful-deletion-policy", [cmekBucket({ deletionPolicy: undefined })], { environment });
            passes("gcp-deletion-protection-stateful-deletion-policy", [res("gcp:healthcare/dataset:Dataset", { location: "us-central1" })], { environment });
            passes("gcp-deletion-protection-stateful-protect", [cmekBucket()].map(r => ({ ...r, opts: { protect: false } })), { environment });
            passes("gcp-deletion-protection-storage-bucket", [cmekBucket({ forceDestroy: true })], { environment });
        }
    });

    it("never takes the environment from a label: environment=dev labels in a prod stack keep every finding", () => {
        for (const environment of ["dev", "DEV", "development", "staging"]) {
            const l = { ...labels, environment };
            fails("gcp-deletion-protection-stateful-deletion-policy", [cmekBucket({ deletionPolicy: undefined, labels: l })], "deletionPolicy");
            // The stack's "one environment" (every labelled resource agreeing) decided it before: no longer.
            fails("gcp-deletion-protection-stateful-deletion-policy", [cmekBucket({ labels: l }), res("gcp:healthcare/dataset:Dataset", { location: "us-central1" })], "deletionPolicy");
            fails("gcp-deletion-protection-stateful-protect", [cmekBucket({ labels: l })].map(r => ({ ...r, opts: { protect: false } })), "opts.protect");
            fails("gcp-deletion-protection-storage-bucket", [cmekBucket({ forceDestroy: true, labels: l })], "forceDestroy");
        }
    });

    it("requires Pulumi's protect option on stateful resources", () => {
        passes("gcp-deletion-protection-stateful-protect", [cmekBucket()]);
        fails("gcp-deletion-protection-stateful-protect", [res("gcp:bigquery/table:Table", { datasetId: "d", tableId: "t", labels }, { opts: { protect: false } })], "opts.protect");
        passes("gcp-deletion-protection-stateful-protect", [res("gcp:compute/network:Network", {}, { opts: { protect: false } })]);
    });

    it("rejects forceDestroy on a bucket and deleteContentsOnDestroy on a BigQuery dataset", () => {
        passes("gcp-deletion-protection-storage-bucket", [cmekBucket()]);
        fails("gcp-deletion-protection-storage-bucket", [cmekBucket({ forceDestroy: true })], "forceDestroy");
        passes("gcp-deletion-protection-bigquery-dataset", [res("gcp:bigquery/dataset:Dataset", { datasetId: "d" })]);
        fails("gcp-deletion-protection-bigquery-dataset", [res("gcp:bigquery/dataset:Dataset", { datasetId: "d", deleteContentsOnDestroy: "true" })], "deleteContentsOnDestroy");
    });

    it("rejects a BigQuery table with deletion protection off (unset is on)", () => {
        passes("gcp-deletion-protection-bigquery-table", [res("gcp:bigquery/table:Table", { datasetId: "d", tableId: "t" })]);
        fails("gcp-deletion-protection-bigquery-table", [res("gcp:bigquery/table:Table", { datasetId: "d", tableId: "t", deletionProtection: false })], "deletionProtection");
    });

    it("requires a destroyed key version to stay recoverable 30 days", () => {
        passes("gcp-deletion-protection-crypto-key", [res("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r" })]);
        passes("gcp-deletion-protection-crypto-key", [res("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r", destroyScheduledDuration: "2592000s" })]);
        fails("gcp-deletion-protection-crypto-key", [res("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r", destroyScheduledDuration: "86400s" })], "destroyScheduledDuration");
    });
});
