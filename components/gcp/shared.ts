// What the Google Cloud components share: the project and region they deploy to, the deletion policy
// of stateful resources, service-agent members, and the members a tenant may grant access to.
import * as pulumi from "@pulumi/pulumi";
import * as organizations from "@pulumi/gcp/organizations";
import type { CommonArgs } from "../naming";
import { checkedRenamedArg, isDeferred, keyArgReader, principalsProblem, shown } from "../problems";

/** Arguments every Google Cloud component takes. */
export interface GcpArgs extends CommonArgs {
    /** The Google Cloud project that holds the hospital's resources. */
    project: string;
    /** The region of every regional resource (key ring, buckets, datasets, cluster, subnet). */
    region: string;
}

/**
 * `deletionPolicy` of every stateful resource that has one (DELETION-PROTECTION, G21): the provider
 * refuses to delete it. It guards Pulumi's own operations, not the cloud API, so it is paired with
 * `protect` in prod, locked retention and IAM.
 */
export const preventDeletion = "PREVENT";

/** The project number, which service-agent e-mail addresses are built from. */
export function projectNumber(project: string, parent: pulumi.Resource): pulumi.Output<string> {
    return organizations.getProjectOutput({ projectId: project }, { parent }).apply(p => String(p.number));
}

/** `serviceAccount:service-<number>@<domain>.iam.gserviceaccount.com`: a Google-managed service agent. */
export function serviceAgentMember(number: pulumi.Input<string>, domain: string): pulumi.Output<string> {
    return pulumi.interpolate`serviceAccount:service-${number}@${domain}.iam.gserviceaccount.com`;
}

/**
 * Throws when a member list names anything but the tenant's principals (`argName` names the argument): the
 * guard of a helper that grants access. Components list the same problem with all their others first.
 */
export function assertTenantMembers(members: readonly string[], argName: string): void {
    const problem = principalsProblem("gcp", argName, members);
    if (problem) throw new Error(problem);
}

/** The problems of the arguments every Google Cloud component takes besides the common ones. */
export function gcpArgsProblems(args: GcpArgs): string[] {
    return [
        typeof args.project === "string" && /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(args.project) ? undefined
            : `'project' must be a Google Cloud project id (6 to 30 lower-case letters, digits and '-', starting with a letter); got ${JSON.stringify(args.project)}.`,
        typeof args.region === "string" && /^[a-z]+-[a-z]+\d+$/.test(args.region) ? undefined
            : `'region' must be a Google Cloud region such as us-central1; got ${JSON.stringify(args.region)}.`,
    ].filter((p): p is string => p !== undefined);
}

/** Google Cloud Storage location of a region: buckets report it upper-case. */
export function bucketLocation(region: string): string {
    return region.toUpperCase();
}

/** Seconds in `days` days, as the string Cloud Storage retention policies take (G24). */
export function daysInSeconds(days: number): string {
    return String(days * 24 * 60 * 60);
}

/**
 * The customer-managed key argument of every Google Cloud component that encrypts. One name, `key`, on the
 * three clouds (AWS: a KMS key ARN; Azure: the hospital's Keys), so that a platform reads the same on each;
 * its type is this cloud's reference to a key: a Cloud KMS crypto key id. `keyId`, the old Google Cloud
 * name, still works; setting both is refused (keyArg).
 */
export interface KeyArg {
    /** The Cloud KMS crypto key (ENC-REST-CMK), Keys.keyId. Required, under this name or `keyId`. */
    key?: pulumi.Input<string>;
    /** @deprecated use key */
    keyId?: pulumi.Input<string>;
}

const cryptoKeyId = /^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/;

/** Why `value` (argument `argName`) is not a Cloud KMS crypto key id, or undefined; an Output is judged by the pack. */
export function keyProblem(argName: string, value: unknown): string | undefined {
    if (isDeferred(value) || (typeof value === "string" && cryptoKeyId.test(value))) return undefined;
    return `'${argName}' must be a Cloud KMS crypto key id, projects/PROJECT/locations/LOCATION/keyRings/RING/cryptoKeys/KEY (Keys.keyId); got ${shown(value)}.`;
}

/** The key — argument `key`, or its deprecated name `keyId` — and the problems of that argument. */
export const keyArg = keyArgReader<KeyArg, pulumi.Input<string>>("keyId", keyProblem);

/**
 * Where a bucket's access is logged, named `accessLogBucket` as on AWS (Cloud Storage calls them usage logs).
 * `usageLogBucket`, the old name, still works; setting both is refused (accessLogBucketArg).
 */
export interface AccessLogArg {
    /** The bucket that receives usage logs (Audit.usageLogBucket), AUDIT-LOG. Required, under this name or `usageLogBucket`. */
    accessLogBucket?: pulumi.Input<string>;
    /** @deprecated use accessLogBucket */
    usageLogBucket?: pulumi.Input<string>;
}

/** The access-log bucket — `accessLogBucket`, or its deprecated name `usageLogBucket` — and its problems: one must be given. */
export function accessLogBucketArg(args: AccessLogArg): { value: pulumi.Input<string>; problems: (string | undefined)[] } {
    return checkedRenamedArg<pulumi.Input<string>>(args, "accessLogBucket", "usageLogBucket", (argName, bucket) =>
        isDeferred(bucket) || (typeof bucket === "string" && bucket !== "") ? undefined
            : `'${argName}' must name the bucket that receives usage logs, Audit.usageLogBucket (AUDIT-LOG); got ${shown(bucket)}.`);
}
