// Issue 16, image analysis on Azure: an AI services account (AI Vision) wherever a program declares it.
import { cognitiveAccount as encRestCmk } from "../../../policies/azure/enc-rest-cmk";
import { cognitiveAccount as identityAuthn } from "../../../policies/azure/identity-authn";
import { cognitiveAccountEndpoint } from "../../../policies/azure/network-private";
import { cognitiveAccount as publicAccess } from "../../../policies/azure/public-access";
import { phiResourceCoverage } from "../../../policies/azure/audit-log";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, assertViolations, findingsOf, resource, withProp } from "../../support/policies";
import { diagnosticSetting, privateEndpoint, rgId, tags } from "./baselines";

const account = resource("azure-native:cognitiveservices:Account", {
    resourceGroupName: "rg", location: "eastus", kind: "ComputerVision", tags,
    identity: { type: "UserAssigned", userAssignedIdentities: [`${rgId}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id`] },
    properties: {
        customSubDomainName: "stmary-vision", disableLocalAuth: true, publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "None" }, restrictOutboundNetworkAccess: true, allowedFqdnList: [],
        encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: { keyVaultUri: "https://stmary-kv.vault.azure.net/", keyName: "phi", identityClientId: "c" } },
    },
}, { name: "vision" });

describe("azure image analysis (AI services account)", () => {
    describe("azure-public-access-cognitive-account", () => {
        it("passes an account with public access disabled and network rules that deny (any case)", () => {
            assertNoFinding(findingsOf(publicAccess, account));
            assertNoFinding(findingsOf(publicAccess, withProp(account, "properties.publicNetworkAccess", "disabled")));
        });
        it("reports public access enabled or unset, and network rules that allow or are unset", () => {
            for (const [path, value, property] of [
                ["properties.publicNetworkAccess", "Enabled", "publicNetworkAccess"], ["properties.publicNetworkAccess", undefined, "publicNetworkAccess"],
                ["properties.publicNetworkAccess", " Disabled", "publicNetworkAccess"], ["properties.networkAcls", undefined, "networkAcls.defaultAction"],
                ["properties.networkAcls.defaultAction", "Allow", "networkAcls.defaultAction"], ["properties.publicNetworkAccess", false, "publicNetworkAccess"],
            ] as const) {
                assertOneViolation(findingsOf(publicAccess, withProp(account, path, value)), property, { control: "PUBLIC-ACCESS" });
            }
        });
        it("is unknown while public access is unknown", () => {
            assertOnlyUnknown(findingsOf(publicAccess, withProp(account, "properties.publicNetworkAccess", UNKNOWN)), "publicNetworkAccess");
        });
    });

    describe("azure-identity-authn-cognitive-account", () => {
        it("passes an account whose keys are refused", () => assertNoFinding(findingsOf(identityAuthn, account)));
        it("reports key authentication left on, unset or given as a look-alike", () => {
            for (const v of [false, undefined, "false", 1, "yes"]) assertOneViolation(findingsOf(identityAuthn, withProp(account, "properties.disableLocalAuth", v)), "disableLocalAuth", { control: "IDENTITY-AUTHN" });
        });
        it("is unknown while it is unknown", () => assertOnlyUnknown(findingsOf(identityAuthn, withProp(account, "properties.disableLocalAuth", UNKNOWN)), "disableLocalAuth"));
    });

    describe("azure-enc-rest-cmk-cognitive-account", () => {
        it("passes a Key Vault key", () => assertNoFinding(findingsOf(encRestCmk, account)));
        it("reports the Microsoft-managed key, no encryption, and a key without vault or name", () => {
            assertOneViolation(findingsOf(encRestCmk, withProp(account, "properties.encryption.keySource", "Microsoft.CognitiveServices")), "keySource", { control: "ENC-REST-CMK" });
            assertViolations(findingsOf(encRestCmk, withProp(account, "properties.encryption", undefined)), ["properties.encryption.keySource", "properties.encryption.keyVaultProperties.keyVaultUri", "properties.encryption.keyVaultProperties.keyName"], { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(encRestCmk, withProp(account, "properties.encryption.keyVaultProperties.keyVaultUri", "")), "keyVaultUri", { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(encRestCmk, withProp(account, "properties.encryption.keyVaultProperties.keyVaultUri", "http://kv.vault.azure.net/")), "keyVaultUri", { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(encRestCmk, withProp(account, "properties.encryption.keyVaultProperties.keyName", " ")), "keyName", { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(encRestCmk, withProp(account, "properties.encryption.keyVaultProperties.keyName", 7)), "keyName", { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(encRestCmk, withProp(account, "properties.encryption.keyVaultProperties.keyVaultUri", "https://example.com/")), "keyVaultUri", { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(encRestCmk, withProp(account, "properties.encryption.keyVaultProperties.keyName", "keys/phi")), "keyName", { control: "ENC-REST-CMK" });
        });
        it("is unknown while the key source is unknown", () => assertOnlyUnknown(findingsOf(encRestCmk, withProp(account, "properties.encryption.keySource", UNKNOWN)), "keySource"));
    });

    describe("azure-network-private-cognitive-account-endpoint", () => {
        it("passes an account with a private endpoint of group account", () => {
            assertNoFinding(findingsOf(cognitiveAccountEndpoint, [account, privateEndpoint("pe", account, ["account"])]));
        });
        it("reports an account with no private endpoint, or one of another group", () => {
            assertOneViolation(findingsOf(cognitiveAccountEndpoint, [account]), "groupIds", { control: "NETWORK-PRIVATE" });
            assertOneViolation(findingsOf(cognitiveAccountEndpoint, [account, privateEndpoint("pe", account, ["blob"])]), "groupIds", { control: "NETWORK-PRIVATE" });
        });
    });

    describe("azure-audit-log-phi-resource (an AI services account holds PHI in transit)", () => {
        it("passes an account with a diagnostic setting, and reports one without", () => {
            assertNoFinding(findingsOf(phiResourceCoverage, [account, diagnosticSetting("diag", account, UNKNOWN)]));
            assertOneViolation(findingsOf(phiResourceCoverage, [account]), "DiagnosticSetting", { control: "AUDIT-LOG" });
        });
    });
});

describe("azure-least-privilege-cognitive-role-assignment (issue 16: the workload's grant on one account)", () => {
    const role = (guid: string) => `/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
    const user = role("a97b65f3-24c7-4388-baec-2e87135dc908");
    const assignment = (scope: unknown, roleDefinitionId: unknown = user) => resource("azure-native:authorization:RoleAssignment", { scope, roleDefinitionId, principalId: "p" }, { name: "grant" });
    const accountId = `${rgId}/providers/Microsoft.CognitiveServices/accounts/stmary-vision`;
    it("passes Cognitive Services User on one account", async () => {
        const { cognitiveRoleAssignment } = await import("../../../policies/azure/least-privilege");
        assertNoFinding(findingsOf(cognitiveRoleAssignment, assignment(accountId)));
        assertNoFinding(findingsOf(cognitiveRoleAssignment, assignment(accountId.toUpperCase().replace("/SUBSCRIPTIONS/", "/subscriptions/"))));
    });
    it("reports a Cognitive Services role on a resource group, subscription, or something under an account", async () => {
        const { cognitiveRoleAssignment } = await import("../../../policies/azure/least-privilege");
        for (const scope of [rgId, "/subscriptions/00000000-0000-0000-0000-000000000001", `${accountId}/deployments/x`, "/", 7]) {
            assertOneViolation(findingsOf(cognitiveRoleAssignment, assignment(scope)), "scope", { control: "LEAST-PRIVILEGE" });
        }
        assertOneViolation(findingsOf(cognitiveRoleAssignment, assignment(rgId, role("5E0BD9BD-7B93-4F28-AF87-19FC36AD61BD"))), "scope", { control: "LEAST-PRIVILEGE" });
    });
    it("is unknown while the scope is, and leaves other roles not judged by it", async () => {
        const { cognitiveRoleAssignment } = await import("../../../policies/azure/least-privilege");
        assertOnlyUnknown(findingsOf(cognitiveRoleAssignment, assignment(UNKNOWN)), "scope");
        assertNoFinding(findingsOf(cognitiveRoleAssignment, assignment(rgId, role("ba92f5b4-2d11-453d-a403-e96b0029c9fe"))));
    });
});
