import assert from "node:assert/strict";
import type { Environment } from "../../../components/config";
import { Audit, auditedServices } from "../../../components/gcp/audit";
import { Keys } from "../../../components/gcp/keys";
import { record } from "../../support/record";
import { dependsOn, gcpConfig, project, region, tenant } from "./support";

const logBucketType = "gcp:logging/projectBucketConfig:ProjectBucketConfig";

async function auditStack(environment: Environment = "prod", auditDays?: number) {
    return record(() => {
        const keys = new Keys("k", { tenant, project, region, environment, agents: ["logging", "storage"] });
        new Audit("a", { tenant, project, region, environment, key: keys.keyId, loggingKeyGrant: keys.grants.logging!, storageKeyGrant: keys.grants.storage!, auditDays });
    }, { config: gcpConfig });
}

describe("gcp Audit", () => {
    it("turns on admin-read, data-read and data-write audit logs, exempting nobody, for every PHI service", async () => {
        const configs = (await auditStack()).ofType("gcp:projects/iAMAuditConfig:IAMAuditConfig");
        assert.deepEqual(configs.map(c => c.inputs.service).sort(), [...auditedServices].sort());
        // The list itself, not only whatever it holds: every PHI service of the platform is audited.
        for (const service of ["storage", "bigquery", "healthcare", "dataproc", "cloudkms"]) assert.ok(auditedServices.includes(`${service}.googleapis.com` as never), service);
        for (const c of configs) {
            assert.equal(c.inputs.project, project);
            assert.deepEqual(c.inputs.auditLogConfigs, [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }]);
        }
    });

    it("keeps audit logs six years in a locked, CMEK-encrypted log bucket in the region", async () => {
        const bucket = (await auditStack()).one(logBucketType).inputs as any;
        assert.equal(bucket.retentionDays, 2192);
        assert.equal(bucket.locked, true);
        assert.match(bucket.cmekSettings.kmsKeyName, /\/cryptoKeys\/mercy-phi$/);
        assert.equal(bucket.location, region);
        assert.equal(bucket.deletionPolicy, "PREVENT");
    });

    it("creates the log bucket only after the Cloud Logging agent may use the key", async () => {
        const r = await auditStack();
        assert.ok(dependsOn(r.one(logBucketType), r.one("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "k-logging-agent")));
    });

    it("routes every Cloud Audit Logs entry to that bucket with its own writer identity", async () => {
        const r = await auditStack();
        const sink = r.one("gcp:logging/projectSink:ProjectSink").inputs;
        assert.equal(sink.destination, `logging.googleapis.com/projects/${project}/locations/${region}/buckets/mercy-audit`);
        assert.equal(sink.filter, 'logName:"cloudaudit.googleapis.com"');
        assert.equal(sink.uniqueWriterIdentity, true);
        assert.notEqual(sink.disabled, true);
    });

    it("keeps usage logs in a CMEK bucket whose retention is locked for the audit period", async () => {
        const r = await auditStack("prod", 2555);
        const bucket = r.one("gcp:storage/bucket:Bucket");
        assert.deepEqual((bucket.inputs as any).retentionPolicy, { retentionPeriod: String(2555 * 86400), isLocked: true });
        assert.match((bucket.inputs as any).encryption.defaultKmsKeyName, /\/cryptoKeys\/mercy-phi$/);
        assert.ok(dependsOn(bucket, r.one("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "k-storage-agent")));
        const writer = r.one("gcp:storage/bucketIAMMember:BucketIAMMember").inputs;
        assert.deepEqual(writer, { bucket: "mercy-usage-logs", role: "roles/storage.objectCreator", member: "group:cloud-storage-analytics@google.com" });
    });

    it("refuses an audit period shorter than six years", async () => {
        await assert.rejects(auditStack("prod", 365), /auditDays.*2190/);
    });

    it("protects the audit stores in prod but not in dev", async () => {
        const prod = await auditStack("prod");
        const dev = await auditStack("dev");
        assert.deepEqual([prod.one(logBucketType).protect, prod.one("gcp:storage/bucket:Bucket").protect], [true, true]);
        assert.deepEqual([dev.one(logBucketType).protect, dev.one("gcp:storage/bucket:Bucket").protect], [false, false]);
    });
});
