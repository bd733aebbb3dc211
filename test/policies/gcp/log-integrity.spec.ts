import { UNKNOWN, assertNoFinding, assertOneViolation, assertOnlyUnknown, findingsOf, resource } from "../../support/policies";
import { cmekBucket } from "./baselines";

const logBucketConfig = (props: Record<string, unknown>) => resource("gcp:logging/projectBucketConfig:ProjectBucketConfig", { project: "p", location: "us-central1", bucketId: "audit", ...props });
const usageSource = () => cmekBucket({ logging: { logBucket: "mercy-logs" } });

describe("policies/gcp/log-integrity", () => {
    it("requires a Cloud Logging bucket to be locked", () => {
        assertNoFinding(findingsOf("gcp-log-integrity-log-bucket-config", [logBucketConfig({ locked: true })]));
        assertOneViolation(findingsOf("gcp-log-integrity-log-bucket-config", [logBucketConfig({})]), "locked");
        assertOnlyUnknown(findingsOf("gcp-log-integrity-log-bucket-config", [logBucketConfig({ locked: UNKNOWN })]), "locked");
    });

    it("requires a storage bucket that receives logs to have a locked retention policy, and leaves data buckets alone", () => {
        const locked = cmekBucket({ retentionPolicy: { retentionPeriod: "189216000", isLocked: true } }, "mercy-logs");
        const unlocked = cmekBucket({ retentionPolicy: { retentionPeriod: "189216000" } }, "mercy-logs");
        assertNoFinding(findingsOf("gcp-log-integrity-storage-log-bucket", [locked, usageSource()]));
        assertOneViolation(findingsOf("gcp-log-integrity-storage-log-bucket", [unlocked, usageSource()]), "retentionPolicy.isLocked");
        assertOneViolation(findingsOf("gcp-log-integrity-storage-log-bucket", [unlocked, resource("gcp:logging/projectSink:ProjectSink", { destination: "storage.googleapis.com/mercy-logs" })]), "retentionPolicy.isLocked");
        assertNoFinding(findingsOf("gcp-log-integrity-storage-log-bucket", [cmekBucket()]));
    });
});
