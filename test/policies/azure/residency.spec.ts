import assert from "node:assert/strict";
import * as rules from "../../../policies/azure/residency";
import * as pulumi from "@pulumi/pulumi";
import { resolveConfig } from "../../../policies/lib/config";
import { StackIndex } from "../../../policies/lib/stack-index";
import { UNKNOWN, UNKNOWN_STRING } from "../../../policies/lib/values";
import type { StackValidationPolicy } from "@pulumi/policy";
import { toPulumiPolicy } from "../../../policies/lib/adapter";
import type { PolicyResource } from "../../../policies/lib/rule";
import { engineResource } from "../../support/engine";
import { record } from "../../support/record";
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, dependsOn, findingsOf, resource, stackOutcomesByName, withProp } from "../../support/policies";
import { storageAccount, vaultKey } from "./baselines";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { sdkResources } = require("../../../scripts/sdk-args");
const C = "RESIDENCY";

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
        const group = resource("azure-native:resources:ResourceGroup", { resourceGroupName: "rg", location: "eastus" }, { name: "rg" });
        const unplaced = () => withProp(storageAccount(), "location", undefined);
        it("does not take the provider's location for other resources (they take their group's)", () =>
            assertNoFinding(findingsOf(rules.allowedLocation, [group, { ...unplaced(), provider }])));
        it("does not judge a resource without location in a resource group of the stack, by name or built from it (it takes that group's, judged itself)", () => {
            const account = unplaced();
            for (const placed of [account, dependsOn(withProp(account, "resourceGroupName", undefined), "resourceGroupName", group)]) {
                assert.deepEqual(stackOutcomesByName(rules.allowedLocation, [group, placed]), { rg: "compliant", [account.name]: "not-applicable" });
            }
        });
        it("fails a resource without location in a resource group that is not of the stack: its region cannot be verified", () => {
            assertOneViolation(findingsOf(rules.allowedLocation, unplaced()), "the resource group is not of this stack", { control: C });
            assertOneViolation(findingsOf(rules.allowedLocation, [group, withProp(unplaced(), "resourceGroupName", "rg-sea")]), "its region cannot be verified", { control: C });
            // Built from the stack's group, but naming another group ("rg-copy"): the text decides.
            assertOneViolation(findingsOf(rules.allowedLocation, [group, dependsOn(withProp(unplaced(), "resourceGroupName", "rg-copy"), "resourceGroupName", group)]), "location", { control: C });
            // Built from a resource of the stack that is not a group.
            const nsg = resource("azure-native:network:NetworkSecurityGroup", {}, { name: "nsg" });
            assertOneViolation(findingsOf(rules.allowedLocation, dependsOn(nsg, "resourceGroupName", storageAccount())), "location", { control: C });
        });
        it("reads a group name with an unknown in it, built from a group of the stack whose name is unknown, as unknown: it names another group", () => {
            // `${group.name}-copy`, the group autonamed or named from an output: not that group, and which one is unknown.
            const autonamed = resource("azure-native:resources:ResourceGroup", { location: "eastus" }, { name: "rg" });
            const copy = dependsOn(withProp(unplaced(), "resourceGroupName", `${UNKNOWN_STRING}-copy`), "resourceGroupName", autonamed);
            assertOnlyUnknown(findingsOf(rules.allowedLocation, [autonamed, copy]), "resourceGroupName");
            // The name unknown as a whole stays the group's it was built from.
            const same = dependsOn(withProp(unplaced(), "resourceGroupName", UNKNOWN_STRING), "resourceGroupName", autonamed);
            assertNoFinding(findingsOf(rules.allowedLocation, [autonamed, same]));
        });
        it("takes a group of the stack only in the same subscription: a provider for another places the resource in that subscription's group of the name", () => {
            const other = { type: "pulumi:providers:azure-native", urn: "urn:pulumi:s::p::pulumi:providers:azure-native::other", props: { subscriptionId: "sub-b" } };
            assertOneViolation(findingsOf(rules.allowedLocation, [group, { ...unplaced(), provider: other }]), "in another subscription", { control: C });
            // The group under the same subscription (written in another case): its group, judged itself.
            const same = { ...other, urn: "urn:pulumi:s::p::pulumi:providers:azure-native::same", props: { subscriptionId: "SUB-B" } };
            assertNoFinding(findingsOf(rules.allowedLocation, [{ ...group, provider: same }, { ...unplaced(), provider: other }]));
            assertOnlyUnknown(findingsOf(rules.allowedLocation, [group, { ...unplaced(), provider: { ...other, props: { subscriptionId: UNKNOWN } } }]), "provider.subscriptionId");
        });
        it("reports a resource group unknown at preview as unknown", () =>
            assertOnlyUnknown(findingsOf(rules.allowedLocation, [group, withProp(unplaced(), "resourceGroupName", UNKNOWN)]), "resourceGroupName"));
        it("reports as unknown a location left unset by the engine but built from another resource (pulumi preview)", () =>
            assertOnlyUnknown(findingsOf(rules.allowedLocation, [group, dependsOn(unplaced(), "location", group)]), "location"));
        it("fails a resource group with no location and no provider location", () =>
            assertOneViolation(findingsOf(rules.allowedLocation, withProp(group, "location", undefined)), "location", { control: C }));
        it("judges the same through the engine's stack policy, where a name built from an Output arrives unset (pulumi preview)", () => {
            const policy = toPulumiPolicy(rules.allowedLocation) as StackValidationPolicy;
            const reported = (stack: PolicyResource[]) => {
                const urns: (string | undefined)[] = [];
                (policy.validateStack as any)({ resources: stack.map(r => engineResource(r, stack)), getConfig: () => ({}) }, (_: string, urn?: string) => urns.push(urn));
                return urns;
            };
            const inStackGroup = dependsOn(withProp(unplaced(), "resourceGroupName", undefined), "resourceGroupName", group);
            assert.deepEqual(reported([group, inStackGroup]), []);
            const elsewhere = withProp(unplaced(), "resourceGroupName", "rg-sea");
            assert.deepEqual(reported([group, elsewhere]), [elsewhere.urn]);
        });
        it("does not ask a deployment to a resource group for a region", () =>
            assertNoFinding(findingsOf(rules.allowedLocation, resource("azure-native:resources:Deployment", { resourceGroupName: "elsewhere", properties: { mode: "Incremental" } }, { name: "d" }))));
        it("does not judge a type that has no location", () => assert.deepEqual(stackOutcomesByName(rules.allowedLocation, [withProp(vaultKey(), "location", "westeurope")]), {}));
        it("allows \"global\" for a private DNS zone", () => assertNoFinding(findingsOf(rules.allowedLocation, resource("azure-native:privatedns:PrivateZone", { resourceGroupName: "rg", location: "global" }, { name: "z" }))));
        it("fails \"global\" for a storage account", () => assertOneViolation(findingsOf(rules.allowedLocation, withProp(storageAccount(), "location", "global")), "location", { control: C }));
        it("does not ask a resource that exists only at \"global\" for a region: not applicable, with the reason, under every token", async () => {
            const config = resolveConfig({});
            // azure-native 3's tokens, azure-native 2's (network:PrivateZone) and their versioned modules (checker path).
            for (const type of [...rules.globalTypes, "azure-native:network/v20200601:PrivateZone", "azure-native:network/v20200601:VirtualNetworkLink",
                "azure-native:privatedns/v20240601:VirtualNetworkLink", "azure-native:network/v20180501:Zone"]) {
                const rec = await record(() => { new Raw(type, "global-thing", { resourceGroupName: "rg", location: "Global" }); });
                const [r] = rec.policyResources;
                assert.deepEqual(stackOutcomesByName(rules.allowedLocation, [r]), { "global-thing": "not-applicable" }, type);
                const [reason] = rules.allowedLocation.check(new StackIndex([r]), config);
                assert.match(reason.doesNotApply ?? "", /only at location "global"/);
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
