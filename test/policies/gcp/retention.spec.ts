import { UNKNOWN, assertNoFinding, assertOneViolation, assertOnlyUnknown, findingsOf, resource } from "../../support/policies";
import { cmekBucket } from "./baselines";

const logBucketConfig = (props: Record<string, unknown>) => resource("gcp:logging/projectBucketConfig:ProjectBucketConfig", { project: "p", location: "us-central1", bucketId: "audit", ...props });
const sinkTo = (destination: string) => resource("gcp:logging/projectSink:ProjectSink", { destination });

describe("policies/gcp/retention", () => {
    it("requires a Cloud Logging bucket to keep logs the configured minimum (unset is 30 days)", () => {
        assertNoFinding(findingsOf("gcp-retention-log-bucket-config", [logBucketConfig({ retentionDays: 2192 })]));
        assertNoFinding(findingsOf("gcp-retention-log-bucket-config", [logBucketConfig({ retentionDays: "2190" })]));
        assertOneViolation(findingsOf("gcp-retention-log-bucket-config", [logBucketConfig({ retentionDays: 365 })]), "retentionDays");
        assertOneViolation(findingsOf("gcp-retention-log-bucket-config", [logBucketConfig({})]), "retentionDays");
        assertNoFinding(findingsOf("gcp-retention-log-bucket-config", [logBucketConfig({ retentionDays: 400 })], { minimumRetentionDays: 365 }));
        assertOnlyUnknown(findingsOf("gcp-retention-log-bucket-config", [logBucketConfig({ retentionDays: UNKNOWN })]), "retentionDays");
    });

    it("requires a storage log bucket to retain objects the minimum and to delete none earlier", () => {
        const logBucket = (props: Record<string, unknown>) => cmekBucket({ retentionPolicy: { retentionPeriod: "189216000", isLocked: true }, ...props }, "mercy-logs");
        assertNoFinding(findingsOf("gcp-retention-storage-log-bucket", [logBucket({}), sinkTo("storage.googleapis.com/mercy-logs")]));
        assertOneViolation(findingsOf("gcp-retention-storage-log-bucket", [logBucket({ retentionPolicy: { retentionPeriod: "2592000" } }), sinkTo("storage.googleapis.com/mercy-logs")]), "retentionPolicy.retentionPeriod");
        assertOneViolation(findingsOf("gcp-retention-storage-log-bucket", [logBucket({ lifecycleRules: [{ action: { type: "Delete" }, condition: { age: 365 } }] }),
            sinkTo("storage.googleapis.com/mercy-logs")]), "lifecycleRules[0].condition.age");
        assertNoFinding(findingsOf("gcp-retention-storage-log-bucket", [cmekBucket()]));
    });

    it("rejects table or partition expiry shorter than the minimum on a BigQuery dataset that receives logs", () => {
        const dataset = (props: Record<string, unknown>) => resource("gcp:bigquery/dataset:Dataset", { datasetId: "audit_logs", ...props });
        const sink = sinkTo("bigquery.googleapis.com/projects/p/datasets/audit_logs");
        assertNoFinding(findingsOf("gcp-retention-bigquery-audit-dataset", [dataset({}), sink]));
        assertOneViolation(findingsOf("gcp-retention-bigquery-audit-dataset", [dataset({ defaultTableExpirationMs: 86_400_000 }), sink]), "defaultTableExpirationMs");
        assertNoFinding(findingsOf("gcp-retention-bigquery-audit-dataset", [dataset({ defaultTableExpirationMs: 86_400_000 })]));
    });
});
