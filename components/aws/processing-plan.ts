// The plan of the AWS Processing cluster: its buckets, its EMR security configuration, its KDC password's
// shape, and the cluster's settings, from its arguments alone. Pure (no resource is registered), so the rules
// are tested without the mock runtime, and the constructor (processing.ts) only wires the plan into resources.
import { createHash } from "node:crypto";
import type { ProcessingProfile } from "../config";
import { baseTags, isProtected, physicalName } from "../naming";
import type { ProcessingArgs } from "./processing";

/**
 * EMR release. 7.10.0 supports IMDSv2-only, EBS encryption through the security configuration, log
 * encryption with a CMK and EMR-managed in-transit certificates (EMR Management Guide).
 */
export const emrReleaseLabel = "emr-7.10.0";
/** Core node types per profile; the primary (master) node is always `primaryInstanceType`. */
export const defaultInstanceTypes: Record<ProcessingProfile, string> = {
    analytics: "m6i.xlarge",
    genomics: "r6i.2xlarge", // memory-optimised: aligners and variant callers hold large indexes in RAM
};
export const primaryInstanceType = "m6i.xlarge";
/** Where a profile's data lives in the data bucket: genomics keeps its own prefix, analytics the bucket root. */
export const dataPrefixes: Record<ProcessingProfile, string> = { analytics: "", genomics: "genomics/" };
/** Tag that AmazonEMRServicePolicy_v2 requires on the subnet and security groups the cluster uses. */
export const emrManagedPoliciesTag = { "for-use-with-amazon-emr-managed-policies": "true" };

/**
 * The cluster-dedicated KDC's realm: by convention the nodes' private DNS domain in capitals
 * (ec2.internal in us-east-1, <region>.compute.internal elsewhere), as the EMR Kerberos guide uses.
 */
export function kerberosRealm(region: string): string {
    return region === "us-east-1" ? "EC2.INTERNAL" : `${region.toUpperCase()}.COMPUTE.INTERNAL`;
}

/** The EMR security configuration JSON (EMR Management Guide, "Create a security configuration"). */
export function securityConfigurationDocument(kmsKeyArn: string, secretTags: Record<string, string>) {
    return {
        EncryptionConfiguration: {
            EnableAtRestEncryption: true, // ENC-REST-CMK
            EnableInTransitEncryption: true, // ENC-TRANSIT
            AtRestEncryptionConfiguration: {
                // EMRFS writes to S3 with the CMK, whatever the bucket's own default says.
                S3EncryptionConfiguration: { EncryptionMode: "SSE-KMS", AwsKmsKey: kmsKeyArn },
                // HDFS, spill and shuffle on instance store, and (EnableEbsEncryption) the EBS root and data volumes.
                LocalDiskEncryptionConfiguration: { EncryptionKeyProviderType: "AwsKms", AwsKmsKey: kmsKeyArn, EnableEbsEncryption: true },
            },
            InTransitEncryptionConfiguration: {
                // "EMR": EMR creates a private CA and node certificates itself and stores the CA certificate in
                // Secrets Manager encrypted with AwsKmsKey. Chosen over "PEM" (a zip of a private key in an S3
                // object the hospital would have to create, protect and rotate) and "Custom" (a Java provider
                // JAR): no key material passes through Pulumi state or an S3 object. Certificates default to a
                // 20-year validity; the SAN covers the region's private DNS wildcard, which is all a private
                // cluster needs.
                TLSCertificateConfiguration: {
                    CertificateProviderType: "EMR",
                    AwsKmsKey: kmsKeyArn,
                    SecretTags: Object.entries(secretTags).map(([Key, Value]) => ({ Key, Value })),
                },
            },
        },
        AuthenticationConfiguration: {
            // IDENTITY-AUTHN: a KDC on the primary node; every user and service authenticates with Kerberos.
            KerberosConfiguration: { Provider: "ClusterDedicatedKdc", ClusterDedicatedKdcConfiguration: { TicketLifetimeInHours: 24 } },
        },
        // IMDSv2 only, one hop: a container or process on a node cannot replay the instance role's credentials.
        InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: 2, HttpPutResponseHopLimit: 1 },
    };
}

