// azure-native PostgreSQL / MySQL flexible servers, their firewall rules and parameters, Azure Cache for Redis,
// and Cosmos DB backup policies (issue 15). Each rule: a compliant case, a violating case with its control, and a
// value unknown at preview that is not compliant.
import assert from "node:assert/strict";
import { phiResourceCoverage } from "../../../policies/azure/audit-log";
import * as bv from "../../../policies/azure/backup-versioning";
import * as dp from "../../../policies/azure/deletion-protection";
import * as cmk from "../../../policies/azure/enc-rest-cmk";
import * as tls from "../../../policies/azure/enc-transit";
import * as ia from "../../../policies/azure/identity-authn";
import * as pa from "../../../policies/azure/public-access";
import { evaluate, evaluateOutcomes } from "../../../policies/lib/evaluate";
import { exemptionTagKey, exemptionTagValue } from "../../../policies/lib/evaluate";
import { UNKNOWN } from "../../../policies/lib/values";
import { assertFails, assertPasses, assertUnknown, res, runOn, runStack, tags } from "./fixtures";

const KEY = "https://kv.vault.azure.net/keys/phi";
const pg = (props: Record<string, unknown> = {}, type = "azure-native:dbforpostgresql:Server") => res(type, "pg", {
    resourceGroupName: "rg", location: "eastus", tags, version: "16",
    network: { publicNetworkAccess: "Disabled" }, backup: { geoRedundantBackup: "Enabled", backupRetentionDays: 35 },
    dataEncryption: { type: "AzureKeyVault", primaryKeyURI: KEY, primaryUserAssignedIdentityId: "uai" },
    authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Disabled", tenantId: "t" }, ...props,
}, { protect: true });
const redis = (props: Record<string, unknown> = {}, type = "azure-native:redis:Redis") => res(type, "cache", {
    resourceGroupName: "rg", location: "eastus", sku: { name: "Premium", family: "P", capacity: 1 },
    minimumTlsVersion: "1.2", publicNetworkAccess: "Disabled", disableAccessKeyAuthentication: true, ...props,
});

