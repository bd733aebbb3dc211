import { cmekBucket, fails, passes, res, unknownFinding, UNKNOWN } from "./fixtures";

const logBucketConfig = (props: Record<string, unknown>) => res("gcp:logging/projectBucketConfig:ProjectBucketConfig", { project: "p", location: "us-central1", bucketId: "audit", ...props });
const sinkTo = (destination: string) => res("gcp:logging/projectSink:ProjectSink", { destination });

describe("policies/gcp/retention", () => {
    it("requires a Cloud Logging bucket to keep logs the configured minimum (unset is 30 days)", () => {
        passes("gcp-retention-log-bucket-config", [logBucketConfig({ retentionDays: 2192 })]);
        passes("gcp-retention-log-bucket-config", [logBucketConfig({ retentionDays: "2190" })]);
        fails("gcp-retention-log-bucket-config", [logBucketConfig({ retentionDays: 365 })], "retentionDays");
        fails("gcp-retention-log-bucket-config", [logBucketConfig({})], "retentionDays");
        passes("gcp-retention-log-bucket-config", [logBucketConfig({ retentionDays: 400 })], { minimumRetentionDays: 365 });
        unknownFinding("gcp-retention-log-bucket-config", [logBucketConfig({ retentionDays: UNKNOWN })], "retentionDays");
    });

    it("requires a storage log bucket to retain objects the minimum and to delete none earlier", () => {
        const logBucket = (props: Record<string, unknown>) => cmekBucket({ retentionPolicy: { retentionPeriod: "189216000", isLocked: true }, ...props }, "mercy-logs");
        passes("gcp-retention-storage-log-bucket", [logBucket({}), sinkTo("storage.googleapis.com/mercy-logs")]);
        fails("gcp-retention-storage-log-bucket", [logBucket({ retentionPolicy: { retentionPeriod: "2592000" } }), sinkTo("storage.googleapis.com/mercy-logs")], "retentionPolicy.retentionPeriod");
        fails("gcp-retention-storage-log-bucket", [logBucket({ lifecycleRules: [{ action: { type: "Delete" }, condition: { age: 365 } }] }),
            sinkTo("storage.googleapis.com/mercy-logs")], "lifecycleRules[0].condition.age");
        passes("gcp-retention-storage-log-bucket", [cmekBucket()]);
    });

    it("rejects table or partition expiry shorter than the minimum on a BigQuery dataset that receives logs", () => {
        const dataset = (props: Record<string, unknown>) => res("gcp:bigquery/dataset:Dataset", { datasetId: "audit_logs", ...props });
        const sink = sinkTo("bigquery.googleapis.com/projects/p/datasets/audit_logs");
        passes("gcp-retention-bigquery-audit-dataset", [dataset({}), sink]);
        fails("gcp-retention-bigquery-audit-dataset", [dataset({ defaultTableExpirationMs: 86_400_000 }), sink], "defaultTableExpirationMs");
        passes("gcp-retention-bigquery-audit-dataset", [dataset({ defaultTableExpirationMs: 86_400_000 })]);
    });
});
