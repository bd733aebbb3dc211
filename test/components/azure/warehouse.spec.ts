import assert from "node:assert/strict";
import { SynapseWorkspace } from "../../../components/azure/synapse";
import { Warehouse } from "../../../components/azure/warehouse";
import { Recorded } from "../../support/record";
import { recordWith } from "./harness";

const POOL = "azure-native:synapse:SqlPool";

describe("azure Warehouse", () => {
    let r: Recorded;
    before(async () => {
        r = await recordWith(({ args, network, audit, keys }) => {
            const workspace = new SynapseWorkspace("syn", { ...args, network, audit, key: keys });
            new Warehouse("dw", { ...args, workspace, audit });
        }, ["synapse"]);
    });

    it("keeps geo-redundant backups", () => {
        assert.equal((r.one(POOL).inputs as any).storageAccountType, "GRS");
    });

    it("turns transparent data encryption on for the pool", () => {
        const tde = r.one("azure-native:synapse:SqlPoolTransparentDataEncryption").inputs as any;
        assert.equal(tde.status, "Enabled");
        assert.equal(tde.sqlPoolName, "warehouse");
    });

    it("runs in the shared workspace, after its key is active", () => {
        const p = r.one(POOL);
        assert.equal((p.inputs as any).workspaceName, (r.one("azure-native:synapse:Workspace").inputs as any).workspaceName);
        assert.ok(p.dependencies.includes(r.one("azure-native:synapse:Key").urn));
    });

    it("sends the pool's logs to the audit workspace", () => {
        const diag = r.one("azure-native:monitor:DiagnosticSetting", "dw-pool-diagnostics").inputs as any;
        assert.match(diag.resourceUri, /synapse\/SqlPool\/warehouse$/);
    });

    it("is protected and locked in prod", () => {
        assert.equal(r.one(POOL).protect, true);
        assert.ok(r.ofType("azure-native:authorization:ManagementLockByScope").some(l => l.name === "dw-pool-lock"));
    });

    it("refuses a SKU that is not a DWU performance level", async () => {
        await assert.rejects(recordWith(({ args, network, audit, keys }) => {
            const workspace = new SynapseWorkspace("syn", { ...args, network, audit, key: keys });
            new Warehouse("dw", { ...args, workspace, audit, sku: "Standard" });
        }, ["synapse"]), /'sku' must be a performance level/);
    });
});
