import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/residency";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertFails, assertPasses, assertUnknown, res, runOn, storageAccount, vaultKey, withProp } from "./fixtures";

const C = "RESIDENCY";

describe("azure RESIDENCY", () => {
    it("normalises display names to ARM names", () => assert.equal(rules.normalizeLocation("East US 2"), "eastus2"));
    describe("azure-residency-location", () => {
        it("passes eastus", () => assertPasses(runOn(rules.allowedLocation, storageAccount())));
        it("passes the display name \"East US\"", () => assertPasses(runOn(rules.allowedLocation, withProp(storageAccount(), "location", "East US"))));
        it("fails westeurope", () => assertFails(runOn(rules.allowedLocation, withProp(storageAccount(), "location", "westeurope")), C, "location"));
        it("reads the allowed regions from the pack config", () =>
            assertFails(runOn(rules.allowedLocation, storageAccount(), { allowedRegions: ["westus2"] }), C, "\"westus2\""));
        const provider = { type: "pulumi:providers:azure-native", props: { location: "northeurope" } };
        it("judges the provider's location for a resource group without one", () => {
            const r = { ...res("azure-native:resources:ResourceGroup", "rg", { resourceGroupName: "rg" }), provider };
            assertFails(runOn(rules.allowedLocation, r), C, "provider.location");
        });
        it("does not take the provider's location for other resources (they take their group's)", () =>
            assertPasses(runOn(rules.allowedLocation, { ...withProp(storageAccount(), "location", undefined), provider })));
        it("does not judge a resource without location (it takes its resource group's)", () => assertPasses(runOn(rules.allowedLocation, withProp(storageAccount(), "location", undefined))));
        it("does not judge a type that has no location", () => assertPasses(runOn(rules.allowedLocation, withProp(vaultKey(), "location", "westeurope"))));
        it("allows \"global\" for a private DNS zone", () => assertPasses(runOn(rules.allowedLocation, res("azure-native:privatedns:PrivateZone", "z", { resourceGroupName: "rg", location: "global" }))));
        it("fails \"global\" for a storage account", () => assertFails(runOn(rules.allowedLocation, withProp(storageAccount(), "location", "global")), C, "location"));
        it("reports a location unknown at preview as advisory", () => assertUnknown(runOn(rules.allowedLocation, withProp(storageAccount(), "location", UNKNOWN)), "location"));
    });
});
