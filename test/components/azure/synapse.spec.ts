import assert from "node:assert/strict";
import { SynapseWorkspace, synapseGapTemplate, workspaceKeyName } from "../../../components/azure/synapse";
import { Recorded } from "../../support/record";
import { pinnedUrns } from "../../support/urns";
import { recordWith } from "./harness";

const WORKSPACE = "azure-native:synapse:Workspace";
const ADMIN = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

describe("azure SynapseWorkspace", () => {
    let r: Recorded;
    before(async () => {
        r = await recordWith(({ args, network, audit, keys }) => {
            new SynapseWorkspace("syn", { ...args, network, audit, key: keys, admins: [ADMIN] });
        }, ["synapse"]);
    });

    it("registers exactly the pinned URNs (test/components/urns/azure-synapse.txt)", () => {
        const { actual, expected } = pinnedUrns(r, "hipaa-cloud:azure:SynapseWorkspace", "azure-synapse");
        assert.deepEqual(actual, expected);
    });

    it("encrypts the workspace with the hospital key through its user-assigned identity", () => {
        const w = r.one(WORKSPACE).inputs as any;
        assert.equal(w.encryption.cmk.key.name, workspaceKeyName);
        assert.equal(w.encryption.cmk.key.keyVaultUrl, "https://vault.vault.azure.net/keys/phi");
        assert.match(w.encryption.cmk.kekIdentity.userAssignedIdentity, /UserAssignedIdentity\/stlukes-prod-synapse-cmk$/);
        assert.ok(w.identity.userAssignedIdentities.includes(w.encryption.cmk.kekIdentity.userAssignedIdentity));
    });

    it("creates the workspace after its identity's key grant and activates the key", () => {
        const grant = r.one("azure-native:authorization:RoleAssignment", "keys-synapse-key-user");
        assert.ok(r.one(WORKSPACE).dependencies.includes(grant.urn));
        const key = r.one("azure-native:synapse:Key").inputs as any;
        assert.equal(key.isActiveCMK, true);
        assert.equal(key.keyName, workspaceKeyName);
    });

    it("runs in a managed VNet with data-exfiltration protection, no public network, Entra-only and no SQL password", () => {
        const w = r.one(WORKSPACE).inputs as any;
        assert.equal(w.managedVirtualNetwork, "default");
        assert.equal(w.managedVirtualNetworkSettings.preventDataExfiltration, true);
        assert.equal(w.publicNetworkAccess, "Disabled");
        assert.equal(w.azureADOnlyAuthentication, true);
        assert.equal(w.sqlAdministratorLogin, undefined);
        assert.equal(w.sqlAdministratorLoginPassword, undefined);
        assert.equal(r.ofType("azure-native:synapse:IpFirewallRule").length, 0);
        assert.equal((r.one("azure-native:synapse:WorkspaceAadAdmin").inputs as any).sid, ADMIN);
    });

    it("stores its default data lake in a private, CMK-encrypted ADLS Gen2 account reached by a managed private endpoint", () => {
        const w = r.one(WORKSPACE).inputs as any;
        assert.equal(w.defaultDataLakeStorage.createManagedPrivateEndpoint, true);
        assert.equal(w.defaultDataLakeStorage.filesystem, "synapse");
        const lake = r.one("azure-native:storage:StorageAccount").inputs as any;
        assert.equal(lake.isHnsEnabled, true);
        assert.equal(lake.publicNetworkAccess, "Disabled");
        assert.equal(lake.encryption.keySource, "Microsoft.Keyvault");
    });

    it("has private endpoints for Sql, SqlOnDemand and Dev, each with its DNS zone group", () => {
        const endpoints = r.ofType("azure-native:network:PrivateEndpoint").filter(p => p.name.startsWith("syn-") && !p.name.startsWith("syn-datalake"));
        const groups = endpoints.map(p => (p.inputs as any).privateLinkServiceConnections[0].groupIds[0]).sort();
        assert.deepEqual(groups, ["Dev", "Sql", "SqlOnDemand"]);
        for (const pe of endpoints) {
            assert.match((pe.inputs as any).privateLinkServiceConnections[0].privateLinkServiceId, /synapse\/Workspace\//);
            assert.ok(r.ofType("azure-native:network:PrivateDnsZoneGroup").some(g => g.name === `${pe.name}-dns`), pe.name);
        }
    });

    it("deploys SQL auditing and the TLS 1.2 floor through an ARM template (G15)", () => {
        const d = r.one("azure-native:resources:Deployment").inputs as any;
        assert.equal(d.properties.mode, "Incremental");
        const types = d.properties.template.resources.map((x: any) => `${x.type}@${x.apiVersion}`);
        assert.deepEqual(types, ["Microsoft.Synapse/workspaces/auditingSettings@2021-06-01", "Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings@2021-06-01"]);
        const [auditing, tls] = synapseGapTemplate().resources as any[];
        assert.equal(auditing.properties.state, "Enabled");
        assert.equal(auditing.properties.isAzureMonitorTargetEnabled, true);
        assert.match(auditing.name, /\/default'\)\]$/);
        assert.equal(tls.properties.minimalTlsVersion, "1.2");
        assert.match(d.properties.parameters.workspaceName.value, /stlukes-prod-syn/);
    });

    it("sends the workspace's logs to the audit workspace", () => {
        const uris = r.ofType("azure-native:monitor:DiagnosticSetting").map(d => (d.inputs as any).resourceUri as string);
        assert.ok(uris.some(u => /synapse\/Workspace\/stlukes-prod-syn$/.test(u)));
    });

    it("protects the workspace in prod", () => {
        assert.equal(r.one(WORKSPACE).protect, true);
    });
});
