// The plan of the AWS Network: its address space cut into private subnets, the VPC endpoints it opens
// and their policies, the flow-log group. Pure (no resource is registered), so the rules are tested
// without the mock runtime, and the constructor (network.ts) only wires the plan into resources.
import { formatAddress, parseCidr } from "../cidr";
import type { NetworkArgs } from "./network";

export const defaultNetworkCidr = "10.40.0.0/16";
/**
 * The AWS APIs the platform's services and their users call from inside the VPC (CONTROLS.md §5 for
 * HealthImaging). secretsmanager: the warehouse's admin password is a Redshift-managed secret there, read
 * by jobs in the private subnets, which have no route out.
 */
export const defaultInterfaceEndpoints = ["kms", "logs", "sts", "secretsmanager", "elasticmapreduce", "redshift",
    "medical-imaging", "runtime-medical-imaging", "dicom-medical-imaging"];
/** Two AZs, so that a multi-AZ service (Redshift subnet group, endpoints) survives one AZ's loss. */
export const subnetCount = 2;

/**
 * `count` equal subnets cut from the start of `cidr`, each a quarter of it (two bits longer prefix),
 * so the other half of the space stays free for later subnets. Throws on anything but an IPv4 CIDR.
 */
export function subnetCidrs(cidr: string, count: number): string[] {
    const problem = subnetCidrsProblem(cidr, count);
    const block = parseCidr(cidr);
    if (problem || !block) throw new Error(problem);
    const newPrefix = block.prefix + 2;
    const size = 2 ** (32 - newPrefix);
    return Array.from({ length: count }, (_, i) => `${formatAddress(block.address + i * size)}/${newPrefix}`);
}

/** Why `count` subnets cannot be cut from `cidr` (subnetCidrs), or undefined. */
export function subnetCidrsProblem(cidr: string, count: number): string | undefined {
    const block = typeof cidr === "string" ? parseCidr(cidr) : undefined;
    if (!block) return `'cidr' must be an IPv4 CIDR such as ${defaultNetworkCidr} (no leading zeros, no host bits); got ${JSON.stringify(cidr)}.`;
    const newPrefix = block.prefix + 2;
    if (newPrefix > 28 || count > 4) return `'cidr' ${cidr} is too small for ${count} subnets of /${newPrefix}.`;
    return undefined;
}

/** A service suffix of a VPC endpoint (`kms`, `runtime-medical-imaging`): part of its service and resource names. */
const endpointServicePattern = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)*$/;

/** Why `services` cannot be the interface endpoints (argument 'interfaceEndpoints'), or undefined. */
export function interfaceEndpointsProblem(services: readonly unknown[] | undefined): string | undefined {
    if (services === undefined) return undefined;
    const bad = services.filter(s => typeof s !== "string" || !endpointServicePattern.test(s));
    if (bad.length) return `'interfaceEndpoints' must be AWS service suffixes such as "kms" or "runtime-medical-imaging"; got ${bad.map(b => JSON.stringify(b)).join(", ")}.`;
    const twice = services.filter((s, i) => services.indexOf(s) !== i);
    if (twice.length) return `'interfaceEndpoints' names ${JSON.stringify(twice[0])} twice.`;
    return undefined;
}

export interface NetworkPlan {
    cidr: string;
    /** The private subnets, in address order: the logical name of each (`private-1`) and its block. */
    subnets: { name: string; cidrBlock: string }[];
    /** The interface endpoints, by service suffix. */
    interfaceEndpoints: string[];
    /** The flow-log group's name. */
    flowLogGroupName: string;
}

/** The plan of a network with these (validated, networkProblems) arguments; the flow-log days are resolved by the caller (auditDaysArg). */
export function networkPlan(args: Pick<NetworkArgs, "tenant" | "cidr" | "interfaceEndpoints">): NetworkPlan {
    const cidr = args.cidr ?? defaultNetworkCidr;
    return {
        cidr,
        subnets: subnetCidrs(cidr, subnetCount).map((cidrBlock, i) => ({ name: `private-${i + 1}`, cidrBlock })),
        interfaceEndpoints: [...(args.interfaceEndpoints ?? defaultInterfaceEndpoints)],
        flowLogGroupName: `/hipaa-cloud/${args.tenant}/vpc-flow-logs`,
    };
}

/**
 * The policy of an interface endpoint: this account's principals only, so that stolen credentials of
 * another account cannot use the VPC's private path to move data out (NETWORK-PRIVATE).
 */
export function interfaceEndpointPolicy(accountId: string): object {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "ThisAccountsPrincipals", Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: thisAccountOnly(accountId) }],
    };
}

/** The policy of the S3 gateway endpoint: this account's principals, and the AWS package repositories read-only. */
export function s3EndpointPolicy(partition: string, region: string, accountId: string): object {
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ThisAccountsPrincipals", Effect: "Allow", Principal: "*", Action: "s3:*", Resource: "*", Condition: thisAccountOnly(accountId) },
            {
                // Package repositories that EMR and Amazon Linux nodes read anonymously; read-only,
                // so they are no path out. Bucket names from the EMR and Amazon Linux guides (◇).
                Sid: "AwsPackageRepositoriesReadOnly",
                Effect: "Allow",
                Principal: "*",
                Action: "s3:GetObject",
                Resource: [
                    `arn:${partition}:s3:::repo.${region}.emr.amazonaws.com/*`,
                    `arn:${partition}:s3:::amazonlinux.${region}.amazonaws.com/*`,
                    `arn:${partition}:s3:::amazonlinux-2-repos-${region}/*`,
                    `arn:${partition}:s3:::al2023-repos-${region}-*/*`,
                ],
            },
        ],
    };
}

function thisAccountOnly(accountId: string) {
    return { StringEquals: { "aws:PrincipalAccount": accountId } };
}
