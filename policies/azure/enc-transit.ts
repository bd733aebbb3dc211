// ENC-TRANSIT on Azure: TLS-only access with TLS 1.2 or later (CONTROLS.md 1b). Synapse dedicated SQL
// minimal TLS (`workspaces/dedicatedSQLminimalTlsSettings`) has no resource in azure-native 3.28
// (G15, section 5): it is read from an ARM template deployment (arm-templates.ts). Health Data
// Services endpoints are HTTPS-only by design.
import { expect, resourceRule, Rule, stackRule, Violation } from "../lib/rule";
import { armTypes, templatedSynapseSettings } from "./arm-templates";
import { cosmosAccountTypes, equalsAnyIgnoreCase, foundAmong, isFalse, isTrue, T } from "./common";
import { unknownReferences } from "../lib/unknowns";

const controls = ["ENC-TRANSIT"] as const;

export const storageAccount = resourceRule({
    name: "azure-enc-transit-storage-account", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.storageAccount],
    description: "A storage account accepts HTTPS only, with TLS 1.2 or later.",
    remediation: "Set enableHttpsTrafficOnly true (or leave it unset) and minimumTlsVersion \"TLS1_2\".",
    check: r => [
        // Unset is HTTPS-only: the SDK documents true as the default since API version 2019-04-01.
        ...expect(r.props, "enableHttpsTrafficOnly", v => v === undefined || !isFalse(v), "true (the default since API 2019-04-01)"),
        // Explicit, as CONTROLS.md asks: the SDK documents unset as TLS 1.0 for the API versions it targets,
        // though Azure has refused TLS 1.0/1.1 on every account since February 2026. TLS1_3 is in the enum
        // though the doc says storage does not support it yet.
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

/**
 * Advisory: the only way to set it is an ARM PUT of dedicatedSQLminimalTlsSettings, which one spec
 * revision declares PATCH-only, so whether ARM accepts it is unverified (CONTROLS.md section 5).
 */
export const synapseSqlMinimalTls = stackRule({
    name: "azure-enc-transit-synapse-sql-minimal-tls", cloud: "azure", controls: [...controls], severity: "medium", enforcement: "advisory",
    judges: [T.synapseWorkspace],
    description: "Every Synapse workspace's dedicated SQL endpoint requires TLS 1.2 or later (dedicatedSQLminimalTlsSettings, deployed through an ARM template).",
    remediation: "Deploy Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings \"<workspace>/default\" {minimalTlsVersion: \"1.2\"} with an azure-native resources.Deployment (API 2021-06-01), and check the deployment's result.",
    check: stack => {
        const settings = templatedSynapseSettings(stack, armTypes.synapseMinimalTls);
        const excuse = unknownReferences(settings.unresolved.length);
        const out: Violation[] = [];
        for (const ws of stack.ofType(T.synapseWorkspace)) {
            const mine = settings.of.get(ws.urn) ?? [];
            if (mine.some(p => p.minimalTlsVersion === "1.2" || p.minimalTlsVersion === "1.3")) continue;
            out.push({
                resource: ws, property: "Deployment template Microsoft.Synapse/workspaces/dedicatedSQLminimalTlsSettings.properties.minimalTlsVersion",
                found: foundAmong(mine.map(p => p.minimalTlsVersion), excuse), wanted: "\"1.2\"",
            });
        }
        return out;
    },
});

export const sqlServer = resourceRule({
    name: "azure-enc-transit-sql-server", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.sqlServer],
    description: "An Azure SQL server accepts TLS 1.2 or later only.",
    remediation: "Set minimalTlsVersion \"1.2\" (or \"1.3\").",
    check: r => expect(r.props, "minimalTlsVersion", v => equalsAnyIgnoreCase(v, "1.2", "1.3"), "\"1.2\" or \"1.3\""),
});

export const cosmosAccount = resourceRule({
    name: "azure-enc-transit-cosmosdb-account", cloud: "azure", controls: [...controls], severity: "high",
    types: cosmosAccountTypes,
    description: "A Cosmos DB account accepts TLS 1.2 only (the default; Tls and Tls11 weaken it).",
    remediation: "Leave minimalTlsVersion unset or set \"Tls12\".",
    check: r => expect(r.props, "minimalTlsVersion", v => v === undefined || equalsAnyIgnoreCase(v, "Tls12"), "\"Tls12\" (or unset, the default)"),
});

export const rules: Rule[] = [storageAccount, hdinsightCluster, synapseSqlMinimalTls, sqlServer, cosmosAccount];
