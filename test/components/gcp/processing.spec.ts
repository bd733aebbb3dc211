import assert from "node:assert/strict";
import * as fs from "node:fs";
import type { ProcessingProfile } from "../../../components/config";
import { Keys } from "../../../components/gcp/keys";
import { Network } from "../../../components/gcp/network";
import { Processing, rawCiphertextFile } from "../../../components/gcp/processing";
import { record } from "../../support/record";
import { dependsOn, gcpConfig, project, region, tenant } from "./support";
import { pinnedUrns } from "../../support/urns";

const clusterType = "gcp:dataproc/cluster:Cluster";
const grantType = "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember";

async function processingStack(profile?: ProcessingProfile, machineType?: string) {
    return record(() => {
        const keys = new Keys("k", { tenant, project, region, agents: ["dataproc", "compute", "storage"] });
        const network = new Network("n", { tenant, project, region });
        new Processing("p", {
            tenant, project, region, key: keys.keyId,
            keyGrants: { dataproc: keys.grants.dataproc!, compute: keys.grants.compute!, storage: keys.grants.storage! },
            networkId: network.network.id, subnetworkId: network.subnet.id, accessLogBucket: "mercy-usage-logs",
            profile, workers: 3, machineType,
        });
    }, { config: gcpConfig });
}

