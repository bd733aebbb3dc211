// Processing: a Dataproc cluster encrypted with the tenant's key, internal IPs only on the private
// subnet, shielded VMs, Kerberos (Hadoop secure mode), a dedicated service account with only the Dataproc
// worker role, compliant staging and temp buckets, and a firewall rule that opens the cluster only to itself.
import * as os from "node:os";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/gcp/compute";
import * as dataproc from "@pulumi/gcp/dataproc";
import * as kms from "@pulumi/gcp/kms";
import * as projects from "@pulumi/gcp/projects";
import * as serviceaccount from "@pulumi/gcp/serviceaccount";
import * as storage from "@pulumi/gcp/storage";
import { RandomPassword } from "@pulumi/random/randomPassword";
import { ProcessingProfile, processingProfiles } from "../config";
import { statefulOptions } from "../naming";
import { hipaaBucket } from "./bucket";
import { AccessLogArg, accessLogBucketArg, GcpArgs, gcpArgsProblems, KeyArg, keyArg, preventDeletion } from "./shared";
import { assertArgs, checkedRenamedArg, oneOfProblem, wholeNumberProblem } from "../problems";
import { processingPlan } from "./processing-plan";

export { imageVersion, workerMachineTypes } from "./processing-plan";

export interface ProcessingArgs extends GcpArgs, KeyArg, AccessLogArg {
    /** The Cloud KMS key (Keys.keyId): cluster disks, buckets and the Kerberos password file. */
    key?: pulumi.Input<string>;
    /** Grants of the Dataproc, Compute Engine and Cloud Storage agents on the key: the cluster and buckets wait for them. */
    keyGrants: { dataproc: pulumi.Resource; compute: pulumi.Resource; storage: pulumi.Resource };
    /** The VPC network (Network.network.id), for the intra-cluster firewall rule. */
    networkId: pulumi.Input<string>;
    /** The private subnet with Private Google Access (Network.subnet.id). */
    subnetworkId: pulumi.Input<string>;
    /** `analytics` (default) or `genomics` (high-memory workers). */
    profile?: ProcessingProfile;
    /** Worker nodes; default 2. */
    workers?: number;
    /** Worker machine type, named as on the other clouds and in hospital:processing.instanceType; default per profile (`workerMachineTypes`). */
    instanceType?: string;
    /** @deprecated use instanceType */
    machineType?: string;
    /** Days non-current staging objects are kept; default 30. */
    stagingDays?: number;
}

/** Every problem with the arguments, naming the argument; [] when they hold. */
export function processingProblems(args: ProcessingArgs): string[] {
    return [
        ...gcpArgsProblems(args), ...keyArg(args).problems, ...accessLogBucketArg(args).problems,
        oneOfProblem("profile", args.profile ?? "analytics", processingProfiles),
        wholeNumberProblem("workers", args.workers ?? 2, 2, 100, "a standard Dataproc cluster has at least two"),
        ...instanceTypeArg(args).problems,
        wholeNumberProblem("stagingDays", args.stagingDays ?? 30, 1),
    ].filter((p): p is string => p !== undefined);
}

/** The worker machine type — `instanceType`, or the deprecated `machineType` — when one is given, and its problems. */
function instanceTypeArg(args: ProcessingArgs): { value: string | undefined; problems: (string | undefined)[] } {
    return checkedRenamedArg<string | undefined>(args, "instanceType", "machineType", (argName, type) =>
        type === undefined || (typeof type === "string" && /^[a-z][a-z0-9]*-[a-z0-9-]+$/.test(type)) ? undefined
            : `'${argName}' must be a Compute Engine machine type such as n2-standard-8; got ${JSON.stringify(type)}.`);
}

export class Processing extends pulumi.ComponentResource {
    public readonly cluster: dataproc.Cluster;
    public readonly serviceAccount: serviceaccount.Account;
    public readonly stagingBucket: storage.Bucket;
    public readonly tempBucket: storage.Bucket;

