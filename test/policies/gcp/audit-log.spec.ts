import { advises, cmekBucket, dependsOn, fails, passes, res, unknownFinding, UNKNOWN } from "./fixtures";

const full = [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }];
const auditConfig = (service: string, auditLogConfigs: unknown = full) => res("gcp:projects/iAMAuditConfig:IAMAuditConfig", { project: "p", service, auditLogConfigs });
const lockedLogBucket = () => res("gcp:logging/projectBucketConfig:ProjectBucketConfig",
    { project: "p", location: "us-central1", bucketId: "audit", locked: true, retentionDays: 2192 });
const sink = (props: Record<string, unknown>) => res("gcp:logging/projectSink:ProjectSink", { filter: "logName:\"cloudaudit.googleapis.com\"", ...props });

describe("policies/gcp/audit-log", () => {
    it("requires ADMIN_READ, DATA_READ and DATA_WRITE with no exemptions in an audit config", () => {
        passes("gcp-audit-log-audit-config", [auditConfig("allServices")]);
        fails("gcp-audit-log-audit-config", [auditConfig("allServices", [{ logType: "ADMIN_READ" }])], "auditLogConfigs[].logType");
        fails("gcp-audit-log-audit-config", [auditConfig("allServices", [...full.slice(0, 2), { logType: "DATA_WRITE", exemptedMembers: ["user:a@b.org"] }])],
            "auditLogConfigs[2].exemptedMembers");
        passes("gcp-audit-log-audit-config", [res("gcp:organizations/iamAuditConfig:IamAuditConfig", { orgId: "1", service: "allServices", auditLogConfigs: full })]);
    });

    it("requires audit configs covering every PHI service the stack uses, or allServices", () => {
        const stack = [cmekBucket(), res("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r" })];
        passes("gcp-audit-log-phi-services", [...stack, auditConfig("allServices")]);
        passes("gcp-audit-log-phi-services", [...stack, auditConfig("storage.googleapis.com"), auditConfig("cloudkms.googleapis.com")]);
        const f = fails("gcp-audit-log-phi-services", [...stack, auditConfig("storage.googleapis.com")], "cloudkms.googleapis.com");
        if (f.length !== 1) throw new Error(`one missing service, got ${f.length}`);
        fails("gcp-audit-log-phi-services", [...stack, auditConfig("allServices", [{ logType: "ADMIN_READ" }])], "storage.googleapis.com");
        // No audit config at all: the message says so, not that a config covers no service.
        fails("gcp-audit-log-phi-services", stack, "the stack: gcp:projects/iAMAuditConfig:IAMAuditConfig is unset");
        passes("gcp-audit-log-phi-services", [res("gcp:compute/network:Network", {})]);
    });

    it("lets an audit config with unknown log types excuse only its own service; an unknown service may be allServices", () => {
        const stack = [cmekBucket(), res("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r" })];
        // storage's log types are unknown at preview: storage is judged at `pulumi up`, cloudkms stays a finding.
        fails("gcp-audit-log-phi-services", [...stack, auditConfig("storage.googleapis.com", UNKNOWN)], "cloudkms.googleapis.com");
        unknownFinding("gcp-audit-log-phi-services", [...stack, auditConfig("storage.googleapis.com", UNKNOWN), auditConfig("cloudkms.googleapis.com")], "storage.googleapis.com");
        unknownFinding("gcp-audit-log-phi-services", [...stack, auditConfig(UNKNOWN as unknown as string)], "storage.googleapis.com");
    });

    it("requires a project sink enabled with a unique writer identity (unset is the default true)", () => {
        passes("gcp-audit-log-project-sink", [sink({ destination: "storage.googleapis.com/b" })]);
        fails("gcp-audit-log-project-sink", [sink({ destination: "d", uniqueWriterIdentity: false })], "uniqueWriterIdentity");
        fails("gcp-audit-log-project-sink", [sink({ destination: "d", disabled: "true" })], "disabled");
    });

    it("requires a PHI stack to sink audit logs to a locked log bucket or a bucket with a locked retention policy", () => {
        const logBucket = lockedLogBucket();
        passes("gcp-audit-log-audit-sink", [cmekBucket(), logBucket, sink({ destination: "logging.googleapis.com/projects/p/locations/us-central1/buckets/audit" })]);
        passes("gcp-audit-log-audit-sink", [cmekBucket(), logBucket, dependsOn(sink({ destination: UNKNOWN }), "destination", logBucket)]);
        const archive = cmekBucket({ retentionPolicy: { retentionPeriod: "189216000", isLocked: true } }, "mercy-audit-archive");
        passes("gcp-audit-log-audit-sink", [cmekBucket(), archive, sink({ destination: "storage.googleapis.com/mercy-audit-archive" })]);
        const unlocked = res("gcp:logging/projectBucketConfig:ProjectBucketConfig", { project: "p", location: "us-central1", bucketId: "audit" });
        fails("gcp-audit-log-audit-sink", [cmekBucket(), unlocked, sink({ destination: "logging.googleapis.com/projects/p/locations/us-central1/buckets/audit" })], "destination");
        fails("gcp-audit-log-audit-sink", [cmekBucket(), logBucket, sink({ destination: "logging.googleapis.com/projects/p/locations/us-central1/buckets/audit", filter: "severity>=ERROR" })], "destination");
        // No sink at all: the message says so, not that a sink lacks a destination.
        fails("gcp-audit-log-audit-sink", [cmekBucket()], "the stack: gcp:logging/projectSink:ProjectSink is unset");
        unknownFinding("gcp-audit-log-audit-sink", [cmekBucket(), sink({ destination: UNKNOWN })], "destination");
    });

    it("never takes a bucket's Pulumi name, or a dependency, for a known destination that names another bucket", () => {
        // The locked bucket is "mercy-audit-archive" in the cloud; "archive" (its Pulumi name) is some other bucket.
        const archive = res("gcp:storage/bucket:Bucket", { ...cmekBucket().props, name: "mercy-audit-archive", retentionPolicy: { retentionPeriod: "189216000", isLocked: true } }, { name: "archive" });
        fails("gcp-audit-log-audit-sink", [archive, sink({ destination: "storage.googleapis.com/archive" })], "destination");
        fails("gcp-audit-log-audit-sink", [archive, dependsOn(sink({ destination: "storage.googleapis.com/mercy-audit-archive-old" }), "destination", archive)], "destination");
        const logBucket = lockedLogBucket();
        fails("gcp-audit-log-audit-sink", [cmekBucket(), logBucket,
            dependsOn(sink({ destination: "logging.googleapis.com/projects/p/locations/us-central1/buckets/other" }), "destination", logBucket)], "destination");
    });

    it("requires flow logs on a subnetwork and logging on a firewall rule", () => {
        passes("gcp-audit-log-subnetwork", [res("gcp:compute/subnetwork:Subnetwork", { network: "n", logConfig: { metadata: "INCLUDE_ALL_METADATA" } })]);
        fails("gcp-audit-log-subnetwork", [res("gcp:compute/subnetwork:Subnetwork", { network: "n" })], "logConfig");
        passes("gcp-audit-log-firewall", [res("gcp:compute/firewall:Firewall", { network: "n", logConfig: { metadata: "INCLUDE_ALL_METADATA" } })]);
        fails("gcp-audit-log-firewall", [res("gcp:compute/firewall:Firewall", { network: "n" })], "logConfig.metadata");
    });

    it("advises usage logs on a data bucket but not on the log bucket that receives them", () => {
        const logs = cmekBucket({}, "mercy-usage-logs");
        passes("gcp-audit-log-storage-bucket", [logs, cmekBucket({ logging: { logBucket: "mercy-usage-logs" } })]);
        advises("gcp-audit-log-storage-bucket", [logs, cmekBucket()], "logging.logBucket");
    });
});
