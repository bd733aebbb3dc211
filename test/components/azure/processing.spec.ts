import assert from "node:assert/strict";
import { Processing, sparkNodeShape } from "../../../components/azure/processing";
import { SynapseWorkspace } from "../../../components/azure/synapse";
import { Recorded } from "../../support/record";
import { recordWith } from "./harness";

const POOL = "azure-native:synapse:BigDataPool";

describe("azure Processing", () => {
    let r: Recorded;
    before(async () => {
        r = await recordWith(({ args, network, audit, keys }) => {
            const workspace = new SynapseWorkspace("syn", { ...args, network, audit, key: keys });
            new Processing("spark", { ...args, workspace, audit, profile: "genomics", workers: 2 });
        }, ["synapse"]);
    });

    it("gives the genomics profile memory-optimised XLarge nodes, at least three, pausing when idle", () => {
        const p = r.one(POOL).inputs as any;
        assert.equal(p.nodeSize, "XLarge");
        assert.equal(p.nodeSizeFamily, "MemoryOptimized");
        assert.equal(p.nodeCount, 3);
        assert.equal(p.autoPause.enabled, true);
        assert.equal(p.sessionLevelPackagesEnabled, false);
    });

    it("gives the analytics profile Medium memory-optimised nodes", () => {
        assert.deepEqual(sparkNodeShape("analytics"), { nodeSize: "Medium", nodeSizeFamily: "MemoryOptimized" });
    });

    it("runs in the shared workspace, after its key is active", () => {
        const p = r.one(POOL);
        assert.equal((p.inputs as any).workspaceName, (r.one("azure-native:synapse:Workspace").inputs as any).workspaceName);
        assert.ok(p.dependencies.includes(r.one("azure-native:synapse:Key").urn));
    });

    it("sends the pool's logs to the audit workspace", () => {
        const diag = r.one("azure-native:monitor:DiagnosticSetting", "spark-pool-diagnostics").inputs as any;
        assert.match(diag.resourceUri, /synapse\/BigDataPool\/genomics$/);
        assert.deepEqual(diag.logs, [{ categoryGroup: "allLogs", enabled: true }]);
    });
});
