// IDENTITY-AUTHN on Azure: Entra ID is the only way in (CONTROLS.md 1b). Synapse with Entra-only
// authentication refuses SQL logins; HDInsight's Enterprise Security Package joins the cluster to
// Entra Domain Services so that users sign in with their own identity (Kerberos inside).
import { expect, resourceRule, Rule, writtenSecret } from "../lib/rule";
import { cosmosAccountTypes, equalsAnyIgnoreCase, isTrue, T } from "./common";

const controls = ["IDENTITY-AUTHN"] as const;

export const synapseWorkspace = resourceRule({
    name: "azure-identity-authn-synapse-workspace", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.synapseWorkspace],
    description: "A Synapse workspace accepts Microsoft Entra ID authentication only (SQL logins refused).",
    remediation: "Set azureADOnlyAuthentication true.",
    check: r => expect(r.props, "azureADOnlyAuthentication", isTrue, "true"),
});

export const hdinsightCluster = resourceRule({
    name: "azure-identity-authn-hdinsight-cluster", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.hdinsightCluster],
    description: "An HDInsight cluster uses the Enterprise Security Package (directory type ActiveDirectory).",
    remediation: "Set properties.securityProfile with directoryType \"ActiveDirectory\", the domain, aaddsResourceId and msiResourceId.",
    check: r => expect(r.props, "properties.securityProfile.directoryType", v => equalsAnyIgnoreCase(v, "ActiveDirectory"), "\"ActiveDirectory\""),
});

export const sqlServer = resourceRule({
    name: "azure-identity-authn-sql-server", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.sqlServer],
    description: "An Azure SQL server accepts Microsoft Entra ID authentication only; no SQL admin password is written in the program or its state.",
    remediation: "Set administrators with azureADOnlyAuthentication true (and an Entra admin), and remove administratorLoginPassword.",
    check: r => [
        ...expect(r.props, "administrators.azureADOnlyAuthentication", isTrue, "true"),
        ...writtenSecret(r.props, "administratorLoginPassword", "unset (Entra ID only)"),
    ],
});

export const cosmosAccount = resourceRule({
    name: "azure-identity-authn-cosmosdb-account", cloud: "azure", controls: [...controls], severity: "high",
    types: cosmosAccountTypes,
    description: "A Cosmos DB account refuses its shared account keys: callers sign in with Entra ID and data-plane RBAC.",
    remediation: "Set disableLocalAuth true and grant Cosmos DB data-plane roles to the callers' identities.",
    check: r => expect(r.props, "disableLocalAuth", isTrue, "true"),
});

export const rules: Rule[] = [synapseWorkspace, hdinsightCluster, sqlServer, cosmosAccount];
