import assert from "node:assert/strict";
import { logGroup, s3LogBucket } from "../../../policies/aws/retention";
import { UNKNOWN } from "../../../policies/lib/values";
import { stackOutcomes } from "../../../policies/lib/evaluate";
import { StackIndex } from "../../../policies/lib/stack-index";
import { findingsOf, resource, stackOutcomesByName } from "../../support/policies";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const BUCKET = "aws:s3/bucket:Bucket";
const LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration";

describe("aws RETENTION", () => {
    describe("aws-retention-log-group", () => {
        it("passes 2192 days, 0 and unset (never expire)", () => {
            for (const retentionInDays of [2192, "2557", 0, undefined]) assert.deepEqual(findingsOf(logGroup, resource(LOG_GROUP, { retentionInDays }, { name: "g" })), []);
        });
        it("reports a year, and a value CloudWatch does not accept", () => {
            const [f] = findingsOf(logGroup, resource(LOG_GROUP, { retentionInDays: 365 }, { name: "g" }));
            assert.deepEqual(f.controls, ["RETENTION"]);
            assert.match(f.message, /retentionInDays is 365; wanted one of 0, 2192, 2557/);
            assert.equal(findingsOf(logGroup, resource(LOG_GROUP, { retentionInDays: 2190 }, { name: "g" })).length, 1);
        });
        it("reads the minimum from the pack config", () => {
            assert.deepEqual(findingsOf(logGroup, resource(LOG_GROUP, { retentionInDays: 365 }, { name: "g" }), { minimumRetentionDays: 365 }), []);
        });
        it("reports the DELIVERY class, which keeps two days", () => {
            assert.match(findingsOf(logGroup, resource(LOG_GROUP, { logGroupClass: "DELIVERY" }, { name: "g" }))[0].message, /logGroupClass is "DELIVERY"/);
        });
        it("reports an unknown retention as unknown", () => assert.equal(findingsOf(logGroup, resource(LOG_GROUP, { retentionInDays: UNKNOWN }, { name: "g" }))[0].unknown, true));
    });

    describe("aws-retention-s3-log-bucket (stack)", () => {
        const logsOf = (bucket: ReturnType<typeof resource>) => resource("aws:cloudtrail/trail:Trail", {}, { name: "t", deps: { s3BucketName: [bucket] } });
        it("passes a trail bucket whose lifecycle expires after six years", () => {
            const bucket = resource(BUCKET, {}, { name: "logs" });
            const lc = resource(LIFECYCLE, { rules: [{ id: "r", status: "Enabled", expiration: { days: 2557 } }] }, { name: "lc", deps: { bucket: [bucket] } });
            assert.deepEqual(findingsOf(s3LogBucket, [bucket, lc, logsOf(bucket)]), []);
        });
        it("reports a log bucket that expires logs after 90 days, on its lifecycle configuration (issue 14: the part is judged)", () => {
            const bucket = resource(BUCKET, {}, { name: "logs" });
            const lc = resource(LIFECYCLE, { rules: [{ id: "r", status: "Enabled", expiration: { days: 90 }, noncurrentVersionExpiration: { noncurrentDays: 30 } }] }, { name: "lc", deps: { bucket: [bucket] } });
            const findings = findingsOf(s3LogBucket, [bucket, lc, logsOf(bucket)]);
            assert.deepEqual(findings.map(f => f.urn), [lc.urn, lc.urn]);
            assert.match(findings[0].message, /on aws:s3\/bucket:Bucket "logs", which receives logs/);
            assert.match(findings[0].message, /rules\[0\]\.expiration\.days is 90; wanted unset or at least 2190 days/);
            assert.match(findings[1].message, /noncurrentDays is 30/);
        });
        it("judges a lifecycle on a log bucket outside the stack, named by the same text as its trail or access logging (issue 14)", () => {
            const short = { rules: [{ id: "r", status: "Enabled", expiration: { days: 1 } }] };
            const trail = resource("aws:cloudtrail/trail:Trail", { s3BucketName: "org-trail-logs" }, { name: "t" });
            const logging = resource("aws:s3/bucketLogging:BucketLogging", { bucket: "b", targetBucket: "arn:aws:s3:::org-access-logs" }, { name: "l" });
            const findings = findingsOf(s3LogBucket, [trail, logging, resource(LIFECYCLE, { bucket: "org-trail-logs", ...short }, { name: "lc1" }),
                resource(LIFECYCLE, { bucket: "org-access-logs", ...short }, { name: "lc2" }), resource(LIFECYCLE, { bucket: "not-a-log-bucket", ...short }, { name: "lc3" })]);
            assert.deepEqual(findings.map(f => f.name), ["lc1", "lc2"]);
        });
        it("ignores disabled rules and buckets that receive no logs", () => {
            const bucket = resource(BUCKET, {}, { name: "logs" });
            const disabled = resource(LIFECYCLE, { rules: [{ id: "r", status: "Disabled", expiration: { days: 1 } }] }, { name: "lc", deps: { bucket: [bucket] } });
            assert.deepEqual(findingsOf(s3LogBucket, [bucket, disabled, logsOf(bucket)]), []);
            const data = resource(BUCKET, {}, { name: "data" });
            const short = resource(LIFECYCLE, { rules: [{ id: "r", status: "Enabled", expiration: { days: 1 } }] }, { name: "lc", deps: { bucket: [data] } });
            assert.deepEqual(findingsOf(s3LogBucket, [data, short]), [], "not applicable, with no finding (not a weakening)");
            const [o] = stackOutcomes(s3LogBucket, new StackIndex([data, short]));
            assert.equal(o.outcome, "not-applicable");
            assert.match(o.reason ?? "", /^aws:s3\/bucket:Bucket "data" receives no logs of this stack/);
        });
        it("counts the bucket an EMR cluster archives its logs to (logUri, by dependency or s3:// text) as a log bucket", () => {
            const emrLogs = resource(BUCKET, { bucket: "stmary-emr-logs" }, { name: "emr-logs" }), other = resource(BUCKET, { bucket: "stmary-other" }, { name: "other" });
            const short = { rules: [{ id: "r", status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: 30 } }] };
            const byText = resource("aws:emr/cluster:Cluster", { logUri: "s3://stmary-emr-logs/emr/" }, { name: "c1" });
            const byDeps = resource("aws:emr/cluster:Cluster", { logUri: UNKNOWN }, { name: "c2", deps: { logUri: [other] } });
            const outcomes = stackOutcomesByName(s3LogBucket, [emrLogs, other, byText, byDeps,
                resource(LIFECYCLE, short, { name: "lc-emr", deps: { bucket: [emrLogs] } }), resource(LIFECYCLE, short, { name: "lc-other", deps: { bucket: [other] } })]);
            assert.deepEqual(outcomes, { "lc-emr": "violation", "lc-other": "violation" });
        });
        it("judges every lifecycle configuration it can read, and leaves the others not judged (issue 14)", () => {
            const logs = resource(BUCKET, {}, { name: "logs" }), data = resource(BUCKET, {}, { name: "data" });
            const trail = resource("aws:cloudtrail/trail:Trail", {}, { name: "t", deps: { s3BucketName: [logs] } });
            const long = { rules: [{ id: "r", status: "Enabled", expiration: { days: 2557 } }] };
            const short = { rules: [{ id: "r", status: "Enabled", expiration: { days: "30" } }] };
            const cc = resource("aws-native:s3:Bucket", {}, { name: "cc" });
            const outcomes = stackOutcomesByName(s3LogBucket, [logs, data, trail, cc,
                resource(LIFECYCLE, long, { name: "on-logs-long", deps: { bucket: [logs] } }),
                resource(LIFECYCLE, short, { name: "on-logs-short", deps: { bucket: [logs] } }),
                resource(LIFECYCLE, { rules: [{ id: "r", status: "Enabled", expiration: { days: UNKNOWN } }] }, { name: "on-logs-unknown", deps: { bucket: [logs] } }),
                resource(LIFECYCLE, { rules: [{ id: "r", status: "enabled", expiration: { days: 1 } }] }, { name: "on-logs-misspelt", deps: { bucket: [logs] } }),
                resource(LIFECYCLE, short, { name: "on-data", deps: { bucket: [data] } }),
                resource(LIFECYCLE, { ...short, bucket: "someone-elses-bucket" }, { name: "on-outside" }),
                resource(LIFECYCLE, { ...short, bucket: UNKNOWN }, { name: "on-unknown" }),
                resource(LIFECYCLE, { ...short, bucket: "x" }, { name: "on-other-kind", deps: { bucket: [cc] } }),
            ]);
            assert.deepEqual(outcomes, {
                "on-logs-long": "compliant", "on-logs-short": "violation", "on-logs-unknown": "unknown", "on-logs-misspelt": "violation", "on-data": "not-applicable", "on-unknown": "unknown",
            }, "a lifecycle on a bucket outside the stack that no log of the stack reaches, or on a bucket of another kind, is not judged");
        });
        it("recognises an access-log target and the deprecated inline lifecycle rules", () => {
            const logs = resource(BUCKET, { bucket: "logs", lifecycleRules: [{ enabled: true, expiration: { days: 30 } }] }, { name: "logs" });
            const logging = resource("aws:s3/bucketLogging:BucketLogging", { bucket: "data", targetBucket: "logs" }, { name: "l" });
            const [f] = findingsOf(s3LogBucket, [logs, logging]);
            assert.match(f.message, /lifecycleRules\[0\]\.expiration\.days is 30/);
        });
    });
});