describe("gcp Processing", () => {
    it("registers exactly the pinned URNs (test/components/urns/gcp-processing.txt)", async () => {
        const { actual, expected } = pinnedUrns(await processingStack(), "hipaa-cloud:gcp:Processing", "gcp-processing");
        assert.deepEqual(actual, expected);
    });

    it("encrypts the cluster's disks with the tenant's key", async () => {
        const r = await processingStack();
        const config = r.one(clusterType).inputs.clusterConfig as any;
        assert.match(config.encryptionConfig.kmsKeyName, /\/cryptoKeys\/mercy-phi$/);
    });

    it("creates the cluster only after the Dataproc, Compute Engine and Cloud Storage agents may use the key", async () => {
        const r = await processingStack();
        const cluster = r.one(clusterType);
        for (const agent of ["dataproc", "compute", "storage"]) {
            assert.ok(dependsOn(cluster, r.one(grantType, `k-${agent}-agent`)), `${agent} grant`);
        }
    });

    it("gives nodes internal IPs only, on the private subnet, with no Component Gateway", async () => {
        const r = await processingStack();
        const config = r.one(clusterType).inputs.clusterConfig as any;
        assert.equal(config.gceClusterConfig.internalIpOnly, true);
        assert.equal(config.gceClusterConfig.subnetwork, `projects/${project}/subnetwork/mercy-private`);
        assert.ok(r.one(clusterType).propertyDependencies.clusterConfig.includes(r.one("gcp:compute/subnetwork:Subnetwork").urn));
        assert.equal(config.endpointConfig.enableHttpPortAccess, false);
    });

    it("runs shielded VMs with secure boot, vTPM and integrity monitoring", async () => {
        const config = (await processingStack()).one(clusterType).inputs.clusterConfig as any;
        assert.deepEqual(config.gceClusterConfig.shieldedInstanceConfig, { enableSecureBoot: true, enableVtpm: true, enableIntegrityMonitoring: true });
    });

    it("turns on Kerberos with the key and a KMS-encrypted root password object in the staging bucket", async () => {
        const r = await processingStack();
        const kerberos = (r.one(clusterType).inputs.clusterConfig as any).securityConfig.kerberosConfig;
        assert.equal(kerberos.enableKerberos, true);
        assert.match(kerberos.kmsKeyUri, /\/cryptoKeys\/mercy-phi$/);
        const object = r.one("gcp:storage/bucketObject:BucketObject");
        assert.equal(kerberos.rootPrincipalPasswordUri, `gs://${object.inputs.bucket}/${object.inputs.name}`);
        assert.equal(object.inputs.content, undefined, "no password text in the object's inputs");
        const ciphertext = r.one("gcp:kms/secretCiphertext:SecretCiphertext");
        assert.match(String(ciphertext.inputs.cryptoKey), /\/cryptoKeys\/mercy-phi$/);
    });

    it("runs as a dedicated service account whose only project role is Dataproc worker", async () => {
        const r = await processingStack();
        const account = r.one("gcp:serviceaccount/account:Account");
        const email = `${account.inputs.accountId}@${project}.iam.gserviceaccount.com`;
        assert.equal((r.one(clusterType).inputs.clusterConfig as any).gceClusterConfig.serviceAccount, email);
        assert.deepEqual(r.ofType("gcp:projects/iAMMember:IAMMember").map(m => [m.inputs.role, m.inputs.member]),
            [["roles/dataproc.worker", `serviceAccount:${email}`]]);
        assert.equal(r.one(grantType, "p-sa-decrypter").inputs.role, "roles/cloudkms.cryptoKeyDecrypter");
    });

    it("stages and writes temp data in CMEK buckets of its own, which are protected in prod", async () => {
        const r = await processingStack();
        const config = r.one(clusterType).inputs.clusterConfig as any;
        const buckets = Object.fromEntries(r.ofType("gcp:storage/bucket:Bucket").map(b => [b.inputs.name, b]));
        for (const name of [config.stagingBucket, config.tempBucket]) {
            const b = buckets[name];
            assert.ok(b, `bucket ${name}`);
            assert.match((b.inputs as any).encryption.defaultKmsKeyName, /\/cryptoKeys\/mercy-phi$/);
            assert.equal(b.inputs.publicAccessPrevention, "enforced");
            assert.equal(b.protect, true);
            assert.ok(dependsOn(b, r.one(grantType, "k-storage-agent")));
        }
    });

    it("gives the genomics profile high-memory workers", async () => {
        const genomics = (await processingStack("genomics")).one(clusterType).inputs.clusterConfig as any;
        const analytics = (await processingStack("analytics")).one(clusterType).inputs.clusterConfig as any;
        assert.equal(genomics.workerConfig.machineType, "n2-highmem-16");
        assert.equal(analytics.workerConfig.machineType, "n2-standard-8");
        assert.equal(genomics.workerConfig.numInstances, 3);
    });

    it("takes an explicit worker machine type over the profile's", async () => {
        const config = (await processingStack("genomics", "n2-highmem-32")).one(clusterType).inputs.clusterConfig as any;
        assert.equal(config.workerConfig.machineType, "n2-highmem-32");
    });

    it("opens the cluster's nodes only to each other, with logging", async () => {
        const r = await processingStack();
        const rule = r.one("gcp:compute/firewall:Firewall", "p-intra-cluster").inputs as any;
        assert.equal(rule.sourceRanges, undefined);
        assert.deepEqual(rule.sourceTags, rule.targetTags);
        assert.deepEqual((r.one(clusterType).inputs.clusterConfig as any).gceClusterConfig.tags, rule.targetTags);
        assert.equal(rule.logConfig.metadata, "INCLUDE_ALL_METADATA");
    });

    it("labels the cluster and keeps the provider from deleting it", async () => {
        const cluster = (await processingStack()).one(clusterType).inputs as any;
        assert.equal(cluster.labels["data-classification"], "phi");
        assert.equal(cluster.deletionPolicy, "PREVENT");
        assert.equal(cluster.region, region);
    });

    it("writes the KMS ciphertext as raw bytes, readable by its owner only", async () => {
        const asset = rawCiphertextFile(Buffer.from([0, 1, 2, 255]).toString("base64"));
        const file = await asset!.path;
        assert.deepEqual([...fs.readFileSync(file)], [0, 1, 2, 255]);
        assert.equal(fs.statSync(file).mode & 0o777, 0o600);
        fs.rmSync(file);
    });
});
