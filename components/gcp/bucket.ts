// One compliant Cloud Storage bucket, the way every Google Cloud component needs it: the PHI bucket,
// Dataproc's staging and temp buckets, and the usage-log bucket all come from here.
import type * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/gcp/storage";
import { bucketLocation, daysInSeconds, preventDeletion } from "./shared";
import { wholeNumberProblem } from "../problems";

export interface BucketSettings {
    project: string;
    region: string;
    /** The Cloud KMS key every new object is encrypted with by default. */
    keyId: pulumi.Input<string>;
    labels: Record<string, string>;
    /**
     * `data`: versioned, non-current versions kept `days` then deleted. `log`: a locked retention policy of
     * `days` (Cloud Storage refuses Object Versioning on a bucket with a retention policy, so a log bucket
     * relies on the lock instead of versions).
     */
    kind: "data" | "log";
    /** Days non-current versions (data) or every object (log) are kept. */
    days: number;
    /** Days deleted objects stay restorable; 7 to 90 (BACKUP-VERSIONING). */
    softDeleteDays: number;
    /** Bucket that receives this bucket's usage logs (AUDIT-LOG); none for the log bucket itself. */
    usageLogBucket?: pulumi.Input<string>;
}

/** Why `days` cannot be the soft-delete days of a bucket (argument `argName`), or undefined: 7 to 90 (BACKUP-VERSIONING). */
export function softDeleteDaysProblem(argName: string, days: number): string | undefined {
    return wholeNumberProblem(argName, days, 7, 90, "BACKUP-VERSIONING");
}

/** A bucket with CMEK, uniform access, public access prevention, soft delete, retention and usage logs. */
export function hipaaBucket(name: string, physical: string, s: BucketSettings, opts: pulumi.CustomResourceOptions): storage.Bucket {
    const problem = softDeleteDaysProblem("softDeleteDays", s.softDeleteDays);
    if (problem) throw new Error(problem);
    return new storage.Bucket(name, {
        project: s.project,
        name: physical,
        location: bucketLocation(s.region), // RESIDENCY
        encryption: {
            defaultKmsKeyName: s.keyId, // ENC-REST-CMK
            // ENC-REST-CMK: new objects cannot fall back to a Google-managed key.
            googleManagedEncryptionEnforcementConfig: { restrictionMode: "FullyRestricted" },
        },
        uniformBucketLevelAccess: true, // PUBLIC-ACCESS, LEAST-PRIVILEGE: IAM only, no object ACLs
        publicAccessPrevention: "enforced", // PUBLIC-ACCESS
        softDeletePolicy: { retentionDurationSeconds: s.softDeleteDays * 86400 }, // BACKUP-VERSIONING
        ...(s.kind === "data"
            ? {
                versioning: { enabled: true }, // BACKUP-VERSIONING
                // RETENTION: previous versions are kept for the configured period, then expire.
                lifecycleRules: [{ action: { type: "Delete" }, condition: { daysSinceNoncurrentTime: s.days, withState: "ARCHIVED" } }],
            }
            : {
                // LOG-INTEGRITY, RETENTION: objects cannot be deleted or replaced for `days`; the lock is irreversible (G24).
                retentionPolicy: { retentionPeriod: daysInSeconds(s.days), isLocked: true },
            }),
        ...(s.usageLogBucket ? { logging: { logBucket: s.usageLogBucket, logObjectPrefix: physical } } : {}), // AUDIT-LOG
        forceDestroy: false, // DELETION-PROTECTION
        deletionPolicy: preventDeletion, // DELETION-PROTECTION
        labels: s.labels, // TAGGING
    }, opts);
}
