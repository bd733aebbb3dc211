// What the Google Cloud components share: the project and region they deploy to, the deletion policy
// of stateful resources, service-agent members, and the members a tenant may grant access to.
import * as pulumi from "@pulumi/pulumi";
import * as organizations from "@pulumi/gcp/organizations";
import type { CommonArgs } from "../naming";

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

/** Members that would make a PHI resource public (PUBLIC-ACCESS): never granted. */
export const publicMembers: readonly string[] = ["allUsers", "allAuthenticatedUsers"];

/** Throws when a member list grants access to the public; `argName` names the argument in the message. */
export function assertTenantMembers(members: readonly string[], argName: string): void {
    const bad = members.filter(m => publicMembers.includes(m) || !/^(user|group|serviceAccount|domain):\S+$/.test(m));
    if (bad.length) {
        throw new Error(`'${argName}' may only name the tenant's own principals (user:, group:, serviceAccount:, domain:); ` +
            `got ${bad.map(b => JSON.stringify(b)).join(", ")} (PUBLIC-ACCESS)`);
    }
}

/** Google Cloud Storage location of a region: buckets report it upper-case. */
export function bucketLocation(region: string): string {
    return region.toUpperCase();
}

/** Seconds in `days` days, as the string Cloud Storage retention policies take (G24). */
export function daysInSeconds(days: number): string {
    return String(days * 24 * 60 * 60);
}
