import assert from "node:assert/strict";
import { keysProblems, isoDays } from "../../../components/azure/keys";
import { builtInRoles } from "../../../components/azure/common";
import { Recorded } from "../../support/record";
import { recordWith } from "./harness";

describe("azure Keys", () => {
    let r: Recorded;
    before(async () => { r = await recordWith(() => undefined, ["storage", "dicom"]); });

    it("makes an RBAC Key Vault with purge protection, 90-day soft delete and no public network", () => {
        const p = (r.one("azure-native:keyvault:Vault").inputs as any).properties;
        assert.equal(p.enableRbacAuthorization, true);
        assert.equal(p.enablePurgeProtection, true);
        assert.equal(p.enableSoftDelete, true);
        assert.equal(p.softDeleteRetentionInDays, 90);
        assert.equal(p.publicNetworkAccess, "Disabled");
        assert.equal(p.networkAcls.defaultAction, "Deny");
        assert.equal(p.networkAcls.bypass, "AzureServices");
        assert.equal(p.tenantId, "00000000-0000-0000-0000-0000000000aa");
    });

    it("finds only its own consumers: a name Object has ('constructor', 'toString') is no consumer", async () => {
        const found: string[] = [];
        await recordWith(({ keys }) => {
            for (const name of ["storage", "constructor", "toString", "__proto__"]) {
                try { keys.consumer(name); found.push(name); } catch (e) { assert.match(String(e), /no key consumer/); }
            }
        }, ["storage"]);
        assert.deepEqual(found, ["storage"]);
    });

    it("makes an RSA 3072 key that rotates every 90 days and expires after two years", () => {
        const p = (r.one("azure-native:keyvault:Key").inputs as any).properties;
        assert.equal(p.kty, "RSA");
        assert.equal(p.keySize, 3072);
        assert.deepEqual(p.rotationPolicy.lifetimeActions.find((a: any) => a.action.type === "rotate").trigger, { timeAfterCreate: "P90D" });
        assert.equal(p.rotationPolicy.attributes.expiryTime, "P2Y");
    });

    it("gives each consumer its own identity granted Crypto Service Encryption User on the key", () => {
        const identities = r.ofType("azure-native:managedidentity:UserAssignedIdentity");
        assert.deepEqual(identities.map(i => i.name).sort(), ["keys-dicom-identity", "keys-storage-identity"]);
        for (const consumer of ["storage", "dicom"]) {
            const grant = r.one("azure-native:authorization:RoleAssignment", `keys-${consumer}-key-user`).inputs as any;
            assert.equal(grant.principalId, `keys-${consumer}-identity-principal`);
            assert.ok(grant.roleDefinitionId.endsWith(`/roleDefinitions/${builtInRoles.cryptoServiceEncryptionUser}`));
            assert.match(grant.roleDefinitionId, /^\/subscriptions\/00000000-0000-0000-0000-000000000001\//);
            assert.match(grant.scope, /\/Key\/phi$/, "scoped to the key, not the vault or subscription");
            assert.equal(grant.principalType, "ServicePrincipal");
        }
    });

    it("reaches the vault only through a private endpoint on the vault group id and logs its audit events", () => {
        const pe = r.ofType("azure-native:network:PrivateEndpoint").find(p => p.name === "keys-vault-pe")!.inputs as any;
        assert.deepEqual(pe.privateLinkServiceConnections[0].groupIds, ["vault"]);
        assert.match(pe.privateLinkServiceConnections[0].privateLinkServiceId, /\/Vault\//);
        const diag = r.one("azure-native:monitor:DiagnosticSetting", "keys-vault-diagnostics").inputs as any;
        assert.match(diag.resourceUri, /\/Vault\//);
        assert.deepEqual(diag.logs, [{ categoryGroup: "audit", enabled: true }]);
    });

    it("protects the vault and key in prod and locks the vault against deletion", () => {
        assert.equal(r.one("azure-native:keyvault:Vault").protect, true);
        assert.equal(r.one("azure-native:keyvault:Key").protect, true);
        const lock = r.ofType("azure-native:authorization:ManagementLockByScope").find(l => l.name === "keys-vault-lock")!.inputs as any;
        assert.equal(lock.level, "CanNotDelete");
    });

    it("does not protect or lock the vault in dev", async () => {
        const dev = await recordWith(() => undefined, ["storage"], "dev");
        assert.equal(dev.one("azure-native:keyvault:Vault").protect, false);
        assert.equal(dev.one("azure-native:keyvault:Key").protect, false);
        assert.equal(dev.ofType("azure-native:authorization:ManagementLockByScope").length, 0);
    });

    it("refuses key sizes DICOM cannot use and rotation periods beyond a year", () => {
        assert.deepEqual(keysProblems({ consumers: ["storage"] }), []);
        assert.match(keysProblems({ consumers: [], keySize: 4096 as 2048 }).join(), /'keySize' must be 2048 or 3072/);
        assert.match(keysProblems({ consumers: [], rotateAfter: "P2Y" }).join(), /'rotateAfter'/);
        assert.equal(isoDays("P3M"), 90);
        assert.equal(isoDays("P1W"), undefined);
    });
});
