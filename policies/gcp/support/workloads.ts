// Reading the Google Cloud resources that run code on PHI (issue 15): Cloud Functions (1st and 2nd gen),
// Cloud Run (v1 services, whose settings live in Knative annotations, and v2 services, jobs and worker
// pools), GKE node configs and Compute Engine VMs. Each control file judges its own property; this file
// only says where that property lives for each type, so a path is written once.
import { mayMeanOn, terraformReads } from "../../lib/inputs";
import { notApplicable, NotApplicable, PolicyResource, Violation } from "../../lib/rule";
import { asArray, get, isUnknown, UNKNOWN } from "../../lib/values";
import { T } from "./tokens";

/** A property: a path (`template.serviceAccount`), or one key of a map of annotations (Cloud Run v1). */
export type Where = string | { map: string; key: string };

/** How a finding names a property. */
export function propertyName(where: Where): string {
    return typeof where === "string" ? where : `${where.map}["${where.key}"]`;
}

/**
 * The value at `where`. An annotation is read by its exact key; a second key that differs from it only in
 * case or blanks (`Run.googleapis.com/ingress`, `run.googleapis.com/ingress `) makes the map ambiguous —
 * a reviewer may read the one the service ignores — and is refused (thrown: the rule fails closed).
 */
export function valueAt(props: Record<string, unknown>, where: Where): unknown {
    if (typeof where === "string") return get(props, where);
    const map = get(props, where.map);
    if (isUnknown(map)) return UNKNOWN;
    if (!map || typeof map !== "object" || Array.isArray(map)) return undefined;
    const near = Object.keys(map).filter(k => k.trim().toLowerCase() === where.key);
    if (near.length > 1 || (near.length === 1 && near[0] !== where.key)) {
        throw new Error(`${where.map}: the keys ${near.map(k => JSON.stringify(k)).join(" and ")} differ from "${where.key}" only in case or blanks; ` +
            `Cloud Run reads the exact key: give it once, exactly`);
    }
    return (map as Record<string, unknown>)[where.key];
}

/** `expect` for a Where: a violation when `ok` is false, an unknown one when the value is unknown at preview. */
export function expectAt(props: Record<string, unknown>, where: Where, ok: (v: unknown) => boolean, wanted: string): Violation[] {
    const found = valueAt(props, where);
    if (isUnknown(found) || !ok(found)) return [{ property: propertyName(where), found, wanted }];
    return [];
}

const runV1Template = "template.metadata.annotations";

/** Where each serverless type keeps its customer-managed key. */
export const serverlessCmek: Readonly<Record<string, Where>> = {
    [T.functionV1]: "kmsKeyName",
    [T.functionV2]: "kmsKeyName",
    [T.runService]: { map: runV1Template, key: "run.googleapis.com/encryption-key" },
    [T.runV2Service]: "template.encryptionKey",
    [T.runV2Job]: "template.template.encryptionKey",
    [T.runV2WorkerPool]: "template.encryptionKey",
};

/**
 * Where each serverless type names the identity its code runs as, and which default identity Google uses
 * when it is unset: 1st gen functions the App Engine default account, the others the Compute Engine
 * default account (both hold the Editor role on the project by default).
 */
export const serverlessIdentity: Readonly<Record<string, { where: Where; unset: string }>> = {
    [T.functionV1]: { where: "serviceAccountEmail", unset: "unset runs it as the App Engine default service account" },
    [T.functionV2]: { where: "serviceConfig.serviceAccountEmail", unset: "unset runs it as the Compute Engine default service account" },
    [T.runService]: { where: "template.spec.serviceAccountName", unset: "unset runs it as the Compute Engine default service account" },
    [T.runV2Service]: { where: "template.serviceAccount", unset: "unset runs it as the Compute Engine default service account" },
    [T.runV2Job]: { where: "template.template.serviceAccount", unset: "unset runs it as the Compute Engine default service account" },
    [T.runV2WorkerPool]: { where: "template.serviceAccount", unset: "unset runs it as the Compute Engine default service account" },
    [T.appEngineStandard]: { where: "serviceAccount", unset: "unset runs it as the App Engine default service account" },
    [T.appEngineFlexible]: { where: "serviceAccount", unset: "unset runs it as the App Engine default service account" },
};

