import assert from "node:assert/strict";
import { Imaging } from "../../../components/azure/imaging";
import { privateLinkZones } from "../../../components/azure/network";
import { Recorded } from "../../support/record";
import { recordWith } from "./harness";

const DICOM = "azure-native:healthcareapis:DicomService";

describe("azure Imaging", () => {
    let r: Recorded;
    before(async () => {
        r = await recordWith(({ args, network, audit, keys }) => { new Imaging("img", { ...args, network, audit, key: keys }); }, ["dicom"]);
    });

    it("encrypts DICOM with the hospital key through a user-assigned identity granted before the service", () => {
        const dicom = r.one(DICOM);
        const d = dicom.inputs as any;
        assert.equal(d.encryption.customerManagedKeyEncryption.keyEncryptionKeyUrl, "https://vault.vault.azure.net/keys/phi");
        assert.equal(d.identity.type, "UserAssigned");
        assert.match(d.identity.userAssignedIdentities[0], /UserAssignedIdentity\/stlukes-prod-dicom-cmk$/);
        const grant = r.one("azure-native:authorization:RoleAssignment", "keys-dicom-key-user");
        assert.ok(dicom.dependencies.includes(grant.urn));
    });

    it("puts a private endpoint with the workspace and DICOM DNS zones on the Health Data Services workspace", () => {
        const pe = r.ofType("azure-native:network:PrivateEndpoint").find(p => p.name === "img-workspace-pe")!.inputs as any;
        assert.deepEqual(pe.privateLinkServiceConnections[0].groupIds, ["healthcareworkspace"]);
        assert.match(pe.privateLinkServiceConnections[0].privateLinkServiceId, /healthcareapis\/Workspace\//);
        const group = r.ofType("azure-native:network:PrivateDnsZoneGroup").find(g => g.name === "img-workspace-pe-dns")!.inputs as any;
        const zoneIds = group.privateDnsZoneConfigs.map((c: any) => c.privateDnsZoneId as string);
        for (const zone of privateLinkZones.healthcareworkspace) assert.ok(zoneIds.some((id: string) => id.endsWith(`/${zone}`)), zone);
    });

    it("sends the DICOM service's audit logs to the audit workspace", () => {
        const diag = r.one("azure-native:monitor:DiagnosticSetting", "img-dicom-diagnostics").inputs as any;
        assert.match(diag.resourceUri, /healthcareapis\/DicomService\//);
        assert.deepEqual(diag.logs, [{ categoryGroup: "audit", enabled: true }]);
    });

    it("protects the workspace and DICOM service in prod and tags them", () => {
        for (const type of ["azure-native:healthcareapis:Workspace", DICOM]) {
            const res = r.one(type);
            assert.equal(res.protect, true, type);
            assert.equal((res.inputs as any).tags["data-classification"], "phi", type);
            assert.equal((res.inputs as any).tags.tenant, "stlukes", type);
        }
    });
});
