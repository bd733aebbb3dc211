import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/tagging";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertNotJudged, assertOneViolation, assertOnlyUnknown, findingsOf, resource, withProp } from "../../support/policies";
import { blobService, storageAccount, vaultKey } from "./baselines";

const C = "TAGGING";

describe("azure TAGGING", () => {
    it("lists the SDK's taggable types, and only maps of tags", () => {
        for (const t of ["azure-native:storage:StorageAccount", "azure-native:keyvault:Key", "azure-native:synapse:SqlPool", "azure-native:network:PrivateEndpoint"]) {
            assert.ok(rules.taggedTypes.includes(t), t);
        }
        for (const t of ["azure-native:storage:BlobServiceProperties", "azure-native:network:Subnet", "azure-native:storage:BlobContainerLegalHold"]) {
            assert.ok(!rules.taggedTypes.includes(t), t);
        }
    });
    describe("azure-tagging-resource", () => {
        it("passes a resource with the required tags", () => assertNoFinding(findingsOf(rules.requiredTags, storageAccount())));
        it("fails a resource without tags, naming each missing tag in one finding", () => {
            const f = findingsOf(rules.requiredTags, withProp(vaultKey(), "tags", undefined));
            assertOneViolation(f, "tags[\"data-classification\"]", { control: C });
            assertOneViolation(f, "tags[\"tenant\"]", { control: C });
            assert.equal(f.length, 1);
        });
        it("fails an empty tag value", () => assertOneViolation(findingsOf(rules.requiredTags, withProp(storageAccount(), "tags", { tenant: "", "data-classification": "phi" })), "tags[\"tenant\"]", { control: C }));
        it("reads the required tags from the pack config", () =>
            assertOneViolation(findingsOf(rules.requiredTags, storageAccount(), { requiredTags: ["tenant", "cost-center"] }), "tags[\"cost-center\"]", { control: C }));
        it("does not judge a type that takes no tags", () => assertNotJudged(findingsOf(rules.requiredTags, blobService())));
        it("reports tags unknown at preview as advisory", () => assertOnlyUnknown(findingsOf(rules.requiredTags, withProp(storageAccount(), "tags", UNKNOWN)), "tags"));
        it("judges the tokens azure-native 2 programs register for modules version 3 renamed", () => {
            for (const [old, renamed] of [["insights:Component", "applicationinsights:Component"], ["documentdb:DatabaseAccount", "cosmosdb:DatabaseAccount"], ["network:PrivateZone", "privatedns:PrivateZone"]]) {
                assert.ok(rules.taggedTypes.includes(`azure-native:${renamed}`), renamed);
                assertOneViolation(findingsOf(rules.requiredTags, resource(`azure-native:${old}`, { resourceGroupName: "rg" }, { name: "x" })), "tags[\"tenant\"]", { control: C });
            }
        });
        it("judges a bare hand-written resource of any taggable type", () =>
            assertOneViolation(findingsOf(rules.requiredTags, resource("azure-native:web:WebApp", { resourceGroupName: "rg" }, { name: "site" })), "tags[\"tenant\"]", { control: C }));
    });
});
