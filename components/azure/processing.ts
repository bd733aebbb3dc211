// Processing: the hospital's processing cluster, an Apache Spark pool in the shared Synapse workspace.
// It inherits the workspace's controls (CMK, managed VNet with exfiltration protection, no public
// network, Entra-only); here: size by profile, auto-pause, and the pool's own logs (AUDIT-LOG).
import * as pulumi from "@pulumi/pulumi";
import * as synapse from "@pulumi/azure-native/synapse";
import { ProcessingProfile, processingProfiles } from "../config";
import type { Audit } from "./audit";
import { AzureArgs, tagsOf } from "./common";
import type { SynapseWorkspace } from "./synapse";
import { assertArgs, checkedRenamedArg, oneOfProblem, wholeNumberProblem } from "../problems";

export interface ProcessingArgs extends AzureArgs {
    workspace: SynapseWorkspace;
    audit: Audit;
    /** `analytics` (default): Medium nodes; `genomics`: XLarge memory-optimised nodes. */
    profile?: ProcessingProfile;
    /**
     * Nodes, named as on the other clouds and in hospital:processing.workers; default 3, the Synapse minimum
     * (fewer is raised to 3).
     */
    workers?: number;
    /** @deprecated use workers */
    nodes?: number;
    /** Node size, named as on the other clouds and in hospital:processing.instanceType, overriding the profile's; default by profile. */
    instanceType?: string;
    /** @deprecated use instanceType */
    nodeSize?: string;
    /** Minutes idle before the pool pauses; default 15. */
    autoPauseMinutes?: number;
}

/** Synapse Spark pools have at least three nodes (a driver and two executors). */
export const minimumSparkNodes = 3;

/** The node size and family of a processing profile. Synapse Spark nodes are all memory-optimised; genomics gets the large ones. */
export function sparkNodeShape(profile: ProcessingProfile): { nodeSize: string; nodeSizeFamily: string } {
    return profile === "genomics"
        ? { nodeSize: "XLarge", nodeSizeFamily: "MemoryOptimized" }
        : { nodeSize: "Medium", nodeSizeFamily: "MemoryOptimized" };
}

/** The node sizes of a Synapse Spark pool. */
export const sparkNodeSizes = ["Small", "Medium", "Large", "XLarge", "XXLarge", "XXXLarge"] as const;

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function processingProblems(args: Pick<ProcessingArgs, "profile" | "workers" | "nodes" | "instanceType" | "nodeSize" | "autoPauseMinutes">): string[] {
    return [
        oneOfProblem("profile", args.profile ?? "analytics", processingProfiles),
        ...workersArg(args).problems,
        ...instanceTypeArg(args).problems,
        wholeNumberProblem("autoPauseMinutes", args.autoPauseMinutes ?? 15, 5, 10080),
    ].filter((p): p is string => p !== undefined);
}

/** The nodes — `workers`, or the deprecated `nodes` — raised to the Synapse minimum, and their problems. */
function workersArg(args: Pick<ProcessingArgs, "workers" | "nodes">): { value: number; problems: (string | undefined)[] } {
    // Fewer than the minimum is raised to it (hospital:processing.workers is shared with the other clouds).
    const arg = checkedRenamedArg(args, "workers", "nodes", (argName, n) => wholeNumberProblem(argName, n as number, 1, 200), minimumSparkNodes);
    return { value: Math.max(minimumSparkNodes, arg.value), problems: arg.problems };
}

/** The node size — `instanceType`, or the deprecated `nodeSize` — when one is given, and its problems. */
function instanceTypeArg(args: Pick<ProcessingArgs, "instanceType" | "nodeSize">): { value: string | undefined; problems: (string | undefined)[] } {
    return checkedRenamedArg<string | undefined>(args, "instanceType", "nodeSize",
        (argName, size) => size === undefined ? undefined : oneOfProblem(argName, size as string, sparkNodeSizes as readonly string[]));
}

export class Processing extends pulumi.ComponentResource {
    public readonly pool: synapse.BigDataPool;
    public readonly poolId: pulumi.Output<string>;

    constructor(name: string, args: ProcessingArgs, opts?: pulumi.ComponentResourceOptions) {
        // The old name's type token, so that no URN changes (components/aws/deprecated.ts says why).
        super("hipaa-cloud:azure:SparkPool", name, {}, opts);
        assertArgs("Processing", name, args, processingProblems(args));
        const shape = sparkNodeShape(args.profile ?? "analytics");

        this.pool = new synapse.BigDataPool(`${name}-pool`, {
            resourceGroupName: args.resourceGroupName,
            workspaceName: args.workspace.workspaceName,
            location: args.location,
            tags: tagsOf(args),
            bigDataPoolName: (args.profile ?? "analytics").slice(0, 15),
            sparkVersion: "3.4",
            nodeSize: instanceTypeArg(args).value ?? shape.nodeSize,
            nodeSizeFamily: shape.nodeSizeFamily,
            nodeCount: workersArg(args).value,
            autoScale: { enabled: false },
            autoPause: { enabled: true, delayInMinutes: args.autoPauseMinutes ?? 15 },
            isComputeIsolationEnabled: false,
            // No packages pulled from the internet at session start (the managed VNet blocks egress anyway).
            sessionLevelPackagesEnabled: false,
        }, { parent: this, dependsOn: [args.workspace.activeKey] }); // a CMK workspace takes pools once its key is active
        this.poolId = this.pool.id;

        args.audit.diagnose(this, `${name}-pool`, { resourceUri: this.pool.id });
        this.registerOutputs({ poolId: this.poolId });
    }
}
