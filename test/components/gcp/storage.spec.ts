import assert from "node:assert/strict";
import { hipaaBucket } from "../../../components/gcp/bucket";
import { Keys } from "../../../components/gcp/keys";
import { Storage } from "../../../components/gcp/storage";
import type { Environment } from "../../../components/config";
import { record } from "../../support/record";
import { dependsOn, gcpConfig, project, region, tenant } from "./support";

const bucketType = "gcp:storage/bucket:Bucket";

async function storageStack(environment: Environment, admins: string[] = []) {
    return record(() => {
        const keys = new Keys("k", { tenant, project, region, environment, agents: ["storage"] });
        new Storage("s", { tenant, project, region, environment, key: keys.keyId, keyGrant: keys.grants.storage!, accessLogBucket: "mercy-usage-logs", admins });
    }, { config: gcpConfig });
}

describe("gcp Storage", () => {
    it("encrypts the PHI bucket with the tenant's key and forbids Google-managed keys for new objects", async () => {
        const r = await storageStack("prod");
        const bucket = r.one(bucketType).inputs as any;
        const key = r.one("gcp:kms/cryptoKey:CryptoKey");
        assert.equal(bucket.encryption.defaultKmsKeyName, `projects/${project}/locations/${region}/keyRings/mercy-phi-keys/cryptoKeys/mercy-phi`);
        assert.ok(r.one(bucketType).propertyDependencies.encryption.includes(key.urn));
        assert.equal(bucket.encryption.googleManagedEncryptionEnforcementConfig.restrictionMode, "FullyRestricted");
    });

    it("creates the bucket only after the Cloud Storage agent may use the key", async () => {
        const r = await storageStack("prod");
        assert.ok(dependsOn(r.one(bucketType), r.one("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "k-storage-agent")));
    });

    it("enforces uniform access and public access prevention", async () => {
        const bucket = (await storageStack("prod")).one(bucketType).inputs;
        assert.equal(bucket.uniformBucketLevelAccess, true);
        assert.equal(bucket.publicAccessPrevention, "enforced");
    });

    it("versions objects, keeps deleted ones 30 days and previous versions six years", async () => {
        const bucket = (await storageStack("prod")).one(bucketType).inputs as any;
        assert.deepEqual(bucket.versioning, { enabled: true });
        assert.equal(bucket.softDeletePolicy.retentionDurationSeconds, 30 * 86400);
        assert.deepEqual(bucket.lifecycleRules, [{ action: { type: "Delete" }, condition: { daysSinceNoncurrentTime: 2190, withState: "ARCHIVED" } }]);
    });

    it("sends usage logs to the log bucket", async () => {
        const bucket = (await storageStack("prod")).one(bucketType).inputs as any;
        assert.equal(bucket.logging.logBucket, "mercy-usage-logs");
    });

    it("cannot be destroyed by the provider and is labelled, in its region", async () => {
        const bucket = (await storageStack("prod")).one(bucketType).inputs as any;
        assert.equal(bucket.deletionPolicy, "PREVENT");
        assert.equal(bucket.forceDestroy, false);
        assert.equal(bucket.location, "US-CENTRAL1");
        assert.equal(bucket.labels["data-classification"], "phi");
        assert.equal(bucket.labels.tenant, tenant);
    });

    it("protects the bucket in prod but not in dev", async () => {
        assert.equal((await storageStack("prod")).one(bucketType).protect, true);
        assert.equal((await storageStack("dev")).one(bucketType).protect, false);
    });

    it("grants object admin on the bucket to the tenant's administrators only", async () => {
        const r = await storageStack("prod", ["group:phi-admins@mercy.org"]);
        const grant = r.one("gcp:storage/bucketIAMMember:BucketIAMMember").inputs;
        assert.deepEqual(grant, { bucket: "mercy-phi", role: "roles/storage.objectAdmin", member: "group:phi-admins@mercy.org" });
    });

    it("refuses to grant the public access to the bucket", async () => {
        await assert.rejects(storageStack("prod", ["allUsers"]), /admins.*allUsers.*PUBLIC-ACCESS/);
    });
});

describe("gcp hipaaBucket (log kind)", () => {
    it("locks a retention policy instead of versioning", async () => {
        const r = await record(() => {
            hipaaBucket("logs", "mercy-logs", { project, region, keyId: "key", labels: {}, kind: "log", days: 2192, softDeleteDays: 7 }, {});
        }, { config: gcpConfig });
        const bucket = r.one(bucketType).inputs as any;
        assert.deepEqual(bucket.retentionPolicy, { retentionPeriod: String(2192 * 86400), isLocked: true });
        assert.equal(bucket.versioning, undefined);
        assert.equal(bucket.logging, undefined);
    });

    it("refuses a soft-delete period outside 7 to 90 days", () => {
        const s = { project, region, keyId: "key", labels: {}, kind: "data" as const, days: 30 };
        assert.throws(() => hipaaBucket("b", "b", { ...s, softDeleteDays: 6 }, {}), /softDeleteDays.*7 to 90/);
        assert.throws(() => hipaaBucket("b", "b", { ...s, softDeleteDays: 91 }, {}), /softDeleteDays/);
    });
});
