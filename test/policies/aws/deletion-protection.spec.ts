import assert from "node:assert/strict";
import {
    backupVault, emrCluster, kmsKey, logGroup, protect, redshiftCluster, s3Bucket,
} from "../../../policies/aws/deletion-protection";
import { findingsOf, resource } from "../../support/policies";

describe("aws DELETION-PROTECTION", () => {
    const cases = [
        { rule: kmsKey, type: "aws:kms/key:Key", ok: { deletionWindowInDays: 30 }, bad: { deletionWindowInDays: 7 }, message: /deletionWindowInDays is 7/ },
        { rule: s3Bucket, type: "aws:s3/bucket:Bucket", ok: {}, bad: { forceDestroy: true }, message: /forceDestroy is true/ },
        { rule: redshiftCluster, type: "aws:redshift/cluster:Cluster", ok: { finalSnapshotIdentifier: "final" }, bad: { skipFinalSnapshot: true, finalSnapshotIdentifier: "f" }, message: /skipFinalSnapshot is true/ },
        { rule: logGroup, type: "aws:cloudwatch/logGroup:LogGroup", ok: { deletionProtectionEnabled: true }, bad: {}, message: /deletionProtectionEnabled is unset/ },
        { rule: emrCluster, type: "aws:emr/cluster:Cluster", ok: { terminationProtection: "true" }, bad: { terminationProtection: false }, message: /terminationProtection is false/ },
        { rule: backupVault, type: "aws:backup/vault:Vault", ok: { forceDestroy: false }, bad: { forceDestroy: "true" }, message: /forceDestroy is "true"/ },
    ];
    for (const c of cases) {
        it(`${c.rule.name}: passes the protected setting and reports the property otherwise`, () => {
            assert.deepEqual(findingsOf(c.rule, resource(c.type, c.ok, { name: "r" })), []);
            const [f] = findingsOf(c.rule, resource(c.type, c.bad, { name: "r" }));
            assert.deepEqual(f.controls, ["DELETION-PROTECTION"]);
            assert.match(f.message, c.message);
        });
    }

    it("does not judge a stack whose pack config says staging or dev", () => {
        for (const environment of ["dev", "staging"] as const) {
            assert.deepEqual(findingsOf(logGroup, resource("aws:cloudwatch/logGroup:LogGroup", {}, { name: "g" }), { environment }), []);
            assert.deepEqual(findingsOf(protect, resource("aws:s3/bucket:Bucket", {}, { name: "b" }), { environment }), []);
        }
        assert.equal(findingsOf(logGroup, resource("aws:cloudwatch/logGroup:LogGroup", {}, { name: "g" }), { environment: "prod" }).length, 1);
    });

    it("never takes the environment from a tag: an environment tag in a prod stack keeps every finding", () => {
        // Hostile spellings, on the resource's own tags and on the provider's default tags.
        for (const environment of ["dev", "DEV", "Dev ", "development", "staging", "test"]) {
            const own = resource("aws:s3/bucket:Bucket", { forceDestroy: true, tags: { environment } }, { name: "phi" });
            assert.equal(findingsOf(s3Bucket, own).length, 1, environment);
            assert.equal(findingsOf(protect, own).length, 1, environment);
            const viaProvider = resource("aws:s3/bucket:Bucket", { forceDestroy: true }, { name: "phi", provider: { defaultTags: { tags: { environment } } } });
            assert.equal(findingsOf(s3Bucket, viaProvider).length, 1, environment);
            const inTagsAll = resource("aws:s3/bucket:Bucket", { forceDestroy: true, tagsAll: { environment } }, { name: "phi" });
            assert.equal(findingsOf(s3Bucket, inTagsAll).length, 1, environment);
        }
    });

    it("judges as prod a pack config environment that is not exactly staging or dev", () => {
        for (const environment of ["DEV", "Dev ", "development", "test", 1, null]) {
            assert.equal(findingsOf(protect, resource("aws:kms/key:Key", {}, { name: "k" }), { environment: environment as never }).length, 1, String(environment));
        }
    });

    describe("aws-deletion-protection-protect", () => {
        it("passes a protected bucket and reports an unprotected key", () => {
            assert.deepEqual(findingsOf(protect, resource("aws:s3/bucket:Bucket", {}, { name: "b", protect: true })), []);
            const [f] = findingsOf(protect, resource("aws:kms/key:Key", {}, { name: "k" }));
            assert.match(f.message, /opts\.protect is false; wanted true/);
        });
        it("judges HealthImaging datastores (tags inside desiredState) and no other CloudControl type", () => {
            const store = (tags: Record<string, string>) => resource("aws:cloudcontrol/resource:Resource", { typeName: "AWS::HealthImaging::Datastore", desiredState: JSON.stringify({ Tags: tags }) }, { name: "d" });
            assert.equal(findingsOf(protect, store({ environment: "prod" })).length, 1);
            assert.equal(findingsOf(protect, store({ environment: "staging" })).length, 1);
            assert.deepEqual(findingsOf(protect, resource("aws:cloudcontrol/resource:Resource", { typeName: "AWS::SQS::Queue", desiredState: "{}" }, { name: "q" })), []);
        });
    });
});
