import * as rules from "../../../policies/azure/enc-transit";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertFails, assertPasses, assertUnknown, hdinsightCluster, runOn, storageAccount, withProp } from "./fixtures";

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
});
