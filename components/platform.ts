// HospitalPlatform: one validated, cloud-neutral hospital config → the chosen cloud's components.
import * as pulumi from "@pulumi/pulumi";
import type { Cloud, HospitalConfig } from "./config";

/** What a hospital platform exports: the same shape on every cloud; a service that is off is undefined. */
export interface PlatformOutputs {
    /** The customer-managed key that encrypts PHI (KMS key ARN, Key Vault key id, Cloud KMS key id). */
    keyId: pulumi.Output<string>;
    /** The private network (VPC id, VNet id, VPC network id). */
    networkId: pulumi.Output<string>;
    /** Where audit logs go (CloudTrail ARN, Log Analytics workspace id, log bucket id). */
    auditLog: pulumi.Output<string>;
    /** The PHI object store (bucket name, storage account name). */
    storage?: pulumi.Output<string>;
    /** The processing cluster (EMR cluster id, Spark pool id, Dataproc cluster name). */
    processing?: pulumi.Output<string>;
    /** The warehouse endpoint (Redshift endpoint, SQL pool id, BigQuery dataset id). */
    warehouse?: pulumi.Output<string>;
    /** The DICOM imaging store (HealthImaging datastore id, DICOM service URL, DICOM store id). */
    imaging?: pulumi.Output<string>;
    /** The image-analysis endpoint the workloads call (Rekognition's private endpoint, AI Vision account endpoint, Vision API). */
    analysis?: pulumi.Output<string>;
    /** The identity allowed to call it (workload role ARN, workload identity's principal id, workload service account e-mail). */
    analysisCaller?: pulumi.Output<string>;
    /** The de-identified zone shared with research partners, when hospital:sharing names any (bucket, storage account, BigQuery dataset ids). */
    deidentified?: pulumi.Output<string>;
}

/** What each cloud's `components/<cloud>/index.ts` exports. */
export type BuildPlatform = (parent: pulumi.ComponentResource, config: HospitalConfig) => PlatformOutputs;

export interface HospitalPlatformArgs {
    /** The validated config (validateHospitalConfig / readHospitalConfig). */
    config: HospitalConfig;
}

export class HospitalPlatform extends pulumi.ComponentResource {
    public readonly outputs: PlatformOutputs;

    constructor(name: string, args: HospitalPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:index:HospitalPlatform", name, {}, opts);
        this.outputs = loadCloud(args.config.cloud)(this, args.config);
        this.registerOutputs({ ...this.outputs });
    }
}

// Only the chosen cloud's modules are loaded: the three providers together cost seconds at start-up.
function loadCloud(cloud: Cloud): BuildPlatform {
    /* eslint-disable @typescript-eslint/no-require-imports */
    switch (cloud) {
        case "aws": return (require("./aws") as typeof import("./aws")).buildPlatform;
        case "azure": return (require("./azure") as typeof import("./azure")).buildPlatform;
        case "gcp": return (require("./gcp") as typeof import("./gcp")).buildPlatform;
    }
    /* eslint-enable @typescript-eslint/no-require-imports */
}
