// Queues, secrets, registries, file shares, caches and Cloud SQL users and audit (issue 15).
import assert from "node:assert/strict";
import { evaluateOutcomes } from "../../../policies/lib/evaluate";
import { advises, dependsOn, fails, findings, KEY, passes, res, rule, unknownFinding, UNKNOWN } from "./fixtures";

const topic = (props: Record<string, unknown> = {}) => res("gcp:pubsub/topic:Topic", { name: "phi-events", kmsKeyName: KEY, ...props });
const sub = (props: Record<string, unknown> = {}) => res("gcp:pubsub/subscription:Subscription", { topic: "phi-events", ...props });
const secret = (replication: unknown, props: Record<string, unknown> = {}) => res("gcp:secretmanager/secret:Secret", { secretId: "s", replication, ...props });
const redis = (props: Record<string, unknown> = {}) => res("gcp:redis/instance:Instance", {
    memorySizeGb: 1, transitEncryptionMode: "SERVER_AUTHENTICATION", authEnabled: true, customerManagedKey: KEY, ...props,
});
const SQL = "gcp:sql/databaseInstance:DatabaseInstance";

describe("policies/gcp queues, secrets, registries, file shares, caches, Cloud SQL users", () => {
    it("requires customer-managed keys on topics, registries, file shares, Redis and regional secrets", () => {
        const cases: [string, string, string, Record<string, unknown>][] = [
            ["gcp-enc-rest-cmk-pubsub-topic", "gcp:pubsub/topic:Topic", "kmsKeyName", {}],
            ["gcp-enc-rest-cmk-artifact-repository", "gcp:artifactregistry/repository:Repository", "kmsKeyName", { format: "DOCKER", repositoryId: "r" }],
            ["gcp-enc-rest-cmk-filestore-instance", "gcp:filestore/instance:Instance", "kmsKeyName", { tier: "ENTERPRISE" }],
            ["gcp-enc-rest-cmk-redis-instance", "gcp:redis/instance:Instance", "customerManagedKey", { memorySizeGb: 1 }],
            ["gcp-enc-rest-cmk-regional-secret", "gcp:secretmanager/regionalSecret:RegionalSecret", "customerManagedEncryption.kmsKeyName", { secretId: "s", location: "us-central1" }],
        ];
        for (const [name, type, path, base] of cases) {
            const at = (v: unknown) => path.includes(".") ? { customerManagedEncryption: { kmsKeyName: v } } : { [path]: v };
            passes(name, [res(type, { ...base, ...at(KEY) })]);
            fails(name, [res(type, base)], path);
            fails(name, [res(type, { ...base, ...at(" ") })], path);
            unknownFinding(name, [res(type, { ...base, ...at(UNKNOWN) })], path);
        }
        const virtual = res("gcp:artifactregistry/repository:Repository", { format: "DOCKER", repositoryId: "v", mode: "VIRTUAL_REPOSITORY" });
        assert.equal(evaluateOutcomes([rule("gcp-enc-rest-cmk-artifact-repository")], [virtual]).outcomes[0].outcome, "not-applicable");
    });

    it("judges a subscription's messages by its topic's key, a topic of this stack", () => {
        const name = "gcp-enc-rest-cmk-pubsub-subscription";
        passes(name, [topic(), sub()]);
        passes(name, [topic(), sub({ topic: "projects/p/topics/phi-events" })]);
        const t = topic({ name: UNKNOWN });
        passes(name, [t, dependsOn(sub({ topic: UNKNOWN }), "topic", t)]);
        fails(name, [topic({ kmsKeyName: undefined }), sub()], "topic (→");
        fails(name, [sub({ topic: "elsewhere" })], "topic");
        // A topic registered as "phi-events" whose own name differs is not the topic "phi-events".
        fails(name, [res("gcp:pubsub/topic:Topic", { name: "phi-events-v2", kmsKeyName: KEY }, { name: "phi-events" }), sub()], "topic");
        unknownFinding(name, [topic(), sub({ topic: UNKNOWN })], "topic");
        unknownFinding(name, [topic({ kmsKeyName: UNKNOWN }), sub()], "kmsKeyName");
    });

    it("requires OIDC-signed pushes, and lets a pull subscription be", () => {
        const name = "gcp-identity-authn-pubsub-push";
        passes(name, [sub({ pushConfig: { pushEndpoint: "https://x", oidcToken: { serviceAccountEmail: "push@p.iam.gserviceaccount.com" } } })]);
        fails(name, [sub({ pushConfig: { pushEndpoint: "https://x" } })], "pushConfig.oidcToken.serviceAccountEmail");
        assert.equal(evaluateOutcomes([rule(name)], [sub()]).outcomes[0].outcome, "not-applicable");
        unknownFinding(name, [sub({ pushConfig: UNKNOWN })], "pushConfig.oidcToken.serviceAccountEmail");
    });

    it("requires a customer-managed key on every replica of a secret, and advises a rotation schedule", () => {
        const name = "gcp-enc-rest-cmk-secret";
        passes(name, [secret({ auto: { customerManagedEncryption: { kmsKeyName: KEY } } }),
            secret({ userManaged: { replicas: [{ location: "us-east1", customerManagedEncryption: { kmsKeyName: KEY } }, { location: "us-west1", customerManagedEncryption: { kmsKeyName: KEY } }] } })]);
        fails(name, [secret({ auto: {} })], "replication.auto.customerManagedEncryption.kmsKeyName");
        fails(name, [secret({ userManaged: { replicas: [{ location: "a", customerManagedEncryption: { kmsKeyName: KEY } }, { location: "b" }] } })], "replicas[1].customerManagedEncryption.kmsKeyName");
        // Both kinds given: each judged; a keyed auto does not excuse a keyless replica.
        fails(name, [secret({ auto: { customerManagedEncryption: { kmsKeyName: KEY } }, userManaged: { replicas: [{ location: "b" }] } })], "replicas[0]");
        fails(name, [secret({})], "replication");
        unknownFinding(name, [secret(UNKNOWN)], "replication");
        const rotation = "gcp-key-rotation-secret";
        passes(rotation, [secret({ auto: {} }, { rotation: { rotationPeriod: "7776000s", nextRotationTime: "2027-01-01T00:00:00Z" }, topics: [{ name: "t" }] })]);
        advises(rotation, [secret({ auto: {} })], "rotation.rotationPeriod");
        advises(rotation, [secret({ auto: {} }, { rotation: { rotationPeriod: "63072000s" }, topics: [{ name: "t" }] })], "rotation.rotationPeriod");
        advises(rotation, [secret({ auto: {} }, { rotation: { rotationPeriod: "7776000s" } })], "topics");
    });

    it("requires TLS and AUTH on Redis", () => {
        passes("gcp-enc-transit-redis-instance", [redis()]);
        fails("gcp-enc-transit-redis-instance", [redis({ transitEncryptionMode: undefined })], "transitEncryptionMode");
        fails("gcp-enc-transit-redis-instance", [redis({ transitEncryptionMode: "DISABLED" })], "transitEncryptionMode");
        unknownFinding("gcp-enc-transit-redis-instance", [redis({ transitEncryptionMode: UNKNOWN })], "transitEncryptionMode");
        passes("gcp-identity-authn-redis-instance", [redis(), redis({ authEnabled: "true" })]);
        fails("gcp-identity-authn-redis-instance", [redis({ authEnabled: undefined })], "authEnabled");
        fails("gcp-identity-authn-redis-instance", [redis({ authEnabled: 1 })], "authEnabled");
    });

    it("requires TLS, authentication and a customer-managed key on Redis Cluster and Memorystore (Valkey), each in its API's spelling", () => {
        const cluster = (props: Record<string, unknown> = {}) => res("gcp:redis/cluster:Cluster", { shardCount: 1,
            transitEncryptionMode: "TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION", authorizationMode: "AUTH_MODE_IAM_AUTH", kmsKey: KEY, ...props });
        const valkey = (props: Record<string, unknown> = {}) => res("gcp:memorystore/instance:Instance", { instanceId: "v", location: "l", shardCount: 1,
            transitEncryptionMode: "SERVER_AUTHENTICATION", authorizationMode: "IAM_AUTH", kmsKey: KEY, ...props });
        for (const name of ["gcp-enc-transit-redis-instance", "gcp-identity-authn-redis-instance"]) passes(name, [cluster(), valkey()]);
        passes("gcp-enc-rest-cmk-redis-cluster", [cluster()]);
        passes("gcp-enc-rest-cmk-memorystore-instance", [valkey()]);
        fails("gcp-enc-transit-redis-instance", [cluster({ transitEncryptionMode: undefined })], "transitEncryptionMode");
        // One API's spelling is not the other's.
        fails("gcp-enc-transit-redis-instance", [cluster({ transitEncryptionMode: "SERVER_AUTHENTICATION" })], "transitEncryptionMode");
        fails("gcp-enc-transit-redis-instance", [valkey({ transitEncryptionMode: "TRANSIT_ENCRYPTION_DISABLED" })], "transitEncryptionMode");
        fails("gcp-identity-authn-redis-instance", [cluster({ authorizationMode: "AUTH_MODE_DISABLED" })], "authorizationMode");
        fails("gcp-identity-authn-redis-instance", [valkey({ authorizationMode: undefined })], "authorizationMode");
        fails("gcp-enc-rest-cmk-redis-cluster", [cluster({ kmsKey: undefined })], "kmsKey");
        unknownFinding("gcp-identity-authn-redis-instance", [valkey({ authorizationMode: UNKNOWN })], "authorizationMode");
    });

    it("requires Filestore deletion protection in prod only", () => {
        const fs = (props: Record<string, unknown>) => res("gcp:filestore/instance:Instance", { tier: "ENTERPRISE", ...props });
        passes("gcp-deletion-protection-filestore-instance", [fs({ deletionProtectionEnabled: true })]);
        fails("gcp-deletion-protection-filestore-instance", [fs({})], "deletionProtectionEnabled");
        passes("gcp-deletion-protection-filestore-instance", [fs({})], { environment: "dev" });
    });

    it("refuses a Cloud SQL password written in the program, without showing it", () => {
        const name = "gcp-identity-authn-sql-user";
        passes(name, [res("gcp:sql/user:User", { instance: "db", name: "app@p.iam", type: "CLOUD_IAM_SERVICE_ACCOUNT" }),
            res("gcp:sql/user:User", { instance: "db", name: "rails", passwordWo: "x", passwordWoVersion: 1 })]);
        const f = findings(name, [res("gcp:sql/user:User", { instance: "db", name: "rails", password: "hunter2" })]);
        assert.equal(f.length, 1);
        assert.equal(f[0].enforcement, "mandatory");
        assert.doesNotMatch(f[0].message, /hunter2/);
        // A password unknown at preview (a RandomPassword's result) is still a password kept in the state.
        fails(name, [res("gcp:sql/user:User", { instance: "db", name: "rails", password: UNKNOWN })], "password");
    });

    it("requires the engine's statement audit log on Cloud SQL: pgAudit, the MySQL audit plugin, SQL Server audit", () => {
        const name = "gcp-audit-log-sql-instance";
        const pg = (flags: unknown, version: unknown = "POSTGRES_16") => res(SQL, { databaseVersion: version, settings: { tier: "t", databaseFlags: flags } });
        passes(name, [pg([{ name: "cloudsql.enable_pgaudit", value: "on" }]), pg([{ name: "cloudsql.enable_pgaudit", value: " ON " }]),
            pg([{ name: "cloudsql_mysql_audit", value: "ON" }], "MYSQL_8_0"),
            res(SQL, { databaseVersion: "SQLSERVER_2019_STANDARD", settings: { tier: "t", sqlServerAuditConfig: { bucket: "gs://audit" } } })]);
        passes(name, [pg([{ name: "cloudsql.enable_pgaudit", value: true }])]);
        fails(name, [pg(undefined)], "settings.databaseFlags");
        fails(name, [pg([{ name: "cloudsql.enable_pgaudit", value: "off" }])], "settings.databaseFlags[0].value");
        // Given twice, once off: not on.
        fails(name, [pg([{ name: "cloudsql.enable_pgaudit", value: "on" }, { name: "cloudsql.enable_pgaudit", value: "off" }])], "settings.databaseFlags[1].value");
        fails(name, [pg([{ name: "Cloudsql.Enable_Pgaudit", value: "on" }])], "settings.databaseFlags");
        fails(name, [pg([{ name: "cloudsql.enable_pgaudit", value: "on" }], "MYSQL_8_0")], "settings.databaseFlags");
        fails(name, [res(SQL, { databaseVersion: "SQLSERVER_2019_STANDARD", settings: { tier: "t" } })], "settings.sqlServerAuditConfig.bucket");
        fails(name, [pg([], "ORACLE_19")], "databaseVersion");
        unknownFinding(name, [pg(UNKNOWN)], "settings.databaseFlags");
        unknownFinding(name, [pg([{ name: "cloudsql.enable_pgaudit", value: UNKNOWN }])], "settings.databaseFlags");
        unknownFinding(name, [pg([], UNKNOWN)], "databaseVersion");
    });
});
