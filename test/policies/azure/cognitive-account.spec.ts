// Issue 16, image analysis on Azure: an AI services account (AI Vision) wherever a program declares it.
import { cognitiveAccount as encRestCmk } from "../../../policies/azure/enc-rest-cmk";
import { cognitiveAccount as identityAuthn } from "../../../policies/azure/identity-authn";
import { cognitiveAccountEndpoint } from "../../../policies/azure/network-private";
import { cognitiveAccount as publicAccess } from "../../../policies/azure/public-access";
import { phiResourceCoverage } from "../../../policies/azure/audit-log";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertFails, assertPasses, assertUnknown, diagnosticSetting, privateEndpoint, res, rgId, runOn, runStack, tags, withProp } from "./fixtures";

const account = res("azure-native:cognitiveservices:Account", "vision", {
    resourceGroupName: "rg", location: "eastus", kind: "ComputerVision", tags,
    identity: { type: "UserAssigned", userAssignedIdentities: [`${rgId}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id`] },
    properties: {
        customSubDomainName: "stmary-vision", disableLocalAuth: true, publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: "Deny", bypass: "None" }, restrictOutboundNetworkAccess: true, allowedFqdnList: [],
        encryption: { keySource: "Microsoft.KeyVault", keyVaultProperties: { keyVaultUri: "https://stmary-kv.vault.azure.net/", keyName: "phi", identityClientId: "c" } },
    },
});

describe("azure image analysis (AI services account)", () => {
    describe("azure-public-access-cognitive-account", () => {
        it("passes an account with public access disabled and network rules that deny (any case)", () => {
            assertPasses(runOn(publicAccess, account));
            assertPasses(runOn(publicAccess, withProp(account, "properties.publicNetworkAccess", "disabled")));
        });
        it("reports public access enabled or unset, and network rules that allow or are unset", () => {
            for (const [path, value, property] of [
                ["properties.publicNetworkAccess", "Enabled", "publicNetworkAccess"], ["properties.publicNetworkAccess", undefined, "publicNetworkAccess"],
                ["properties.publicNetworkAccess", " Disabled", "publicNetworkAccess"], ["properties.networkAcls", undefined, "networkAcls.defaultAction"],
                ["properties.networkAcls.defaultAction", "Allow", "networkAcls.defaultAction"], ["properties.publicNetworkAccess", false, "publicNetworkAccess"],
            ] as const) {
                assertFails(runOn(publicAccess, withProp(account, path, value)), "PUBLIC-ACCESS", property);
            }
        });
        it("is unknown while public access is unknown", () => {
            assertUnknown(runOn(publicAccess, withProp(account, "properties.publicNetworkAccess", UNKNOWN)), "publicNetworkAccess");
        });
    });

    describe("azure-identity-authn-cognitive-account", () => {
        it("passes an account whose keys are refused", () => assertPasses(runOn(identityAuthn, account)));
        it("reports key authentication left on, unset or given as a look-alike", () => {
            for (const v of [false, undefined, "false", 1, "yes"]) assertFails(runOn(identityAuthn, withProp(account, "properties.disableLocalAuth", v)), "IDENTITY-AUTHN", "disableLocalAuth");
        });
        it("is unknown while it is unknown", () => assertUnknown(runOn(identityAuthn, withProp(account, "properties.disableLocalAuth", UNKNOWN)), "disableLocalAuth"));
    });

    describe("azure-enc-rest-cmk-cognitive-account", () => {
        it("passes a Key Vault key", () => assertPasses(runOn(encRestCmk, account)));
        it("reports the Microsoft-managed key, no encryption, and a key without vault or name", () => {
            assertFails(runOn(encRestCmk, withProp(account, "properties.encryption.keySource", "Microsoft.CognitiveServices")), "ENC-REST-CMK", "keySource");
            assertFails(runOn(encRestCmk, withProp(account, "properties.encryption", undefined)), "ENC-REST-CMK", "keySource");
            assertFails(runOn(encRestCmk, withProp(account, "properties.encryption.keyVaultProperties.keyVaultUri", "")), "ENC-REST-CMK", "keyVaultUri");
            assertFails(runOn(encRestCmk, withProp(account, "properties.encryption.keyVaultProperties.keyVaultUri", "http://kv.vault.azure.net/")), "ENC-REST-CMK", "keyVaultUri");
            assertFails(runOn(encRestCmk, withProp(account, "properties.encryption.keyVaultProperties.keyName", " ")), "ENC-REST-CMK", "keyName");
            assertFails(runOn(encRestCmk, withProp(account, "properties.encryption.keyVaultProperties.keyName", 7)), "ENC-REST-CMK", "keyName");
        });
        it("is unknown while the key source is unknown", () => assertUnknown(runOn(encRestCmk, withProp(account, "properties.encryption.keySource", UNKNOWN)), "keySource"));
    });

    describe("azure-network-private-cognitive-account-endpoint", () => {
        it("passes an account with a private endpoint of group account", () => {
            assertPasses(runStack(cognitiveAccountEndpoint, [account, privateEndpoint("pe", account, ["account"])]));
        });
        it("reports an account with no private endpoint, or one of another group", () => {
            assertFails(runStack(cognitiveAccountEndpoint, [account]), "NETWORK-PRIVATE", "groupIds");
            assertFails(runStack(cognitiveAccountEndpoint, [account, privateEndpoint("pe", account, ["blob"])]), "NETWORK-PRIVATE", "groupIds");
        });
    });

    describe("azure-audit-log-phi-resource (an AI services account holds PHI in transit)", () => {
        it("passes an account with a diagnostic setting, and reports one without", () => {
            assertPasses(runStack(phiResourceCoverage, [account, diagnosticSetting("diag", account, UNKNOWN)]));
            assertFails(runStack(phiResourceCoverage, [account]), "AUDIT-LOG", "DiagnosticSetting");
        });
    });
});

