// The research-sharing rules on Azure (policies/azure/share-deidentified.ts): compliant, violating and
// unknown cases, and the ways a program could grant PHI storage to a partner and be called compliant.
import assert from "node:assert/strict";
import { partnerCondition } from "../../../components/azure/research-share";
import { todayVariable } from "../../../policies/lib/config";
import { stackOutcomes } from "../../../policies/lib/evaluate";
import type { StackRule } from "../../../policies/lib/rule";
import { StackIndex } from "../../../policies/lib/stack-index";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertOneViolation, assertOnlyUnknown, findingsOf, resource, ruleNamed } from "../../support/policies";
import { rgId, sub } from "./baselines";

const target = ruleNamed("azure-share-deidentified-storage-role-assignment") as StackRule;
const readOnly = ruleNamed("azure-least-privilege-storage-role-assignment") as StackRule;
const today = "2026-06-15";
const ACCOUNT = "azure-native:storage:StorageAccount";
const ROLE = "azure-native:authorization:RoleAssignment";
const reader = `${sub}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`;
const contributor = `${sub}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe`;
const partnerId = "9b2c1f3e-2a4d-4e8b-9c1d-5e6f7a8b9c0d";

const account = (classification?: string) => resource(ACCOUNT, { accountName: "stmarydeid",
    tags: classification === undefined ? { tenant: "stmary" } : { tenant: "stmary", "data-classification": classification } }, { name: "acct" });
const accountPath = `${rgId}/providers/Microsoft.Storage/storageAccounts/stmarydeid`;
function grant(props: Record<string, unknown> = {}, acct = account("deidentified"), byDependency = true) {
    return resource(ROLE, {
        scope: `${accountPath}/blobServices/default/containers/cohort`, roleDefinitionId: reader, principalId: partnerId, principalType: "ServicePrincipal",
        condition: partnerCondition("cohort", "2027-01-31"), conditionVersion: "2.0", ...props,
    }, { name: "partner", ...byDependency ? { propertyDependencies: { scope: [acct.urn] } } : {} });
}

