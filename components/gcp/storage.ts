// Encrypted storage: the tenant's PHI bucket (CMEK default key, uniform access, public access
// prevention enforced, versioning, soft delete, retention of previous versions, usage logs) and the
// bucket roles of the tenant's administrators.
import * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/gcp/storage";
import { labels, physicalName, statefulOptions } from "../naming";
import { hipaaBucket, softDeleteDaysProblem } from "./bucket";
import { AccessLogArg, accessLogBucketArg, GcpArgs, gcpArgsProblems, KeyArg, keyArg } from "./shared";
import { defaultPhiVersionDays } from "../../facts/retention";
import { assertArgs, checkedRenamedArg, principalsProblem, wholeNumberProblem } from "../problems";

export interface StorageArgs extends GcpArgs, KeyArg, AccessLogArg {
    /** The Cloud KMS key (Keys.keyId). */
    key?: pulumi.Input<string>;
    /** The Cloud Storage agent's grant on the key (Keys.grants.storage): the bucket is created after it. */
    keyGrant: pulumi.Resource;
    /**
     * Days previous object versions are kept; default 2190 (six years). Named as on AWS: both clouds call
     * such versions non-current (S3 noncurrentDays, Cloud Storage daysSinceNoncurrentTime), and the
     * component keeps buckets that are not PHI too.
     */
    noncurrentVersionDays?: number;
    /** @deprecated use noncurrentVersionDays */
    phiDays?: number;
    /** Days deleted objects stay restorable; default 30 (7 to 90). */
    softDeleteDays?: number;
    /** Tenant principals granted roles/storage.objectAdmin on the bucket; default none. */
    admins?: string[];
}

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function storageProblems(args: StorageArgs): string[] {
    return [
        ...gcpArgsProblems(args), ...keyArg(args).problems, ...accessLogBucketArg(args).problems,
        ...versionDaysArg(args).problems,
        softDeleteDaysProblem("softDeleteDays", args.softDeleteDays ?? 30),
        principalsProblem("gcp", "admins", args.admins),
    ].filter((p): p is string => p !== undefined);
}

/** The days previous versions are kept — `noncurrentVersionDays`, or its deprecated name `phiDays` — and their problems. */
function versionDaysArg(args: StorageArgs): { value: number; problems: (string | undefined)[] } {
    return checkedRenamedArg(args, "noncurrentVersionDays", "phiDays", (argName, days) => wholeNumberProblem(argName, days as number, 1), defaultPhiVersionDays);
}

export class Storage extends pulumi.ComponentResource {
    public readonly bucket: storage.Bucket;
    public readonly bucketName: pulumi.Output<string>;

    constructor(name: string, args: StorageArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:gcp:Storage", name, {}, opts);
        assertArgs("Storage", name, args, storageProblems(args));
        const key = keyArg(args).key;
        const admins = args.admins ?? [];

        this.bucket = hipaaBucket(`${name}-phi`, physicalName(args.tenant, "phi"), {
            project: args.project, region: args.region, keyId: key, labels: labels(args),
            kind: "data", days: versionDaysArg(args).value, softDeleteDays: args.softDeleteDays ?? 30,
            usageLogBucket: accessLogBucketArg(args).value,
        }, statefulOptions(this, args.environment, { dependsOn: [args.keyGrant] }));
        this.bucketName = this.bucket.name;

        admins.forEach((member, i) => new storage.BucketIAMMember(`${name}-admin-${i}`, {
            bucket: this.bucket.name, role: "roles/storage.objectAdmin", member,
        }, { parent: this }));
        this.registerOutputs({ bucketName: this.bucketName });
    }
}