/** The serverless types that take requests at a URL of their own (jobs and worker pools take none). */
export const serverlessIngress: Readonly<Record<string, { where: Where; allowed: readonly string[]; unset: string }>> = {
    [T.functionV1]: { where: "ingressSettings", allowed: ["ALLOW_INTERNAL_ONLY", "ALLOW_INTERNAL_AND_GCLB"], unset: "ALLOW_ALL" },
    [T.functionV2]: { where: "serviceConfig.ingressSettings", allowed: ["ALLOW_INTERNAL_ONLY", "ALLOW_INTERNAL_AND_GCLB"], unset: "ALLOW_ALL" },
    [T.runService]: { where: { map: "metadata.annotations", key: "run.googleapis.com/ingress" }, allowed: ["internal", "internal-and-cloud-load-balancing"], unset: "all" },
    [T.runV2Service]: { where: "ingress", allowed: ["INGRESS_TRAFFIC_INTERNAL_ONLY", "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"], unset: "INGRESS_TRAFFIC_ALL" },
};

/**
 * Whether a 1st gen function serves HTTP: `yes` with `triggerHttp`, `no` with only an `eventTrigger` (it
 * has no URL), `unknown` when either is unknown at preview. Neither set (which the provider refuses) is
 * judged as the open case.
 */
export function servesHttp(r: PolicyResource): "yes" | "no" | "unknown" {
    if (r.type !== T.functionV1) return "yes";
    const http = r.props.triggerHttp, event = r.props.eventTrigger;
    if (mayMeanOn(http)) return "yes";
    if (isUnknown(http) || isUnknown(event)) return "unknown";
    return event !== undefined && event !== null ? "no" : "yes";
}

/**
 * A requirement on a 1st gen function's URL: not applicable without one; with a trigger unknown at preview, a
 * failure is unknown (on `triggerHttp`), never a pass and never a certain finding.
 */
export function onUrl(r: PolicyResource, violations: () => Violation[]): Violation[] | NotApplicable {
    const http = servesHttp(r);
    if (http === "no") return notApplicable("an event-triggered 1st gen function has no URL to take requests at");
    const out = violations();
    if (http === "unknown" && out.length) return [{ property: "triggerHttp", found: UNKNOWN, wanted: `known: with an HTTP trigger, ${out.map(v => `${v.property} ${v.wanted}`).join("; ")}` }];
    return out;
}

/**
 * Where each serverless type sends its outbound traffic into the VPC (`via`: a connector or network
 * interfaces), and the egress settings that send all of it there, not only private ranges (the default).
 */
export const serverlessEgress: Readonly<Record<string, { via: readonly Where[]; all: readonly [Where, string][] }>> = {
    [T.functionV1]: { via: ["vpcConnector"], all: [["vpcConnectorEgressSettings", "ALL_TRAFFIC"]] },
    [T.functionV2]: {
        via: ["serviceConfig.vpcConnector", "serviceConfig.directVpcNetworkInterfaces"],
        all: [["serviceConfig.vpcConnectorEgressSettings", "ALL_TRAFFIC"], ["serviceConfig.directVpcEgress", "VPC_EGRESS_ALL_TRAFFIC"]],
    },
    [T.runService]: {
        via: [{ map: runV1Template, key: "run.googleapis.com/vpc-access-connector" }, { map: runV1Template, key: "run.googleapis.com/network-interfaces" }],
        all: [[{ map: runV1Template, key: "run.googleapis.com/vpc-access-egress" }, "all-traffic"]],
    },
    [T.runV2Service]: { via: ["template.vpcAccess.connector", "template.vpcAccess.networkInterfaces"], all: [["template.vpcAccess.egress", "ALL_TRAFFIC"]] },
    [T.runV2Job]: {
        via: ["template.template.vpcAccess.connector", "template.template.vpcAccess.networkInterfaces"],
        all: [["template.template.vpcAccess.egress", "ALL_TRAFFIC"]],
    },
    [T.runV2WorkerPool]: { via: ["template.vpcAccess.connector", "template.vpcAccess.networkInterfaces"], all: [["template.vpcAccess.egress", "ALL_TRAFFIC"]] },
};

