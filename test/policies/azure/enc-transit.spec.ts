import * as rules from "../../../policies/azure/enc-transit";
import { UNKNOWN } from "../../../policies/lib/values";
import assert from "node:assert/strict";
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, findingsOf, withProp } from "../../support/policies";
import { hdinsightCluster, minimalTls, storageAccount, synapseSettingsDeployment, synapseWorkspace } from "./baselines";

const C = "ENC-TRANSIT";

describe("azure ENC-TRANSIT", () => {
    describe("azure-enc-transit-storage-account", () => {
        it("passes HTTPS only with TLS 1.2", () => assertNoFinding(findingsOf(rules.storageAccount, storageAccount())));
        it("passes HTTPS-only left to its default", () => assertNoFinding(findingsOf(rules.storageAccount, withProp(storageAccount(), "enableHttpsTrafficOnly", undefined))));
        it("fails HTTP allowed, given as the string \"false\"", () =>
            assertOneViolation(findingsOf(rules.storageAccount, withProp(storageAccount(), "enableHttpsTrafficOnly", "false")), "enableHttpsTrafficOnly", { control: C }));
        it("fails HTTPS-only written as anything but true (0 is false to ARM)", () => {
            for (const off of [0, "0", "no"]) assertOneViolation(findingsOf(rules.storageAccount, withProp(storageAccount(), "enableHttpsTrafficOnly", off)), "enableHttpsTrafficOnly", { control: C });
        });
        it("fails TLS 1.0 by omission", () => assertOneViolation(findingsOf(rules.storageAccount, withProp(storageAccount(), "minimumTlsVersion", undefined)), "minimumTlsVersion", { control: C }));
        it("fails TLS1_1", () => assertOneViolation(findingsOf(rules.storageAccount, withProp(storageAccount(), "minimumTlsVersion", "TLS1_1")), "minimumTlsVersion", { control: C }));
        it("reports a TLS version unknown at preview as advisory", () => assertOnlyUnknown(findingsOf(rules.storageAccount, withProp(storageAccount(), "minimumTlsVersion", UNKNOWN)), "minimumTlsVersion"));
    });
    describe("azure-enc-transit-hdinsight-cluster", () => {
        it("passes in-transit encryption with TLS 1.2", () => assertNoFinding(findingsOf(rules.hdinsightCluster, hdinsightCluster())));
        it("fails in-transit encryption off", () =>
            assertOneViolation(findingsOf(rules.hdinsightCluster, withProp(hdinsightCluster(), "properties.encryptionInTransitProperties", undefined)), "isEncryptionInTransitEnabled", { control: C }));
        it("fails TLS 1.0", () => assertOneViolation(findingsOf(rules.hdinsightCluster, withProp(hdinsightCluster(), "properties.minSupportedTlsVersion", "1.0")), "minSupportedTlsVersion", { control: C }));
    });
    describe("azure-enc-transit-synapse-sql-minimal-tls (stack, advisory)", () => {
        it("passes TLS 1.2 set through an ARM template deployment", () =>
            assertNoFinding(findingsOf(rules.synapseSqlMinimalTls, [synapseWorkspace(), synapseSettingsDeployment(synapseWorkspace(), [minimalTls])])));
        it("passes a template that names the workspace by value", () =>
            assertNoFinding(findingsOf(rules.synapseSqlMinimalTls, [synapseWorkspace(), synapseSettingsDeployment(synapseWorkspace(), [minimalTls], "stmary-syn")])));
        it("reports a workspace without the setting as advisory, on the workspace", () => {
            const f = findingsOf(rules.synapseSqlMinimalTls, [synapseWorkspace()]);
            assert.equal(f.length, 1);
            assert.equal(f[0].enforcement, "advisory");
            assert.equal(f[0].urn, synapseWorkspace().urn);
            assert.ok(f[0].message.includes("minimalTlsVersion"));
        });
        it("reports TLS 1.0 in the template", () => {
            const f = findingsOf(rules.synapseSqlMinimalTls, [synapseWorkspace(), synapseSettingsDeployment(synapseWorkspace(), [{ ...minimalTls, properties: { minimalTlsVersion: "1.0" } }])]);
            assert.ok(f.length === 1 && f[0].message.includes("\"1.0\""));
        });
    });
});
