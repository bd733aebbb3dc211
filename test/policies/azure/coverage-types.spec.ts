// The rules that judge the Azure example stack's last not-judged types (issue 14): each passes its
// compliant case and fails a non-compliant one with its control; a type judged not applicable says why;
// a deployment whose template the pack does not wholly read stays not judged.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { coverageOf } from "../../../policies/lib/coverage";
import { evaluateOutcomes, resourceOutcome } from "../../../policies/lib/evaluate";
import { UNKNOWN, UNKNOWN_STRING } from "../../../policies/lib/values";
import * as dp from "../../../policies/azure/deletion-protection";
import * as ia from "../../../policies/azure/identity-authn";
import * as np from "../../../policies/azure/network-private";
import { noSafeguardTypes, rules as noSafeguard } from "../../../policies/azure/no-safeguard";
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, assertViolations, findingsOf, resource, rulesOf, withProp } from "../../support/policies";
import { auditing, minimalTls, rgId, synapseSettingsDeployment, synapseWorkspace } from "./baselines";

const all = rulesOf({ cloud: "azure" });

const zoneId = (zone: string) => `${rgId}/providers/Microsoft.Network/privateDnsZones/${zone}`;
const zoneGroup = () => resource("azure-native:network:PrivateDnsZoneGroup", {
    resourceGroupName: "rg", privateEndpointName: "kv-pe", privateDnsZoneGroupName: "default",
    privateDnsZoneConfigs: [{ name: "vault", privateDnsZoneId: zoneId("privatelink.vaultcore.azure.net") }],
}, { name: "kv-pe-dns" });
const link = () => resource("azure-native:privatedns:VirtualNetworkLink", {
    resourceGroupName: "rg", privateZoneName: "privatelink.vaultcore.azure.net", location: "Global", registrationEnabled: false, virtualNetwork: { id: `${rgId}/vnet` },
}, { name: "kv-link" });
const scope = () => resource("azure-native:monitor:PrivateLinkScope", {
    resourceGroupName: "rg", scopeName: "stmary-ampls", location: "global",
    accessModeSettings: { ingestionAccessMode: "PrivateOnly", queryAccessMode: "PrivateOnly" },
}, { name: "ampls" });
const scoped = (linkedResourceId: unknown = `${rgId}/providers/Microsoft.OperationalInsights/workspaces/law`) =>
    resource("azure-native:monitor:PrivateLinkScopedResource", { resourceGroupName: "rg", scopeName: "stmary-ampls", name: "law-link", linkedResourceId }, { name: "ampls-law" });
const aadAdmin = () => resource("azure-native:synapse:WorkspaceAadAdmin", {
    resourceGroupName: "rg", workspaceName: "syn", administratorType: "ActiveDirectory", login: "admins",
    sid: "3f2504e0-4f89-41d3-9a0c-0305e82c3301", tenantId: "00000000-0000-0000-0000-0000000000aa",
}, { name: "sql-admin" });
const group = (protect?: boolean) => resource("azure-native:resources:ResourceGroup", { resourceGroupName: "rg", location: "eastus2" }, { name: "rg", protect });
const prod = { environment: "prod" } as const;

