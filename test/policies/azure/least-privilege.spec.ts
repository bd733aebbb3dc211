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
        it("fails the roles that grant any role (User Access Administrator, RBAC Administrator) on the subscription, as Owner", () => {
            for (const guid of ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "f58310d9-a9f6-439a-9e8d-f62e7b41a168"]) {
                assertOneViolation(findingsOf(rules.roleAssignment, assignment(`/providers/Microsoft.Authorization/roleDefinitions/${guid}`, sub)), "roleDefinitionId", { control: C });
            }
        });
        it("fails Owner on the tenant root, and a role id with a trailing slash", () => {
            assertOneViolation(findingsOf(rules.roleAssignment, assignment(owner, "/")), "roleDefinitionId", { control: C });
            assertOneViolation(findingsOf(rules.roleAssignment, assignment(`${owner}/`, sub)), "roleDefinitionId", { control: C });
        });
        it("reads a scope, role id and action loosely: a hidden, full-width or blank character never narrows them", () => {
            for (const scope of [`${sub}\u200b`, `${sub.replace("subscriptions", "ｓｕｂｓｃｒｉｐｔｉｏｎｓ")}`, ` ${sub} `, "/\u2060", `\ufeff${sub}/`, `${sub}//`, "//"]) {
                assertOneViolation(findingsOf(rules.roleAssignment, assignment(owner, scope)), "roleDefinitionId", { control: C });
            }
            for (const role of [`${owner}\u200b`, `${owner.replace("8e3af657", "８e3af657")}`, `${owner} `]) {
                assertOneViolation(findingsOf(rules.roleAssignment, assignment(role, sub)), "roleDefinitionId", { control: C });
            }
            const role = (actions: unknown, assignableScopes: unknown) => resource("azure-native:authorization:RoleDefinition",
                { scope: sub, roleName: "ops", permissions: [{ actions, notActions: [] }], assignableScopes }, { name: "role" });
            assertOneViolation(findingsOf(rules.customRoleDefinition, role(["*\u200b"], [sub])), "permissions[0].actions[0]", { control: C });
            assertOneViolation(findingsOf(rules.customRoleDefinition, role(["*"], [`${sub}\u200b`])), "permissions[0].actions[0]", { control: C });
        });
    });
    describe("azure-least-privilege-custom-role-definition", () => {
        const role = (actions: unknown, assignableScopes?: unknown) => resource("azure-native:authorization:RoleDefinition",
            { scope: sub, roleName: "ops", permissions: [{ actions, notActions: [] }], assignableScopes }, { name: "role" });
        it("fails a wildcard or role-assignment action in a role assignable on a subscription (an Owner under another name)", () => {
            assertOneViolation(findingsOf(rules.customRoleDefinition, role(["*"])), "permissions[0].actions[0]", { control: C });
            assertOneViolation(findingsOf(rules.customRoleDefinition, role(["Microsoft.Storage/storageAccounts/read", "Microsoft.Authorization/*"], [sub])), "permissions[0].actions[1]", { control: C });
            assertOneViolation(findingsOf(rules.customRoleDefinition, role(["microsoft.authorization/roleAssignments/write"], [rgId, "/"])), "permissions[0].actions[0]", { control: C });
        });
        it("passes named actions, and a wildcard role assignable on a resource group only", () => {
            assertNoFinding(findingsOf(rules.customRoleDefinition, role(["Microsoft.Storage/storageAccounts/read"])));
            assertNoFinding(findingsOf(rules.customRoleDefinition, role(["*"], [rgId])));
        });
        it("reports unknown actions or scopes as unknown", () => {
            assertOnlyUnknown(findingsOf(rules.customRoleDefinition, role(UNKNOWN)), "permissions");
            assertOnlyUnknown(findingsOf(rules.customRoleDefinition, role(["*"], UNKNOWN)), "assignableScopes");
        });
    });
});
