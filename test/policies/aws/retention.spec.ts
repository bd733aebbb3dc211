import assert from "node:assert/strict";
import { logGroup, s3LogBucket } from "../../../policies/aws/retention";
import { UNKNOWN } from "../../../policies/lib/values";
import { stackOutcomes } from "../../../policies/lib/evaluate";
import { StackIndex } from "../../../policies/lib/stack-index";
import { res, run, runStack, stackOutcomesByName } from "./fixtures";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const BUCKET = "aws:s3/bucket:Bucket";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";

describe("aws RETENTION", () => {
    describe("aws-retention-log-group", () => {
        it("passes 2192 days, 0 and unset (never expire)", () => {
            for (const retentionInDays of [2192, "2557", 0, undefined]) assert.deepEqual(run(logGroup, res(LOG_GROUP, "g", { retentionInDays })), []);
        });
        it("reports a year, and a value CloudWatch does not accept", () => {
            const [f] = run(logGroup, res(LOG_GROUP, "g", { retentionInDays: 365 }));
            assert.deepEqual(f.controls, ["RETENTION"]);
            assert.match(f.message, /retentionInDays is 365; wanted one of 0, 2192, 2557/);
            assert.equal(run(logGroup, res(LOG_GROUP, "g", { retentionInDays: 2190 })).length, 1);
        });
        it("reads the minimum from the pack config", () => {
            assert.deepEqual(run(logGroup, res(LOG_GROUP, "g", { retentionInDays: 365 }), { minimumRetentionDays: 365 }), []);
        });
        it("reports the DELIVERY class, which keeps two days", () => {
            assert.match(run(logGroup, res(LOG_GROUP, "g", { logGroupClass: "DELIVERY" }))[0].message, /logGroupClass is "DELIVERY"/);
        });
        it("reports an unknown retention as unknown", () => assert.equal(run(logGroup, res(LOG_GROUP, "g", { retentionInDays: UNKNOWN }))[0].unknown, true));
    });

    describe("aws-retention-s3-log-bucket (stack)", () => {
        const logsOf = (bucket: ReturnType<typeof res>) => res("aws:cloudtrail/trail:Trail", "t", {}, { deps: { s3BucketName: [bucket] } });
        it("passes a trail bucket whose lifecycle expires after six years", () => {
            const bucket = res(BUCKET, "logs");
            const lc = res(LIFECYCLE, "lc", { rules: [{ id: "r", status: "Enabled", expiration: { days: 2557 } }] }, { deps: { bucket: [bucket] } });
            assert.deepEqual(runStack(s3LogBucket, [bucket, lc, logsOf(bucket)]), []);
        });
        it("reports a log bucket that expires logs after 90 days, on its lifecycle configuration (issue 14: the part is judged)", () => {
            const bucket = res(BUCKET, "logs");
            const lc = res(LIFECYCLE, "lc", { rules: [{ id: "r", status: "Enabled", expiration: { days: 90 }, noncurrentVersionExpiration: { noncurrentDays: 30 } }] }, { deps: { bucket: [bucket] } });
            const findings = runStack(s3LogBucket, [bucket, lc, logsOf(bucket)]);
            assert.deepEqual(findings.map(f => f.urn), [lc.urn, lc.urn]);
            assert.match(findings[0].message, /on aws:s3\/bucket:Bucket "logs", which receives logs/);
            assert.match(findings[0].message, /rules\[0\]\.expiration\.days is 90; wanted unset or at least 2190 days/);
            assert.match(findings[1].message, /noncurrentDays is 30/);
        });
        it("judges a lifecycle on a log bucket outside the stack, named by the same text as its trail or access logging (issue 14)", () => {
            const short = { rules: [{ id: "r", status: "Enabled", expiration: { days: 1 } }] };
            const trail = res("aws:cloudtrail/trail:Trail", "t", { s3BucketName: "org-trail-logs" });
            const logging = res("aws:s3/bucketLogging:BucketLogging", "l", { bucket: "b", targetBucket: "arn:aws:s3:::org-access-logs" });
            const findings = runStack(s3LogBucket, [trail, logging, res(LIFECYCLE, "lc1", { bucket: "org-trail-logs", ...short }),
                res(LIFECYCLE, "lc2", { bucket: "org-access-logs", ...short }), res(LIFECYCLE, "lc3", { bucket: "not-a-log-bucket", ...short })]);
            assert.deepEqual(findings.map(f => f.name), ["lc1", "lc2"]);
        });
        it("ignores disabled rules and buckets that receive no logs", () => {
            const bucket = res(BUCKET, "logs");
            const disabled = res(LIFECYCLE, "lc", { rules: [{ id: "r", status: "Disabled", expiration: { days: 1 } }] }, { deps: { bucket: [bucket] } });
            assert.deepEqual(runStack(s3LogBucket, [bucket, disabled, logsOf(bucket)]), []);
            const data = res(BUCKET, "data");
            const short = res(LIFECYCLE, "lc", { rules: [{ id: "r", status: "Enabled", expiration: { days: 1 } }] }, { deps: { bucket: [data] } });
            assert.deepEqual(runStack(s3LogBucket, [data, short]), [], "not applicable, with no finding (not a weakening)");
            const [o] = stackOutcomes(s3LogBucket, new StackIndex([data, short]));
            assert.equal(o.outcome, "not-applicable");
            assert.match(o.reason ?? "", /^aws:s3\/bucket:Bucket "data" receives no logs of this stack/);
        });
        it("counts the bucket an EMR cluster archives its logs to (logUri, by dependency or s3:// text) as a log bucket", () => {
            const emrLogs = res(BUCKET, "emr-logs", { bucket: "stmary-emr-logs" }), other = res(BUCKET, "other", { bucket: "stmary-other" });
            const short = { rules: [{ id: "r", status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: 30 } }] };
            const byText = res("aws:emr/cluster:Cluster", "c1", { logUri: "s3://stmary-emr-logs/emr/" });
            const byDeps = res("aws:emr/cluster:Cluster", "c2", { logUri: UNKNOWN }, { deps: { logUri: [other] } });
            const outcomes = stackOutcomesByName(s3LogBucket, [emrLogs, other, byText, byDeps,
                res(LIFECYCLE, "lc-emr", short, { deps: { bucket: [emrLogs] } }), res(LIFECYCLE, "lc-other", short, { deps: { bucket: [other] } })]);
            assert.deepEqual(outcomes, { "lc-emr": "violation", "lc-other": "violation" });
        });
        it("judges every lifecycle configuration it can read, and leaves the others not judged (issue 14)", () => {
            const logs = res(BUCKET, "logs"), data = res(BUCKET, "data");
            const trail = res("aws:cloudtrail/trail:Trail", "t", {}, { deps: { s3BucketName: [logs] } });
            const long = { rules: [{ id: "r", status: "Enabled", expiration: { days: 2557 } }] };
            const short = { rules: [{ id: "r", status: "Enabled", expiration: { days: "30" } }] };
            const cc = res("aws-native:s3:Bucket", "cc");
            const outcomes = stackOutcomesByName(s3LogBucket, [logs, data, trail, cc,
                res(LIFECYCLE, "on-logs-long", long, { deps: { bucket: [logs] } }),
                res(LIFECYCLE, "on-logs-short", short, { deps: { bucket: [logs] } }),
                res(LIFECYCLE, "on-logs-unknown", { rules: [{ id: "r", status: "Enabled", expiration: { days: UNKNOWN } }] }, { deps: { bucket: [logs] } }),
                res(LIFECYCLE, "on-logs-misspelt", { rules: [{ id: "r", status: "enabled", expiration: { days: 1 } }] }, { deps: { bucket: [logs] } }),
                res(LIFECYCLE, "on-data", short, { deps: { bucket: [data] } }),
                res(LIFECYCLE, "on-outside", { ...short, bucket: "someone-elses-bucket" }),
                res(LIFECYCLE, "on-unknown", { ...short, bucket: UNKNOWN }),
                res(LIFECYCLE, "on-other-kind", { ...short, bucket: "x" }, { deps: { bucket: [cc] } }),
            ]);
            assert.deepEqual(outcomes, {
                "on-logs-long": "compliant", "on-logs-short": "violation", "on-logs-unknown": "unknown", "on-logs-misspelt": "violation", "on-data": "not-applicable", "on-unknown": "unknown",
            }, "a lifecycle on a bucket outside the stack that no log of the stack reaches, or on a bucket of another kind, is not judged");
        });
        it("recognises an access-log target and the deprecated inline lifecycle rules", () => {
            const logs = res(BUCKET, "logs", { bucket: "logs", lifecycleRules: [{ enabled: true, expiration: { days: 30 } }] });
            const logging = res("aws:s3/bucketLogging:BucketLogging", "l", { bucket: "data", targetBucket: "logs" });
            const [f] = runStack(s3LogBucket, [logs, logging]);
            assert.match(f.message, /lifecycleRules\[0\]\.expiration\.days is 30/);
        });
    });
});
