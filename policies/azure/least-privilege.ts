// LEAST-PRIVILEGE on Azure: access goes through Entra ID and Azure RBAC, never shared keys or vault
// access policies, and nobody is Owner or Contributor of a whole subscription (CONTROLS.md 1b).
import { armReads, looseForm, terraformReads } from "../lib/inputs";
import { expect, expectGiven, resourceRule, Rule, Violation, notOfKind } from "../lib/rule";
import { asArray, containsUnknown, get, isUnknown, UNKNOWN } from "../lib/values";
import { T } from "./support/tokens";
import { C, eitherSpelling } from "./support/classic";

const controls = ["LEAST-PRIVILEGE"] as const;

export const keyVault = resourceRule({
    name: "azure-least-privilege-key-vault", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.vault],
    description: "A Key Vault authorises data actions with Azure RBAC (role assignments per identity), not vault access policies.",
    remediation: "Set properties.enableRbacAuthorization true (unset means access policies).",
    check: r => expect(r.props, "properties.enableRbacAuthorization", armReads.on, "true"),
});

export const storageAccount = resourceRule({
    name: "azure-least-privilege-storage-account", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.storageAccount],
    description: "A storage account refuses the shared account key (and SAS signed with it) and defaults to Entra ID authorisation.",
    remediation: "Set allowSharedKeyAccess false and defaultToOAuthAuthentication true.",
    check: r => [
        // Unset is true (SDK doc: "The default value is null, which is equivalent to true").
        ...expect(r.props, "allowSharedKeyAccess", armReads.off, "false"),
        ...expect(r.props, "defaultToOAuthAuthentication", armReads.on, "true"),
    ],
});

/**
 * Built-in role definition GUIDs (the same in every Azure cloud): Microsoft's "privileged administrator" roles that
 * manage everything, or grant any role to anyone (User Access Administrator and Role Based Access Control
 * Administrator can make themselves Owner).
 */
const broadRoles = new Map([
    ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner"],
    ["b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor"],
    ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator"],
    ["f58310d9-a9f6-439a-9e8d-f62e7b41a168", "Role Based Access Control Administrator"],
]);
const subscriptionScope = /^\/subscriptions\/[^/]+\/?$/i;
const managementGroupScope = /^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+\/?$/i;

/**
 * A scope over everything a subscription, management group or the tenant root ("/") holds, PHI stores included.
 * Read loosely (looseForm: blanks, invisible and full-width letters folded): a broad scope is the unsafe reading,
 * so "/subscriptions/<id>\u200b" must not pass for a narrow one.
 */
function isBroadScope(scope: unknown): boolean {
    if (typeof scope !== "string") return false;
    // Trailing slashes name the same scope ("/subscriptions/<id>//"); the root is "/" however many.
    const loose = looseForm(scope).replace(/\/+$/, "");
    return loose === "" || subscriptionScope.test(loose) || managementGroupScope.test(loose);
}

