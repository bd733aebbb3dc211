// The Azure platform: one resource group per hospital, then network → audit → keys → the services that
// are on. The Synapse workspace is created once, shared by processing and warehouse, and only when
// one of them is on.
import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import type { HospitalConfig, Service } from "../config";
import { statefulOptions } from "../naming";
import type { PlatformOutputs } from "../platform";
import { Audit } from "./audit";
import { AzureArgs, azureName, tagsOf } from "./common";
import { Keys } from "./keys";
import { Network, PrivateLinkGroup } from "./network";
import { Processing } from "./processing";
import { ResearchShare } from "./research-share";
import { Storage } from "./storage";
import { SynapseWorkspace } from "./synapse";
import { Warehouse } from "./warehouse";
import { Imaging } from "./imaging";
import { ImageAnalysis } from "./analysis";

/** Whether the hospital needs the shared Synapse workspace. */
export function needsSynapse(services: readonly Service[]): boolean {
    return services.includes("processing") || services.includes("warehouse");
}

/** The services that use the hospital key, each with its own identity. */
export function keyConsumers(services: readonly Service[]): string[] {
    return [
        ...(services.includes("storage") ? ["storage"] : []),
        ...(needsSynapse(services) ? ["synapse"] : []),
        ...(services.includes("imaging") ? ["dicom"] : []),
        ...(services.includes("analysis") ? ["analysis"] : []),
    ];
}

/** The Private Link group ids the hospital's endpoints use, so that only their DNS zones are created. */
export function privateLinkGroups(services: readonly Service[], sharing = false): PrivateLinkGroup[] {
    const groups: PrivateLinkGroup[] = ["vault", "azuremonitor"];
    if (services.includes("storage") || needsSynapse(services) || sharing) groups.push("blob");
    if (needsSynapse(services) || sharing) groups.push("dfs");
    if (needsSynapse(services)) groups.push("Sql", "SqlOnDemand", "Dev");
    if (services.includes("imaging")) groups.push("healthcareworkspace");
    if (services.includes("analysis")) groups.push("account");
    return groups;
}

/** The containers of the PHI account: `phi`, plus `genomics` for the genomics processing profile. */
export function phiContainers(config: HospitalConfig): string[] {
    return config.processing.profile === "genomics" ? ["phi", "genomics"] : ["phi"];
}

export function buildPlatform(parent: pulumi.ComponentResource, config: HospitalConfig): PlatformOutputs {
    const name = config.tenant;
    const common = { tenant: config.tenant, environment: config.environment, tags: config.tags };
    const opts = { parent };

    const group = new resources.ResourceGroup(`${name}-rg`, {
        resourceGroupName: azureName(config.tenant, `${config.environment}-hipaa-rg`, 90),
        location: config.region, // RESIDENCY: everything in the hospital's region
        tags: tagsOf(common),
    }, statefulOptions(parent, config.environment));
    const scope: AzureArgs = { ...common, resourceGroupName: group.name, location: config.region };

    const network = new Network(`${name}-network`, {
        ...scope, cidr: config.network.cidr, groupIds: privateLinkGroups(config.services, config.sharing.length > 0),
    }, opts);
    const audit = new Audit(`${name}-audit`, { ...scope, network, auditDays: config.retention.auditDays }, opts);
    const keys = new Keys(`${name}-keys`, {
        ...scope, network, audit, consumers: keyConsumers(config.services), admins: config.admins, deidentified: config.sharing.length > 0,
    }, opts);

    const outputs: PlatformOutputs = { keyId: keys.keyId, networkId: network.vnetId, auditLog: audit.workspaceId };

    if (config.services.includes("storage")) {
        const phi = new Storage(`${name}-storage`, {
            ...scope, purpose: "phi", network, audit, key: keys, containers: phiContainers(config),
        }, opts);
        outputs.storage = phi.accountName;
    }

    if (needsSynapse(config.services)) {
        const workspace = new SynapseWorkspace(`${name}-synapse`, { ...scope, network, audit, key: keys, admins: config.admins }, opts);
        if (config.services.includes("processing")) {
            const spark = new Processing(`${name}-processing`, {
                ...scope, workspace, audit, profile: config.processing.profile,
                workers: config.processing.workers, instanceType: config.processing.instanceType,
            }, opts);
            outputs.processing = spark.poolId;
        }
        if (config.services.includes("warehouse")) {
            const warehouse = new Warehouse(`${name}-warehouse`, { ...scope, workspace, audit, sku: config.warehouse.nodeType }, opts);
            outputs.warehouse = warehouse.poolId;
        }
    }

    if (config.services.includes("imaging")) {
        const imaging = new Imaging(`${name}-imaging`, { ...scope, network, audit, key: keys }, opts);
        outputs.imaging = imaging.serviceUrl;
    }

    if (config.services.includes("analysis")) {
        const analysis = new ImageAnalysis(`${name}-analysis`, { ...scope, network, audit, key: keys }, opts);
        outputs.analysis = analysis.endpoint;
        outputs.analysisCaller = analysis.callerIdentity;
    }

    if (config.sharing.length) {
        const share = new ResearchShare(`${name}-research-share`, { ...scope, network, audit, key: keys, partners: config.sharing }, opts);
        outputs.deidentified = share.accountName;
    }

    return outputs;
}