describe("azure: the example stack's last types, judged", () => {
    describe("azure-network-private-private-dns-zone-group", () => {
        it("passes a privatelink zone", () => assertNoFinding(findingsOf(np.privateDnsZoneGroup, zoneGroup())));
        it("passes privatelink-global and regional privatelink zones", () => assertNoFinding(findingsOf(np.privateDnsZoneGroup, withProp(zoneGroup(), "privateDnsZoneConfigs", [{ privateDnsZoneId: zoneId("privatelink-global.wvd.microsoft.com") }, { privateDnsZoneId: zoneId("privatelink.eastus2.azmk8s.io") }]))));
        it("fails a zone group with no zone", () => assertOneViolation(findingsOf(np.privateDnsZoneGroup, withProp(zoneGroup(), "privateDnsZoneConfigs", [])), "privateDnsZoneConfigs", { control: "NETWORK-PRIVATE" }));
        it("fails a zone group without privateDnsZoneConfigs", () => assertOneViolation(findingsOf(np.privateDnsZoneGroup, withProp(zoneGroup(), "privateDnsZoneConfigs", undefined)), "privateDnsZoneConfigs", { control: "NETWORK-PRIVATE" }));
        it("fails a public-looking zone, a zone named like privatelink only in a prefix of a label, a number and a missing id", () => {
            for (const id of [zoneId("vaultcore.azure.net"), zoneId("notprivatelink.vaultcore.azure.net"), `${zoneId("vaultcore.azure.net")}/privatelink`.replace(/privatelink$/, ""), 42, undefined, "", "privatelink.vaultcore.azure.net"]) {
                assertOneViolation(findingsOf(np.privateDnsZoneGroup, withProp(zoneGroup(), "privateDnsZoneConfigs", [{ privateDnsZoneId: id }])), "privateDnsZoneConfigs[0].privateDnsZoneId", { control: "NETWORK-PRIVATE" });
            }
        });
        it("fails one bad zone among good ones", () => assertOneViolation(findingsOf(np.privateDnsZoneGroup, withProp(zoneGroup(), "privateDnsZoneConfigs", [{ privateDnsZoneId: zoneId("privatelink.vaultcore.azure.net") }, { privateDnsZoneId: zoneId("contoso.com") }])), "privateDnsZoneConfigs[1]", { control: "NETWORK-PRIVATE" }));
        it("reports an unknown zone id, whole or embedded, as unknown", () => {
            assertOnlyUnknown(findingsOf(np.privateDnsZoneGroup, withProp(zoneGroup(), "privateDnsZoneConfigs", UNKNOWN)), "privateDnsZoneConfigs");
            assertOnlyUnknown(findingsOf(np.privateDnsZoneGroup, withProp(zoneGroup(), "privateDnsZoneConfigs", [{ privateDnsZoneId: `${rgId}/providers/Microsoft.Network/privateDnsZones/${UNKNOWN_STRING}` }])), "privateDnsZoneId");
        });
    });

    describe("azure-network-private-private-dns-zone-link", () => {
        it("passes the default resolution policy, unset or written", () => {
            assertNoFinding(findingsOf(np.privateDnsZoneLink, link()));
            assertNoFinding(findingsOf(np.privateDnsZoneLink, withProp(link(), "resolutionPolicy", "default")));
        });
        it("fails NxDomainRedirect in any case, and a value that is not a policy", () => {
            for (const v of ["NxDomainRedirect", "nxdomainredirect", " Default", 0, true]) {
                assertOneViolation(findingsOf(np.privateDnsZoneLink, withProp(link(), "resolutionPolicy", v)), "resolutionPolicy", { control: "NETWORK-PRIVATE" });
            }
        });
        it("reports an unknown policy as unknown", () => assertOnlyUnknown(findingsOf(np.privateDnsZoneLink, withProp(link(), "resolutionPolicy", UNKNOWN)), "resolutionPolicy"));
    });

    describe("azure-network-private-monitor-private-link-scope", () => {
        it("passes PrivateOnly ingestion and queries", () => assertNoFinding(findingsOf(np.monitorPrivateLinkScope, [scope(), scoped()])));
        it("fails Open, unset modes and an Open exclusion", () => {
            assertOneViolation(findingsOf(np.monitorPrivateLinkScope, [withProp(scope(), "accessModeSettings.queryAccessMode", "Open")]), "accessModeSettings.queryAccessMode", { control: "NETWORK-PRIVATE" });
            assertViolations(findingsOf(np.monitorPrivateLinkScope, [withProp(scope(), "accessModeSettings", undefined)]), ["accessModeSettings.ingestionAccessMode", "accessModeSettings.queryAccessMode"], { control: "NETWORK-PRIVATE" });
            assertOneViolation(findingsOf(np.monitorPrivateLinkScope, [withProp(scope(), "accessModeSettings.exclusions", [{ privateEndpointConnectionName: "pe", ingestionAccessMode: "Open" }])]), "accessModeSettings.exclusions[0].ingestionAccessMode", { control: "NETWORK-PRIVATE" });
        });
        it("judges azure-native 2's insights:PrivateLinkScope like monitor's", () =>
            assertOneViolation(findingsOf(np.monitorPrivateLinkScope, [{ ...withProp(scope(), "accessModeSettings.queryAccessMode", "Open"), type: "azure-native:insights:PrivateLinkScope" }]), "accessModeSettings.queryAccessMode", { control: "NETWORK-PRIVATE" }));
        it("fails a link of the scope that names no resource", () =>
            assertOneViolation(findingsOf(np.monitorPrivateLinkScope, [scope(), scoped("")]), "linkedResourceId", { control: "NETWORK-PRIVATE" }));
        it("judges a link with its scope, and leaves a link to a scope the stack does not declare not judged", () => {
            const mine = resource(scoped().type, { ...scoped().props }, { name: "mine", propertyDependencies: { scopeName: [scope().urn] } });
            const other = resource(scoped().type, { ...scoped().props, scopeName: "elsewhere" }, { name: "other" });
            const resources = [withProp(scope(), "accessModeSettings.queryAccessMode", "Open"), mine, other];
            const { outcomes } = evaluateOutcomes([np.monitorPrivateLinkScope], resources);
            assert.equal(outcomes.find(o => o.name === "mine")?.outcome, "violation");
            const coverage = coverageOf(resources, outcomes, [np.monitorPrivateLinkScope]);
            assert.deepEqual(coverage.notJudgedResources.map(n => n.name), ["other"]);
        });
    });

    describe("azure-identity-authn-synapse-aad-admin", () => {
        it("passes an Entra admin named by object id and tenant", () => assertNoFinding(findingsOf(ia.synapseAadAdmin, aadAdmin())));
        it("judges the WorkspaceSqlAadAdmin and versioned tokens too", () => {
            assertOneViolation(findingsOf(ia.synapseAadAdmin, { ...withProp(aadAdmin(), "sid", undefined), type: "azure-native:synapse:WorkspaceSqlAadAdmin" }), "sid", { control: "IDENTITY-AUTHN" });
            assertOneViolation(findingsOf(ia.synapseAadAdmin, { ...withProp(aadAdmin(), "sid", undefined), type: "azure-native:synapse/v20210601:WorkspaceAadAdmin" }), "sid", { control: "IDENTITY-AUTHN" });
        });
        it("fails another administrator type, a name or email for sid, a missing tenant", () => {
            assertOneViolation(findingsOf(ia.synapseAadAdmin, withProp(aadAdmin(), "administratorType", "SqlLogin")), "administratorType", { control: "IDENTITY-AUTHN" });
            assertOneViolation(findingsOf(ia.synapseAadAdmin, withProp(aadAdmin(), "administratorType", undefined)), "administratorType", { control: "IDENTITY-AUTHN" });
            assertOneViolation(findingsOf(ia.synapseAadAdmin, withProp(aadAdmin(), "sid", "admin@contoso.com")), "sid", { control: "IDENTITY-AUTHN" });
            assertOneViolation(findingsOf(ia.synapseAadAdmin, withProp(aadAdmin(), "sid", " 3f2504e0-4f89-41d3-9a0c-0305e82c3301")), "sid", { control: "IDENTITY-AUTHN" });
            assertOneViolation(findingsOf(ia.synapseAadAdmin, withProp(aadAdmin(), "tenantId", undefined)), "tenantId", { control: "IDENTITY-AUTHN" });
        });
        it("reports an unknown sid as unknown", () => assertOnlyUnknown(findingsOf(ia.synapseAadAdmin, withProp(aadAdmin(), "sid", UNKNOWN)), "sid"));
    });

    describe("azure-deletion-protection-resource-group", () => {
        it("passes a protected group in prod", () => assertNoFinding(findingsOf(dp.resourceGroup, group(true), prod)));
        it("fails an unprotected group in prod", () => assertOneViolation(findingsOf(dp.resourceGroup, group(), prod), "opts.protect", { control: "DELETION-PROTECTION" }));
        it("is not applicable outside production, with the reason", () => {
            const o = resourceOutcome(dp.resourceGroup, group(), { config: { environment: "dev" } });
            assert.equal(o?.outcome, "not-applicable");
            assert.ok(o?.reason);
        });
    });

    describe("azure-deletion-protection-arm-deployment", () => {
        const ws = synapseWorkspace();
        const deployment = () => synapseSettingsDeployment(ws, [auditing, minimalTls]);
        it("passes an Incremental deployment of settings the pack reads, and judges it", () => {
            assertNoFinding(findingsOf(dp.armDeployment, deployment()));
            assert.equal(resourceOutcome(dp.armDeployment, deployment())?.outcome, "compliant");
        });
        it("fails Complete mode (in any case), an unset mode and a non-string, whatever the template holds", () => {
            for (const mode of ["Complete", "complete", undefined, 1]) {
                assertOneViolation(findingsOf(dp.armDeployment, withProp(deployment(), "properties.mode", mode)), "properties.mode", { control: "DELETION-PROTECTION" });
            }
            assertOneViolation(findingsOf(dp.armDeployment, withProp(withProp(deployment(), "properties.template.resources", [{ type: "Microsoft.Compute/virtualMachines" }]), "properties.mode", "Complete")), "properties.mode", { control: "DELETION-PROTECTION" });
        });
        it("reports an unknown template as unknown", () => assertOnlyUnknown(findingsOf(dp.armDeployment, withProp(deployment(), "properties.template", UNKNOWN)), "properties.template"));
        it("leaves not judged a template that deploys what no rule reads: another type, a nested child, a linked template, no resource", () => {
            const cases = [
                withProp(deployment(), "properties.template.resources", [auditing, { type: "Microsoft.Storage/storageAccounts", name: "open" }]),
                withProp(deployment(), "properties.template.resources", [{ ...auditing, resources: [{ type: "Microsoft.Storage/storageAccounts" }] }]),
                withProp(deployment(), "properties.template.resources", { audit: auditing, account: { type: "Microsoft.Storage/storageAccounts" } }),
                withProp(deployment(), "properties.template.resources", [{ ...auditing, type: 7 }]),
                withProp(withProp(deployment(), "properties.template", undefined), "properties.templateLink", { uri: "https://example.com/t.json" }),
                withProp(deployment(), "properties.templateLink", { uri: "https://example.com/t.json" }),
                withProp(deployment(), "properties.template.resources", []),
                // Settings aimed by name at a workspace the stack does not declare: read by no rule.
                synapseSettingsDeployment(ws, [{ ...auditing, properties: { state: "Disabled" } }], "someone-elses-workspace"),
            ];
            for (const d of cases) {
                const { outcomes } = evaluateOutcomes(all, [ws, d]);
                const coverage = coverageOf([d], outcomes, all);
                assert.equal(coverage.notJudged, 1, JSON.stringify(d.props));
                assert.match(coverage.notJudgedResources[0].reason, /not of a kind any rule judges/);
            }
        });
        it("fails closed on a template text that gives a key twice (JSON.parse would read only the last resources)", () => {
            const text = `{"resources": [{"type": "Microsoft.Storage/storageAccounts"}], "resources": ${JSON.stringify([auditing])}}`;
            const o = resourceOutcome(dp.armDeployment, withProp(deployment(), "properties.template", text));
            assert.equal(o?.outcome, "error");
            assert.match(o?.reason ?? "", /given twice/);
            assert.equal(o?.findings[0]?.enforcement, "mandatory");
        });
        it("reads a template of JSON text and of symbolic names (languageVersion 2.0) like a list", () => {
            assertNoFinding(findingsOf(dp.armDeployment, withProp(deployment(), "properties.template", JSON.stringify({ resources: [auditing] }))));
            assertNoFinding(findingsOf(dp.armDeployment, withProp(deployment(), "properties.template.resources", { audit: auditing, tls: minimalTls })));
        });
    });

    describe("types with no safeguard of their own (no-safeguard.ts)", () => {
        it("are judged not applicable, each with its reason, by a rule named after its control", () => {
            for (const rule of noSafeguard) {
                if (rule.kind !== "resource") continue;
                const o = resourceOutcome(rule, resource(rule.types[0], {}, { name: "x" }));
                assert.equal(o?.outcome, "not-applicable", rule.name);
                assert.ok((o?.reason ?? "").length > 40, rule.name);
            }
            assert.deepEqual(noSafeguard.map(r => r.name).sort(), ["azure-least-privilege-user-assigned-identity", "azure-network-private-private-dns-zone",
                "azure-network-private-public-ip-address", "azure-network-private-web-app-vnet-integration", "azure-enc-transit-cdn-profile",
                "azure-audit-log-sentinel-scheduled-alert-rule", "azure-audit-log-sentinel-connector-definition"].sort());
        });
        it("lists no type that another rule of the pack judges, nor one whose installed SDK has an input beyond those written down", () => {
            for (const rule of noSafeguard) {
                if (rule.kind !== "resource") continue;
                const others = all.filter(r => r !== rule && r.kind === "resource" && r.types.includes(rule.types[0]) && r.controls.some(c => !["TAGGING", "RESIDENCY"].includes(c)));
                assert.deepEqual(others.map(r => r.name), [], rule.name);
            }
            const sdk = path.dirname(require.resolve("@pulumi/azure-native/package.json"));
            for (const t of noSafeguardTypes) {
                const [, module, kind] = t.types[0].split(":");
                const dts = fs.readFileSync(path.join(sdk, module, `${kind.charAt(0).toLowerCase()}${kind.slice(1)}.d.ts`), "utf8");
                const args = /export interface \w+Args \{([\s\S]*?)\n\}/.exec(dts)![1];
                const inputs = [...args.matchAll(/^ {4}(\w+)\??:/gm)].map(m => m[1]).sort();
                assert.deepEqual(inputs, t.inputs.split(", ").sort(), t.types[0]);
            }
        });
    });
});
