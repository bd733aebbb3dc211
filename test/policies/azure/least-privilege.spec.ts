import * as rules from "../../../policies/azure/least-privilege";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, findingsOf, resource, withProp } from "../../support/policies";
import { rgId, storageAccount, sub, vault } from "./baselines";

const C = "LEAST-PRIVILEGE";
const owner = `${sub}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`;
const contributor = "/providers/Microsoft.Authorization/roleDefinitions/B24988AC-6180-42A0-AB88-20F7382DD24C";
const cryptoUser = `${sub}/providers/Microsoft.Authorization/roleDefinitions/e147488a-f6f5-4113-8e2d-b22465e65bf6`;
const assignment = (roleDefinitionId: unknown, scope: unknown) => resource("azure-native:authorization:RoleAssignment", { principalId: "p", principalType: "ServicePrincipal", roleDefinitionId, scope }, { name: "ra" });

describe("azure LEAST-PRIVILEGE", () => {
    describe("azure-least-privilege-key-vault", () => {
        it("passes RBAC authorisation", () => assertNoFinding(findingsOf(rules.keyVault, vault())));
        it("fails access policies (RBAC unset)", () => assertOneViolation(findingsOf(rules.keyVault, withProp(vault(), "properties.enableRbacAuthorization", undefined)), "properties.enableRbacAuthorization", { control: C }));
    });
    describe("azure-least-privilege-storage-account", () => {
        it("passes no shared key and OAuth by default", () => assertNoFinding(findingsOf(rules.storageAccount, storageAccount())));
        it("fails shared key left to its default (allowed)", () => assertOneViolation(findingsOf(rules.storageAccount, withProp(storageAccount(), "allowSharedKeyAccess", undefined)), "allowSharedKeyAccess", { control: C }));
        it("fails OAuth not the default", () => assertOneViolation(findingsOf(rules.storageAccount, withProp(storageAccount(), "defaultToOAuthAuthentication", false)), "defaultToOAuthAuthentication", { control: C }));
        it("accepts \"false\" as a string", () => assertNoFinding(findingsOf(rules.storageAccount, withProp(storageAccount(), "allowSharedKeyAccess", "false"))));
    });
    describe("azure-least-privilege-role-assignment", () => {
        it("passes a narrow role on a vault", () => assertNoFinding(findingsOf(rules.roleAssignment, assignment(cryptoUser, `${rgId}/providers/Microsoft.KeyVault/vaults/kv`))));
        it("passes Contributor on a resource group", () => assertNoFinding(findingsOf(rules.roleAssignment, assignment(contributor, rgId))));
        it("fails Owner on the subscription", () => assertOneViolation(findingsOf(rules.roleAssignment, assignment(owner, sub)), "roleDefinitionId", { control: C }));
        it("fails Contributor (GUID in upper case) on a management group", () =>
            assertOneViolation(findingsOf(rules.roleAssignment, assignment(contributor, "/providers/Microsoft.Management/managementGroups/hospital")), "roleDefinitionId", { control: C }));
        it("reports Owner on a scope unknown at preview as advisory", () => assertOnlyUnknown(findingsOf(rules.roleAssignment, assignment(owner, UNKNOWN)), "scope"));
    });
});
