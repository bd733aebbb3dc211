// SHARE-DEIDENTIFIED on Azure, with the sharing check of LEAST-PRIVILEGE beside it (each rule reports its
// own control). A role assignment on storage to a principal the program does not create (a literal object
// id: a research partner's service principal or guest, or anyone else the pack cannot show is the
// hospital's own) is a disclosure: it reaches only storage accounts of this stack tagged
// data-classification=deidentified, is Storage Blob Data Reader, and its ABAC condition ends blob reads
// at most a year ahead (`@Environment[UtcNow] DateTimeLessThan`). A storage data role at resource-group or
// subscription scope reaches every account in it and is never a share. Blob read logs of every account
// are AUDIT-LOG's (azure-audit-log rules); the account's key is ENC-REST-CMK's. Judges any program.
import { todayIso } from "../lib/config";
import { PolicyResource, Rule, stackRule, Violation } from "../lib/rule";
import { azureConditionEnd, endTooLate, notDeidentified, targetNotInStack } from "../lib/sharing";
import type { StackIndex } from "../lib/stack-index";
import { isUnknown, show, UNKNOWN } from "../lib/values";
import { T } from "./support/tokens";

const cloud = "azure";
const BLOB_CONTAINER = "azure-native:storage:BlobContainer";
/** The blob read a condition must govern (Storage Blob Data Reader's one data action). */
export const blobRead = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read";

/** Built-in roles (the same GUID in every tenant) that reach blob data. */
const storageDataRoles: Readonly<Record<string, string>> = {
    "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1": "Storage Blob Data Reader",
    "ba92f5b4-2d11-453d-a403-e96b0029c9fe": "Storage Blob Data Contributor",
    "b7e6dc6d-f1e8-4753-8033-0f276bb0955b": "Storage Blob Data Owner",
    "17d1049b-9a84-46fb-8f53-869881c3d3ab": "Storage Account Contributor",
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
    "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
};
const reader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
/**
 * The roles that, at a scope above one account (a resource group, a subscription, a management group, the
 * root), reach the blobs of every account in it. Owner and Contributor reach data only by first granting
 * themselves one of these, which is a role assignment of its own.
 */
