import assert from "node:assert/strict";
import type { Environment } from "../../../components/config";
import { Imaging } from "../../../components/gcp/imaging";
import { Keys } from "../../../components/gcp/keys";
import { record } from "../../support/record";
import { dependsOn, gcpConfig, project, region, tenant } from "./support";

const datasetType = "gcp:healthcare/dataset:Dataset";
const storeType = "gcp:healthcare/dicomStore:DicomStore";

async function imagingStack(environment: Environment = "prod", admins = ["group:radiology-admins@mercy.org"], viewers: string[] = []) {
    return record(() => {
        const keys = new Keys("k", { tenant, project, region, environment, agents: ["healthcare"] });
        new Imaging("i", { tenant, project, region, environment, key: keys.keyId, keyGrant: keys.grants.healthcare!, admins, viewers });
    }, { config: gcpConfig });
}

describe("gcp Imaging", () => {
    it("encrypts the Healthcare dataset with the tenant's key, in the hospital's region", async () => {
        const dataset = (await imagingStack()).one(datasetType).inputs as any;
        assert.match(dataset.encryptionSpec.kmsKeyName, /\/cryptoKeys\/mercy-phi$/);
        assert.equal(dataset.location, region);
    });

    it("creates the dataset only after the Healthcare agent may use the key (the key is set at creation only)", async () => {
        const r = await imagingStack();
        assert.ok(dependsOn(r.one(datasetType), r.one("gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "k-healthcare-agent")));
    });

    it("puts a labelled DICOM store in the dataset", async () => {
        const r = await imagingStack();
        const store = r.one(storeType);
        assert.ok(store.propertyDependencies.dataset.includes(r.one(datasetType).urn));
        assert.equal((store.inputs as any).labels["data-classification"], "phi");
    });

    it("keeps the provider from deleting the dataset and the store", async () => {
        const r = await imagingStack();
        assert.equal(r.one(datasetType).inputs.deletionPolicy, "PREVENT");
        assert.equal(r.one(storeType).inputs.deletionPolicy, "PREVENT");
    });

    it("grants DICOM roles to the tenant's principals only", async () => {
        const r = await imagingStack("prod", ["group:radiology-admins@mercy.org"], ["group:radiologists@mercy.org"]);
        assert.deepEqual(r.ofType("gcp:healthcare/dicomStoreIamMember:DicomStoreIamMember").map(m => [m.inputs.role, m.inputs.member]), [
            ["roles/healthcare.dicomStoreAdmin", "group:radiology-admins@mercy.org"],
            ["roles/healthcare.dicomViewer", "group:radiologists@mercy.org"],
        ]);
    });

    it("refuses to grant allAuthenticatedUsers", async () => {
        await assert.rejects(imagingStack("prod", [], ["allAuthenticatedUsers"]), /viewers.*allAuthenticatedUsers/);
    });

    it("protects the dataset and store in prod but not in dev", async () => {
        const prod = await imagingStack("prod");
        const dev = await imagingStack("dev");
        assert.deepEqual([prod.one(datasetType).protect, prod.one(storeType).protect], [true, true]);
        assert.deepEqual([dev.one(datasetType).protect, dev.one(storeType).protect], [false, false]);
    });
});
