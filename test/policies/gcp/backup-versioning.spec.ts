import { cmekBucket, fails, passes, res, unknownFinding, UNKNOWN } from "./fixtures";

describe("policies/gcp/backup-versioning", () => {
    it("requires versioning on a bucket without a retention policy, and not on one with a retention policy (GCS forbids both)", () => {
        passes("gcp-backup-versioning-storage-bucket", [cmekBucket()]);
        fails("gcp-backup-versioning-storage-bucket", [cmekBucket({ versioning: undefined })], "versioning.enabled");
        fails("gcp-backup-versioning-storage-bucket", [cmekBucket({ versioning: { enabled: false } })], "versioning.enabled");
        passes("gcp-backup-versioning-storage-bucket", [cmekBucket({ versioning: undefined, retentionPolicy: { retentionPeriod: "189216000" } })]);
        unknownFinding("gcp-backup-versioning-storage-bucket", [cmekBucket({ versioning: { enabled: UNKNOWN } })], "versioning.enabled");
    });

    it("keeps soft-deleted objects at least 7 days (unset is the default 7 days, 0 turns it off)", () => {
        passes("gcp-backup-versioning-storage-bucket", [cmekBucket({ softDeletePolicy: { retentionDurationSeconds: "604800" } })]);
        fails("gcp-backup-versioning-storage-bucket", [cmekBucket({ softDeletePolicy: { retentionDurationSeconds: 0 } })], "softDeletePolicy.retentionDurationSeconds");
    });

    it("requires BigQuery time travel of 168 hours, as a string or a number", () => {
        passes("gcp-backup-versioning-bigquery-dataset", [res("gcp:bigquery/dataset:Dataset", { datasetId: "d", maxTimeTravelHours: "168" })]);
        passes("gcp-backup-versioning-bigquery-dataset", [res("gcp:bigquery/dataset:Dataset", { datasetId: "d", maxTimeTravelHours: 168 })]);
        passes("gcp-backup-versioning-bigquery-dataset", [res("gcp:bigquery/dataset:Dataset", { datasetId: "d" })]);
        fails("gcp-backup-versioning-bigquery-dataset", [res("gcp:bigquery/dataset:Dataset", { datasetId: "d", maxTimeTravelHours: "48" })], "maxTimeTravelHours");
    });
});