describe("azure research sharing (SHARE-DEIDENTIFIED and its companions)", () => {
    beforeEach(() => { process.env[todayVariable] = today; });
    afterEach(() => { delete process.env[todayVariable]; });

    describe("azure-share-deidentified-storage-role-assignment", () => {
        it("passes a conditioned reader grant on a de-identified account, by dependency or by path", () => {
            const a = account("deidentified");
            assert.deepEqual(findingsOf(target, [a, grant({}, a)]), []);
            assert.deepEqual(findingsOf(target, [a, grant({}, a, false)]), []);
            assert.deepEqual(stackOutcomes(target, new StackIndex([a, grant({}, a)])).filter(o => o.name === "partner").map(o => o.outcome), ["compliant"]);
        });
        it("reports a grant on a PHI or untagged account", () => {
            for (const c of ["phi", undefined, "Deidentified"]) {
                const a = account(c);
                assertOneViolation(findingsOf(target, [a, grant({}, a)]), "scope", { control: "SHARE-DEIDENTIFIED" });
            }
        });
        it("reports a grant on an account not in the stack, and a data role at resource-group or subscription scope", () => {
            assertOneViolation(findingsOf(target, [grant({ scope: `${rgId}/providers/Microsoft.Storage/storageAccounts/elsewhere` }, account("deidentified"), false)]), "scope", { control: "SHARE-DEIDENTIFIED" });
            assertOneViolation(findingsOf(target, [grant({ scope: rgId })]), "reaches the blobs of every storage account", { control: "SHARE-DEIDENTIFIED" });
            assertOneViolation(findingsOf(target, [grant({ scope: sub, roleDefinitionId: contributor })]), "scope", { control: "SHARE-DEIDENTIFIED" });
        });
        it("reports a data role at management-group or root scope; Owner or Contributor above an account is not a share", () => {
            assertOneViolation(findingsOf(target, [grant({ scope: "/providers/Microsoft.Management/managementGroups/hospital" })]), "scope", { control: "SHARE-DEIDENTIFIED" });
            assertOneViolation(findingsOf(target, [grant({ scope: "/" })]), "scope", { control: "SHARE-DEIDENTIFIED" });
            const owner = grant({ scope: rgId, roleDefinitionId: `${sub}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635` });
            assert.deepEqual(stackOutcomes(target, new StackIndex([owner])).map(o => o.outcome), ["not-applicable"]);
        });
        it("takes a principal built from something other than an identity of the stack for an outsider", () => {
            const a = account("phi");
            const notAnIdentity = resource("azure-native:storage:BlobContainer", {}, { name: "c" });
            const sneaky = resource(ROLE, { scope: accountPath, roleDefinitionId: reader, principalId: partnerId, condition: partnerCondition("cohort", "2027-01-31"), conditionVersion: "2.0" }, { name: "sneaky", propertyDependencies: { scope: [a.urn], principalId: [notAnIdentity.urn] } });
            assertOneViolation(findingsOf(target, [a, notAnIdentity, sneaky]), "scope", { control: "SHARE-DEIDENTIFIED" });
        });
        it("reports a scope unknown until deployment and built from nothing of the stack as unknown", () => {
            assertOnlyUnknown(findingsOf(target, [grant({ scope: UNKNOWN }, account("deidentified"), false)]), "scope");
        });
        it("reports a grant without an end, with an end it cannot read, or more than a year ahead", () => {
            const a = account("deidentified");
            for (const condition of [undefined, "",
                `((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'})) OR (@Environment[UtcNow] DateTimeLessThan '2027-02-01T00:00:00Z'))`,
                `((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})) OR (@Environment[UtcNow] DateTimeLessThan '2027-02-01T00:00:00Z' OR true))`,
                `((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'cohort'))`,
                `((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})) OR (@Environment[UtcNow] DateTimeGreaterThan '2027-02-01T00:00:00Z'))`,
                partnerCondition("cohort", "2027-06-16"), partnerCondition("cohort", "2099-12-31")]) {
                assertOneViolation(findingsOf(target, [a, grant({ condition }, a)]), "condition", { control: "SHARE-DEIDENTIFIED" });
            }
            assertOneViolation(findingsOf(target, [a, grant({ conditionVersion: "1.0" }, a)]), "conditionVersion", { control: "SHARE-DEIDENTIFIED" });
        });
        it("does not apply to the hospital's own identities or to grants off storage", () => {
            const a = account("phi");
            const identity = resource("azure-native:managedidentity:UserAssignedIdentity", {}, { name: "id" });
            const own = resource(ROLE, { scope: accountPath, roleDefinitionId: contributor, principalId: UNKNOWN }, { name: "own", propertyDependencies: { scope: [a.urn], principalId: [identity.urn] } });
            const vault = resource(ROLE, { scope: `${rgId}/providers/Microsoft.KeyVault/vaults/kv`, roleDefinitionId: reader, principalId: partnerId }, { name: "vault" });
            const outcomes = stackOutcomes(target, new StackIndex([a, identity, own, vault]));
            assert.deepEqual(outcomes.filter(o => o.name !== null).map(o => [o.name, o.outcome]).sort(), [["own", "not-applicable"], ["vault", "not-applicable"]]);
        });
        it("reports tags and conditions unknown at preview as unknown", () => {
            const a = resource(ACCOUNT, { accountName: "stmarydeid", tags: UNKNOWN }, { name: "acct" });
            assertOnlyUnknown(findingsOf(target, [a, grant({}, a)]), "scope");
            const b = account("deidentified");
            assertOnlyUnknown(findingsOf(target, [b, grant({ condition: UNKNOWN }, b)]), "condition");
        });
    });

    describe("azure-least-privilege-storage-role-assignment", () => {
        it("passes Storage Blob Data Reader", () => {
            const a = account("deidentified");
            assert.deepEqual(findingsOf(readOnly, [a, grant({}, a)]), []);
        });
        it("reports a partner that may write, own or manage", () => {
            const a = account("deidentified");
            assertOneViolation(findingsOf(readOnly, [a, grant({ roleDefinitionId: contributor }, a)]), "Storage Blob Data Contributor", { control: "LEAST-PRIVILEGE" });
            assertOneViolation(findingsOf(readOnly, [a, grant({ roleDefinitionId: `${sub}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635` }, a)]), "Owner", { control: "LEAST-PRIVILEGE" });
            assertOnlyUnknown(findingsOf(readOnly, [a, grant({ roleDefinitionId: UNKNOWN }, a)]), "roleDefinitionId");
        });
    });
});
