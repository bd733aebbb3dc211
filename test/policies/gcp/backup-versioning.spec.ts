import { UNKNOWN, assertNoFinding, assertOneViolation, assertOnlyUnknown, findingsOf, resource } from "../../support/policies";
import { cmekBucket } from "./baselines";

describe("policies/gcp/backup-versioning", () => {
    it("requires versioning on a bucket without a retention policy, and not on one with a retention policy (GCS forbids both)", () => {
        assertNoFinding(findingsOf("gcp-backup-versioning-storage-bucket", [cmekBucket()]));
        assertOneViolation(findingsOf("gcp-backup-versioning-storage-bucket", [cmekBucket({ versioning: undefined })]), "versioning.enabled");
        assertOneViolation(findingsOf("gcp-backup-versioning-storage-bucket", [cmekBucket({ versioning: { enabled: false } })]), "versioning.enabled");
        assertNoFinding(findingsOf("gcp-backup-versioning-storage-bucket", [cmekBucket({ versioning: undefined, retentionPolicy: { retentionPeriod: "189216000" } })]));
        assertOnlyUnknown(findingsOf("gcp-backup-versioning-storage-bucket", [cmekBucket({ versioning: { enabled: UNKNOWN } })]), "versioning.enabled");
    });

    it("takes a retention policy for versioning only when it keeps objects the minimum retention: one second protects nothing", () => {
        for (const retentionPeriod of ["1", 86_400, "189215999"]) {
            assertOneViolation(findingsOf("gcp-backup-versioning-storage-bucket", [cmekBucket({ versioning: undefined, retentionPolicy: { retentionPeriod } })]), "versioning.enabled");
        }
        assertNoFinding(findingsOf("gcp-backup-versioning-storage-bucket", [cmekBucket({ versioning: undefined, retentionPolicy: { retentionPeriod: 189_216_000 } })]));
        // The pack config's minimum is the floor: a hospital that keeps 30 days judges a 30-day policy enough.
        assertNoFinding(findingsOf("gcp-backup-versioning-storage-bucket", [cmekBucket({ versioning: undefined, retentionPolicy: { retentionPeriod: "2592000" } })], { minimumRetentionDays: 30 }));
    });

    it("keeps soft-deleted objects at least 7 days (unset is the default 7 days, 0 turns it off)", () => {
        assertNoFinding(findingsOf("gcp-backup-versioning-storage-bucket", [cmekBucket({ softDeletePolicy: { retentionDurationSeconds: "604800" } })]));
        assertOneViolation(findingsOf("gcp-backup-versioning-storage-bucket", [cmekBucket({ softDeletePolicy: { retentionDurationSeconds: 0 } })]), "softDeletePolicy.retentionDurationSeconds");
    });

    it("requires BigQuery time travel of 168 hours, as a string or a number", () => {
        assertNoFinding(findingsOf("gcp-backup-versioning-bigquery-dataset", [resource("gcp:bigquery/dataset:Dataset", { datasetId: "d", maxTimeTravelHours: "168" })]));
        assertNoFinding(findingsOf("gcp-backup-versioning-bigquery-dataset", [resource("gcp:bigquery/dataset:Dataset", { datasetId: "d", maxTimeTravelHours: 168 })]));
        assertNoFinding(findingsOf("gcp-backup-versioning-bigquery-dataset", [resource("gcp:bigquery/dataset:Dataset", { datasetId: "d" })]));
        assertOneViolation(findingsOf("gcp-backup-versioning-bigquery-dataset", [resource("gcp:bigquery/dataset:Dataset", { datasetId: "d", maxTimeTravelHours: "48" })]), "maxTimeTravelHours");
    });
});