    constructor(name: string, args: ProcessingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hipaa-cloud:gcp:Processing", name, {}, opts);
        assertArgs("Processing", name, args, processingProblems(args));
        const key = keyArg(args).key;
        const plan = processingPlan(args, instanceTypeArg(args).value);
        const child = { parent: this };
        const bucketOptions = statefulOptions(this, args.environment, { dependsOn: [args.keyGrants.storage] });
        [this.stagingBucket, this.tempBucket] = plan.buckets.map(b => hipaaBucket(`${name}-${b.suffix}`, b.physicalName, {
            project: args.project, region: args.region, keyId: key, labels: plan.labels,
            kind: "data", days: b.days, softDeleteDays: b.softDeleteDays, usageLogBucket: accessLogBucketArg(args).value,
        }, bucketOptions));

        const { role, ...account } = plan.serviceAccount;
        this.serviceAccount = new serviceaccount.Account(`${name}-sa`, { project: args.project, ...account }, child);
        const worker = new projects.IAMMember(`${name}-worker-role`, { project: args.project, role, member: this.serviceAccount.member }, child);
        // The cluster account decrypts the Kerberos root password file (Dataproc Kerberos docs).
        const decrypter = new kms.CryptoKeyIAMMember(`${name}-sa-decrypter`, {
            cryptoKeyId: key, role: "roles/cloudkms.cryptoKeyDecrypter", member: this.serviceAccount.member,
        }, child);

        const passwordFile = this.kerberosPasswordFile(name, key);
        const intraCluster = new compute.Firewall(`${name}-intra-cluster`, { project: args.project, network: args.networkId, ...plan.firewall }, child);

        this.cluster = new dataproc.Cluster(`${name}-cluster`, {
            project: args.project,
            name: plan.cluster.name,
            region: args.region, // RESIDENCY
            labels: plan.labels,
            deletionPolicy: preventDeletion, // DELETION-PROTECTION
            clusterConfig: {
                ...plan.cluster.config,
                stagingBucket: this.stagingBucket.name,
                tempBucket: this.tempBucket.name,
                encryptionConfig: { kmsKeyName: key }, // ENC-REST-CMK: persistent disks
                gceClusterConfig: {
                    ...plan.cluster.config.gceClusterConfig,
                    subnetwork: args.subnetworkId, // NETWORK-PRIVATE
                    serviceAccount: this.serviceAccount.email, // LEAST-PRIVILEGE
                },
                securityConfig: { // IDENTITY-AUTHN, ENC-TRANSIT: Hadoop secure mode
                    kerberosConfig: { enableKerberos: true, kmsKeyUri: key, rootPrincipalPasswordUri: passwordFile },
                },
            },
        }, { parent: this, dependsOn: [args.keyGrants.dataproc, args.keyGrants.compute, args.keyGrants.storage, worker, decrypter, intraCluster] });
        this.registerOutputs({ clusterName: this.cluster.name, stagingBucket: this.stagingBucket.name });
    }

    /**
     * The Kerberos root principal password, as Dataproc takes it: a Cloud Storage object holding the password
     * encrypted with Cloud KMS (`rootPrincipalPasswordUri`). The password is generated, so it lives in Pulumi
     * state, but only as a secret (RandomPassword.result and SecretCiphertext.plaintext are encrypted by the
     * state's secrets provider); the object in the bucket is KMS ciphertext.
     */
    private kerberosPasswordFile(name: string, keyId: pulumi.Input<string>): pulumi.Output<string> {
        const password = new RandomPassword(`${name}-kerberos-root`, { length: 32, special: false }, { parent: this });
        const ciphertext = new kms.SecretCiphertext(`${name}-kerberos-root`, {
            cryptoKey: keyId, plaintext: pulumi.secret(password.result),
        }, { parent: this });
        const object = new storage.BucketObject(`${name}-kerberos-root`, {
            bucket: this.stagingBucket.name,
            name: "kerberos/root-principal-password.encrypted",
            // The object must hold the raw ciphertext bytes (what `gcloud kms encrypt` writes); BucketObject's
            // `content` is text, so the base64 ciphertext is decoded into a file the provider uploads.
            source: ciphertext.ciphertext.apply(rawCiphertextFile),
        }, { parent: this });
        return pulumi.interpolate`gs://${object.bucket}/${object.name}`;
    }
}

/** Decodes Cloud KMS ciphertext (base64) into a private temporary file holding the raw bytes Dataproc decrypts. */
export function rawCiphertextFile(base64: string | undefined): pulumi.asset.FileAsset | undefined {
    if (base64 === undefined) return undefined; // no ciphertext yet (a preview)
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hipaa-cloud-kerberos-"));
    const file = path.join(dir, "root-principal-password.encrypted");
    fs.writeFileSync(file, Buffer.from(base64, "base64"), { mode: 0o600 });
    return new pulumi.asset.FileAsset(file);
}
