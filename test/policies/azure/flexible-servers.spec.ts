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
import { assertNoFinding, assertOneViolation, assertOnlyUnknown, assertViolations, findingsOf, resource } from "../../support/policies";
import { tags } from "./baselines";

const KEY = "https://kv.vault.azure.net/keys/phi";
const pg = (props: Record<string, unknown> = {}, type = "azure-native:dbforpostgresql:Server") => resource(type, {
    resourceGroupName: "rg", location: "eastus", tags, version: "16",
    network: { publicNetworkAccess: "Disabled" }, backup: { geoRedundantBackup: "Enabled", backupRetentionDays: 35 },
    dataEncryption: { type: "AzureKeyVault", primaryKeyURI: KEY, primaryUserAssignedIdentityId: "uai" },
    authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Disabled", tenantId: "t" }, ...props,
}, { name: "pg", protect: true });
const redis = (props: Record<string, unknown> = {}, type = "azure-native:redis:Redis") => resource(type, {
    resourceGroupName: "rg", location: "eastus", sku: { name: "Premium", family: "P", capacity: 1 },
    minimumTlsVersion: "1.2", publicNetworkAccess: "Disabled", disableAccessKeyAuthentication: true, ...props,
}, { name: "cache" });

describe("azure-native flexible servers, Redis and Cosmos DB backups", () => {
    describe("PostgreSQL and MySQL flexible servers", () => {
        it("pass a private, CMK, Entra-only, geo-backed-up server (azure-public-access-flexible-server, azure-enc-rest-cmk-flexible-server, azure-identity-authn-postgresql-flexible-server, azure-backup-versioning-flexible-server)", () => {
            for (const rule of [pa.flexibleServer, cmk.flexibleServer, ia.postgresFlexibleServer, bv.flexibleServer]) assertNoFinding(findingsOf(rule, pg()));
            for (const rule of [pa.flexibleServer, cmk.flexibleServer, bv.flexibleServer]) assertNoFinding(findingsOf(rule, pg({}, "azure-native:dbformysql:Server")));
            assertNoFinding(findingsOf(pa.flexibleServer, pg({ network: { delegatedSubnetResourceId: "subnet" } })));
        });
        it("fail a bare server: public network, service-managed key, passwords, one region of backups", () => {
            const bare = resource("azure-native:dbforpostgresql:Server", { resourceGroupName: "rg", administratorLogin: "a", administratorLoginPassword: "pw-Secret-9", version: "16" }, { name: "pg" });
            assertOneViolation(findingsOf(pa.flexibleServer, bare), "network.publicNetworkAccess", { control: "PUBLIC-ACCESS" });
            assertViolations(findingsOf(cmk.flexibleServer, bare), ["dataEncryption.type", "dataEncryption.primaryKeyURI"], { control: "ENC-REST-CMK" });
            const auth = findingsOf(ia.postgresFlexibleServer, bare);
            assertViolations(auth, ["authConfig.activeDirectoryAuth", "authConfig.passwordAuth", "administratorLoginPassword"], { control: "IDENTITY-AUTHN" });
            assert.ok(auth.every(f => !f.message.includes("pw-Secret-9")));
            assertOneViolation(findingsOf(bv.flexibleServer, bare), "backup.geoRedundantBackup", { control: "BACKUP-VERSIONING" });
            assertOneViolation(findingsOf(dp.statefulResource, bare, { environment: "prod" }), "opts.protect", { control: "DELETION-PROTECTION" });
        });
        it("fail public access written Enabled beside a delegated subnet, and a key type without a key", () => {
            assertOneViolation(findingsOf(pa.flexibleServer, pg({ network: { delegatedSubnetResourceId: "subnet", publicNetworkAccess: "Enabled" } })), "network.publicNetworkAccess", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(cmk.flexibleServer, pg({ dataEncryption: { type: "AzureKeyVault" } })), "dataEncryption.primaryKeyURI", { control: "ENC-REST-CMK" });
            assertOneViolation(findingsOf(cmk.flexibleServer, pg({ dataEncryption: { type: "SystemManaged", primaryKeyURI: KEY } })), "dataEncryption.type", { control: "ENC-REST-CMK" });
        });
        it("report unknown values as unknown", () => {
            assertOnlyUnknown(findingsOf(pa.flexibleServer, pg({ network: UNKNOWN })), "network");
            assertOnlyUnknown(findingsOf(pa.flexibleServer, pg({ network: { delegatedSubnetResourceId: "subnet", publicNetworkAccess: UNKNOWN } })), "network.publicNetworkAccess");
            assertOnlyUnknown(findingsOf(cmk.flexibleServer, pg({ dataEncryption: UNKNOWN })), "dataEncryption.type", "dataEncryption.primaryKeyURI");
            assertOnlyUnknown(findingsOf(ia.postgresFlexibleServer, pg({ authConfig: UNKNOWN })), "authConfig.activeDirectoryAuth", "authConfig.passwordAuth");
            assertOnlyUnknown(findingsOf(bv.flexibleServer, pg({ backup: { geoRedundantBackup: UNKNOWN } })), "backup.geoRedundantBackup");
        });
        it("are PHI resources that need audit logs (azure-audit-log-phi-resource)", () => {
            assertOneViolation(findingsOf(phiResourceCoverage, [pg()]), "DiagnosticSetting.resourceUri", { control: "AUDIT-LOG" });
        });
        it("are data stores: a tag on the server cannot exempt it, on either SDK", () => {
            // A day within the year a declared exemption may reach, so that only the data-store rule can refuse it.
            const until = new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10);
            const tagged = (type: string) => resource(type, { tags: { [exemptionTagKey("PUBLIC-ACCESS")]: exemptionTagValue(until, "ticket-1") } }, { name: "pg" });
            const f = evaluate([pa.flexibleServer, pa.classicDatabaseServer], [tagged("azure-native:dbforpostgresql:Server"), tagged("azure:postgresql/flexibleServer:FlexibleServer"), tagged("azure:storage/account:Account")]);
            assert.ok(f.length >= 2);
            assert.ok(f.every(x => !x.exempted), JSON.stringify(f.map(x => x.reason)));
            // The same tag on a type that is not a data store (a firewall rule) does exempt: the tag itself holds.
            const rule = resource("azure-native:sql:FirewallRule", { startIpAddress: "0.0.0.0", endIpAddress: "0.0.0.0", tags: tagged("x").props.tags }, { name: "fw" });
            assert.ok(evaluate([pa.databaseFirewallRule], [rule]).every(x => x.exempted));
        });
    });

    describe("azure-public-access-database-firewall-rule", () => {
        const fw = (type: string, start: unknown, end: unknown) => resource(type, type.includes("edis")
            ? { cacheName: "c", startIP: start, endIP: end } : { serverName: "s", startIpAddress: start, endIpAddress: end }, { name: "fw" });
        const types = ["azure-native:sql:FirewallRule", "azure-native:dbforpostgresql:FirewallRule", "azure-native:dbformysql:FirewallRule", "azure-native:redis:FirewallRule", "azure-native:redis:RedisFirewallRule"];
        it("passes a narrow range on every server type", () => { for (const t of types) assertNoFinding(findingsOf(pa.databaseFirewallRule, fw(t, "203.0.113.1", "203.0.113.9"))); });
        it("fails the internet and 'allow Azure services' on every server type", () => {
            for (const t of types) {
                const start = t.includes("edis") ? "startIP" : "startIpAddress";
                assertOneViolation(findingsOf(pa.databaseFirewallRule, fw(t, "0.0.0.0", "255.255.255.255")), start, { control: "PUBLIC-ACCESS" });
                assertOneViolation(findingsOf(pa.databaseFirewallRule, fw(t, "0.0.0.0", "0.0.0.0")), start, { control: "PUBLIC-ACCESS" });
            }
        });
        it("reports an unknown end as unknown", () => assertOnlyUnknown(findingsOf(pa.databaseFirewallRule, fw(types[1], "0.0.0.0", UNKNOWN)), "startIpAddress"));
    });

    describe("azure-enc-transit-server-configuration", () => {
        const conf = (configurationName: unknown, value: unknown, type = "azure-native:dbforpostgresql:Configuration") => resource(type, { serverName: "s", resourceGroupName: "rg", configurationName, value, source: "user-override" }, { name: "p" });
        it("passes require_secure_transport ON and TLS 1.2 floors", () => {
            assertNoFinding(findingsOf(tls.serverConfiguration, conf("require_secure_transport", "ON")));
            assertNoFinding(findingsOf(tls.serverConfiguration, conf("tls_version", "TLSv1.2", "azure-native:dbformysql:Configuration")));
        });
        it("fails plaintext allowed and TLS 1.0/1.1", () => {
            assertOneViolation(findingsOf(tls.serverConfiguration, conf("require_secure_transport", "OFF", "azure-native:dbformysql:Configuration")), "value", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.serverConfiguration, conf("ssl_min_protocol_version", "TLSv1")), "value", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.serverConfiguration, conf("tls_version", "TLSv1.1,TLSv1.2", "azure-native:dbformysql:Configuration")), "value", { control: "ENC-TRANSIT" });
        });
        it("reports an unknown value or name as unknown; another parameter is not its kind", () => {
            assertOnlyUnknown(findingsOf(tls.serverConfiguration, conf("require_secure_transport", UNKNOWN)), "value");
            assertOnlyUnknown(findingsOf(tls.serverConfiguration, conf(UNKNOWN, "OFF")), "configurationName");
            assert.deepEqual(findingsOf(tls.serverConfiguration, conf("log_connections", "on")), []);
        });
    });

    describe("Azure Cache for Redis (azure-enc-transit-redis-cache, azure-public-access-redis-cache, azure-identity-authn-redis-cache)", () => {
        it("passes a private, TLS 1.2, Entra-only cache under both SDK tokens", () => {
            for (const type of ["azure-native:redis:Redis", "azure-native:cache:Redis"]) {
                for (const rule of [tls.redisCache, pa.redisCache, ia.redisCache]) assertNoFinding(findingsOf(rule, redis({}, type)));
            }
        });
        it("fails the non-TLS port, TLS 1.0, an unset floor, public access and access keys", () => {
            assertOneViolation(findingsOf(tls.redisCache, redis({ enableNonSslPort: true })), "enableNonSslPort", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.redisCache, redis({ enableNonSslPort: "true" })), "enableNonSslPort", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.redisCache, redis({ minimumTlsVersion: "1.0" })), "minimumTlsVersion", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(tls.redisCache, redis({ minimumTlsVersion: undefined })), "minimumTlsVersion", { control: "ENC-TRANSIT" });
            assertOneViolation(findingsOf(pa.redisCache, redis({ publicNetworkAccess: undefined })), "publicNetworkAccess", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(ia.redisCache, redis({ disableAccessKeyAuthentication: undefined })), "disableAccessKeyAuthentication", { control: "IDENTITY-AUTHN" });
        });
        it("reports unknown values as unknown", () => {
            assertOnlyUnknown(findingsOf(tls.redisCache, redis({ enableNonSslPort: UNKNOWN })), "enableNonSslPort");
            assertOnlyUnknown(findingsOf(pa.redisCache, redis({ publicNetworkAccess: UNKNOWN })), "publicNetworkAccess");
            assertOnlyUnknown(findingsOf(ia.redisCache, redis({ disableAccessKeyAuthentication: UNKNOWN })), "disableAccessKeyAuthentication");
        });
    });

    describe("azure-backup-versioning-cosmosdb-account", () => {
        const cosmos = (backupPolicy: unknown) => resource("azure-native:cosmosdb:DatabaseAccount", { resourceGroupName: "rg", databaseAccountOfferType: "Standard", locations: [], backupPolicy }, { name: "db" });
        it("passes continuous backup and long geo periodic backups", () => {
            assertNoFinding(findingsOf(bv.cosmosAccount, [cosmos({ type: "Continuous", continuousModeProperties: { tier: "Continuous30Days" } })]));
            assertNoFinding(findingsOf(bv.cosmosAccount, [cosmos({ type: "Periodic", periodicModeProperties: { backupRetentionIntervalInHours: 720, backupStorageRedundancy: "Geo" } })]));
        });
        it("fails the default (unset: periodic, 8 hours), short or local periodic backups", () => {
            assertOneViolation(findingsOf(bv.cosmosAccount, [cosmos(undefined)]), "backupPolicy.type", { control: "BACKUP-VERSIONING" });
            assertViolations(findingsOf(bv.cosmosAccount, [cosmos({ type: "Periodic" })]), ["backupPolicy.periodicModeProperties.backupRetentionIntervalInHours", "backupPolicy.periodicModeProperties.backupStorageRedundancy"], { control: "BACKUP-VERSIONING" });
            assertOneViolation(findingsOf(bv.cosmosAccount, [cosmos({ type: "Periodic", periodicModeProperties: { backupRetentionIntervalInHours: "720", backupStorageRedundancy: "Local" } })]), "backupStorageRedundancy", { control: "BACKUP-VERSIONING" });
            assertOneViolation(findingsOf(bv.cosmosAccount, [cosmos({ type: "Continuous " })]), "backupPolicy.type", { control: "BACKUP-VERSIONING" });
        });
        it("reports an unknown policy as unknown", () => assertOnlyUnknown(findingsOf(bv.cosmosAccount, [cosmos(UNKNOWN)]), "backupPolicy"));
        it("judges the account's databases and containers with it", () => {
            const account = cosmos(undefined);
            const part = (type: string) => resource(type, { accountName: "db", resourceGroupName: "rg", resource: { id: "x" } }, { name: `${type.split(":")[2]}-1`, propertyDependencies: { accountName: [account.urn] } });
            const parts = ["azure-native:cosmosdb:SqlResourceSqlDatabase", "azure-native:documentdb:SqlResourceSqlContainer", "azure-native:cosmosdb:MongoDBResourceMongoDBCollection"].map(part);
            const { outcomes } = evaluateOutcomes([bv.cosmosAccount], [account, ...parts]);
            for (const p of parts) assert.equal(outcomes.find(o => o.urn === p.urn)?.outcome, "violation", p.type);
        });
    });

    describe("azure-backup-versioning-sql-database", () => {
        const db = (requestedBackupStorageRedundancy: unknown) => resource("azure-native:sql:Database", { resourceGroupName: "rg", serverName: "s", requestedBackupStorageRedundancy }, { name: "db" });
        it("passes Geo (the default) and GeoZone", () => { for (const v of [undefined, "Geo", "GeoZone"]) assertNoFinding(findingsOf(bv.sqlDatabase, db(v))); });
        it("fails Local and Zone", () => { for (const v of ["Local", "Zone", ""]) assertOneViolation(findingsOf(bv.sqlDatabase, db(v)), "requestedBackupStorageRedundancy", { control: "BACKUP-VERSIONING" }); });
        it("reports unknown as unknown", () => assertOnlyUnknown(findingsOf(bv.sqlDatabase, db(UNKNOWN)), "requestedBackupStorageRedundancy"));
    });

    describe("Application Insights and data collection endpoints (azure-public-access-application-insights, azure-identity-authn-application-insights, azure-public-access-data-collection-endpoint)", () => {
        const ai = (props: Record<string, unknown>, type = "azure-native:applicationinsights:Component") => resource(type, {
            resourceGroupName: "rg", kind: "web", applicationType: "web", publicNetworkAccessForIngestion: "Disabled", publicNetworkAccessForQuery: "Disabled", disableLocalAuth: true, ...props,
        }, { name: "ai" });
        it("pass private, Entra-only telemetry under both tokens", () => {
            for (const type of ["azure-native:applicationinsights:Component", "azure-native:insights:Component"]) {
                assertNoFinding(findingsOf(pa.appInsights, ai({}, type)));
                assertNoFinding(findingsOf(ia.appInsights, ai({}, type)));
            }
        });
        it("fail the defaults", () => {
            assertOneViolation(findingsOf(pa.appInsights, ai({ publicNetworkAccessForQuery: undefined })), "publicNetworkAccessForQuery", { control: "PUBLIC-ACCESS" });
            assertOneViolation(findingsOf(ia.appInsights, ai({ disableLocalAuth: undefined })), "disableLocalAuth", { control: "IDENTITY-AUTHN" });
            const dce = (networkAcls: unknown) => resource("azure-native:monitor:DataCollectionEndpoint", { resourceGroupName: "rg", networkAcls }, { name: "dce" });
            assertNoFinding(findingsOf(pa.dataCollectionEndpoint, dce({ publicNetworkAccess: "Disabled" })));
            assertOneViolation(findingsOf(pa.dataCollectionEndpoint, dce(undefined)), "networkAcls.publicNetworkAccess", { control: "PUBLIC-ACCESS" });
            assertOnlyUnknown(findingsOf(pa.dataCollectionEndpoint, dce(UNKNOWN)), "networkAcls");
        });
        it("report unknown values as unknown", () => {
            assertOnlyUnknown(findingsOf(pa.appInsights, ai({ publicNetworkAccessForIngestion: UNKNOWN })), "publicNetworkAccessForIngestion");
            assertOnlyUnknown(findingsOf(ia.appInsights, ai({ disableLocalAuth: UNKNOWN })), "disableLocalAuth");
        });
    });
});
