import assert from "node:assert/strict";
import type { Environment } from "../../../components/config";
import { Keys } from "../../../components/gcp/keys";
import { datasetAccesses, Warehouse } from "../../../components/gcp/warehouse";
import { record } from "../../support/record";
import { dependsOn, gcpConfig, project, region, tenant } from "./support";

const datasetType = "gcp:bigquery/dataset:Dataset";

async function warehouseStack(environment: Environment = "prod", admins = ["group:phi-admins@mercy.org"], readers: string[] = []) {
    return record(() => {
        const keys = new Keys("k", { tenant, project, region, environment, agents: ["bigquery"] });
        new Warehouse("w", { tenant, project, region, environment, key: keys.keyId, keyGrant: keys.grants.bigquery!, admins, readers });
    }, { config: gcpConfig });
}

describe("gcp Warehouse", () => {
    it("encrypts new tables with the tenant's key by default", async () => {
        const dataset = (await warehouseStack()).one(datasetType).inputs as any;
        assert.match(dataset.defaultEncryptionConfiguration.kmsKeyName, /\/cryptoKeys\/mercy-phi$/);
    });

    it("creates the dataset only after the BigQuery encryption agent may use the key", async () => {
        const r = await warehouseStack();
        assert.ok(dependsOn(r.one(datasetType), r.one("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "k-bigquery-agent")));
    });

    it("lets in only the tenant's principals, by their kind", async () => {
        const dataset = (await warehouseStack("prod", ["group:phi-admins@mercy.org", "user:cio@mercy.org"], ["serviceAccount:etl@p.iam.gserviceaccount.com", "domain:mercy.org"])).one(datasetType).inputs;
        assert.deepEqual(dataset.accesses, [
            { role: "OWNER", groupByEmail: "phi-admins@mercy.org" },
            { role: "OWNER", userByEmail: "cio@mercy.org" },
            { role: "READER", userByEmail: "etl@p.iam.gserviceaccount.com" },
            { role: "READER", domain: "mercy.org" },
        ]);
    });

    it("leaves ownership to the project's owners when no administrator is named", () => {
        assert.deepEqual(datasetAccesses([], []), [{ role: "OWNER", specialGroup: "projectOwners" }]);
    });

    it("refuses allUsers and allAuthenticatedUsers", () => {
        assert.throws(() => datasetAccesses(["allUsers"], []), /admins.*allUsers/);
        assert.throws(() => datasetAccesses([], ["allAuthenticatedUsers"]), /readers.*allAuthenticatedUsers/);
    });

    it("keeps seven days of time travel and its tables on destroy", async () => {
        const dataset = (await warehouseStack()).one(datasetType).inputs;
        assert.equal(dataset.maxTimeTravelHours, "168");
        assert.equal(dataset.deleteContentsOnDestroy, false);
        assert.equal(dataset.deletionPolicy, "PREVENT");
        assert.equal(dataset.defaultTableExpirationMs, undefined);
    });

    it("lives in the hospital's region, labelled", async () => {
        const dataset = (await warehouseStack()).one(datasetType).inputs as any;
        assert.equal(dataset.location, region);
        assert.equal(dataset.datasetId, "mercy_phi");
        assert.equal(dataset.labels["data-classification"], "phi");
    });

    it("protects the dataset in prod but not in dev", async () => {
        assert.equal((await warehouseStack("prod")).one(datasetType).protect, true);
        assert.equal((await warehouseStack("dev")).one(datasetType).protect, false);
    });
});