/** The role GUID a roleDefinitionId ends in, whatever case, trailing slash or hidden character (looseForm): "" when it names none. */
function roleGuid(role: unknown): string {
    return typeof role === "string" ? /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/*$/.exec(looseForm(role))?.[1] ?? "" : "";
}

export const roleAssignment = resourceRule({
    name: "azure-least-privilege-role-assignment", cloud: "azure", controls: [...controls], severity: "critical",
    types: [T.roleAssignment],
    description: "No role assignment grants Owner or Contributor on a whole subscription (or management group).",
    remediation: "Assign a narrower built-in role (e.g. Key Vault Crypto Service Encryption User, Storage Blob Data Reader) on the resource or resource group that needs it.",
    check: r => {
        const { roleDefinitionId: role, scope } = r.props;
        const missing = expectGiven(r.props, "roleDefinitionId", "a role narrower than Owner or Contributor");
        if (missing.length) return missing;
        if (isUnknown(role)) return [{ property: "roleDefinitionId", found: role, wanted: "a role narrower than Owner or Contributor" }];
        const roleName = broadRoles.get(roleGuid(role));
        if (!roleName) return [];
        if (isUnknown(scope)) return [{ property: "scope", found: scope, wanted: `a resource or resource group scope for ${roleName}` }];
        if (!isBroadScope(scope)) return [];
        const v: Violation = {
            property: "roleDefinitionId", found: role, wanted: "a role narrower than Owner or Contributor at this scope",
            note: `It grants ${roleName} on ${scope}.`,
        };
        return [v];
    },
});

/** An action that manages everything, or every grant: "*", or Microsoft.Authorization's wildcard or role-assignment write. */
function isAdminAction(action: unknown): boolean {
    if (typeof action !== "string") return false;
    const a = looseForm(action); // the unsafe reading: hidden characters never turn "*" into a named action
    return a === "*" || a === "*/write" || a === "microsoft.authorization/*" || a === "microsoft.authorization/*/write" || a === "microsoft.authorization/roleassignments/*"
        || a === "microsoft.authorization/roleassignments/write";
}

/**
 * A custom role is the other way to Owner: `actions: ["*"]` assigned on a subscription passed, since the role
 * assignment rule knows only the built-in roles' GUIDs (CIS Azure 1.23, "no custom subscription administrator roles").
 */
export const customRoleDefinition = resourceRule({
    name: "azure-least-privilege-custom-role-definition", cloud: "azure", controls: [...controls], severity: "critical",
    types: ["azure-native:authorization:RoleDefinition"],
    description: "A custom role assignable on a whole subscription, management group or the tenant root allows no wildcard action and no role assignment (an Owner under another name).",
    remediation: "List the actions the role needs (e.g. Microsoft.Storage/storageAccounts/read) instead of \"*\" or Microsoft.Authorization/*, or make it assignable only on a resource group.",
    check: r => {
        const scopes = r.props.assignableScopes === undefined || r.props.assignableScopes === null ? [r.props.scope] : r.props.assignableScopes;
        const permissions = r.props.permissions;
        if (containsUnknown(permissions)) return [{ property: "permissions", found: UNKNOWN, wanted: "no wildcard or role-assignment action" }];
        const admin = asArray(permissions as Record<string, unknown>[]).flatMap((p, i) =>
            asArray(get(p, "actions") as unknown[]).flatMap((a, j) => isAdminAction(a) ? [{ path: `permissions[${i}].actions[${j}]`, action: a }] : []));
        if (!admin.length) return [];
        if (containsUnknown(scopes)) return [{ property: "assignableScopes", found: UNKNOWN, wanted: "resource group scopes only, for a role with a wildcard or role-assignment action" }];
        const broad = asArray(scopes as unknown[]).find(isBroadScope);
        return broad === undefined ? [] : admin.map(a => ({
            property: a.path, found: a.action, wanted: "named actions, not a wildcard or role assignment, in a role assignable this broadly",
            note: `The role is assignable on ${String(broad)}.`,
        }));
    },
});

/** Parameter names under which API connections take a shared credential of the service they connect to. */
const credentialName = /key|password|secret|connectionstring|token|sas|credential/i;

/**
 * A Logic Apps API connection (web Connection) holding a shared credential of the connected service (a Cosmos
 * DB account key, a storage key, a connection string): whoever runs the connection has the key's full access,
 * and the key sits in the program's state. A managed-identity connection carries none.
 */
export const apiConnection = resourceRule({
    name: "azure-least-privilege-api-connection", cloud: "azure", controls: [...controls], severity: "high",
    types: ["azure-native:web:Connection"],
    description: "An API connection holds no shared key, password, token or connection string of the service it connects to.",
    remediation: "Authenticate the connection with a managed identity (the connector's managed identity option) and grant that identity a narrow data role instead of an account key.",
    check: r => {
        const values = get(r.props, "properties.parameterValues");
        if (isUnknown(values)) return [{ property: "properties.parameterValues", found: values, wanted: "no shared credential" }];
        if (!values || typeof values !== "object") return [];
        return Object.entries(values as Record<string, unknown>).filter(([k, v]) => credentialName.test(k) && v !== undefined && v !== null && v !== "")
            .map(([k]) => ({ property: `properties.parameterValues.${k}`, found: "a credential (value hidden)", wanted: "no shared credential (a managed identity connection)" }));
    },
});

// ---- Azure classic (@pulumi/azure 6; classic.ts) ----------------------------------------------------------

export const classicKeyVault = resourceRule({
    name: "azure-least-privilege-classic-key-vault", cloud: "azure", controls: [...controls], severity: "high",
    types: [C.keyVault],
    description: "A Key Vault (Azure classic) authorises data actions with Azure RBAC, not vault access policies.",
    remediation: "Set rbacAuthorizationEnabled true (enableRbacAuthorization before @pulumi/azure 6.23; unset is false) and grant roles per identity.",
    check: r => {
        const rbac = eitherSpelling(r.props, ["rbacAuthorizationEnabled", "enableRbacAuthorization"], terraformReads.on);
        return expect({ [rbac.path]: rbac.value }, rbac.path, terraformReads.on, "true (unset is access policies)");
    },
});

export const classicStorageAccount = resourceRule({
    name: "azure-least-privilege-classic-storage-account", cloud: "azure", controls: [...controls], severity: "high",
    types: [C.storageAccount],
    description: "A storage account (Azure classic) refuses the shared account key (and SAS signed with it) and defaults to Entra ID authorisation.",
    remediation: "Set sharedAccessKeyEnabled false (unset is true) and defaultToOauthAuthentication true.",
    check: r => [
        ...expect(r.props, "sharedAccessKeyEnabled", terraformReads.off, "false (unset is true)"),
        ...expect(r.props, "defaultToOauthAuthentication", terraformReads.on, "true"),
    ],
});

/** Built-in roles that let a principal call (or manage) Azure AI services accounts, i.e. send them PHI. */
const cognitiveRoles = new Map([
    ["a97b65f3-24c7-4388-baec-2e87135dc908", "Cognitive Services User"],
    ["25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68", "Cognitive Services Contributor"],
    ["5e0bd9bd-7b93-4f28-af87-19fc36ad61bd", "Cognitive Services OpenAI User"],
    ["a001fd3d-188f-4b5d-821b-7da978bf7442", "Cognitive Services OpenAI Contributor"],
]);
// ARM ids name the type `accounts`; the checker's mock ids name it after the SDK class (`Account`). A scope
// spelled so is refused by ARM, so reading both admits no grant that could be deployed broader.
const accountScope = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.CognitiveServices\/accounts?\/[^/]+\/?$/i;

/**
 * Issue 16: the image-analysis workload's grant is on the one AI services account it calls, not on a
 * resource group or subscription, where it would reach every account there (and every account made later).
 */
export const cognitiveRoleAssignment = resourceRule({
    name: "azure-least-privilege-cognitive-role-assignment", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.roleAssignment],
    description: "A Cognitive Services role (User, Contributor, OpenAI User or Contributor) is assigned on one AI services account, never on a resource group, subscription or management group.",
    remediation: "Set scope to the account's id (account.id).",
    check: r => {
        const { roleDefinitionId: role, scope } = r.props;
        if (isUnknown(role)) return [{ property: "roleDefinitionId", found: role, wanted: "a known role" }];
        const guid = typeof role === "string" ? role.slice(role.lastIndexOf("/") + 1).toLowerCase() : "";
        const roleName = cognitiveRoles.get(guid);
        if (!roleName) return notOfKind("not a Cognitive Services role");
        // Unknown at preview (an account's id before it exists) is judged at deployment: built from an account's id
        // is not enough, since `id.split("/providers")[0]` is built from it too and names the resource group.
        if (isUnknown(scope)) return [{ property: "scope", found: scope, wanted: `one AI services account's id for ${roleName}` }];
        if (typeof scope === "string" && accountScope.test(scope)) return [];
        return [{ property: "scope", found: scope, wanted: `one AI services account's id (…/providers/Microsoft.CognitiveServices/accounts/<name>) for ${roleName}` }];
    },
});

export const rules: Rule[] = [keyVault, storageAccount, roleAssignment, customRoleDefinition, classicKeyVault, classicStorageAccount, apiConnection, cognitiveRoleAssignment];