const broadDataRoles = new Set(["2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "ba92f5b4-2d11-453d-a403-e96b0029c9fe", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "17d1049b-9a84-46fb-8f53-869881c3d3ab"]);
/** A scope above any one resource: the root, a management group, a subscription or a resource group. */
const aboveResources = /^\/(providers\/Microsoft\.Management\/managementGroups\/[^/]+|subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?)?\/?$/i;

/**
 * Whether a principal is the hospital's own: built from an identity of this stack (a user-assigned identity,
 * a resource's system-assigned identity, an Entra object the program creates). A literal object id, or one
 * built from anything else, is outside.
 */
function isOwnIdentity(stack: StackIndex, grant: PolicyResource): boolean {
    return (grant.opts.propertyDependencies?.principalId ?? []).some(u => {
        const d = stack.byUrn(u);
        return !!d && (d.type === "azure-native:managedidentity:UserAssignedIdentity" || d.props.identity !== undefined || d.type.startsWith("azuread:"));
    });
}

/** The role GUID at the end of a role definition id. */
function roleGuid(id: unknown): string | undefined {
    return typeof id === "string" ? /([0-9a-f-]{36})\/?$/i.exec(id)?.[1]?.toLowerCase() : undefined;
}

/** A storage grant to a principal outside the program, and the accounts of this stack it reaches (or why not). */
interface PartnerGrant { grant: PolicyResource; accounts: PolicyResource[]; problem?: Violation }

/**
 * Role assignments whose principal is not built from an identity of this stack (isOwnIdentity) and whose
 * scope is a storage account (or inside one), or a resource group or subscription with a storage data role.
 */
function partnerGrants(stack: StackIndex): { partner: PartnerGrant[]; internal: PolicyResource[]; other: PolicyResource[] } {
    const partner: PartnerGrant[] = [], internal: PolicyResource[] = [], other: PolicyResource[] = [];
    const accounts = stack.ofType(T.storageAccount);
    const containers = stack.ofType(BLOB_CONTAINER);
    for (const grant of stack.ofType(T.roleAssignment)) {
        const scope = grant.props.scope;
        const scopeDeps = (grant.opts.propertyDependencies?.scope ?? []).map(u => stack.byUrn(u)).filter((x): x is PolicyResource => !!x);
        // The account the scope names: through its dependencies (the account, or a container of it), else by name in the path.
        let reached = scopeDeps.filter(d => d.type === T.storageAccount);
        for (const c of scopeDeps.filter(d => d.type === BLOB_CONTAINER)) {
            const ofContainer = (c.opts.propertyDependencies?.accountName ?? []).map(u => stack.byUrn(u)).filter((x): x is PolicyResource => x?.type === T.storageAccount);
            reached = [...reached, ...(ofContainer.length ? ofContainer : accounts.filter(a => a.props.accountName === c.props.accountName))];
        }
        const named = typeof scope === "string" ? /\/providers\/Microsoft\.Storage\/storageAccounts\/([^/]+)/i.exec(scope)?.[1] : undefined;
        if (!reached.length && named) reached = accounts.filter(a => typeof a.props.accountName === "string" && a.props.accountName.toLowerCase() === named.toLowerCase());
        const onStorage = reached.length > 0 || named !== undefined || scopeDeps.some(d => d.type === BLOB_CONTAINER) || (containers.length > 0 && scopeDeps.some(d => containers.includes(d)));
        const broad = typeof scope === "string" && aboveResources.test(scope) && broadDataRoles.has(roleGuid(grant.props.roleDefinitionId) ?? "");
        // A scope unknown until deployment and built from nothing of this stack could be anything.
        const unknownScope = isUnknown(scope) && !scopeDeps.length;
        if (!onStorage && !broad && !unknownScope) { other.push(grant); continue; }
        if (isOwnIdentity(stack, grant)) { internal.push(grant); continue; }
        if (unknownScope) { partner.push({ grant, accounts: [], problem: { resource: grant, property: "scope", found: UNKNOWN, wanted: "a de-identified storage account of this stack" } }); continue; }
        if (broad) {
            partner.push({ grant, accounts: [], problem: { resource: grant, property: "scope", found: scope, wanted: "one storage account or container tagged data-classification=deidentified",
                note: `A ${storageDataRoles[roleGuid(grant.props.roleDefinitionId)!]} grant at this scope reaches the blobs of every storage account in it.` } });
        } else if (!reached.length) {
            partner.push({ grant, accounts: [], problem: targetNotInStack(grant, "scope", scope) });
        } else {
            partner.push({ grant, accounts: [...new Set(reached)] });
        }
    }
    return { partner, internal, other };
}

/** The outcome of a role assignment a sharing rule does not judge, with why. */
function doesNotApply(grant: PolicyResource, why: string): Violation {
    return { resource: grant, property: "principalId", found: grant.props.principalId, wanted: "a principal outside the program", doesNotApply: why };
}

const shareTarget = stackRule({
    name: "azure-share-deidentified-storage-role-assignment", cloud, controls: ["SHARE-DEIDENTIFIED"], severity: "critical",
    judges: [T.roleAssignment],
    description: "A role assignment on storage to a principal the program does not create (a research partner) reaches only storage accounts of this stack tagged data-classification=deidentified, and its condition ends blob reads at most a year ahead.",
    remediation: "Assign partners on a container of the de-identified account (tagged data-classification=deidentified) with condition `((!(ActionMatches{'" + blobRead + "'})) OR (@Environment[UtcNow] DateTimeLessThan 'YYYY-MM-DDT00:00:00Z'))`, conditionVersion \"2.0\", at most a year ahead.",
    check: stack => {
        const out: Violation[] = [];
        const today = todayIso();
        const { partner, internal, other } = partnerGrants(stack);
        for (const g of internal) out.push(doesNotApply(g, "its principal is built from an identity of this stack: the hospital's own"));
        for (const g of other) out.push(doesNotApply(g, "it is not a grant on storage"));
        for (const { grant, accounts, problem } of partner) {
            if (problem) { out.push(problem); continue; }
            for (const account of accounts) out.push(...notDeidentified(grant, "scope", account));
            const end = azureConditionEnd(grant.props.condition, blobRead);
            if (end === UNKNOWN) out.push({ resource: grant, property: "condition", found: UNKNOWN, wanted: "an end at most a year ahead" });
            else if ("problem" in end) out.push({ resource: grant, property: "condition", found: grant.props.condition, wanted: "a condition that ends blob reads at most a year ahead", note: `It is ${end.problem}.` });
            else {
                const late = endTooLate(end.end, today);
                if (late) out.push({ resource: grant, property: "condition", found: grant.props.condition, wanted: late });
            }
            if (grant.props.condition !== undefined && grant.props.conditionVersion !== "2.0") {
                out.push({ resource: grant, property: "conditionVersion", found: grant.props.conditionVersion, wanted: "\"2.0\", the version conditions are evaluated in" });
            }
        }
        return out;
    },
});

const shareReadOnly = stackRule({
    name: "azure-least-privilege-storage-role-assignment", cloud, controls: ["LEAST-PRIVILEGE"], severity: "high",
    judges: [T.roleAssignment],
    description: "A role assignment on storage to a principal the program does not create (a research partner) is Storage Blob Data Reader: read, never write, delete or manage.",
    remediation: "Assign the built-in Storage Blob Data Reader role (2a2b9908-6ea1-4ae2-8e65-a410df84e7d1) to research partners.",
    check: stack => {
        const out: Violation[] = [];
        const { partner, internal, other } = partnerGrants(stack);
        for (const g of internal) out.push(doesNotApply(g, "its principal is built from an identity of this stack: the hospital's own"));
        for (const g of other) out.push(doesNotApply(g, "it is not a grant on storage"));
        for (const { grant } of partner) {
            const id = grant.props.roleDefinitionId;
            if (isUnknown(id)) out.push({ resource: grant, property: "roleDefinitionId", found: UNKNOWN, wanted: "Storage Blob Data Reader" });
            else if (roleGuid(id) !== reader) {
                out.push({ resource: grant, property: "roleDefinitionId", found: id, wanted: `Storage Blob Data Reader (${reader})`,
                    note: `It is ${storageDataRoles[roleGuid(id) ?? ""] ?? `role ${show(roleGuid(id) ?? id)}`}.` });
            }
        }
        return out;
    },
});

export const rules: Rule[] = [shareTarget, shareReadOnly];
