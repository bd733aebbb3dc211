import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/tagging";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertFails, assertPasses, assertUnknown, blobService, res, runOn, storageAccount, vaultKey, withProp } from "./fixtures";

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
        it("passes a resource with the required tags", () => assertPasses(runOn(rules.requiredTags, storageAccount())));
        it("fails a resource without tags, naming each missing tag in one finding", () => {
            const f = runOn(rules.requiredTags, withProp(vaultKey(), "tags", undefined));
            assertFails(f, C, "tags[\"data-classification\"]");
            assertFails(f, C, "tags[\"tenant\"]");
            assert.equal(f.length, 1);
        });
        it("fails an empty tag value", () => assertFails(runOn(rules.requiredTags, withProp(storageAccount(), "tags", { tenant: "", "data-classification": "phi" })), C, "tags[\"tenant\"]"));
        it("reads the required tags from the pack config", () =>
            assertFails(runOn(rules.requiredTags, storageAccount(), { requiredTags: ["tenant", "cost-center"] }), C, "tags[\"cost-center\"]"));
        it("does not judge a type that takes no tags", () => assertPasses(runOn(rules.requiredTags, blobService())));
        it("reports tags unknown at preview as advisory", () => assertUnknown(runOn(rules.requiredTags, withProp(storageAccount(), "tags", UNKNOWN)), "tags"));
        it("judges the tokens azure-native 2 programs register for modules version 3 renamed", () => {
            for (const [old, renamed] of [["insights:Component", "applicationinsights:Component"], ["documentdb:DatabaseAccount", "cosmosdb:DatabaseAccount"], ["network:PrivateZone", "privatedns:PrivateZone"]]) {
                assert.ok(rules.taggedTypes.includes(`azure-native:${renamed}`), renamed);
                assertFails(runOn(rules.requiredTags, res(`azure-native:${old}`, "x", { resourceGroupName: "rg" })), C, "tags[\"tenant\"]");
            }
        });
        it("judges a bare hand-written resource of any taggable type", () =>
            assertFails(runOn(rules.requiredTags, res("azure-native:web:WebApp", "site", { resourceGroupName: "rg" })), C, "tags[\"tenant\"]"));
    });
});
