import assert from "node:assert/strict";
import { cloudtrailTrail, trailBucket } from "../../../policies/aws/log-integrity";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, findingsOf, resource, stackOutcomesByName } from "../../support/policies";

const TRAIL = "aws:cloudtrail/trail:Trail";
const BUCKET = "aws:s3/bucket:Bucket";
const LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration";

describe("aws LOG-INTEGRITY", () => {
    describe("aws-log-integrity-cloudtrail-trail", () => {
        it("passes log-file validation on and reports it off", () => {
            assertNoFinding(findingsOf(cloudtrailTrail, resource(TRAIL, { enableLogFileValidation: true }, { name: "t" })));
            const [f] = findingsOf(cloudtrailTrail, resource(TRAIL, {}, { name: "t" }));
            assert.deepEqual(f.controls, ["LOG-INTEGRITY"]);
            assert.match(f.message, /enableLogFileValidation is unset; wanted true/);
        });
    });

    describe("aws-log-integrity-trail-bucket (stack)", () => {
        it("passes a trail bucket with Object Lock in COMPLIANCE mode", () => {
            const bucket = resource(BUCKET, { objectLockEnabled: true }, { name: "trail-logs" });
            const lock = resource(LOCK, { rule: { defaultRetention: { mode: "COMPLIANCE", years: 6 } } }, { name: "lock", deps: { bucket: [bucket] } });
            const trail = resource(TRAIL, { s3BucketName: UNKNOWN }, { name: "t", deps: { s3BucketName: [bucket] } });
            assertNoFinding(findingsOf(trailBucket, [bucket, lock, trail]));
        });
        it("reads objectLockEnabled as the provider does: \"1\" is on; \" true \", \"TRUE\" and 1 are not (they passed before)", () => {
            const judged = (objectLockEnabled: unknown) => {
                const bucket = resource(BUCKET, { objectLockEnabled }, { name: "trail-logs" });
                const lock = resource(LOCK, { rule: { defaultRetention: { mode: "COMPLIANCE", years: 6 } } }, { name: "lock", deps: { bucket: [bucket] } });
                const trail = resource(TRAIL, { s3BucketName: UNKNOWN }, { name: "t", deps: { s3BucketName: [bucket] } });
                return findingsOf(trailBucket, [bucket, lock, trail]).map(f => f.message);
            };
            assert.deepEqual(judged("1"), []);
            for (const v of [" true ", "TRUE", 1, "t"]) assert.match(judged(v).join("\n"), /objectLockEnabled is/, JSON.stringify(v));
        });
        it("reports a trail bucket without Object Lock, on the bucket", () => {
            const bucket = resource(BUCKET, { bucket: "trail-logs" }, { name: "trail-logs" });
            const trail = resource(TRAIL, { s3BucketName: "trail-logs" }, { name: "t" });
            const findings = findingsOf(trailBucket, [bucket, trail]);
            assert.equal(findings.length, 2);
            assert.ok(findings.every(f => f.urn === bucket.urn));
            assert.match(findings[0].message, /objectLockEnabled is unset/);
            assert.match(findings[1].message, /No aws:s3\/bucketObjectLockConfiguration/);
        });
        it("reports GOVERNANCE mode and a missing period", () => {
            const bucket = resource(BUCKET, { objectLockEnabled: "true" }, { name: "b" });
            const lock = resource(LOCK, { rule: { defaultRetention: { mode: "GOVERNANCE" } } }, { name: "lock", deps: { bucket: [bucket] } });
            const trail = resource(TRAIL, {}, { name: "t", deps: { s3BucketName: [bucket] } });
            const findings = findingsOf(trailBucket, [bucket, lock, trail]);
            assert.match(findings[0].message, /rule\.defaultRetention\.mode is "GOVERNANCE"/);
            assert.match(findings[1].message, /rule\.defaultRetention\.days is unset/);
            assert.ok(findings.every(f => f.urn === lock.urn), "on the lock configuration, whose rule is what to fix");
        });
        it("judges every object lock configuration it can read, and leaves the others not judged (issue 14)", () => {
            const trailLogs = resource(BUCKET, { objectLockEnabled: true }, { name: "trail-logs" }), data = resource(BUCKET, { objectLockEnabled: true }, { name: "data" });
            const trail = resource(TRAIL, {}, { name: "t", deps: { s3BucketName: [trailLogs] } });
            const good = { rule: { defaultRetention: { mode: "COMPLIANCE", years: 6 } } };
            const weak = { rule: { defaultRetention: { mode: "compliance", years: 6 } } };
            const outcomes = stackOutcomesByName(trailBucket, [trailLogs, data, trail,
                resource(LOCK, good, { name: "on-trail-good", deps: { bucket: [trailLogs] } }),
                resource(LOCK, weak, { name: "on-trail-weak", deps: { bucket: [trailLogs] } }),
                resource(LOCK, good, { name: "on-data", deps: { bucket: [data] } }),
                resource(LOCK, { ...good, bucket: "someone-elses" }, { name: "on-outside" }),
                resource(LOCK, { ...good, bucket: UNKNOWN }, { name: "on-unknown" }),
            ]);
            assert.deepEqual(outcomes, { t: "compliant", "on-trail-good": "compliant", "on-trail-weak": "violation", "on-data": "not-applicable", "on-unknown": "unknown" });
        });
        it("reports a trail whose bucket is not in this stack, on the trail", () => {
            const trail = resource(TRAIL, { s3BucketName: "central-logs" }, { name: "t" });
            const [f] = findingsOf(trailBucket, [trail]);
            assert.equal(f.urn, trail.urn);
            assert.match(f.message, /not in this stack/);
        });
    });
});
