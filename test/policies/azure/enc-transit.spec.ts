import * as rules from "../../../policies/azure/enc-transit";
import { UNKNOWN } from "../../../policies/lib/values";
import assert from "node:assert/strict";
import { assertPasses, assertFails, assertUnknown, hdinsightCluster, minimalTls, runOn, runStack, storageAccount, synapseSettingsDeployment, synapseWorkspace, withProp } from "./fixtures";

const C = "ENC-TRANSIT";

describe("azure ENC-TRANSIT", () => {
    describe("azure-enc-transit-storage-account", () => {
        it("passes HTTPS only with TLS 1.2", () => assertPasses(runOn(rules.storageAccount, storageAccount())));
        it("passes HTTPS-only left to its default", () => assertPasses(runOn(rules.storageAccount, withProp(storageAccount(), "enableHttpsTrafficOnly", undefined))));
        it("fails HTTP allowed, given as the string \"false\"", () =>
            assertFails(runOn(rules.storageAccount, withProp(storageAccount(), "enableHttpsTrafficOnly", "false")), C, "enableHttpsTrafficOnly"));
        it("fails TLS 1.0 by omission", () => assertFails(runOn(rules.storageAccount, withProp(storageAccount(), "minimumTlsVersion", undefined)), C, "minimumTlsVersion"));
        it("fails TLS1_1", () => assertFails(runOn(rules.storageAccount, withProp(storageAccount(), "minimumTlsVersion", "TLS1_1")), C, "minimumTlsVersion"));
        it("reports a TLS version unknown at preview as advisory", () => assertUnknown(runOn(rules.storageAccount, withProp(storageAccount(), "minimumTlsVersion", UNKNOWN)), "minimumTlsVersion"));
    });
    describe("azure-enc-transit-hdinsight-cluster", () => {
        it("passes in-transit encryption with TLS 1.2", () => assertPasses(runOn(rules.hdinsightCluster, hdinsightCluster())));
        it("fails in-transit encryption off", () =>
            assertFails(runOn(rules.hdinsightCluster, withProp(hdinsightCluster(), "properties.encryptionInTransitProperties", undefined)), C, "isEncryptionInTransitEnabled"));
        it("fails TLS 1.0", () => assertFails(runOn(rules.hdinsightCluster, withProp(hdinsightCluster(), "properties.minSupportedTlsVersion", "1.0")), C, "minSupportedTlsVersion"));
    });
    describe("azure-enc-transit-synapse-sql-minimal-tls (stack, advisory)", () => {
        it("passes TLS 1.2 set through an ARM template deployment", () =>
            assertPasses(runStack(rules.synapseSqlMinimalTls, [synapseWorkspace(), synapseSettingsDeployment(synapseWorkspace(), [minimalTls])])));
        it("passes a template that names the workspace by value", () =>
            assertPasses(runStack(rules.synapseSqlMinimalTls, [synapseWorkspace(), synapseSettingsDeployment(synapseWorkspace(), [minimalTls], "stmary-syn")])));
        it("reports a workspace without the setting as advisory, on the workspace", () => {
            const f = runStack(rules.synapseSqlMinimalTls, [synapseWorkspace()]);
            assert.equal(f.length, 1);
            assert.equal(f[0].enforcement, "advisory");
            assert.equal(f[0].urn, synapseWorkspace().urn);
            assert.ok(f[0].message.includes("minimalTlsVersion"));
        });
        it("reports TLS 1.0 in the template", () => {
            const f = runStack(rules.synapseSqlMinimalTls, [synapseWorkspace(), synapseSettingsDeployment(synapseWorkspace(), [{ ...minimalTls, properties: { minimalTlsVersion: "1.0" } }])]);
            assert.ok(f.length === 1 && f[0].message.includes("\"1.0\""));
        });
    });
});
