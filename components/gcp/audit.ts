// Audit: Data Access audit logs (admin read, data read, data write) for the services that touch PHI,
// a CMEK-encrypted, locked Cloud Logging bucket that keeps them six years, the sink that routes them
// there, and a locked Cloud Storage bucket for the buckets' usage logs.
import * as pulumi from "@pulumi/pulumi";
import * as logging from "@pulumi/gcp/logging";
import * as projects from "@pulumi/gcp/projects";
import * as storage from "@pulumi/gcp/storage";
import { labels, physicalName, statefulOptions } from "../naming";
import { hipaaBucket } from "./bucket";
import { GcpArgs, gcpArgsProblems, keyArg, KeyArg, preventDeletion } from "./shared";
import { defaultAuditRetentionDays } from "../../facts/retention";
import { assertArgs, auditDaysProblem } from "../problems";

/**
 * Services whose Data Access logs are turned on. They are off by default for all but BigQuery (G25);
 * each is listed so that the audit trail does not depend on a project-wide `allServices` setting.
 */
export const auditedServices = [
    "storage.googleapis.com", "bigquery.googleapis.com", "healthcare.googleapis.com",
    "dataproc.googleapis.com", "cloudkms.googleapis.com",
] as const;

/** The sink filter: every Cloud Audit Logs entry (admin activity, data access, system event, policy denied). */
export const auditLogFilter = 'logName:"cloudaudit.googleapis.com"';

export interface AuditArgs extends GcpArgs, KeyArg {
    /** The Cloud KMS key (Keys.keyId). */
    key?: pulumi.Input<string>;
    /** The Cloud Logging agent's grant on the key (Keys.grants.logging): the log bucket is created after it. */
    loggingKeyGrant: pulumi.Resource;
    /** The Cloud Storage agent's grant on the key (Keys.grants.storage): the usage-log bucket is created after it. */
    storageKeyGrant: pulumi.Resource;
    /** Days audit and usage logs are kept; default 2192 (six years, RETENTION); at least 2190. */
    auditDays?: number;
}

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function auditProblems(args: AuditArgs): string[] {
    // Cloud Logging keeps a bucket's logs at most 3650 days.
    const days = auditDaysProblem("auditDays", args.auditDays === undefined ? defaultAuditRetentionDays : args.auditDays, { max: 3650 });
    return [...gcpArgsProblems(args), ...keyArg(args).problems, days].filter((p): p is string => p !== undefined);
}

export class Audit extends pulumi.ComponentResource {
    public readonly logBucket: logging.ProjectBucketConfig;
    public readonly sink: logging.ProjectSink;
    /** The Cloud Storage bucket that receives every bucket's usage logs. */
    public readonly usageLogBucket: storage.Bucket;
    public readonly auditConfigs: projects.IAMAuditConfig[];

    constructor(name: string, args: AuditArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:gcp:Audit", name, {}, opts);
        assertArgs("Audit", name, args, auditProblems(args));
        const key = keyArg(args).key;
        const days = args.auditDays ?? defaultAuditRetentionDays;

        // AUDIT-LOG: admin read, data read and data write, with nobody exempted.
        this.auditConfigs = auditedServices.map(service => new projects.IAMAuditConfig(
            `${name}-${service.split(".")[0]}`, {
                project: args.project,
                service,
                auditLogConfigs: ["ADMIN_READ", "DATA_READ", "DATA_WRITE"].map(logType => ({ logType })),
            }, { parent: this }));

        this.logBucket = new logging.ProjectBucketConfig(`${name}-logs`, {
            project: args.project,
            location: args.region, // RESIDENCY; a CMEK log bucket must be in the key's location
            bucketId: physicalName(args.tenant, "audit", 100),
            description: `Audit logs of ${args.tenant}, kept ${days} days`,
            retentionDays: days, // RETENTION
            locked: true, // LOG-INTEGRITY: retention can no longer be shortened, nor the bucket deleted early
            cmekSettings: { kmsKeyName: key }, // ENC-REST-CMK (set at creation)
            deletionPolicy: preventDeletion, // DELETION-PROTECTION
        }, statefulOptions(this, args.environment, { dependsOn: [args.loggingKeyGrant] }));

        // A sink into a log bucket of the same project needs no grant for its writer identity.
        this.sink = new logging.ProjectSink(`${name}-sink`, {
            project: args.project,
            name: physicalName(args.tenant, "audit-sink", 100),
            destination: pulumi.interpolate`logging.googleapis.com/${this.logBucket.id}`,
            filter: auditLogFilter, // AUDIT-LOG
            uniqueWriterIdentity: true,
            description: "Routes Cloud Audit Logs to the locked, CMEK-encrypted audit bucket",
        }, { parent: this });

        this.usageLogBucket = hipaaBucket(`${name}-usage-logs`, physicalName(args.tenant, "usage-logs"), {
            project: args.project, region: args.region, keyId: key, labels: labels(args),
            kind: "log", days, softDeleteDays: 30,
        }, statefulOptions(this, args.environment, { dependsOn: [args.storageKeyGrant] }));
        // Cloud Storage writes usage logs as this Google group (Cloud Storage docs, "Usage logs").
        new storage.BucketIAMMember(`${name}-usage-log-writer`, {
            bucket: this.usageLogBucket.name,
            role: "roles/storage.objectCreator",
            member: "group:cloud-storage-analytics@google.com",
        }, { parent: this });

        this.registerOutputs({ logBucket: this.logBucket.id, usageLogBucket: this.usageLogBucket.name });
    }
}
