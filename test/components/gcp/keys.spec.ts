import assert from "node:assert/strict";
import { defaultIdentity } from "../../../checker/mocks";
import { Keys, rotationPeriod, serviceAgents } from "../../../components/gcp/keys";
import { record } from "../../support/record";
import { gcpConfig, project, region, tenant } from "./support";

const cryptoKeyType = "gcp:kms/cryptoKey:CryptoKey";
const grantType = "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember";

describe("gcp Keys", () => {
    it("creates a symmetric key rotated every 90 days that the provider refuses to delete", async () => {
        const r = await record(() => { new Keys("k", { tenant, project, region }); }, { config: gcpConfig });
        const key = r.one(cryptoKeyType).inputs;
        assert.equal(key.purpose, "ENCRYPT_DECRYPT");
        assert.equal(key.rotationPeriod, "7776000s");
        assert.equal(key.deletionPolicy, "PREVENT");
        assert.equal(key.destroyScheduledDuration, "2592000s");
        assert.deepEqual((key.versionTemplate as any).protectionLevel, "HSM");
    });

    it("puts the key ring in the hospital's region", async () => {
        const r = await record(() => { new Keys("k", { tenant, project, region }); }, { config: gcpConfig });
        assert.equal(r.one("gcp:kms/keyRing:KeyRing").inputs.location, region);
    });

    it("labels the key with tenant, environment and data-classification", async () => {
        const r = await record(() => { new Keys("k", { tenant, project, region, environment: "staging" }); }, { config: gcpConfig });
        assert.deepEqual(r.one(cryptoKeyType).inputs.labels,
            { tenant, environment: "staging", "data-classification": "phi", "managed-by": "hipaa-cloud" });
    });

    it("grants encrypt/decrypt to each Google service agent that uses the key", async () => {
        const r = await record(() => { new Keys("k", { tenant, project, region }); }, { config: gcpConfig });
        const members = Object.fromEntries(r.ofType(grantType).map(g => [g.name.replace(/^k-|-agent$/g, ""), g.inputs]));
        assert.deepEqual(Object.keys(members).sort(), [...serviceAgents].sort());
        for (const g of Object.values(members)) assert.equal(g.role, "roles/cloudkms.cryptoKeyEncrypterDecrypter");
        const n = defaultIdentity.gcpProjectNumber; // the project number the mocks hand out
        assert.equal(members.storage.member, `serviceAccount:service-${n}@gs-project-accounts.iam.gserviceaccount.com`);
        assert.equal(members.bigquery.member, `serviceAccount:bq-${n}@bigquery-encryption.iam.gserviceaccount.com`);
        assert.equal(members.healthcare.member, `serviceAccount:service-${n}@gcp-sa-healthcare.iam.gserviceaccount.com`);
        assert.equal(members.dataproc.member, `serviceAccount:service-${n}@dataproc-accounts.iam.gserviceaccount.com`);
        assert.equal(members.compute.member, `serviceAccount:service-${n}@compute-system.iam.gserviceaccount.com`);
        assert.equal(members.logging.member, `serviceAccount:service-${n}@gcp-sa-logging.iam.gserviceaccount.com`);
    });

    it("materialises the Healthcare agent with a ServiceIdentity before granting it", async () => {
        const r = await record(() => { new Keys("k", { tenant, project, region, agents: ["healthcare"] }); }, { config: gcpConfig });
        const identity = r.one("gcp:projects/serviceIdentity:ServiceIdentity");
        assert.equal(identity.inputs.service, "healthcare.googleapis.com");
        assert.ok(r.one(grantType).dependencies.includes(identity.urn));
    });

    it("grants only the agents asked for", async () => {
        const r = await record(() => { new Keys("k", { tenant, project, region, agents: ["storage", "bigquery"] }); }, { config: gcpConfig });
        assert.deepEqual(r.ofType(grantType).map(g => g.name).sort(), ["k-bigquery-agent", "k-storage-agent"]);
    });

    it("protects the key ring and key in prod", async () => {
        const r = await record(() => { new Keys("k", { tenant, project, region, environment: "prod" }); }, { config: gcpConfig });
        assert.equal(r.one(cryptoKeyType).protect, true);
        assert.equal(r.one("gcp:kms/keyRing:KeyRing").protect, true);
    });

    it("does not protect them in dev", async () => {
        const r = await record(() => { new Keys("k", { tenant, project, region, environment: "dev" }); }, { config: gcpConfig });
        assert.equal(r.one(cryptoKeyType).protect, false);
        assert.equal(r.one("gcp:kms/keyRing:KeyRing").protect, false);
    });

    it("refuses a rotation period longer than 90 days or shorter than 2", () => {
        assert.throws(() => rotationPeriod(91), /rotationDays.*2 to 90/);
        assert.throws(() => rotationPeriod(1), /rotationDays/);
        assert.equal(rotationPeriod(30), "2592000s");
    });
});
