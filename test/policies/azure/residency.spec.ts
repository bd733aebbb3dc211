import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/residency";
import * as pulumi from "@pulumi/pulumi";
import { resolveConfig } from "../../../policies/lib/config";
import { isNotApplicable } from "../../../policies/lib/rule";
import { UNKNOWN } from "../../../policies/lib/values";
import { record } from "../../support/record";
import { assertNoFinding, assertNotJudged, assertOneViolation, assertOnlyUnknown, findingsOf, resource, withProp } from "../../support/policies";
import { storageAccount, vaultKey } from "./baselines";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sdkResources } = require("../../../scripts/sdk-args");
const C = "RESIDENCY";

/** A resource registered under any token (an SDK's versioned module, or azure-native 2's module). */
/** A resource registered under any token (an SDK's versioned module, or azure-native 2's module). */
class Raw extends pulumi.CustomResource {
    constructor(type: string, name: string, props: pulumi.Inputs) { super(type, name, props); }
}

describe("azure RESIDENCY", () => {
    it("normalises display names to ARM names", () => assert.equal(rules.normalizeLocation("East US 2"), "eastus2"));
    describe("azure-residency-location", () => {
        it("passes eastus", () => assertNoFinding(findingsOf(rules.allowedLocation, storageAccount())));
        it("passes the display name \"East US\"", () => assertNoFinding(findingsOf(rules.allowedLocation, withProp(storageAccount(), "location", "East US"))));
        it("fails westeurope", () => assertOneViolation(findingsOf(rules.allowedLocation, withProp(storageAccount(), "location", "westeurope")), "location", { control: C }));
        it("reads the allowed regions from the pack config", () =>
            assertOneViolation(findingsOf(rules.allowedLocation, storageAccount(), { allowedRegions: ["westus2"] }), "\"westus2\"", { control: C }));
        const provider = { type: "pulumi:providers:azure-native", props: { location: "northeurope" } };
        it("judges the provider's location for a resource group without one", () => {
            const r = { ...resource("azure-native:resources:ResourceGroup", { resourceGroupName: "rg" }, { name: "rg" }), provider };
            assertOneViolation(findingsOf(rules.allowedLocation, r), "provider.location", { control: C });
        });
        it("does not take the provider's location for other resources (they take their group's)", () =>
            assertNoFinding(findingsOf(rules.allowedLocation, { ...withProp(storageAccount(), "location", undefined), provider })));
        it("does not judge a resource without location (it takes its resource group's)", () => assertNoFinding(findingsOf(rules.allowedLocation, withProp(storageAccount(), "location", undefined))));
        it("does not judge a type that has no location", () => assertNotJudged(findingsOf(rules.allowedLocation, withProp(vaultKey(), "location", "westeurope"))));
        it("allows \"global\" for a private DNS zone", () => assertNoFinding(findingsOf(rules.allowedLocation, resource("azure-native:privatedns:PrivateZone", { resourceGroupName: "rg", location: "global" }, { name: "z" }))));
        it("fails \"global\" for a storage account", () => assertOneViolation(findingsOf(rules.allowedLocation, withProp(storageAccount(), "location", "global")), "location", { control: C }));
        it("does not ask a resource that exists only at \"global\" for a region: not applicable, with the reason, under every token", async () => {
            const config = resolveConfig({});
            // azure-native 3's tokens, azure-native 2's (network:PrivateZone) and their versioned modules (checker path).
            for (const type of [...rules.globalTypes, "azure-native:network/v20200601:PrivateZone", "azure-native:network/v20200601:VirtualNetworkLink",
                "azure-native:privatedns/v20240601:VirtualNetworkLink", "azure-native:network/v20180501:Zone"]) {
                const rec = await record(() => { new Raw(type, "global-thing", { resourceGroupName: "rg", location: "Global" }); });
                const [r] = rec.policyResources;
                assert.ok(rules.allowedLocation.types.includes(r.type), `${type} is a located type`);
                const verdict = rules.allowedLocation.check(r, config);
                assert.ok(isNotApplicable(verdict), `${type}: ${JSON.stringify(verdict)}`);
                assert.match(verdict.notApplicable, /only at location "global"/);
                assertNoFinding(findingsOf(rules.allowedLocation, r));
            }
        });
        it("keeps \"global\" a finding for Front Door and CDN, which cache what they serve at edge locations worldwide", () => {
            for (const type of ["azure-native:cdn:Profile", "azure-native:cdn:Endpoint", "azure-native:cdn:AFDEndpoint", "azure-native:frontdoor:FrontDoor", "azure-native:network:FrontDoor"]) {
                assertOneViolation(findingsOf(rules.allowedLocation, resource(type, { resourceGroupName: "rg", location: "Global" }, { name: "edge" })), "location", { control: C });
            }
        });
        it("judges a regional location on a type that can be global like any other", () =>
            assertOneViolation(findingsOf(rules.allowedLocation, resource("azure-native:monitor:ActivityLogAlert", { resourceGroupName: "rg", location: "westeurope" }, { name: "a" })), "location", { control: C }));
        it("lists only global types the SDK declares (or aliases)", () => {
            const declared = new Set<string>();
            for (const { token, js } of sdkResources("@pulumi/azure-native").resources as { token: string; js: string }[]) {
                declared.add(token);
                for (const m of js.matchAll(/\{ type: "(azure-native:[a-z0-9]+:\w+)" \}/g)) declared.add(m[1]);
            }
            assert.deepEqual([...rules.globalTypes].filter(t => !declared.has(t)), []);
        });
        it("reports a location unknown at preview as advisory", () => assertOnlyUnknown(findingsOf(rules.allowedLocation, withProp(storageAccount(), "location", UNKNOWN)), "location"));
    });
});
