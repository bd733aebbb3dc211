import { cmekBucket, fails, passes, res, unknownFinding, UNKNOWN } from "./fixtures";

const logBucketConfig = (props: Record<string, unknown>) => res("gcp:logging/projectBucketConfig:ProjectBucketConfig", { project: "p", location: "us-central1", bucketId: "audit", ...props });
const usageSource = () => cmekBucket({ logging: { logBucket: "mercy-logs" } });

describe("policies/gcp/log-integrity", () => {
    it("requires a Cloud Logging bucket to be locked", () => {
        passes("gcp-log-integrity-log-bucket-config", [logBucketConfig({ locked: true })]);
        fails("gcp-log-integrity-log-bucket-config", [logBucketConfig({})], "locked");
        unknownFinding("gcp-log-integrity-log-bucket-config", [logBucketConfig({ locked: UNKNOWN })], "locked");
    });

    it("requires a storage bucket that receives logs to have a locked retention policy, and leaves data buckets alone", () => {
        const locked = cmekBucket({ retentionPolicy: { retentionPeriod: "189216000", isLocked: true } }, "mercy-logs");
        const unlocked = cmekBucket({ retentionPolicy: { retentionPeriod: "189216000" } }, "mercy-logs");
        passes("gcp-log-integrity-storage-log-bucket", [locked, usageSource()]);
        fails("gcp-log-integrity-storage-log-bucket", [unlocked, usageSource()], "retentionPolicy.isLocked");
        fails("gcp-log-integrity-storage-log-bucket", [unlocked, res("gcp:logging/projectSink:ProjectSink", { destination: "storage.googleapis.com/mercy-logs" })], "retentionPolicy.isLocked");
        passes("gcp-log-integrity-storage-log-bucket", [cmekBucket()]);
    });
});