describe("azure-least-privilege-cognitive-role-assignment (issue 16: the workload's grant on one account)", () => {
    const role = (guid: string) => `/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
    const user = role("a97b65f3-24c7-4388-baec-2e87135dc908");
    const assignment = (scope: unknown, roleDefinitionId: unknown = user) => res("azure-native:authorization:RoleAssignment", "grant", { scope, roleDefinitionId, principalId: "p" });
    const accountId = `${rgId}/providers/Microsoft.CognitiveServices/accounts/stmary-vision`;
    it("passes Cognitive Services User on one account", async () => {
        const { cognitiveRoleAssignment } = await import("../../../policies/azure/least-privilege");
        assertPasses(runOn(cognitiveRoleAssignment, assignment(accountId)));
        assertPasses(runOn(cognitiveRoleAssignment, assignment(accountId.toUpperCase().replace("/SUBSCRIPTIONS/", "/subscriptions/"))));
    });
    it("reports a Cognitive Services role on a resource group, subscription, or something under an account", async () => {
        const { cognitiveRoleAssignment } = await import("../../../policies/azure/least-privilege");
        for (const scope of [rgId, "/subscriptions/00000000-0000-0000-0000-000000000001", `${accountId}/deployments/x`, "/", 7]) {
            assertFails(runOn(cognitiveRoleAssignment, assignment(scope)), "LEAST-PRIVILEGE", "scope");
        }
        assertFails(runOn(cognitiveRoleAssignment, assignment(rgId, role("5E0BD9BD-7B93-4F28-AF87-19FC36AD61BD"))), "LEAST-PRIVILEGE", "scope");
    });
    it("is unknown while the scope is, and leaves other roles not judged by it", async () => {
        const { cognitiveRoleAssignment } = await import("../../../policies/azure/least-privilege");
        assertUnknown(runOn(cognitiveRoleAssignment, assignment(UNKNOWN)), "scope");
        assertPasses(runOn(cognitiveRoleAssignment, assignment(rgId, role("ba92f5b4-2d11-453d-a403-e96b0029c9fe"))));
    });
});
