import * as rules from "../../../policies/azure/least-privilege";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertFails, assertPasses, assertUnknown, res, rgId, runOn, storageAccount, sub, vault, withProp } from "./fixtures";

const C = "LEAST-PRIVILEGE";
const owner = `${sub}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`;
const contributor = "/providers/Microsoft.Authorization/roleDefinitions/B24988AC-6180-42A0-AB88-20F7382DD24C";
const cryptoUser = `${sub}/providers/Microsoft.Authorization/roleDefinitions/e147488a-f6f5-4113-8e2d-b22465e65bf6`;
const assignment = (roleDefinitionId: unknown, scope: unknown) => res("azure-native:authorization:RoleAssignment", "ra", { principalId: "p", principalType: "ServicePrincipal", roleDefinitionId, scope });

describe("azure LEAST-PRIVILEGE", () => {
    describe("azure-least-privilege-key-vault", () => {
        it("passes RBAC authorisation", () => assertPasses(runOn(rules.keyVault, vault())));
        it("fails access policies (RBAC unset)", () => assertFails(runOn(rules.keyVault, withProp(vault(), "properties.enableRbacAuthorization", undefined)), C, "properties.enableRbacAuthorization"));
    });
    describe("azure-least-privilege-storage-account", () => {
        it("passes no shared key and OAuth by default", () => assertPasses(runOn(rules.storageAccount, storageAccount())));
        it("fails shared key left to its default (allowed)", () => assertFails(runOn(rules.storageAccount, withProp(storageAccount(), "allowSharedKeyAccess", undefined)), C, "allowSharedKeyAccess"));
        it("fails OAuth not the default", () => assertFails(runOn(rules.storageAccount, withProp(storageAccount(), "defaultToOAuthAuthentication", false)), C, "defaultToOAuthAuthentication"));
        it("accepts \"false\" as a string", () => assertPasses(runOn(rules.storageAccount, withProp(storageAccount(), "allowSharedKeyAccess", "false"))));
    });
    describe("azure-least-privilege-role-assignment", () => {
        it("passes a narrow role on a vault", () => assertPasses(runOn(rules.roleAssignment, assignment(cryptoUser, `${rgId}/providers/Microsoft.KeyVault/vaults/kv`))));
        it("passes Contributor on a resource group", () => assertPasses(runOn(rules.roleAssignment, assignment(contributor, rgId))));
        it("fails Owner on the subscription", () => assertFails(runOn(rules.roleAssignment, assignment(owner, sub)), C, "roleDefinitionId"));
        it("fails Contributor (GUID in upper case) on a management group", () =>
            assertFails(runOn(rules.roleAssignment, assignment(contributor, "/providers/Microsoft.Management/managementGroups/hospital")), C, "roleDefinitionId"));
        it("reports Owner on a scope unknown at preview as advisory", () => assertUnknown(runOn(rules.roleAssignment, assignment(owner, UNKNOWN)), "scope"));
    });
});
