import assert from "node:assert/strict";
import { ImageAnalysis } from "../../../components/azure/analysis";
import { builtInRoles } from "../../../components/azure/common";
import { privateLinkZones } from "../../../components/azure/network";
import { rules as azureRules } from "../../../policies/azure";
import { evaluate } from "../../../policies/lib/evaluate";
import { Recorded } from "../../support/record";
import { hospitalConfig, recordPlatform, recordWith } from "./harness";

const ACCOUNT = "azure-native:cognitiveservices:Account";
const resolved = <T>(o: { apply: (f: (v: T) => void) => unknown }) => new Promise<T>(resolve => o.apply(v => resolve(v)));

describe("azure ImageAnalysis", () => {
    let r: Recorded;
    let component: ImageAnalysis;
    before(async () => {
        r = await recordWith(({ args, network, audit, keys }) => { component = new ImageAnalysis("ia", { ...args, network, audit, key: keys }); }, ["analysis"]);
    });

    it("registers an AI Vision account under the component, keyless, private, outbound-restricted", () => {
        const account = r.one(ACCOUNT);
        assert.equal(account.parent, r.one("hipaa-cloud:azure:ImageAnalysis").urn);
        const a = account.inputs as any;
        assert.equal(a.kind, "ComputerVision");
        assert.equal(a.properties.disableLocalAuth, true);
        assert.equal(a.properties.publicNetworkAccess, "Disabled");
        assert.deepEqual(a.properties.networkAcls, { defaultAction: "Deny", bypass: "None", ipRules: [], virtualNetworkRules: [] });
        assert.equal(a.properties.restrictOutboundNetworkAccess, true);
        assert.deepEqual(a.properties.allowedFqdnList, []);
        assert.equal(a.properties.customSubDomainName, a.accountName);
    });

    it("encrypts with the hospital key through a user-assigned identity (a list, as azure-native 3 takes it) granted before the account", () => {
        const account = r.one(ACCOUNT);
        const a = account.inputs as any;
        assert.equal(a.identity.type, "UserAssigned");
        assert.ok(Array.isArray(a.identity.userAssignedIdentities));
        assert.match(a.identity.userAssignedIdentities[0], /UserAssignedIdentity\/stlukes-prod-analysis-cmk$/);
        assert.equal(a.properties.encryption.keySource, "Microsoft.KeyVault");
        assert.equal(a.properties.encryption.keyVaultProperties.keyName, "phi");
        assert.ok(a.properties.encryption.keyVaultProperties.keyVaultUri);
        assert.ok(a.properties.encryption.keyVaultProperties.identityClientId);
        assert.ok(account.dependencies.includes(r.one("azure-native:authorization:RoleAssignment", "keys-analysis-key-user").urn));
    });

    it("puts a private endpoint (group account) with its privatelink.cognitiveservices zone group on the account", () => {
        const pe = r.ofType("azure-native:network:PrivateEndpoint").find(p => p.name === "ia-vision-pe")!.inputs as any;
        assert.deepEqual(pe.privateLinkServiceConnections[0].groupIds, ["account"]);
        const group = r.ofType("azure-native:network:PrivateDnsZoneGroup").find(g => g.name === "ia-vision-pe-dns")!.inputs as any;
        assert.deepEqual(privateLinkZones.account, ["privatelink.cognitiveservices.azure.com"]);
        assert.ok(group.privateDnsZoneConfigs[0].privateDnsZoneId.endsWith("/privatelink.cognitiveservices.azure.com"));
    });

    it("sends every log category to the hospital's workspace", () => {
        const diag = r.one("azure-native:monitor:DiagnosticSetting", "ia-vision-diagnostics").inputs as any;
        assert.match(diag.resourceUri, /cognitiveservices\/Account\//);
        assert.deepEqual(diag.logs, [{ categoryGroup: "allLogs", enabled: true }]);
    });

    it("lets only the workload identity call it, as Cognitive Services User on the account", async () => {
        const grant = r.one("azure-native:authorization:RoleAssignment", "ia-workload-user").inputs as any;
        assert.match(grant.scope, /cognitiveservices\/Account\//);
        assert.ok(grant.roleDefinitionId.endsWith(`/roleDefinitions/${builtInRoles.cognitiveServicesUser}`));
        assert.equal(grant.principalType, "ServicePrincipal");
        assert.equal(await resolved(component.callerIdentity), await resolved(component.workloadIdentity.principalId));
        assert.match(await resolved<string>(component.endpoint), /^https:\/\/stlukes-prod-vision\.cognitiveservices\.azure\.com\/$/);
    });

    it("composed by HospitalPlatform for analysis: no mandatory finding and every cloud resource judged", async () => {
        const p = await recordPlatform(hospitalConfig({ services: ["storage", "analysis"] }));
        assert.equal(p.ofType(ACCOUNT).length, 1);
        const mandatory = evaluate(azureRules, p.policyResources).filter(f => f.enforcement === "mandatory" && !f.exempted);
        assert.deepEqual(mandatory.map(f => f.message), []);
        const without = await recordPlatform(hospitalConfig({ services: ["storage", "imaging"] }));
        assert.equal(without.ofType(ACCOUNT).length, 0);
        assert.equal(without.ofType("azure-native:privatedns:PrivateZone").filter(z => (z.inputs as any).privateZoneName.includes("cognitiveservices")).length, 0);
    });
});
