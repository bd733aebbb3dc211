// Azure SQL servers and Cosmos DB accounts, the databases of hand-written programs, judged like the
// warehouse: key, network, TLS and Entra-only sign-in. Each rule is named: the pack test checks that.
import assert from "node:assert/strict";
import { sqlServerAuditing } from "../../../policies/azure/audit-log";
import { cosmosAccount as cosmosKey, sqlServer as sqlKey } from "../../../policies/azure/enc-rest-cmk";
import { cosmosAccount as cosmosTls, sqlServer as sqlTls } from "../../../policies/azure/enc-transit";
import { cosmosAccount as cosmosAuth, sqlServer as sqlAuth } from "../../../policies/azure/identity-authn";
import { cosmosAccount as cosmosPublic, sqlServer as sqlPublic } from "../../../policies/azure/public-access";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertNoFinding, assertOneViolation, assertViolations, findingsOf, resource } from "../../support/policies";
import { tags } from "./baselines";

const KEY = "https://stmary-kv.vault.azure.net/keys/records";
const sqlServer = (props: Record<string, unknown> = {}) => resource("azure-native:sql:Server", {
    resourceGroupName: "rg", location: "eastus", tags, publicNetworkAccess: "Disabled", minimalTlsVersion: "1.2", keyId: KEY,
    administrators: { administratorType: "ActiveDirectory", azureADOnlyAuthentication: true, login: "phi-admins", sid: "00000000-0000-0000-0000-0000000000bb" },
    ...props,
}, { name: "records-sql" });
const cosmos = (type: string, props: Record<string, unknown> = {}) => resource(type, {
    resourceGroupName: "rg", location: "eastus", tags, databaseAccountOfferType: "Standard", locations: [{ locationName: "eastus" }],
    publicNetworkAccess: "Disabled", disableLocalAuth: true, keyVaultKeyUri: KEY, ...props,
}, { name: "records-cosmos" });

describe("azure databases", () => {
    const sqlRules = [sqlKey, sqlTls, sqlAuth, sqlPublic]; // azure-enc-rest-cmk-sql-server, azure-enc-transit-sql-server, azure-identity-authn-sql-server, azure-public-access-sql-server
    const cosmosRules = [cosmosKey, cosmosTls, cosmosAuth, cosmosPublic]; // azure-enc-rest-cmk-cosmosdb-account, azure-enc-transit-cosmosdb-account, azure-identity-authn-cosmosdb-account, azure-public-access-cosmosdb-account

    it("pass an SQL server and a Cosmos account that are private, CMK-encrypted, TLS 1.2 and Entra-only (Cosmos under both SDK tokens)", () => {
        for (const rule of sqlRules) assertNoFinding(findingsOf(rule, sqlServer()));
        for (const type of ["azure-native:cosmosdb:DatabaseAccount", "azure-native:documentdb:DatabaseAccount"]) {
            for (const rule of cosmosRules) assertNoFinding(findingsOf(rule, cosmos(type)));
        }
    });

    it("fail the SQL server of the appservice example: a SQL login with a password, public network, no TLS floor, no key", () => {
        const example = resource("azure-native:sql:Server", { resourceGroupName: "rg", administratorLogin: "pulumi", administratorLoginPassword: "s3cret!", version: "12.0" }, { name: "sqlserver" });
        assertOneViolation(findingsOf(sqlKey, example), "keyId", { control: "ENC-REST-CMK" });
        assertOneViolation(findingsOf(sqlTls, example), "minimalTlsVersion", { control: "ENC-TRANSIT" });
        assertOneViolation(findingsOf(sqlPublic, example), "publicNetworkAccess", { control: "PUBLIC-ACCESS" });
        const auth = findingsOf(sqlAuth, example);
        assertViolations(auth, ["administrators.azureADOnlyAuthentication", "administratorLoginPassword"], { control: "IDENTITY-AUTHN" });
        assert.ok(auth.every(f => !f.message.includes("s3cret!")), "the password itself is never shown");
    });

    it("fail the Cosmos account of the cosmosdb-logicapp example: key auth, public network, no key; a weakened TLS floor too", () => {
        const example = resource("azure-native:documentdb:DatabaseAccount", { resourceGroupName: "rg", databaseAccountOfferType: "Standard", locations: [{ locationName: "westus" }] }, { name: "cdb" });
        assertOneViolation(findingsOf(cosmosAuth, example), "disableLocalAuth", { control: "IDENTITY-AUTHN" });
        assertOneViolation(findingsOf(cosmosPublic, example), "publicNetworkAccess", { control: "PUBLIC-ACCESS" });
        assertOneViolation(findingsOf(cosmosKey, example), "keyVaultKeyUri", { control: "ENC-REST-CMK" });
        assertNoFinding(findingsOf(cosmosTls, example));
        assertOneViolation(findingsOf(cosmosTls, cosmos("azure-native:cosmosdb:DatabaseAccount", { minimalTlsVersion: "Tls11" })), "minimalTlsVersion", { control: "ENC-TRANSIT" });
    });

    it("asks every SQL server for server-level auditing that is Enabled (azure-audit-log-sql-server-auditing)", () => {
        const server = sqlServer();
        const auditing = (state: string, extra: Record<string, unknown> = {}) => resource("azure-native:sql:ExtendedServerBlobAuditingPolicy", { resourceGroupName: "rg", serverName: "records-sql", blobAuditingPolicyName: "default", state, isAzureMonitorTargetEnabled: true, ...extra }, { name: "audit", propertyDependencies: { serverName: [server.urn] } });
        assertNoFinding(findingsOf(sqlServerAuditing, [server, auditing("Enabled")]));
        const missing = findingsOf(sqlServerAuditing, [server]);
        assertOneViolation(missing, "ServerBlobAuditingPolicy.state", { control: "AUDIT-LOG" });
        assert.equal(missing[0].urn, server.urn);
        assertOneViolation(findingsOf(sqlServerAuditing, [server, auditing("Disabled")]), "is [\"Disabled\"]", { control: "AUDIT-LOG" });
        assertOneViolation(findingsOf(sqlServerAuditing, [server, auditing("Enabled", { isAzureMonitorTargetEnabled: false })]), "ServerBlobAuditingPolicy.state", { control: "AUDIT-LOG" });
    });

    it("reports a network setting unknown at preview as unknown", () => {
        assert.equal(findingsOf(sqlPublic, sqlServer({ publicNetworkAccess: UNKNOWN }))[0].unknown, true);
    });
});
