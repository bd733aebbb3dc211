// The Google Cloud platform: composes the Google Cloud components from a validated hospital config.
// Keys and their service-agent grants come first; every CMEK resource waits for its agent's grant.
import * as pulumi from "@pulumi/pulumi";
import { HospitalConfig, HospitalConfigError, namespace } from "../config";
import type { CommonArgs } from "../naming";
import type { PlatformOutputs } from "../platform";
import { ImageAnalysis, visionService } from "./analysis";
import { Audit } from "./audit";
import { Imaging } from "./imaging";
import { Keys, ServiceAgent } from "./keys";
import { Network } from "./network";
import { Processing } from "./processing";
import { ResearchShare } from "./research-share";
import { Storage } from "./storage";
import { Warehouse } from "./warehouse";

export { Audit, ImageAnalysis, Imaging, Keys, Network, Processing, Storage, Warehouse };

/** The project: `hospital:gcp.project`, else the provider's `gcp:project`; a config error naming both if neither is set. */
export function resolveProject(config: HospitalConfig): string {
    const project = config.gcp?.project ?? new pulumi.Config("gcp").get("project");
    if (!project) {
        throw new HospitalConfigError([{
            key: `${namespace}:gcp.project`, value: undefined,
            allowed: "a Google Cloud project id: set hospital:gcp.project, or the provider's gcp:project",
        }]);
    }
    return project;
}

/** The service agents that use the key, given the services that are on (storage and logging always: audit needs them). */
export function agentsFor(services: readonly string[]): ServiceAgent[] {
    const agents: ServiceAgent[] = ["storage", "logging"];
    if (services.includes("warehouse")) agents.push("bigquery");
    if (services.includes("imaging")) agents.push("healthcare");
    if (services.includes("processing")) agents.push("dataproc", "compute");
    return agents;
}

export function buildPlatform(parent: pulumi.ComponentResource, config: HospitalConfig): PlatformOutputs {
    const project = resolveProject(config);
    const t = config.tenant;
    const common: CommonArgs & { project: string; region: string } = {
        tenant: t, environment: config.environment, tags: config.tags, project, region: config.region,
    };
    const opts = { parent };
    const on = (service: string) => config.services.includes(service as never);

    const network = new Network(`${t}-network`, {
        ...common, cidr: config.network.cidr, accessPolicy: config.gcp?.accessPolicy,
        moreRestrictedServices: on("analysis") ? [visionService] : [],
    }, opts);
    const keys = new Keys(`${t}-keys`, { ...common, agents: agentsFor(config.services) }, opts);
    const grant = (agent: ServiceAgent) => {
        const g = keys.grants[agent];
        if (!g) throw new Error(`the ${agent} agent's key grant is missing`);
        return g;
    };
    const audit = new Audit(`${t}-audit`, {
        ...common, key: keys.keyId, loggingKeyGrant: grant("logging"), storageKeyGrant: grant("storage"),
        auditDays: config.retention.auditDays,
    }, opts);
    const accessLogBucket = audit.usageLogBucket.name;

    const storage = on("storage") ? new Storage(`${t}-storage`, {
        ...common, key: keys.keyId, keyGrant: grant("storage"), accessLogBucket, noncurrentVersionDays: config.retention.phiDays, admins: config.admins,
    }, opts) : undefined;
    const processing = on("processing") ? new Processing(`${t}-processing`, {
        ...common, key: keys.keyId, keyGrants: { dataproc: grant("dataproc"), compute: grant("compute"), storage: grant("storage") },
        networkId: network.network.id, subnetworkId: network.subnet.id, accessLogBucket,
        profile: config.processing.profile, workers: config.processing.workers, instanceType: config.processing.instanceType,
    }, opts) : undefined;
    const warehouse = on("warehouse") ? new Warehouse(`${t}-warehouse`, {
        ...common, key: keys.keyId, keyGrant: grant("bigquery"), admins: config.admins,
    }, opts) : undefined;
    const imaging = on("imaging") ? new Imaging(`${t}-imaging`, {
        ...common, key: keys.keyId, keyGrant: grant("healthcare"), admins: config.admins,
    }, opts) : undefined;

    const analysis = on("analysis") ? new ImageAnalysis(`${t}-analysis`, {
        ...common, key: keys.keyId, keyGrant: grant("storage"), accessLogBucket,
    }, opts) : undefined;
    const share = config.sharing.length ? new ResearchShare(`${t}-research-share`, {
        ...common, partners: config.sharing, admins: config.admins,
    }, opts) : undefined;

    return {
        keyId: keys.keyId,
        networkId: network.network.id,
        auditLog: audit.logBucket.id,
        storage: storage?.bucketName,
        processing: processing?.cluster.name,
        warehouse: warehouse?.dataset.id,
        imaging: imaging?.dicomStore.id,
        analysis: analysis?.endpoint,
        analysisCaller: analysis?.callerIdentity,
        deidentified: share?.exchangeName,
    };
}
