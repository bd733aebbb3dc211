// ENC-TRANSIT on Azure: TLS-only access with TLS 1.2 or later (CONTROLS.md 1b). Synapse dedicated SQL
// minimal TLS (`workspaces/dedicatedSQLminimalTlsSettings`) has no resource in azure-native 3.28
// (G15, section 5), so no rule can read it; Health Data Services endpoints are HTTPS-only by design.
import { expect, resourceRule, Rule } from "../lib/rule";
import { equalsAnyIgnoreCase, isFalse, isTrue, T } from "./common";

const controls = ["ENC-TRANSIT"] as const;

export const storageAccount = resourceRule({
    name: "azure-enc-transit-storage-account", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.storageAccount],
    description: "A storage account accepts HTTPS only, with TLS 1.2 or later.",
    remediation: "Set enableHttpsTrafficOnly true (or leave it unset) and minimumTlsVersion \"TLS1_2\".",
    check: r => [
        // Unset is HTTPS-only: the SDK documents true as the default since API version 2019-04-01.
        ...expect(r.props, "enableHttpsTrafficOnly", v => v === undefined || !isFalse(v), "true (the default since API 2019-04-01)"),
        // Unset means TLS 1.0 (SDK doc). TLS1_3 is in the enum though the doc says storage does not support it yet.
        ...expect(r.props, "minimumTlsVersion", v => equalsAnyIgnoreCase(v, "TLS1_2", "TLS1_3"), "\"TLS1_2\" (or \"TLS1_3\")"),
    ],
});

export const hdinsightCluster = resourceRule({
    name: "azure-enc-transit-hdinsight-cluster", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.hdinsightCluster],
    description: "An HDInsight cluster encrypts traffic between its nodes and accepts TLS 1.2 or later.",
    remediation: "Set properties.encryptionInTransitProperties.isEncryptionInTransitEnabled true and properties.minSupportedTlsVersion \"1.2\" (both create-only).",
    check: r => [
        ...expect(r.props, "properties.encryptionInTransitProperties.isEncryptionInTransitEnabled", isTrue, "true"),
        ...expect(r.props, "properties.minSupportedTlsVersion", v => v === "1.2" || v === "1.3", "\"1.2\""),
    ],
});

export const rules: Rule[] = [storageAccount, hdinsightCluster];
