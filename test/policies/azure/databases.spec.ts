// Azure SQL servers and Cosmos DB accounts, the databases of hand-written programs, judged like the
// warehouse: key, network, TLS and Entra-only sign-in. Each rule is named: the pack test checks that.
import assert from "node:assert/strict";
import { sqlServerAuditing } from "../../../policies/azure/audit-log";
import { cosmosAccount as cosmosKey, sqlServer as sqlKey } from "../../../policies/azure/enc-rest-cmk";
import { cosmosAccount as cosmosTls, sqlServer as sqlTls } from "../../../policies/azure/enc-transit";
import { cosmosAccount as cosmosAuth, sqlServer as sqlAuth } from "../../../policies/azure/identity-authn";
import { cosmosAccount as cosmosPublic, sqlServer as sqlPublic } from "../../../policies/azure/public-access";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertFails, assertPasses, res, runOn, runStack, tags } from "./fixtures";

const KEY = "https://stmary-kv.vault.azure.net/keys/records";
const sqlServer = (props: Record<string, unknown> = {}) => res("azure-native:sql:Server", "records-sql", {
    resourceGroupName: "rg", location: "eastus", tags, publicNetworkAccess: "Disabled", minimalTlsVersion: "1.2", keyId: KEY,
    administrators: { administratorType: "ActiveDirectory", azureADOnlyAuthentication: true, login: "phi-admins", sid: "00000000-0000-0000-0000-0000000000bb" },
    ...props,
});
const cosmos = (type: string, props: Record<string, unknown> = {}) => res(type, "records-cosmos", {
    resourceGroupName: "rg", location: "eastus", tags, databaseAccountOfferType: "Standard", locations: [{ locationName: "eastus" }],
    publicNetworkAccess: "Disabled", disableLocalAuth: true, keyVaultKeyUri: KEY, ...props,
});

describe("azure databases", () => {
    const sqlRules = [sqlKey, sqlTls, sqlAuth, sqlPublic]; // azure-enc-rest-cmk-sql-server, azure-enc-transit-sql-server, azure-identity-authn-sql-server, azure-public-access-sql-server
    const cosmosRules = [cosmosKey, cosmosTls, cosmosAuth, cosmosPublic]; // azure-enc-rest-cmk-cosmosdb-account, azure-enc-transit-cosmosdb-account, azure-identity-authn-cosmosdb-account, azure-public-access-cosmosdb-account

    it("pass an SQL server and a Cosmos account that are private, CMK-encrypted, TLS 1.2 and Entra-only (Cosmos under both SDK tokens)", () => {
        for (const rule of sqlRules) assertPasses(runOn(rule, sqlServer()));
        for (const type of ["azure-native:cosmosdb:DatabaseAccount", "azure-native:documentdb:DatabaseAccount"]) {
            for (const rule of cosmosRules) assertPasses(runOn(rule, cosmos(type)));
        }
    });

    it("fail the SQL server of the appservice example: a SQL login with a password, public network, no TLS floor, no key", () => {
        const example = res("azure-native:sql:Server", "sqlserver", { resourceGroupName: "rg", administratorLogin: "pulumi", administratorLoginPassword: "s3cret!", version: "12.0" });
        assertFails(runOn(sqlKey, example), "ENC-REST-CMK", "keyId");
        assertFails(runOn(sqlTls, example), "ENC-TRANSIT", "minimalTlsVersion");
        assertFails(runOn(sqlPublic, example), "PUBLIC-ACCESS", "publicNetworkAccess");
        const auth = runOn(sqlAuth, example);
        assertFails(auth, "IDENTITY-AUTHN", "administrators.azureADOnlyAuthentication");
        assertFails(auth, "IDENTITY-AUTHN", "administratorLoginPassword");
        assert.ok(auth.every(f => !f.message.includes("s3cret!")), "the password itself is never shown");
    });

    it("fail the Cosmos account of the cosmosdb-logicapp example: key auth, public network, no key; a weakened TLS floor too", () => {
        const example = res("azure-native:documentdb:DatabaseAccount", "cdb", { resourceGroupName: "rg", databaseAccountOfferType: "Standard", locations: [{ locationName: "westus" }] });
        assertFails(runOn(cosmosAuth, example), "IDENTITY-AUTHN", "disableLocalAuth");
        assertFails(runOn(cosmosPublic, example), "PUBLIC-ACCESS", "publicNetworkAccess");
        assertFails(runOn(cosmosKey, example), "ENC-REST-CMK", "keyVaultKeyUri");
        assertPasses(runOn(cosmosTls, example));
        assertFails(runOn(cosmosTls, cosmos("azure-native:cosmosdb:DatabaseAccount", { minimalTlsVersion: "Tls11" })), "ENC-TRANSIT", "minimalTlsVersion");
    });

    it("asks every SQL server for server-level auditing that is Enabled (azure-audit-log-sql-server-auditing)", () => {
        const server = sqlServer();
        const auditing = (state: string, extra: Record<string, unknown> = {}) => res("azure-native:sql:ExtendedServerBlobAuditingPolicy", "audit",
            { resourceGroupName: "rg", serverName: "records-sql", blobAuditingPolicyName: "default", state, isAzureMonitorTargetEnabled: true, ...extra },
            { propertyDependencies: { serverName: [server.urn] } });
        assertPasses(runStack(sqlServerAuditing, [server, auditing("Enabled")]));
        const missing = runStack(sqlServerAuditing, [server]);
        assertFails(missing, "AUDIT-LOG", "ServerBlobAuditingPolicy.state");
        assert.equal(missing[0].urn, server.urn);
        assertFails(runStack(sqlServerAuditing, [server, auditing("Disabled")]), "AUDIT-LOG", "is [\"Disabled\"]");
        assertFails(runStack(sqlServerAuditing, [server, auditing("Enabled", { isAzureMonitorTargetEnabled: false })]), "AUDIT-LOG", "ServerBlobAuditingPolicy.state");
    });

    it("reports a network setting unknown at preview as unknown", () => {
        assert.equal(runOn(sqlPublic, sqlServer({ publicNetworkAccess: UNKNOWN }))[0].unknown, true);
    });
});
