// A log sender whose bucket is unknown at preview (an EMR cluster's logUri, an access-log target, a trail's bucket,
// a Google log sink's destination) may write into any bucket of the stack: a bucket whose retention would fail as a
// log bucket is unknown then, never "not applicable" (AWS) or silently passed (Google Cloud).
import assert from "node:assert/strict";
import { s3LogBucket } from "../../../policies/aws/retention";
import { UNKNOWN, UNKNOWN_STRING } from "../../../policies/lib/values";
import { assertNoFinding, assertOnlyUnknown, findingsOf, resource, stackOutcomesByName } from "../../support/policies";
import { cmekBucket } from "../gcp/baselines";

const BUCKET = "aws:s3/bucket:Bucket";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";
const EMR = "aws:emr/cluster:Cluster";
const short = { rules: [{ id: "r", status: "Enabled", expiration: { days: 30 } }] };
const long = { rules: [{ id: "r", status: "Enabled", expiration: { days: 2557 } }] };

describe("AWS RETENTION: a log target unknown at preview", () => {
    const data = resource(BUCKET, { bucket: "stmary-data" }, { name: "data" });
    const lifecycles = [resource(LIFECYCLE, short, { name: "lc-short", deps: { bucket: [data] } })];

    it("an EMR cluster whose logUri is unknown (whole, or its bucket part) makes a short lifecycle unknown, not 'not applicable'", () => {
        for (const logUri of [UNKNOWN, `s3://${UNKNOWN_STRING}/emr/`]) {
            const outcomes = stackOutcomesByName(s3LogBucket, [data, resource(EMR, { logUri }, { name: "emr" }), ...lifecycles]);
            assert.deepEqual(outcomes, { "lc-short": "unknown" }, String(logUri));
        }
        const [f] = findingsOf(s3LogBucket, [data, resource(EMR, { logUri: UNKNOWN }, { name: "emr" }), ...lifecycles]);
        assert.match(f.message, /aws:emr\/cluster:Cluster "emr" sends logs to a bucket unknown at preview, which may be aws:s3\/bucket:Bucket "data"/);
    });

    it("an access-log target or a trail bucket unknown at preview does the same; one built from a bucket names that bucket", () => {
        const logging = resource("aws:s3/bucketLogging:BucketLogging", { bucket: "stmary-other", targetBucket: UNKNOWN }, { name: "l" });
        assert.deepEqual(stackOutcomesByName(s3LogBucket, [data, logging, ...lifecycles]), { "lc-short": "unknown" });
        const trail = resource("aws:cloudtrail/trail:Trail", { s3BucketName: UNKNOWN }, { name: "t" });
        assert.deepEqual(stackOutcomesByName(s3LogBucket, [data, trail, ...lifecycles]), { "lc-short": "unknown" });
        const logs = resource(BUCKET, { bucket: "stmary-logs" }, { name: "logs" });
        const built = resource(EMR, { logUri: UNKNOWN }, { name: "emr", deps: { logUri: [logs] } });
        assert.deepEqual(stackOutcomesByName(s3LogBucket, [data, logs, built, ...lifecycles,
            resource(LIFECYCLE, short, { name: "lc-logs", deps: { bucket: [logs] } })]), { "lc-short": "not-applicable", "lc-logs": "violation" });
    });

    it("a lifecycle that keeps logs long enough stays not applicable, and a known logUri of another bucket leaves it so", () => {
        assert.deepEqual(stackOutcomesByName(s3LogBucket, [data, resource(EMR, { logUri: UNKNOWN }, { name: "emr" }),
            resource(LIFECYCLE, long, { name: "lc-long", deps: { bucket: [data] } })]), { "lc-long": "not-applicable" });
        assert.deepEqual(stackOutcomesByName(s3LogBucket, [data, resource(EMR, { logUri: "s3://elsewhere/emr/" }, { name: "emr" }), ...lifecycles]), { "lc-short": "not-applicable" });
    });
});

describe("Google Cloud RETENTION and LOG-INTEGRITY: a log sink whose destination is unknown at preview", () => {
    const sink = (destination: unknown) => resource("gcp:logging/projectSink:ProjectSink", { destination }, { name: "sink" });
    const plain = () => cmekBucket({}, "mercy-data");

    it("makes a bucket that would fail as a log bucket unknown, for both rules", () => {
        assertOnlyUnknown(findingsOf("gcp-retention-storage-log-bucket", [plain(), sink(UNKNOWN)]), "retentionPolicy.retentionPeriod");
        assertOnlyUnknown(findingsOf("gcp-retention-storage-log-bucket", [plain(), sink(`storage.googleapis.com/${UNKNOWN_STRING}`)]), "retentionPolicy.retentionPeriod");
        assertOnlyUnknown(findingsOf("gcp-log-integrity-storage-log-bucket", [plain(), sink(UNKNOWN)]), "retentionPolicy.isLocked");
    });

    it("leaves a bucket that would pass as a log bucket, and judges nothing when every destination is known", () => {
        const kept = cmekBucket({ retentionPolicy: { retentionPeriod: "189216000", isLocked: true } }, "mercy-data");
        assertNoFinding(findingsOf("gcp-retention-storage-log-bucket", [kept, sink(UNKNOWN)]));
        assertNoFinding(findingsOf("gcp-retention-storage-log-bucket", [plain(), sink("storage.googleapis.com/elsewhere")]));
    });
});
