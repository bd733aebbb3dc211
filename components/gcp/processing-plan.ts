// The plan of the Google Cloud Processing cluster: its labels, its staging and temp buckets, its service
// account, the firewall rule that opens it only to itself, and the cluster's settings, from its arguments
// alone. Pure (no resource is registered), so the rules are tested without the mock runtime, and the
// constructor (processing.ts) only wires the plan into resources.
import type { ProcessingProfile } from "../config";
import { labels, physicalName } from "../naming";
import type { ProcessingArgs } from "./processing";

/** Worker machine type per profile: genomics pipelines need memory more than cores. */
export const workerMachineTypes: Record<ProcessingProfile, string> = {
    analytics: "n2-standard-8",
    genomics: "n2-highmem-16",
};

/** A Dataproc image with Kerberos and Shielded VM support. */
export const imageVersion = "2.2-debian12";

const diskConfig = (bootDiskSizeGb: number) => ({ bootDiskType: "pd-balanced", bootDiskSizeGb });

export interface ProcessingPlan {
    profile: ProcessingProfile;
    labels: Record<string, string>;
    /** Staging and temp buckets: their data is PHI too (ENC-REST-CMK, G26), kept `days` once non-current. */
    buckets: { suffix: "staging" | "temp"; physicalName: string; days: number; softDeleteDays: number }[];
    serviceAccount: { accountId: string; displayName: string; role: string };
    firewall: {
        name: string; direction: "INGRESS"; priority: number; sourceTags: string[]; targetTags: string[];
        allows: { protocol: string }[]; logConfig: { metadata: "INCLUDE_ALL_METADATA" };
    };
    /** The cluster's name, and the settings of its clusterConfig that hold without its other resources. */
    cluster: {
        name: string;
        config: {
            gceClusterConfig: {
                internalIpOnly: true; serviceAccountScopes: string[]; tags: string[]; metadata: Record<string, string>;
                shieldedInstanceConfig: { enableSecureBoot: true; enableVtpm: true; enableIntegrityMonitoring: true };
            };
            endpointConfig: { enableHttpPortAccess: false };
            softwareConfig: { imageVersion: string };
            masterConfig: { numInstances: number; machineType: string; diskConfig: { bootDiskType: string; bootDiskSizeGb: number } };
            workerConfig: { numInstances: number; machineType: string; diskConfig: { bootDiskType: string; bootDiskSizeGb: number } };
        };
    };
}

/** The plan of a cluster with these (validated, processingProblems) arguments; `instanceType` is the resolved worker machine type, if any. */
export function processingPlan(args: ProcessingArgs, instanceType: string | undefined): ProcessingPlan {
    const profile = args.profile ?? "analytics";
    // The network tag of the cluster's nodes, which the firewall rule opens to each other only.
    const clusterTag = physicalName(args.tenant, "dataproc");
    return {
        profile,
        labels: { ...labels(args), "processing-profile": profile },
        buckets: (["staging", "temp"] as const).map(suffix => ({
            suffix, physicalName: physicalName(args.tenant, `dataproc-${suffix}`), days: args.stagingDays ?? 30, softDeleteDays: 7,
        })),
        // LEAST-PRIVILEGE: a dedicated account, never the default Compute Engine account, with one role.
        serviceAccount: { accountId: physicalName(args.tenant, "dataproc", 30), displayName: `${args.tenant} Dataproc cluster`, role: "roles/dataproc.worker" },
        // Dataproc nodes talk to each other on many ports; only nodes of this cluster may reach them.
        firewall: {
            name: physicalName(args.tenant, "dataproc-intra-cluster"),
            direction: "INGRESS",
            priority: 1000,
            sourceTags: [clusterTag],
            targetTags: [clusterTag],
            allows: [{ protocol: "tcp" }, { protocol: "udp" }, { protocol: "icmp" }],
            logConfig: { metadata: "INCLUDE_ALL_METADATA" }, // NETWORK-PRIVATE, AUDIT-LOG
        },
        cluster: {
            name: physicalName(args.tenant, "phi-cluster", 50),
            config: {
                gceClusterConfig: {
                    internalIpOnly: true, // PUBLIC-ACCESS, NETWORK-PRIVATE (needs Private Google Access)
                    serviceAccountScopes: ["https://www.googleapis.com/auth/cloud-platform"], // IAM decides, not scopes
                    shieldedInstanceConfig: { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true },
                    tags: [clusterTag],
                    metadata: { "block-project-ssh-keys": "true" },
                },
                endpointConfig: { enableHttpPortAccess: false }, // PUBLIC-ACCESS: no Component Gateway
                softwareConfig: { imageVersion },
                masterConfig: { numInstances: 1, machineType: "n2-standard-4", diskConfig: diskConfig(200) },
                workerConfig: { numInstances: args.workers ?? 2, machineType: instanceType ?? workerMachineTypes[profile], diskConfig: diskConfig(500) },
            },
        },
    };
}
