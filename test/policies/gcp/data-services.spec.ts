// Queues, secrets, registries, file shares, caches and Cloud SQL users and audit (issue 15).
import assert from "node:assert/strict";
import { evaluateOutcomes } from "../../../policies/lib/evaluate";
import { UNKNOWN, assertAdvice, assertNoFinding, assertOneAdvice, assertOneViolation, assertOnlyUnknown, dependsOn, findingsOf, resource, ruleNamed } from "../../support/policies";
import { KEY } from "./baselines";

const topic = (props: Record<string, unknown> = {}) => resource("gcp:pubsub/topic:Topic", { name: "phi-events", kmsKeyName: KEY, ...props });
const sub = (props: Record<string, unknown> = {}) => resource("gcp:pubsub/subscription:Subscription", { topic: "phi-events", ...props });
const secret = (replication: unknown, props: Record<string, unknown> = {}) => resource("gcp:secretmanager/secret:Secret", { secretId: "s", replication, ...props });
const redis = (props: Record<string, unknown> = {}) => resource("gcp:redis/instance:Instance", {
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
            assertNoFinding(findingsOf(name, [resource(type, { ...base, ...at(KEY) })]));
            assertOneViolation(findingsOf(name, [resource(type, base)]), path);
            assertOneViolation(findingsOf(name, [resource(type, { ...base, ...at(" ") })]), path);
            assertOnlyUnknown(findingsOf(name, [resource(type, { ...base, ...at(UNKNOWN) })]), path);
        }
        const virtual = resource("gcp:artifactregistry/repository:Repository", { format: "DOCKER", repositoryId: "v", mode: "VIRTUAL_REPOSITORY" });
        assert.equal(evaluateOutcomes([ruleNamed("gcp-enc-rest-cmk-artifact-repository")], [virtual]).outcomes[0].outcome, "not-applicable");
    });

    it("judges a subscription's messages by its topic's key, a topic of this stack", () => {
        const name = "gcp-enc-rest-cmk-pubsub-subscription";
        assertNoFinding(findingsOf(name, [topic(), sub()]));
        assertNoFinding(findingsOf(name, [topic(), sub({ topic: "projects/p/topics/phi-events" })]));
        const t = topic({ name: UNKNOWN });
        assertNoFinding(findingsOf(name, [t, dependsOn(sub({ topic: UNKNOWN }), "topic", t)]));
        assertOneViolation(findingsOf(name, [topic({ kmsKeyName: undefined }), sub()]), "topic (→");
        assertOneViolation(findingsOf(name, [sub({ topic: "elsewhere" })]), "topic");
        // A topic registered as "phi-events" whose own name differs is not the topic "phi-events".
        assertOneViolation(findingsOf(name, [resource("gcp:pubsub/topic:Topic", { name: "phi-events-v2", kmsKeyName: KEY }, { name: "phi-events" }), sub()]), "topic");
        assertOnlyUnknown(findingsOf(name, [topic(), sub({ topic: UNKNOWN })]), "topic");
        assertOnlyUnknown(findingsOf(name, [topic({ kmsKeyName: UNKNOWN }), sub()]), "kmsKeyName");
    });

    it("requires OIDC-signed pushes, and lets a pull subscription be", () => {
        const name = "gcp-identity-authn-pubsub-push";
        assertNoFinding(findingsOf(name, [sub({ pushConfig: { pushEndpoint: "https://x", oidcToken: { serviceAccountEmail: "push@p.iam.gserviceaccount.com" } } })]));
        assertOneViolation(findingsOf(name, [sub({ pushConfig: { pushEndpoint: "https://x" } })]), "pushConfig.oidcToken.serviceAccountEmail");
        assert.equal(evaluateOutcomes([ruleNamed(name)], [sub()]).outcomes[0].outcome, "not-applicable");
        assertOnlyUnknown(findingsOf(name, [sub({ pushConfig: UNKNOWN })]), "pushConfig.oidcToken.serviceAccountEmail");
    });

    it("requires a customer-managed key on every replica of a secret, and advises a rotation schedule", () => {
        const name = "gcp-enc-rest-cmk-secret";
        assertNoFinding(findingsOf(name, [secret({ auto: { customerManagedEncryption: { kmsKeyName: KEY } } }),
            secret({ userManaged: { replicas: [{ location: "us-east1", customerManagedEncryption: { kmsKeyName: KEY } }, { location: "us-west1", customerManagedEncryption: { kmsKeyName: KEY } }] } })]));
        assertOneViolation(findingsOf(name, [secret({ auto: {} })]), "replication.auto.customerManagedEncryption.kmsKeyName");
        assertOneViolation(findingsOf(name, [secret({ userManaged: { replicas: [{ location: "a", customerManagedEncryption: { kmsKeyName: KEY } }, { location: "b" }] } })]), "replicas[1].customerManagedEncryption.kmsKeyName");
        // Both kinds given: each judged; a keyed auto does not excuse a keyless replica.
        assertOneViolation(findingsOf(name, [secret({ auto: { customerManagedEncryption: { kmsKeyName: KEY } }, userManaged: { replicas: [{ location: "b" }] } })]), "replicas[0]");
        assertOneViolation(findingsOf(name, [secret({})]), "replication");
        assertOnlyUnknown(findingsOf(name, [secret(UNKNOWN)]), "replication");
        const rotation = "gcp-key-rotation-secret";
        assertNoFinding(findingsOf(rotation, [secret({ auto: {} }, { rotation: { rotationPeriod: "7776000s", nextRotationTime: "2027-01-01T00:00:00Z" }, topics: [{ name: "t" }] })]));
        assertAdvice(findingsOf(rotation, [secret({ auto: {} })]), ["rotation.rotationPeriod", "topics"]);
        assertOneAdvice(findingsOf(rotation, [secret({ auto: {} }, { rotation: { rotationPeriod: "63072000s" }, topics: [{ name: "t" }] })]), "rotation.rotationPeriod");
        assertOneAdvice(findingsOf(rotation, [secret({ auto: {} }, { rotation: { rotationPeriod: "7776000s" } })]), "topics");
    });

    it("requires TLS and AUTH on Redis", () => {
        assertNoFinding(findingsOf("gcp-enc-transit-redis-instance", [redis()]));
        assertOneViolation(findingsOf("gcp-enc-transit-redis-instance", [redis({ transitEncryptionMode: undefined })]), "transitEncryptionMode");
        assertOneViolation(findingsOf("gcp-enc-transit-redis-instance", [redis({ transitEncryptionMode: "DISABLED" })]), "transitEncryptionMode");
        assertOnlyUnknown(findingsOf("gcp-enc-transit-redis-instance", [redis({ transitEncryptionMode: UNKNOWN })]), "transitEncryptionMode");
        assertNoFinding(findingsOf("gcp-identity-authn-redis-instance", [redis(), redis({ authEnabled: "true" })]));
        assertOneViolation(findingsOf("gcp-identity-authn-redis-instance", [redis({ authEnabled: undefined })]), "authEnabled");
        assertOneViolation(findingsOf("gcp-identity-authn-redis-instance", [redis({ authEnabled: 1 })]), "authEnabled");
    });

    it("requires TLS, authentication and a customer-managed key on Redis Cluster and Memorystore (Valkey), each in its API's spelling", () => {
        const cluster = (props: Record<string, unknown> = {}) => resource("gcp:redis/cluster:Cluster", { shardCount: 1,
            transitEncryptionMode: "TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION", authorizationMode: "AUTH_MODE_IAM_AUTH", kmsKey: KEY, ...props });
        const valkey = (props: Record<string, unknown> = {}) => resource("gcp:memorystore/instance:Instance", { instanceId: "v", location: "l", shardCount: 1,
            transitEncryptionMode: "SERVER_AUTHENTICATION", authorizationMode: "IAM_AUTH", kmsKey: KEY, ...props });
        for (const name of ["gcp-enc-transit-redis-instance", "gcp-identity-authn-redis-instance"]) assertNoFinding(findingsOf(name, [cluster(), valkey()]));
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-redis-cluster", [cluster()]));
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-memorystore-instance", [valkey()]));
        assertOneViolation(findingsOf("gcp-enc-transit-redis-instance", [cluster({ transitEncryptionMode: undefined })]), "transitEncryptionMode");
        // One API's spelling is not the other's.
        assertOneViolation(findingsOf("gcp-enc-transit-redis-instance", [cluster({ transitEncryptionMode: "SERVER_AUTHENTICATION" })]), "transitEncryptionMode");
        assertOneViolation(findingsOf("gcp-enc-transit-redis-instance", [valkey({ transitEncryptionMode: "TRANSIT_ENCRYPTION_DISABLED" })]), "transitEncryptionMode");
        assertOneViolation(findingsOf("gcp-identity-authn-redis-instance", [cluster({ authorizationMode: "AUTH_MODE_DISABLED" })]), "authorizationMode");
        assertOneViolation(findingsOf("gcp-identity-authn-redis-instance", [valkey({ authorizationMode: undefined })]), "authorizationMode");
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-redis-cluster", [cluster({ kmsKey: undefined })]), "kmsKey");
        assertOnlyUnknown(findingsOf("gcp-identity-authn-redis-instance", [valkey({ authorizationMode: UNKNOWN })]), "authorizationMode");
    });

    it("requires Filestore deletion protection in prod only", () => {
        const fs = (props: Record<string, unknown>) => resource("gcp:filestore/instance:Instance", { tier: "ENTERPRISE", ...props });
        assertNoFinding(findingsOf("gcp-deletion-protection-filestore-instance", [fs({ deletionProtectionEnabled: true })]));
        assertOneViolation(findingsOf("gcp-deletion-protection-filestore-instance", [fs({})]), "deletionProtectionEnabled");
        assertNoFinding(findingsOf("gcp-deletion-protection-filestore-instance", [fs({})], { environment: "dev" }));
    });

    it("refuses a Cloud SQL password written in the program, without showing it", () => {
        const name = "gcp-identity-authn-sql-user";
        assertNoFinding(findingsOf(name, [resource("gcp:sql/user:User", { instance: "db", name: "app@p.iam", type: "CLOUD_IAM_SERVICE_ACCOUNT" }),
            resource("gcp:sql/user:User", { instance: "db", name: "rails", passwordWo: "x", passwordWoVersion: 1 })]));
        const f = findingsOf(name, [resource("gcp:sql/user:User", { instance: "db", name: "rails", password: "hunter2" })]);
        assert.equal(f.length, 1);
        assert.equal(f[0].enforcement, "mandatory");
        assert.doesNotMatch(f[0].message, /hunter2/);
        // A password unknown at preview (a RandomPassword's result) is still a password kept in the state.
        assertOneViolation(findingsOf(name, [resource("gcp:sql/user:User", { instance: "db", name: "rails", password: UNKNOWN })]), "password");
    });

    it("requires the engine's statement audit log on Cloud SQL: pgAudit, the MySQL audit plugin, SQL Server audit", () => {
        const name = "gcp-audit-log-sql-instance";
        const pg = (flags: unknown, version: unknown = "POSTGRES_16") => resource(SQL, { databaseVersion: version, settings: { tier: "t", databaseFlags: flags } });
        // A blank around "on" is not known to be read as on by Cloud SQL: a safe value counts only as written (lib/inputs.ts).
        assertOneViolation(findingsOf(name, [pg([{ name: "cloudsql.enable_pgaudit", value: " ON " }])]), "settings.databaseFlags[0].value");
        assertNoFinding(findingsOf(name, [pg([{ name: "cloudsql.enable_pgaudit", value: "on" }]), pg([{ name: "cloudsql.enable_pgaudit", value: "ON" }]),
            pg([{ name: "cloudsql_mysql_audit", value: "ON" }], "MYSQL_8_0"),
            resource(SQL, { databaseVersion: "SQLSERVER_2019_STANDARD", settings: { tier: "t", sqlServerAuditConfig: { bucket: "gs://audit" } } })]));
        assertNoFinding(findingsOf(name, [pg([{ name: "cloudsql.enable_pgaudit", value: true }])]));
        assertOneViolation(findingsOf(name, [pg(undefined)]), "settings.databaseFlags");
        assertOneViolation(findingsOf(name, [pg([{ name: "cloudsql.enable_pgaudit", value: "off" }])]), "settings.databaseFlags[0].value");
        // Given twice, once off: not on.
        assertOneViolation(findingsOf(name, [pg([{ name: "cloudsql.enable_pgaudit", value: "on" }, { name: "cloudsql.enable_pgaudit", value: "off" }])]), "settings.databaseFlags[1].value");
        assertOneViolation(findingsOf(name, [pg([{ name: "Cloudsql.Enable_Pgaudit", value: "on" }])]), "settings.databaseFlags");
        assertOneViolation(findingsOf(name, [pg([{ name: "cloudsql.enable_pgaudit", value: "on" }], "MYSQL_8_0")]), "settings.databaseFlags");
        assertOneViolation(findingsOf(name, [resource(SQL, { databaseVersion: "SQLSERVER_2019_STANDARD", settings: { tier: "t" } })]), "settings.sqlServerAuditConfig.bucket");
        assertOneViolation(findingsOf(name, [pg([], "ORACLE_19")]), "databaseVersion");
        assertOnlyUnknown(findingsOf(name, [pg(UNKNOWN)]), "settings.databaseFlags");
        assertOnlyUnknown(findingsOf(name, [pg([{ name: "cloudsql.enable_pgaudit", value: UNKNOWN }])]), "settings.databaseFlags");
        assertOnlyUnknown(findingsOf(name, [pg([], UNKNOWN)]), "databaseVersion");
    });
});
