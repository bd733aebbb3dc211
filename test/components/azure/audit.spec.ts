import assert from "node:assert/strict";
import { activityLogCategories, auditProblems, auditTables } from "../../../components/azure/audit";
import { Recorded } from "../../support/record";
import { recordWith } from "./harness";

describe("azure Audit", () => {
    let r: Recorded;
    before(async () => { r = await recordWith(() => undefined, []); });

    it("makes a Log Analytics workspace closed to public ingestion and query, without shared keys", () => {
        const w = r.one("azure-native:operationalinsights:Workspace").inputs as any;
        assert.equal(w.publicNetworkAccessForIngestion, "Disabled");
        assert.equal(w.publicNetworkAccessForQuery, "Disabled");
        assert.equal(w.features.disableLocalAuth, true);
        assert.equal(w.location, "eastus2");
    });

    it("keeps every audit table six years", () => {
        const tables = r.ofType("azure-native:operationalinsights:Table");
        assert.deepEqual(tables.map(t => (t.inputs as any).tableName).sort(), [...auditTables].sort());
        for (const t of tables) assert.equal((t.inputs as any).totalRetentionInDays, 2192, t.name);
    });

    it("sends every category of the subscription activity log to the workspace", () => {
        const s = r.one("azure-native:monitor:SubscriptionDiagnosticSetting").inputs as any;
        assert.match(s.workspaceId, /operationalinsights\/Workspace\//);
        assert.deepEqual(s.logs.map((l: any) => l.category).sort(), [...activityLogCategories].sort());
        assert.ok(s.logs.every((l: any) => l.enabled === true));
    });

    it("reaches the workspace through a private-only Azure Monitor private link scope", () => {
        const scope = r.one("azure-native:monitor:PrivateLinkScope").inputs as any;
        assert.deepEqual(scope.accessModeSettings, { ingestionAccessMode: "PrivateOnly", queryAccessMode: "PrivateOnly" });
        const linked = r.one("azure-native:monitor:PrivateLinkScopedResource").inputs as any;
        assert.match(linked.linkedResourceId, /operationalinsights\/Workspace\//);
        const pe = r.ofType("azure-native:network:PrivateEndpoint").find(p => p.name === "audit-ampls-pe")!.inputs as any;
        assert.deepEqual(pe.privateLinkServiceConnections[0].groupIds, ["azuremonitor"]);
        const zones = r.ofType("azure-native:network:PrivateDnsZoneGroup").find(g => g.name === "audit-ampls-pe-dns")!.inputs as any;
        assert.equal(zones.privateDnsZoneConfigs.length, 5);
    });

    it("sends the logs of every network security group to the workspace", () => {
        const nsgs = r.ofType("azure-native:network:NetworkSecurityGroup");
        const diagnosed = r.ofType("azure-native:monitor:DiagnosticSetting").map(d => (d.inputs as any).resourceUri as string);
        assert.equal(nsgs.length, 2);
        for (const nsg of nsgs) {
            const name = (nsg.inputs as any).networkSecurityGroupName;
            assert.ok(diagnosed.some(uri => uri.endsWith(`/${name}`)), name);
        }
    });

    it("protects and locks the workspace in prod", () => {
        assert.equal(r.one("azure-native:operationalinsights:Workspace").protect, true);
        assert.ok(r.ofType("azure-native:authorization:ManagementLockByScope").some(l => l.name === "audit-workspace-lock"));
    });

    it("refuses audit retention under six years or beyond the Log Analytics limit", () => {
        assert.deepEqual(auditProblems({}), []);
        assert.match(auditProblems({ auditDays: 365 }).join(), /'auditDays'/);
        assert.match(auditProblems({ auditDays: 5000 }).join(), /'auditDays'/);
        assert.match(auditProblems({ interactiveDays: 7 }).join(), /'interactiveDays'/);
    });
});
