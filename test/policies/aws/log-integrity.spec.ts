import assert from "node:assert/strict";
import { cloudtrailTrail, trailBucket } from "../../../policies/aws/log-integrity";
import { UNKNOWN } from "../../../policies/lib/values";
import { res, run, runStack, stackOutcomesByName } from "./fixtures";

const TRAIL = "aws:cloudtrail/trail:Trail";
const BUCKET = "aws:s3/bucket:Bucket";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";

describe("aws LOG-INTEGRITY", () => {
    describe("aws-log-integrity-cloudtrail-trail", () => {
        it("passes log-file validation on and reports it off", () => {
            assert.deepEqual(run(cloudtrailTrail, res(TRAIL, "t", { enableLogFileValidation: true })), []);
            const [f] = run(cloudtrailTrail, res(TRAIL, "t", {}));
            assert.deepEqual(f.controls, ["LOG-INTEGRITY"]);
            assert.match(f.message, /enableLogFileValidation is unset; wanted true/);
        });
    });

    describe("aws-log-integrity-trail-bucket (stack)", () => {
        it("passes a trail bucket with Object Lock in COMPLIANCE mode", () => {
            const bucket = res(BUCKET, "trail-logs", { objectLockEnabled: true });
            const lock = res(LOCK, "lock", { rule: { defaultRetention: { mode: "COMPLIANCE", years: 6 } } }, { deps: { bucket: [bucket] } });
            const trail = res(TRAIL, "t", { s3BucketName: UNKNOWN }, { deps: { s3BucketName: [bucket] } });
            assert.deepEqual(runStack(trailBucket, [bucket, lock, trail]), []);
        });
        it("reports a trail bucket without Object Lock, on the bucket", () => {
            const bucket = res(BUCKET, "trail-logs", { bucket: "trail-logs" });
            const trail = res(TRAIL, "t", { s3BucketName: "trail-logs" });
            const findings = runStack(trailBucket, [bucket, trail]);
            assert.equal(findings.length, 2);
            assert.ok(findings.every(f => f.urn === bucket.urn));
            assert.match(findings[0].message, /objectLockEnabled is unset/);
            assert.match(findings[1].message, /No aws:s3\/bucketObjectLockConfiguration/);
        });
        it("reports GOVERNANCE mode and a missing period", () => {
            const bucket = res(BUCKET, "b", { objectLockEnabled: "true" });
            const lock = res(LOCK, "lock", { rule: { defaultRetention: { mode: "GOVERNANCE" } } }, { deps: { bucket: [bucket] } });
            const trail = res(TRAIL, "t", {}, { deps: { s3BucketName: [bucket] } });
            const findings = runStack(trailBucket, [bucket, lock, trail]);
            assert.match(findings[0].message, /rule\.defaultRetention\.mode is "GOVERNANCE"/);
            assert.match(findings[1].message, /rule\.defaultRetention\.days is unset/);
            assert.ok(findings.every(f => f.urn === lock.urn), "on the lock configuration, whose rule is what to fix");
        });
        it("judges every object lock configuration it can read, and leaves the others not judged (issue 14)", () => {
            const trailLogs = res(BUCKET, "trail-logs", { objectLockEnabled: true }), data = res(BUCKET, "data", { objectLockEnabled: true });
            const trail = res(TRAIL, "t", {}, { deps: { s3BucketName: [trailLogs] } });
            const good = { rule: { defaultRetention: { mode: "COMPLIANCE", years: 6 } } };
            const weak = { rule: { defaultRetention: { mode: "compliance", years: 6 } } };
            const outcomes = stackOutcomesByName(trailBucket, [trailLogs, data, trail,
                res(LOCK, "on-trail-good", good, { deps: { bucket: [trailLogs] } }),
                res(LOCK, "on-trail-weak", weak, { deps: { bucket: [trailLogs] } }),
                res(LOCK, "on-data", good, { deps: { bucket: [data] } }),
                res(LOCK, "on-outside", { ...good, bucket: "someone-elses" }),
                res(LOCK, "on-unknown", { ...good, bucket: UNKNOWN }),
            ]);
            assert.deepEqual(outcomes, { t: "compliant", "on-trail-good": "compliant", "on-trail-weak": "violation", "on-data": "not-applicable", "on-unknown": "unknown" });
        });
        it("reports a trail whose bucket is not in this stack, on the trail", () => {
            const trail = res(TRAIL, "t", { s3BucketName: "central-logs" });
            const [f] = runStack(trailBucket, [trail]);
            assert.equal(f.urn, trail.urn);
            assert.match(f.message, /not in this stack/);
        });
    });
});