/**
 * The security configuration's name: a prefix and a hash of its document. A configuration cannot be changed in
 * place, so a new document is a new configuration, created before the old is deleted; the name is known to the
 * cluster (and to policies) before anything is deployed.
 */
export function securityConfigurationName(tenant: string, document: string): string {
    return `${physicalName(tenant, "emr-security", 50)}-${createHash("sha256").update(document).digest("hex").slice(0, 10)}`;
}

export interface ProcessingPlan {
    profile: ProcessingProfile;
    tags: Record<string, string>;
    /** The purposes of the cluster's two buckets, both with the CMK and access logging. */
    buckets: { logs: string; data: string };
    /** The profile's prefix in the data bucket ("" = the whole bucket). */
    dataPrefix: string;
    /** Whether this stack declares the account's and region's EMR block-public-access setting. */
    declaresBlockPublicAccess: boolean;
    /** The tag EMR's managed policy needs on the subnet. */
    subnetTag: { key: string; value: string };
    /** The KDC admin password's shape (generated, never typed: RandomPassword). */
    kdcAdminPassword: { length: number; special: false; minUpper: number; minLower: number; minNumeric: number };
    realm: string;
    /** Where in the log bucket EMR writes. */
    logPrefix: string;
    /** The cluster's own settings (all but roles, network, security configuration and logs). */
    cluster: {
        name: string;
        releaseLabel: string;
        applications: string[];
        masterInstanceGroup: { instanceType: string; instanceCount: number; ebsConfigs: { size: number; type: string; volumesPerInstance: number }[] };
        coreInstanceGroup: { instanceType: string; instanceCount: number; ebsConfigs: { size: number; type: string; volumesPerInstance: number }[] };
        keepJobFlowAliveWhenNoSteps: true;
        terminationProtection: boolean;
        tags: Record<string, string>;
    };
}

/** The plan of a cluster with these (validated, processingProblems) arguments, in the stack `stack`. */
export function processingPlan(args: ProcessingArgs, stack: string): ProcessingPlan {
    const profile = args.profile ?? "analytics";
    const tags = baseTags(args);
    const ebsConfigs = [{ size: 128, type: "gp3", volumesPerInstance: 1 }];
    const [tagKey, tagValue] = Object.entries(emrManagedPoliciesTag)[0];
    return {
        profile,
        tags,
        // ENC-REST-CMK, AUDIT-LOG, RETENTION: the cluster's logs hold PHI fragments (stack traces, queries).
        buckets: { logs: "emr-logs", data: profile },
        dataPrefix: dataPrefixes[profile],
        // PUBLIC-ACCESS: refuse, in this account and region, any EMR cluster whose security groups open a
        // port to 0.0.0.0/0. The setting is one per account and region: only the stack named by
        // accountSettingsStack declares it, since two stacks declaring it would each reset it when destroyed.
        declaresBlockPublicAccess: (args.accountSettingsStack ?? stack) === stack,
        // AmazonEMRServicePolicy_v2 lets EMR launch into a subnet only if the subnet carries this tag.
        subnetTag: { key: tagKey, value: tagValue },
        kdcAdminPassword: { length: 32, special: false, minUpper: 2, minLower: 2, minNumeric: 2 },
        realm: kerberosRealm(args.region),
        logPrefix: "emr/",
        cluster: {
            name: physicalName(args.tenant, `${profile}-processing`),
            releaseLabel: emrReleaseLabel,
            applications: ["Spark", "Hadoop"],
            masterInstanceGroup: { instanceType: primaryInstanceType, instanceCount: 1, ebsConfigs },
            coreInstanceGroup: { instanceType: args.instanceType ?? defaultInstanceTypes[profile], instanceCount: args.workers ?? 2, ebsConfigs },
            keepJobFlowAliveWhenNoSteps: true,
            // DELETION-PROTECTION: a long-lived prod cluster cannot be terminated by API until this is lifted.
            terminationProtection: isProtected(args.environment),
            tags: { ...tags, profile },
        },
    };
}
