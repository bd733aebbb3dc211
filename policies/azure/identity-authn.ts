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

/**
 * A Synapse workspace's SQL administrator (WorkspaceAadAdmin, and WorkspaceSqlAadAdmin of the same
 * shape): an Entra ID principal, named by its object id in the workspace's tenant, so that the most
 * powerful SQL identity signs in through Entra ID (MFA, conditional access, its sign-in log) like any other.
 */
export const synapseAadAdmin = resourceRule({
    name: "azure-identity-authn-synapse-aad-admin", cloud: "azure", controls: [...controls], severity: "high",
    types: ["azure-native:synapse:WorkspaceAadAdmin", "azure-native:synapse:WorkspaceSqlAadAdmin"],
    description: "A Synapse workspace's SQL administrator is a Microsoft Entra ID principal (administratorType ActiveDirectory, its object id and tenant).",
    remediation: "Set administratorType \"ActiveDirectory\", sid to the object id of an Entra user or group, and tenantId to the workspace's tenant.",
    check: r => [
        ...expect(r.props, "administratorType", v => equalsAnyIgnoreCase(v, "ActiveDirectory"), "\"ActiveDirectory\""),
        ...expect(r.props, "sid", isGuid, "the object id (a GUID) of an Entra user or group"),
        ...expect(r.props, "tenantId", isGuid, "the tenant id (a GUID)"),
    ],
});

/** An Entra object or tenant id: a GUID as Entra writes it (a name or an email is not one). */
function isGuid(v: unknown): boolean {
    return typeof v === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);
}

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

/** Issue 16: an Azure AI services account's keys are shared secrets that name nobody; Entra tokens name the caller. */
export const cognitiveAccount = resourceRule({
    name: "azure-identity-authn-cognitive-account", cloud: "azure", controls: [...controls], severity: "high",
    types: [T.cognitiveAccount],
    description: "An Azure AI services account refuses its keys (local authentication): callers sign in with Entra ID and a role on the account.",
    remediation: "Set properties.disableLocalAuth true and grant Cognitive Services User on the account to the workload's identity.",
    check: r => expect(r.props, "properties.disableLocalAuth", isTrue, "true"),
});

export const rules: Rule[] = [synapseWorkspace, synapseAadAdmin, hdinsightCluster, sqlServer, cosmosAccount, cognitiveAccount];
