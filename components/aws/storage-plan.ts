// The plan of an AWS Storage bucket: which guard resources it gets and how each is set, from its
// arguments alone. Pure (no resource is registered), so the rules are tested without the mock runtime,
// and the constructor (storage.ts) only wires the plan into resources.
import type * as pulumi from "@pulumi/pulumi";
import type * as inputs from "@pulumi/aws/types/input";
import { defaultPhiVersionDays } from "../../facts/retention";
import { baseTags, physicalName } from "../naming";
import type { StorageArgs } from "./storage";
import { keyArg } from "./existing";

/** Default days a non-current version of an object is kept. */
export const defaultNoncurrentVersionDays = defaultPhiVersionDays;

export interface StoragePlan {
    /** A prefix, not a fixed name: bucket names are global, and the provider appends a unique suffix. */
    bucketPrefix: string;
    tags: Record<string, string>;
    /** The default encryption rule: the tenant's CMK, or SSE-S3 for a bucket that receives access logs. */
    encryption: inputs.s3.BucketServerSideEncryptionConfigurationRule;
    /** Whether the bucket policy also denies upload headers asking for an encryption other than SSE-KMS. */
    requireKms: boolean;
    /** Where this bucket's own access is logged; none for the access-log bucket itself. */
    accessLogging?: { targetBucket: pulumi.Input<string>; targetPrefix: string };
    lifecycle: inputs.s3.BucketLifecycleConfigurationRule[];
    /** Object Lock's default COMPLIANCE retention in days; none when the bucket is not locked. */
    objectLockDays?: number;
}

/** The plan of a bucket with these (validated, storageProblems) arguments. */
export function storagePlan(args: StorageArgs): StoragePlan {
    return {
        bucketPrefix: `${physicalName(args.tenant, args.purpose, 36)}-`,
        tags: { ...baseTags(args), purpose: args.purpose },
        encryption: args.isAccessLogTarget
            // S3 delivers server access logs only to SSE-S3 buckets (StorageArgs.isAccessLogTarget).
            ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" }, blockedEncryptionTypes: ["SSE-C"] }
            : {
                // ENC-REST-CMK: the tenant's key, with an S3 Bucket Key to cut KMS calls (and cost) per object.
                applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArg(args).key },
                bucketKeyEnabled: true,
                // Customer-provided keys would bypass the CMK and its key policy.
                blockedEncryptionTypes: ["SSE-C"],
            },
        requireKms: !args.isAccessLogTarget,
        // AUDIT-LOG: every request to the bucket is logged to the separate access-log bucket.
        accessLogging: args.accessLogBucket === undefined ? undefined : { targetBucket: args.accessLogBucket, targetPrefix: `${args.purpose}/` },
        // Only non-current versions ever expire; current objects never do, and a log bucket keeps even
        // its non-current versions for at least six years (RETENTION, checked in storageProblems).
        lifecycle: [
            {
                id: "expire-noncurrent-versions",
                status: "Enabled",
                filter: {},
                noncurrentVersionExpiration: { noncurrentDays: args.noncurrentVersionDays ?? defaultNoncurrentVersionDays },
            },
            {
                id: "abort-incomplete-multipart-uploads",
                status: "Enabled",
                filter: {},
                abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
            },
        ],
        // LOG-INTEGRITY: in COMPLIANCE mode no one, not even the account root, can delete or overwrite an
        // object version before its retention ends.
        objectLockDays: args.objectLockDays,
    };
}