/**
 * Each node config of a GKE cluster or node pool that a rule judges, by its path: a node pool's
 * `nodeConfig`; a cluster's default pool `nodeConfig` (unless `removeDefaultNodePool`), each inline
 * `nodePools[i].nodeConfig`, and for Autopilot (`autopilot` true) the nodes it provisions,
 * `clusterAutoscaling.autoProvisioningDefaults`. `check` judges one config; a default pool that may be
 * removed (`removeDefaultNodePool` unknown at preview) makes its failures unknown, never certain.
 */
export function eachNodeConfig(r: PolicyResource, check: (at: string, autopilot: boolean) => Violation[]): Violation[] {
    if (r.type === T.gkeNodePool) return check("nodeConfig", false);
    if (terraformReads.on(r.props.enableAutopilot)) return check("clusterAutoscaling.autoProvisioningDefaults", true);
    const out: Violation[] = [];
    if (isUnknown(r.props.enableAutopilot)) out.push({ property: "enableAutopilot", found: UNKNOWN, wanted: "known, to tell which node configs apply" });
    const remove = r.props.removeDefaultNodePool;
    if (!terraformReads.on(remove)) {
        const found = check("nodeConfig", false);
        if (isUnknown(remove) && found.length) {
            out.push({ property: "removeDefaultNodePool", found: UNKNOWN, wanted: `true, or a default node pool with ${found.map(v => `${v.property} ${v.wanted}`).join("; ")}` });
        } else out.push(...found);
    }
    const pools = r.props.nodePools;
    if (isUnknown(pools)) out.push({ property: "nodePools", found: UNKNOWN, wanted: "node pools whose node configs are known" });
    else asArray(pools as unknown[]).forEach((_, i) => out.push(...check(`nodePools[${i}].nodeConfig`, false)));
    return out;
}

/** Compute Engine VMs and the templates VMs are made from: the same network, identity and boot settings. */
export const vmTypes = [T.instance, T.instanceTemplate, T.regionInstanceTemplate] as const;

/**
 * The disks a VM or template creates or attaches, each with where its key lives: an instance's `bootDisk`
 * and `attachedDisks[i]` (key: `kmsKeySelfLink`), a template's `disks[i]` (key: `diskEncryptionKey.kmsKeySelfLink`).
 * `created`: the resource makes the disk (no `source`), so its key must be set here; an attached existing disk
 * is judged on its own Disk resource. Local SSDs (`SCRATCH`) cannot take a customer-managed key and are left out.
 */
export function vmDisks(r: PolicyResource): { at: string; key: string; created: boolean | "unknown" }[] | typeof UNKNOWN {
    const createdUnless = (source: unknown) => isUnknown(source) ? "unknown" as const : source === undefined || source === null || source === "";
    if (r.type === T.instance) {
        const attached = r.props.attachedDisks;
        if (isUnknown(r.props.bootDisk) || isUnknown(attached)) return UNKNOWN;
        return [
            // Judged here even when it is an existing disk (`source`): the field takes that disk's key too, and the API checks it matches.
            { at: "bootDisk", key: "bootDisk.kmsKeySelfLink", created: true },
            ...asArray(attached as unknown[]).map((_, i) => ({ at: `attachedDisks[${i}]`, key: `attachedDisks[${i}].kmsKeySelfLink`, created: false })),
        ];
    }
    const disks = r.props.disks;
    if (isUnknown(disks)) return UNKNOWN;
    // A single disk given where a list belongs is read as a list of one (type confusion never reads as no disk).
    return asArray(disks as unknown[]).flatMap((d, i) => {
        if (isUnknown(d)) return [{ at: `disks[${i}]`, key: `disks[${i}].diskEncryptionKey.kmsKeySelfLink`, created: "unknown" as const }];
        const disk = (d ?? {}) as Record<string, unknown>;
        if (disk.type === "SCRATCH") return [];
        return [{ at: `disks[${i}]`, key: `disks[${i}].diskEncryptionKey.kmsKeySelfLink`, created: createdUnless(disk.source) }];
    });
}

/** Dataproc on GKE (`virtualClusterConfig` only) has no Compute Engine disks, VMs or network of its own: not applicable to what judges those. */
export function onComputeEngine(r: PolicyResource) {
    return r.props.virtualClusterConfig !== undefined && r.props.clusterConfig === undefined
        ? notApplicable("a Dataproc on GKE cluster: its nodes are the GKE node pool's")
        : undefined;
}
