// The AWS platform: composes the AWS components from a validated hospital config. Keys first (all
// else is encrypted with them), then the network, the audit trail (whose access-log bucket every PHI
// bucket logs to), the PHI bucket, and the services the hospital enabled.
import * as pulumi from "@pulumi/pulumi";
import type { HospitalConfig } from "../config";
import type { CommonArgs } from "../naming";
import type { PlatformOutputs } from "../platform";
import { ImageAnalysis } from "./analysis";
import { Audit } from "./audit";
import { Imaging } from "./imaging";
import { Keys } from "./keys";
import { Network } from "./network";
import { Processing } from "./processing";
import { ResearchShare } from "./research-share";
import { Storage } from "./storage";
import { Warehouse } from "./warehouse";

export function buildPlatform(parent: pulumi.ComponentResource, config: HospitalConfig): PlatformOutputs {
    const common: CommonArgs = { tenant: config.tenant, environment: config.environment, tags: config.tags };
    const opts = { parent };
    const name = (suffix: string) => `${config.tenant}-${suffix}`;
    const enabled = new Set(config.services);

    // The landing zone's own key and VPC when hospital:aws.existing names them (validated with the config); else the platform's.
    const existing = config.aws?.existing;
    const keys = existing?.kmsKeyArn ? { keyArn: pulumi.output(existing.kmsKeyArn) }
        : new Keys(name("keys"), { ...common, admins: config.admins, region: config.region }, opts);
    const network = existing?.network ? { vpcId: pulumi.output(existing.network.vpcId), privateSubnetIds: existing.network.privateSubnetIds.map(id => pulumi.output(id)) } : new Network(name("network"), {
        ...common,
        cidr: config.network.cidr,
        region: config.region,
        key: keys.keyArn,
        auditDays: config.retention.auditDays,
    }, opts);
    const audit = new Audit(name("audit"), {
        ...common,
        key: keys.keyArn,
        auditDays: config.retention.auditDays,
        imaging: enabled.has("imaging"),
    }, opts);

    const outputs: PlatformOutputs = { keyId: keys.keyArn, networkId: network.vpcId, auditLog: audit.trailArn };

    if (enabled.has("storage")) {
        // The genomics profile needs nothing extra here: its data lives under its own prefix in the
        // processing cluster's data bucket.
        const phi = new Storage(name("phi"), {
            ...common,
            purpose: "phi",
            key: keys.keyArn,
            accessLogBucket: audit.accessLogBucketName,
            noncurrentVersionDays: config.retention.phiDays,
        }, opts);
        outputs.storage = phi.bucketName;
    }
    if (enabled.has("processing")) {
        const cluster = new Processing(name("processing"), {
            ...common,
            key: keys.keyArn,
            vpcId: network.vpcId,
            subnetId: network.privateSubnetIds[0],
            vpcCidr: config.network.cidr,
            accessLogBucket: audit.accessLogBucketName,
            region: config.region,
            profile: config.processing.profile,
            workers: config.processing.workers,
            instanceType: config.processing.instanceType,
            accountSettingsStack: config.aws?.accountSettingsStack,
        }, opts);
        outputs.processing = cluster.clusterId;
    }
    if (enabled.has("warehouse")) {
        const warehouse = new Warehouse(name("warehouse"), {
            ...common,
            key: keys.keyArn,
            vpcId: network.vpcId,
            subnetIds: network.privateSubnetIds,
            vpcCidr: config.network.cidr,
            auditDays: config.retention.auditDays,
            nodes: config.warehouse.nodes,
            nodeType: config.warehouse.nodeType,
        }, opts);
        outputs.warehouse = warehouse.endpoint;
    }
    if (enabled.has("imaging")) {
        const imaging = new Imaging(name("imaging"), {
            ...common,
            key: keys.keyArn,
            accessLogBucket: audit.accessLogBucketName,
            region: config.region,
        }, opts);
        outputs.imaging = imaging.datastoreId;
    }
    if (enabled.has("analysis")) {
        const analysis = new ImageAnalysis(name("analysis"), {
            ...common,
            key: keys.keyArn,
            accessLogBucket: audit.accessLogBucketName,
            region: config.region,
            vpcId: network.vpcId,
            subnetIds: network.privateSubnetIds,
            // A landing zone's VPC (hospital:aws.existing.network) has no Network: the component makes its endpoint group.
            endpointSecurityGroupId: "endpointSecurityGroupId" in network ? network.endpointSecurityGroupId : undefined,
            vpcCidr: config.network.cidr,
            aiOptOutTargetId: config.aws?.aiOptOutTargetId,
        }, opts);
        outputs.analysis = analysis.endpoint;
        outputs.analysisCaller = analysis.callerIdentity;
    }
    if (config.sharing.length) {
        const share = new ResearchShare(name("research-share"), {
            ...common, partners: config.sharing, region: config.region, admins: config.admins, accessLogBucket: audit.accessLogBucketName,
            accountSettingsStack: config.aws?.accountSettingsStack,
        }, opts);
        outputs.deidentified = share.bucketName;
    }
    return outputs;
}
