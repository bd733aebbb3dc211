import * as rules from "../../../policies/azure/identity-authn";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertFails, assertPasses, assertUnknown, hdinsightCluster, runOn, synapseWorkspace, withProp } from "./fixtures";

const C = "IDENTITY-AUTHN";

describe("azure IDENTITY-AUTHN", () => {
    describe("azure-identity-authn-synapse-workspace", () => {
        it("passes Entra-only authentication", () => assertPasses(runOn(rules.synapseWorkspace, synapseWorkspace())));
        it("passes Entra-only given as the string \"true\"", () => assertPasses(runOn(rules.synapseWorkspace, withProp(synapseWorkspace(), "azureADOnlyAuthentication", "true"))));
        it("fails SQL logins allowed by omission", () =>
            assertFails(runOn(rules.synapseWorkspace, withProp(synapseWorkspace(), "azureADOnlyAuthentication", undefined)), C, "azureADOnlyAuthentication"));
        it("reports Entra-only unknown at preview as advisory", () =>
            assertUnknown(runOn(rules.synapseWorkspace, withProp(synapseWorkspace(), "azureADOnlyAuthentication", UNKNOWN)), "azureADOnlyAuthentication"));
    });
    describe("azure-identity-authn-hdinsight-cluster", () => {
        it("passes the Enterprise Security Package", () => assertPasses(runOn(rules.hdinsightCluster, hdinsightCluster())));
        it("fails a cluster without a security profile", () =>
            assertFails(runOn(rules.hdinsightCluster, withProp(hdinsightCluster(), "properties.securityProfile", undefined)), C, "properties.securityProfile.directoryType"));
    });
});