describe("azure-native flexible servers, Redis and Cosmos DB backups", () => {
    describe("PostgreSQL and MySQL flexible servers", () => {
        it("pass a private, CMK, Entra-only, geo-backed-up server (azure-public-access-flexible-server, azure-enc-rest-cmk-flexible-server, azure-identity-authn-postgresql-flexible-server, azure-backup-versioning-flexible-server)", () => {
            for (const rule of [pa.flexibleServer, cmk.flexibleServer, ia.postgresFlexibleServer, bv.flexibleServer]) assertPasses(runOn(rule, pg()));
            for (const rule of [pa.flexibleServer, cmk.flexibleServer, bv.flexibleServer]) assertPasses(runOn(rule, pg({}, "azure-native:dbformysql:Server")));
            assertPasses(runOn(pa.flexibleServer, pg({ network: { delegatedSubnetResourceId: "subnet" } })));
        });
        it("fail a bare server: public network, service-managed key, passwords, one region of backups", () => {
            const bare = res("azure-native:dbforpostgresql:Server", "pg", { resourceGroupName: "rg", administratorLogin: "a", administratorLoginPassword: "pw-Secret-9", version: "16" });
            assertFails(runOn(pa.flexibleServer, bare), "PUBLIC-ACCESS", "network.publicNetworkAccess");
            assertFails(runOn(cmk.flexibleServer, bare), "ENC-REST-CMK", "dataEncryption.type");
            const auth = runOn(ia.postgresFlexibleServer, bare);
            assertFails(auth, "IDENTITY-AUTHN", "authConfig.passwordAuth");
            assertFails(auth, "IDENTITY-AUTHN", "administratorLoginPassword");
            assert.ok(auth.every(f => !f.message.includes("pw-Secret-9")));
            assertFails(runOn(bv.flexibleServer, bare), "BACKUP-VERSIONING", "backup.geoRedundantBackup");
            assertFails(runOn(dp.statefulResource, bare, { environment: "prod" }), "DELETION-PROTECTION", "opts.protect");
        });
        it("fail public access written Enabled beside a delegated subnet, and a key type without a key", () => {
            assertFails(runOn(pa.flexibleServer, pg({ network: { delegatedSubnetResourceId: "subnet", publicNetworkAccess: "Enabled" } })), "PUBLIC-ACCESS", "network.publicNetworkAccess");
            assertFails(runOn(cmk.flexibleServer, pg({ dataEncryption: { type: "AzureKeyVault" } })), "ENC-REST-CMK", "dataEncryption.primaryKeyURI");
            assertFails(runOn(cmk.flexibleServer, pg({ dataEncryption: { type: "SystemManaged", primaryKeyURI: KEY } })), "ENC-REST-CMK", "dataEncryption.type");
        });
        it("report unknown values as unknown", () => {
            assertUnknown(runOn(pa.flexibleServer, pg({ network: UNKNOWN })), "network");
            assertUnknown(runOn(pa.flexibleServer, pg({ network: { delegatedSubnetResourceId: "subnet", publicNetworkAccess: UNKNOWN } })), "network.publicNetworkAccess");
            assertUnknown(runOn(cmk.flexibleServer, pg({ dataEncryption: UNKNOWN })), "dataEncryption");
            assertUnknown(runOn(ia.postgresFlexibleServer, pg({ authConfig: UNKNOWN })), "authConfig");
            assertUnknown(runOn(bv.flexibleServer, pg({ backup: { geoRedundantBackup: UNKNOWN } })), "backup.geoRedundantBackup");
        });
        it("are PHI resources that need audit logs (azure-audit-log-phi-resource)", () => {
            assertFails(runStack(phiResourceCoverage, [pg()]), "AUDIT-LOG", "DiagnosticSetting.resourceUri");
        });
        it("are data stores: a tag on the server cannot exempt it, on either SDK", () => {
            // A day within the year a declared exemption may reach, so that only the data-store rule can refuse it.
            const until = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
            const tagged = (type: string) => res(type, "pg", { tags: { [exemptionTagKey("PUBLIC-ACCESS")]: exemptionTagValue(until, "ticket-1") } });
            const f = evaluate([pa.flexibleServer, pa.classicDatabaseServer], [tagged("azure-native:dbforpostgresql:Server"), tagged("azure:postgresql/flexibleServer:FlexibleServer"), tagged("azure:storage/account:Account")]);
            assert.ok(f.length >= 2);
            assert.ok(f.every(x => !x.exempted), JSON.stringify(f.map(x => x.reason)));
            // The same tag on a type that is not a data store (a firewall rule) does exempt: the tag itself holds.
            const rule = res("azure-native:sql:FirewallRule", "fw", { startIpAddress: "0.0.0.0", endIpAddress: "0.0.0.0", tags: tagged("x").props.tags });
            assert.ok(evaluate([pa.databaseFirewallRule], [rule]).every(x => x.exempted));
        });
    });

    describe("azure-public-access-database-firewall-rule", () => {
        const fw = (type: string, start: unknown, end: unknown) => res(type, "fw", type.includes("edis")
            ? { cacheName: "c", startIP: start, endIP: end } : { serverName: "s", startIpAddress: start, endIpAddress: end });
        const types = ["azure-native:sql:FirewallRule", "azure-native:dbforpostgresql:FirewallRule", "azure-native:dbformysql:FirewallRule", "azure-native:redis:FirewallRule", "azure-native:redis:RedisFirewallRule"];
        it("passes a narrow range on every server type", () => { for (const t of types) assertPasses(runOn(pa.databaseFirewallRule, fw(t, "203.0.113.1", "203.0.113.9"))); });
        it("fails the internet and 'allow Azure services' on every server type", () => {
            for (const t of types) {
                const start = t.includes("edis") ? "startIP" : "startIpAddress";
                assertFails(runOn(pa.databaseFirewallRule, fw(t, "0.0.0.0", "255.255.255.255")), "PUBLIC-ACCESS", start);
                assertFails(runOn(pa.databaseFirewallRule, fw(t, "0.0.0.0", "0.0.0.0")), "PUBLIC-ACCESS", start);
            }
        });
        it("reports an unknown end as unknown", () => assertUnknown(runOn(pa.databaseFirewallRule, fw(types[1], "0.0.0.0", UNKNOWN)), "startIpAddress"));
    });

    describe("azure-enc-transit-server-configuration", () => {
        const conf = (configurationName: unknown, value: unknown, type = "azure-native:dbforpostgresql:Configuration") => res(type, "p", { serverName: "s", resourceGroupName: "rg", configurationName, value, source: "user-override" });
        it("passes require_secure_transport ON and TLS 1.2 floors", () => {
            assertPasses(runOn(tls.serverConfiguration, conf("require_secure_transport", "ON")));
            assertPasses(runOn(tls.serverConfiguration, conf("tls_version", "TLSv1.2", "azure-native:dbformysql:Configuration")));
        });
        it("fails plaintext allowed and TLS 1.0/1.1", () => {
            assertFails(runOn(tls.serverConfiguration, conf("require_secure_transport", "OFF", "azure-native:dbformysql:Configuration")), "ENC-TRANSIT", "value");
            assertFails(runOn(tls.serverConfiguration, conf("ssl_min_protocol_version", "TLSv1")), "ENC-TRANSIT", "value");
            assertFails(runOn(tls.serverConfiguration, conf("tls_version", "TLSv1.1,TLSv1.2", "azure-native:dbformysql:Configuration")), "ENC-TRANSIT", "value");
        });
        it("reports an unknown value or name as unknown; another parameter is not its kind", () => {
            assertUnknown(runOn(tls.serverConfiguration, conf("require_secure_transport", UNKNOWN)), "value");
            assertUnknown(runOn(tls.serverConfiguration, conf(UNKNOWN, "OFF")), "configurationName");
            assert.deepEqual(runOn(tls.serverConfiguration, conf("log_connections", "on")), []);
        });
    });

    describe("Azure Cache for Redis (azure-enc-transit-redis-cache, azure-public-access-redis-cache, azure-identity-authn-redis-cache)", () => {
        it("passes a private, TLS 1.2, Entra-only cache under both SDK tokens", () => {
            for (const type of ["azure-native:redis:Redis", "azure-native:cache:Redis"]) {
                for (const rule of [tls.redisCache, pa.redisCache, ia.redisCache]) assertPasses(runOn(rule, redis({}, type)));
            }
        });
        it("fails the non-TLS port, TLS 1.0, an unset floor, public access and access keys", () => {
            assertFails(runOn(tls.redisCache, redis({ enableNonSslPort: true })), "ENC-TRANSIT", "enableNonSslPort");
            assertFails(runOn(tls.redisCache, redis({ enableNonSslPort: "true" })), "ENC-TRANSIT", "enableNonSslPort");
            assertFails(runOn(tls.redisCache, redis({ minimumTlsVersion: "1.0" })), "ENC-TRANSIT", "minimumTlsVersion");
            assertFails(runOn(tls.redisCache, redis({ minimumTlsVersion: undefined })), "ENC-TRANSIT", "minimumTlsVersion");
            assertFails(runOn(pa.redisCache, redis({ publicNetworkAccess: undefined })), "PUBLIC-ACCESS", "publicNetworkAccess");
            assertFails(runOn(ia.redisCache, redis({ disableAccessKeyAuthentication: undefined })), "IDENTITY-AUTHN", "disableAccessKeyAuthentication");
        });
        it("reports unknown values as unknown", () => {
            assertUnknown(runOn(tls.redisCache, redis({ enableNonSslPort: UNKNOWN })), "enableNonSslPort");
            assertUnknown(runOn(pa.redisCache, redis({ publicNetworkAccess: UNKNOWN })), "publicNetworkAccess");
            assertUnknown(runOn(ia.redisCache, redis({ disableAccessKeyAuthentication: UNKNOWN })), "disableAccessKeyAuthentication");
        });
    });

    describe("azure-backup-versioning-cosmosdb-account", () => {
        const cosmos = (backupPolicy: unknown) => res("azure-native:cosmosdb:DatabaseAccount", "db", { resourceGroupName: "rg", databaseAccountOfferType: "Standard", locations: [], backupPolicy });
        it("passes continuous backup and long geo periodic backups", () => {
            assertPasses(runStack(bv.cosmosAccount, [cosmos({ type: "Continuous", continuousModeProperties: { tier: "Continuous30Days" } })]));
            assertPasses(runStack(bv.cosmosAccount, [cosmos({ type: "Periodic", periodicModeProperties: { backupRetentionIntervalInHours: 720, backupStorageRedundancy: "Geo" } })]));
        });
        it("fails the default (unset: periodic, 8 hours), short or local periodic backups", () => {
            assertFails(runStack(bv.cosmosAccount, [cosmos(undefined)]), "BACKUP-VERSIONING", "backupPolicy.type");
            assertFails(runStack(bv.cosmosAccount, [cosmos({ type: "Periodic" })]), "BACKUP-VERSIONING", "backupRetentionIntervalInHours");
            assertFails(runStack(bv.cosmosAccount, [cosmos({ type: "Periodic", periodicModeProperties: { backupRetentionIntervalInHours: "720", backupStorageRedundancy: "Local" } })]), "BACKUP-VERSIONING", "backupStorageRedundancy");
            assertFails(runStack(bv.cosmosAccount, [cosmos({ type: "Continuous " })]), "BACKUP-VERSIONING", "backupPolicy.type");
        });
        it("reports an unknown policy as unknown", () => assertUnknown(runStack(bv.cosmosAccount, [cosmos(UNKNOWN)]), "backupPolicy"));
        it("judges the account's databases and containers with it", () => {
            const account = cosmos(undefined);
            const part = (type: string) => res(type, `${type.split(":")[2]}-1`, { accountName: "db", resourceGroupName: "rg", resource: { id: "x" } }, { propertyDependencies: { accountName: [account.urn] } });
            const parts = ["azure-native:cosmosdb:SqlResourceSqlDatabase", "azure-native:documentdb:SqlResourceSqlContainer", "azure-native:cosmosdb:MongoDBResourceMongoDBCollection"].map(part);
            const { outcomes } = evaluateOutcomes([bv.cosmosAccount], [account, ...parts]);
            for (const p of parts) assert.equal(outcomes.find(o => o.urn === p.urn)?.outcome, "violation", p.type);
        });
    });

    describe("azure-backup-versioning-sql-database", () => {
        const db = (requestedBackupStorageRedundancy: unknown) => res("azure-native:sql:Database", "db", { resourceGroupName: "rg", serverName: "s", requestedBackupStorageRedundancy });
        it("passes Geo (the default) and GeoZone", () => { for (const v of [undefined, "Geo", "GeoZone"]) assertPasses(runOn(bv.sqlDatabase, db(v))); });
        it("fails Local and Zone", () => { for (const v of ["Local", "Zone", ""]) assertFails(runOn(bv.sqlDatabase, db(v)), "BACKUP-VERSIONING", "requestedBackupStorageRedundancy"); });
        it("reports unknown as unknown", () => assertUnknown(runOn(bv.sqlDatabase, db(UNKNOWN)), "requestedBackupStorageRedundancy"));
    });

    describe("Application Insights and data collection endpoints (azure-public-access-application-insights, azure-identity-authn-application-insights, azure-public-access-data-collection-endpoint)", () => {
        const ai = (props: Record<string, unknown>, type = "azure-native:applicationinsights:Component") => res(type, "ai", {
            resourceGroupName: "rg", kind: "web", applicationType: "web", publicNetworkAccessForIngestion: "Disabled", publicNetworkAccessForQuery: "Disabled", disableLocalAuth: true, ...props,
        });
        it("pass private, Entra-only telemetry under both tokens", () => {
            for (const type of ["azure-native:applicationinsights:Component", "azure-native:insights:Component"]) {
                assertPasses(runOn(pa.appInsights, ai({}, type)));
                assertPasses(runOn(ia.appInsights, ai({}, type)));
            }
        });
        it("fail the defaults", () => {
            assertFails(runOn(pa.appInsights, ai({ publicNetworkAccessForQuery: undefined })), "PUBLIC-ACCESS", "publicNetworkAccessForQuery");
            assertFails(runOn(ia.appInsights, ai({ disableLocalAuth: undefined })), "IDENTITY-AUTHN", "disableLocalAuth");
            const dce = (networkAcls: unknown) => res("azure-native:monitor:DataCollectionEndpoint", "dce", { resourceGroupName: "rg", networkAcls });
            assertPasses(runOn(pa.dataCollectionEndpoint, dce({ publicNetworkAccess: "Disabled" })));
            assertFails(runOn(pa.dataCollectionEndpoint, dce(undefined)), "PUBLIC-ACCESS", "networkAcls.publicNetworkAccess");
            assertUnknown(runOn(pa.dataCollectionEndpoint, dce(UNKNOWN)), "networkAcls");
        });
        it("report unknown values as unknown", () => {
            assertUnknown(runOn(pa.appInsights, ai({ publicNetworkAccessForIngestion: UNKNOWN })), "publicNetworkAccessForIngestion");
            assertUnknown(runOn(ia.appInsights, ai({ disableLocalAuth: UNKNOWN })), "disableLocalAuth");
        });
    });
});
