import { UNKNOWN, assertNoFinding, assertOneAdvice, assertOneViolation, assertOnlyUnknown, assertViolations, dependsOn, findingsOf, resource } from "../../support/policies";
import { cmekBucket } from "./baselines";

const full = [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }];
const auditConfig = (service: string, auditLogConfigs: unknown = full) => resource("gcp:projects/iAMAuditConfig:IAMAuditConfig", { project: "p", service, auditLogConfigs });
const lockedLogBucket = () => resource("gcp:logging/projectBucketConfig:ProjectBucketConfig", { project: "p", location: "us-central1", bucketId: "audit", locked: true, retentionDays: 2192 });
const sink = (props: Record<string, unknown>) => resource("gcp:logging/projectSink:ProjectSink", { filter: "logName:\"cloudaudit.googleapis.com\"", ...props });

describe("policies/gcp/audit-log", () => {
    it("requires ADMIN_READ, DATA_READ and DATA_WRITE with no exemptions in an audit config", () => {
        assertNoFinding(findingsOf("gcp-audit-log-audit-config", [auditConfig("allServices")]));
        assertOneViolation(findingsOf("gcp-audit-log-audit-config", [auditConfig("allServices", [{ logType: "ADMIN_READ" }])]), "auditLogConfigs[].logType");
        assertOneViolation(findingsOf("gcp-audit-log-audit-config", [auditConfig("allServices", [...full.slice(0, 2), { logType: "DATA_WRITE", exemptedMembers: ["user:a@b.org"] }])]), "auditLogConfigs[2].exemptedMembers");
        assertNoFinding(findingsOf("gcp-audit-log-audit-config", [resource("gcp:organizations/iamAuditConfig:IamAuditConfig", { orgId: "1", service: "allServices", auditLogConfigs: full })]));
    });

    it("requires audit configs covering every PHI service the stack uses, or allServices", () => {
        const stack = [cmekBucket(), resource("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r" })];
        assertNoFinding(findingsOf("gcp-audit-log-phi-services", [...stack, auditConfig("allServices")]));
        assertNoFinding(findingsOf("gcp-audit-log-phi-services", [...stack, auditConfig("storage.googleapis.com"), auditConfig("cloudkms.googleapis.com")]));
        const f = assertOneViolation(findingsOf("gcp-audit-log-phi-services", [...stack, auditConfig("storage.googleapis.com")]), "cloudkms.googleapis.com");
        if (f.length !== 1) throw new Error(`one missing service, got ${f.length}`);
        assertViolations(findingsOf("gcp-audit-log-phi-services", [...stack, auditConfig("allServices", [{ logType: "ADMIN_READ" }])]), ["storage.googleapis.com", "cloudkms.googleapis.com"]);
        // No audit config at all: the message says so, not that a config covers no service.
        assertViolations(findingsOf("gcp-audit-log-phi-services", stack), ["IAMAuditConfig is unset; wanted \"allServices\" or \"storage.googleapis.com\"", "IAMAuditConfig is unset; wanted \"allServices\" or \"cloudkms.googleapis.com\""]);
        assertNoFinding(findingsOf("gcp-audit-log-phi-services", [resource("gcp:compute/network:Network", {})]));
    });

    it("lets an audit config with unknown log types excuse only its own service; an unknown service may be allServices", () => {
        const stack = [cmekBucket(), resource("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r" })];
        // storage's log types are unknown at preview: storage is judged at `pulumi up`, cloudkms stays a finding.
        assertOneViolation(findingsOf("gcp-audit-log-phi-services", [...stack, auditConfig("storage.googleapis.com", UNKNOWN)]), "cloudkms.googleapis.com");
        assertOnlyUnknown(findingsOf("gcp-audit-log-phi-services", [...stack, auditConfig("storage.googleapis.com", UNKNOWN), auditConfig("cloudkms.googleapis.com")]), "storage.googleapis.com");
        assertOnlyUnknown(findingsOf("gcp-audit-log-phi-services", [...stack, auditConfig(UNKNOWN as unknown as string)]), "storage.googleapis.com", "cloudkms.googleapis.com");
    });

    it("requires a project sink enabled with a unique writer identity (unset is the default true)", () => {
        assertNoFinding(findingsOf("gcp-audit-log-project-sink", [sink({ destination: "storage.googleapis.com/b" })]));
        assertOneViolation(findingsOf("gcp-audit-log-project-sink", [sink({ destination: "d", uniqueWriterIdentity: false })]), "uniqueWriterIdentity");
        assertOneViolation(findingsOf("gcp-audit-log-project-sink", [sink({ destination: "d", disabled: "true" })]), "disabled");
    });

    it("requires a PHI stack to sink audit logs to a locked log bucket or a bucket with a locked retention policy", () => {
        const logBucket = lockedLogBucket();
        assertNoFinding(findingsOf("gcp-audit-log-audit-sink", [cmekBucket(), logBucket, sink({ destination: "logging.googleapis.com/projects/p/locations/us-central1/buckets/audit" })]));
        assertNoFinding(findingsOf("gcp-audit-log-audit-sink", [cmekBucket(), logBucket, dependsOn(sink({ destination: UNKNOWN }), "destination", logBucket)]));
        const archive = cmekBucket({ retentionPolicy: { retentionPeriod: "189216000", isLocked: true } }, "mercy-audit-archive");
        assertNoFinding(findingsOf("gcp-audit-log-audit-sink", [cmekBucket(), archive, sink({ destination: "storage.googleapis.com/mercy-audit-archive" })]));
        const unlocked = resource("gcp:logging/projectBucketConfig:ProjectBucketConfig", { project: "p", location: "us-central1", bucketId: "audit" });
        assertOneViolation(findingsOf("gcp-audit-log-audit-sink", [cmekBucket(), unlocked, sink({ destination: "logging.googleapis.com/projects/p/locations/us-central1/buckets/audit" })]), "destination");
        assertOneViolation(findingsOf("gcp-audit-log-audit-sink", [cmekBucket(), logBucket, sink({ destination: "logging.googleapis.com/projects/p/locations/us-central1/buckets/audit", filter: "severity>=ERROR" })]), "destination");
        // No sink at all: the message says so, not that a sink lacks a destination.
        assertOneViolation(findingsOf("gcp-audit-log-audit-sink", [cmekBucket()]), "the stack: gcp:logging/projectSink:ProjectSink is unset");
        assertOnlyUnknown(findingsOf("gcp-audit-log-audit-sink", [cmekBucket(), sink({ destination: UNKNOWN })]), "destination");
    });

    it("counts only a sink that certainly keeps every audit log: not one a filter narrows or negates, an exclusion thins, \"1\" disables, or a folder sink without its projects", () => {
        const destination = "logging.googleapis.com/projects/p/locations/us-central1/buckets/audit";
        const judged = (s: ReturnType<typeof sink>) => findingsOf("gcp-audit-log-audit-sink", [cmekBucket(), lockedLogBucket(), s]);
        assertNoFinding(judged(sink({ destination, filter: "logName:cloudaudit.googleapis.com OR logName:\"projects/p/logs/syslog\"" })));
        assertNoFinding(judged(sink({ destination, exclusions: [{ name: "old", filter: "severity<INFO", disabled: true }] })));
        for (const filter of ["NOT logName:\"cloudaudit.googleapis.com\"", "-logName:\"cloudaudit.googleapis.com\"",
            "logName:\"cloudaudit.googleapis.com\" AND resource.type=\"gcs_bucket\"", "logName:\"cloudaudit.googleapis.com\" severity>=ERROR",
            "logName:\"projects/p/logs/cloudaudit.googleapis.com%2Factivity\""]) {
            assertOneViolation(judged(sink({ destination, filter })), "destination");
        }
        assertOneViolation(judged(sink({ destination, exclusions: [{ name: "quiet", filter: "protoPayload.methodName:\"storage.objects.get\"" }] })), "destination");
        assertOneViolation(judged(sink({ destination, disabled: "1" })), "destination");
        const folderSink = (props: Record<string, unknown>) => resource("gcp:logging/folderSink:FolderSink", { folder: "folders/1", name: "audit", filter: "logName:\"cloudaudit.googleapis.com\"", destination, ...props });
        assertNoFinding(findingsOf("gcp-audit-log-audit-sink", [cmekBucket(), lockedLogBucket(), folderSink({ includeChildren: true })]));
        assertOneViolation(findingsOf("gcp-audit-log-audit-sink", [cmekBucket(), lockedLogBucket(), folderSink({})]), "destination");
        assertOnlyUnknown(findingsOf("gcp-audit-log-audit-sink", [cmekBucket(), lockedLogBucket(), folderSink({ includeChildren: UNKNOWN })]), "destination");
        assertOnlyUnknown(judged(sink({ destination, exclusions: UNKNOWN })), "destination");
    });

    it("never takes a bucket's Pulumi name, or a dependency, for a known destination that names another bucket", () => {
        // The locked bucket is "mercy-audit-archive" in the cloud; "archive" (its Pulumi name) is some other bucket.
        const archive = resource("gcp:storage/bucket:Bucket", { ...cmekBucket().props, name: "mercy-audit-archive", retentionPolicy: { retentionPeriod: "189216000", isLocked: true } }, { name: "archive" });
        assertOneViolation(findingsOf("gcp-audit-log-audit-sink", [archive, sink({ destination: "storage.googleapis.com/archive" })]), "destination");
        assertOneViolation(findingsOf("gcp-audit-log-audit-sink", [archive, dependsOn(sink({ destination: "storage.googleapis.com/mercy-audit-archive-old" }), "destination", archive)]), "destination");
        const logBucket = lockedLogBucket();
        assertOneViolation(findingsOf("gcp-audit-log-audit-sink", [cmekBucket(), logBucket,
            dependsOn(sink({ destination: "logging.googleapis.com/projects/p/locations/us-central1/buckets/other" }), "destination", logBucket)]), "destination");
    });

    it("requires flow logs on a subnetwork and logging on a firewall rule", () => {
        assertNoFinding(findingsOf("gcp-audit-log-subnetwork", [resource("gcp:compute/subnetwork:Subnetwork", { network: "n", logConfig: { metadata: "INCLUDE_ALL_METADATA" } })]));
        assertOneViolation(findingsOf("gcp-audit-log-subnetwork", [resource("gcp:compute/subnetwork:Subnetwork", { network: "n" })]), "logConfig");
        assertNoFinding(findingsOf("gcp-audit-log-firewall", [resource("gcp:compute/firewall:Firewall", { network: "n", logConfig: { metadata: "INCLUDE_ALL_METADATA" } })]));
        assertOneViolation(findingsOf("gcp-audit-log-firewall", [resource("gcp:compute/firewall:Firewall", { network: "n" })]), "logConfig.metadata");
    });

    it("advises usage logs on a data bucket but not on the log bucket that receives them", () => {
        const logs = cmekBucket({}, "mercy-usage-logs");
        assertNoFinding(findingsOf("gcp-audit-log-storage-bucket", [logs, cmekBucket({ logging: { logBucket: "mercy-usage-logs" } })]));
        const data = cmekBucket();
        assertOneAdvice(findingsOf("gcp-audit-log-storage-bucket", [logs, cmekBucket({ logging: { logBucket: "mercy-usage-logs" } }), data]), "logging.logBucket", { urn: data.urn });
    });
});
