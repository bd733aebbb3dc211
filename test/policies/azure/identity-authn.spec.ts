import * as rules from "../../../policies/azure/identity-authn";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, findingsOf, resource, withProp } from "../../support/policies";
import { hdinsightCluster, synapseWorkspace } from "./baselines";

const C = "IDENTITY-AUTHN";

describe("azure IDENTITY-AUTHN", () => {
    describe("azure-identity-authn-entra-only-setting", () => {
        const setting = (azureADOnlyAuthentication: unknown) => resource("azure-native:sql:ServerAzureADOnlyAuthentication",
            { resourceGroupName: "rg", serverName: "stmary-sql", authenticationName: "Default", azureADOnlyAuthentication });
        it("fails the standalone setting that turns SQL logins back on after the server", () =>
            assertOneViolation(findingsOf(rules.entraOnlySetting, setting(false)), "azureADOnlyAuthentication", { control: C }));
        it("passes it true, and reports it unknown as unknown", () => {
            assertNoFinding(findingsOf(rules.entraOnlySetting, setting(true)));
            assertOnlyUnknown(findingsOf(rules.entraOnlySetting, setting(UNKNOWN)), "azureADOnlyAuthentication");
        });
    });
    describe("azure-identity-authn-synapse-workspace", () => {
        it("passes Entra-only authentication", () => assertNoFinding(findingsOf(rules.synapseWorkspace, synapseWorkspace())));
        it("passes Entra-only given as the string \"true\"", () => assertNoFinding(findingsOf(rules.synapseWorkspace, withProp(synapseWorkspace(), "azureADOnlyAuthentication", "true"))));
        it("fails SQL logins allowed by omission", () =>
            assertOneViolation(findingsOf(rules.synapseWorkspace, withProp(synapseWorkspace(), "azureADOnlyAuthentication", undefined)), "azureADOnlyAuthentication", { control: C }));
        it("reports Entra-only unknown at preview as advisory", () =>
            assertOnlyUnknown(findingsOf(rules.synapseWorkspace, withProp(synapseWorkspace(), "azureADOnlyAuthentication", UNKNOWN)), "azureADOnlyAuthentication"));
    });
    describe("azure-identity-authn-hdinsight-cluster", () => {
        it("passes the Enterprise Security Package", () => assertNoFinding(findingsOf(rules.hdinsightCluster, hdinsightCluster())));
        it("fails a cluster without a security profile", () =>
            assertOneViolation(findingsOf(rules.hdinsightCluster, withProp(hdinsightCluster(), "properties.securityProfile", undefined)), "properties.securityProfile.directoryType", { control: C }));
    });
});
