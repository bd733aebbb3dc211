import assert from "node:assert/strict";
import { UNKNOWN, assertNoFinding, assertOneViolation, assertOnlyUnknown, assertViolations, dependsOn, findingsOf, resource, rulesOf } from "../../support/policies";
import { judgesType } from "../../../policies/lib/rule";
import { UNKNOWN_STRING } from "../../../policies/lib/values";
import { cmekBucket, KEY } from "./baselines";

const dataproc = (clusterConfig: Record<string, unknown>) => resource("gcp:dataproc/cluster:Cluster", { region: "us-central1", clusterConfig });

describe("policies/gcp/enc-rest-cmk", () => {
    it("accepts a symmetric crypto key and rejects a signing key", () => {
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-crypto-key", [resource("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r" })]));
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-crypto-key", [resource("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r", purpose: "ENCRYPT_DECRYPT" })]));
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-crypto-key", [resource("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r", purpose: "ASYMMETRIC_SIGN" })]), "purpose");
    });

    it("requires a default KMS key on a bucket, and reports an unknown key as unknown", () => {
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-storage-bucket", [cmekBucket()]));
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-storage-bucket", [cmekBucket({ encryption: undefined })]), "encryption.defaultKmsKeyName");
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-storage-bucket", [cmekBucket({ encryption: { defaultKmsKeyName: "" } })]), "encryption.defaultKmsKeyName");
        assertOnlyUnknown(findingsOf("gcp-enc-rest-cmk-storage-bucket", [cmekBucket({ encryption: { defaultKmsKeyName: UNKNOWN } })]), "encryption.defaultKmsKeyName");
    });

    it("requires a default KMS key on a BigQuery dataset", () => {
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-bigquery-dataset", [resource("gcp:bigquery/dataset:Dataset", { datasetId: "d", defaultEncryptionConfiguration: { kmsKeyName: KEY } })]));
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-bigquery-dataset", [resource("gcp:bigquery/dataset:Dataset", { datasetId: "d" })]), "defaultEncryptionConfiguration.kmsKeyName");
    });

    it("accepts a table with its own key or in a CMEK dataset, and rejects one in a dataset without a key", () => {
        const cmekDataset = resource("gcp:bigquery/dataset:Dataset", { datasetId: "warehouse", defaultEncryptionConfiguration: { kmsKeyName: KEY } });
        const plainDataset = resource("gcp:bigquery/dataset:Dataset", { datasetId: "plain" });
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-bigquery-table", [resource("gcp:bigquery/table:Table", { datasetId: "x", tableId: "t", encryptionConfiguration: { kmsKeyName: KEY } })]));
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-bigquery-table", [cmekDataset, resource("gcp:bigquery/table:Table", { datasetId: "warehouse", tableId: "t" })]));
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-bigquery-table", [cmekDataset, dependsOn(resource("gcp:bigquery/table:Table", { datasetId: UNKNOWN, tableId: "t" }), "datasetId", cmekDataset)]));
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-bigquery-table", [plainDataset, resource("gcp:bigquery/table:Table", { datasetId: "plain", tableId: "t" })]), "encryptionConfiguration.kmsKeyName");
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-bigquery-table", [resource("gcp:bigquery/table:Table", { datasetId: "elsewhere", tableId: "t" })]), "encryptionConfiguration.kmsKeyName");
    });

    it("requires CMEK on a Healthcare dataset", () => {
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-healthcare-dataset", [resource("gcp:healthcare/dataset:Dataset", { location: "us-central1", encryptionSpec: { kmsKeyName: KEY } })]));
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-healthcare-dataset", [resource("gcp:healthcare/dataset:Dataset", { location: "us-central1" })]), "encryptionSpec.kmsKeyName");
    });

    it("requires a DICOM store's dataset (by dependency or by id) to have CMEK, and the dataset to be in the stack", () => {
        const cmek = resource("gcp:healthcare/dataset:Dataset", { name: "imaging", location: "us-central1", encryptionSpec: { kmsKeyName: KEY } });
        const plain = resource("gcp:healthcare/dataset:Dataset", { name: "plain", location: "us-central1" });
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-dicom-store", [cmek, dependsOn(resource("gcp:healthcare/dicomStore:DicomStore", { dataset: UNKNOWN }), "dataset", cmek)]));
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-dicom-store", [cmek, resource("gcp:healthcare/dicomStore:DicomStore", { dataset: "projects/p/locations/us-central1/datasets/imaging" })]));
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-dicom-store", [plain, resource("gcp:healthcare/dicomStore:DicomStore", { dataset: "projects/p/locations/us-central1/datasets/plain" })]), "encryptionSpec.kmsKeyName");
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-dicom-store", [resource("gcp:healthcare/dicomStore:DicomStore", { dataset: "projects/p/locations/us-central1/datasets/other" })]), "dataset");
    });

    it("requires disk CMEK on a Dataproc cluster and skips Dataproc on GKE", () => {
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-dataproc-cluster", [dataproc({ encryptionConfig: { kmsKeyName: KEY } })]));
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-dataproc-cluster", [dataproc({})]), "clusterConfig.encryptionConfig.kmsKeyName");
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-dataproc-cluster", [resource("gcp:dataproc/cluster:Cluster", { virtualClusterConfig: {} })]));
    });

    it("requires a Dataproc cluster's staging and temp buckets to be CMEK buckets of the stack", () => {
        const staging = cmekBucket({}, "mercy-staging");
        const temp = cmekBucket({}, "mercy-temp");
        const plain = cmekBucket({ encryption: undefined }, "mercy-plain");
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-dataproc-buckets", [staging, temp, dataproc({ stagingBucket: "mercy-staging", tempBucket: "mercy-temp" })]));
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-dataproc-buckets", [staging, temp,
            dependsOn(dataproc({ stagingBucket: UNKNOWN, tempBucket: UNKNOWN }), "clusterConfig", staging, temp)]));
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-dataproc-buckets", [staging, plain, dataproc({ stagingBucket: "mercy-staging", tempBucket: "mercy-plain" })]), "clusterConfig.tempBucket");
        assertViolations(findingsOf("gcp-enc-rest-cmk-dataproc-buckets", [dataproc({})]), ["clusterConfig.stagingBucket", "clusterConfig.tempBucket"]);
        assertOnlyUnknown(findingsOf("gcp-enc-rest-cmk-dataproc-buckets", [temp, dataproc({ stagingBucket: UNKNOWN, tempBucket: "mercy-temp" })]), "clusterConfig.stagingBucket");
    });

    it("requires CMEK on a Cloud Logging bucket", () => {
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-log-bucket-config", [resource("gcp:logging/projectBucketConfig:ProjectBucketConfig", { bucketId: "audit", cmekSettings: { kmsKeyName: KEY } })]));
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-log-bucket-config", [resource("gcp:logging/projectBucketConfig:ProjectBucketConfig", { bucketId: "audit" })]), "cmekSettings.kmsKeyName");
    });

    it("never lets a dependency stand for a known dataset id that differs, nor a Pulumi name for a dataset's own name", () => {
        const cmekDataset = resource("gcp:bigquery/dataset:Dataset", { datasetId: "warehouse", defaultEncryptionConfiguration: { kmsKeyName: KEY } });
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-bigquery-table", [cmekDataset, dependsOn(resource("gcp:bigquery/table:Table", { datasetId: "warehouse_old", tableId: "t" }), "datasetId", cmekDataset)]), "encryptionConfiguration.kmsKeyName");
        const imaging = resource("gcp:healthcare/dataset:Dataset", { name: "mercy-imaging", location: "us-central1", encryptionSpec: { kmsKeyName: KEY } }, { name: "imaging" });
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-dicom-store", [imaging, resource("gcp:healthcare/dicomStore:DicomStore", { dataset: "projects/p/locations/us-central1/datasets/imaging" })]), "dataset");
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-dicom-store", [imaging,
            dependsOn(resource("gcp:healthcare/dicomStore:DicomStore", { dataset: "projects/p/locations/us-central1/datasets/other" }), "dataset", imaging)]), "dataset");
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-dicom-store", [imaging, resource("gcp:healthcare/dicomStore:DicomStore", { dataset: "projects/p/locations/us-central1/datasets/mercy-imaging" })]));
    });

    it("never takes a bucket's Pulumi name, or a dependency, for a known staging bucket name that names another bucket", () => {
        const cmek = resource("gcp:storage/bucket:Bucket", { ...cmekBucket().props, name: "mercy-staging-1" }, { name: "staging" });
        const temp = cmekBucket({}, "mercy-temp");
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-dataproc-buckets", [cmek, temp, dataproc({ stagingBucket: "staging", tempBucket: "mercy-temp" })]), "clusterConfig.stagingBucket");
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-dataproc-buckets", [cmek, temp,
            dependsOn(dataproc({ stagingBucket: "mercy-staging-2", tempBucket: "mercy-temp" }), "clusterConfig", cmek, temp)]), "clusterConfig.stagingBucket");
    });

    describe("objects the stack writes (gcp-enc-rest-cmk-storage-object)", () => {
        const name = "gcp-enc-rest-cmk-storage-object";
        const object = (props: Record<string, unknown>) => resource("gcp:storage/bucketObject:BucketObject", { name: "o", content: "x", ...props });

        it("accepts an object in a CMEK bucket of the stack (by physical name or built from it) or with its own key", () => {
            const staging = cmekBucket({}, "mercy-staging");
            assertNoFinding(findingsOf(name, [staging, object({ bucket: "mercy-staging" })]));
            assertNoFinding(findingsOf(name, [staging, dependsOn(object({ bucket: UNKNOWN }), "bucket", staging)]));
            assertNoFinding(findingsOf(name, [object({ bucket: "elsewhere", kmsKeyName: KEY })]));
        });

        it("rejects an object in a bucket without a default key, or in a bucket the stack does not declare", () => {
            const plain = cmekBucket({ encryption: undefined }, "mercy-plain");
            assertOneViolation(findingsOf(name, [plain, object({ bucket: "mercy-plain" })]), "encryption.defaultKmsKeyName");
            assertOneViolation(findingsOf(name, [cmekBucket({ encryption: { defaultKmsKeyName: 42 } }, "mercy-typed"), object({ bucket: "mercy-typed" })]), "encryption.defaultKmsKeyName");
            // The same type confusion on the bucket itself (isSet took a number as a key name).
            assertOneViolation(findingsOf("gcp-enc-rest-cmk-storage-bucket", [cmekBucket({ encryption: { defaultKmsKeyName: 42 } })]), "encryption.defaultKmsKeyName");
            assertOneViolation(findingsOf(name, [object({ bucket: "elsewhere" })]), "kmsKeyName");
            assertOnlyUnknown(findingsOf(name, [object({ bucket: UNKNOWN })]), "bucket");
        });

        it("matches a bucket by its physical name only, and never lets a dependency stand for a known name that differs", () => {
            // The Pulumi name of a CMEK bucket is not its physical name: "cmek" names another bucket.
            const cmek = cmekBucket({}, "mercy-cmek-1234");
            const logical = resource("gcp:storage/bucket:Bucket", { ...cmek.props }, { name: "cmek" });
            assertOneViolation(findingsOf(name, [logical, object({ bucket: "cmek" })]), "kmsKeyName");
            // Built from the CMEK bucket, but naming another one.
            assertOneViolation(findingsOf(name, [cmek, dependsOn(object({ bucket: "mercy-cmek-1234-copy" }), "bucket", cmek)]), "kmsKeyName");
        });

        it("rejects a customer-supplied key (written in the program) and a key name that is not a string, never showing the key", () => {
            const staging = cmekBucket({}, "mercy-staging");
            const f = assertOneViolation(findingsOf(name, [staging, object({ bucket: "mercy-staging", customerEncryption: { encryptionKey: "c2VjcmV0LWtleS1iYXNlNjQ=" } })]), "customerEncryption");
            assert.ok(f.every(x => !x.message.includes("c2VjcmV0")), JSON.stringify(f.map(x => x.message)));
            assertOneViolation(findingsOf(name, [staging, object({ bucket: "mercy-staging", kmsKeyName: 1 })]), "kmsKeyName");
            assertOneViolation(findingsOf(name, [staging, object({ bucket: "mercy-staging", kmsKeyName: "" })]), "kmsKeyName");
        });
    });

    describe("ciphertexts the stack makes (gcp-enc-rest-cmk-secret-ciphertext)", () => {
        const name = "gcp-enc-rest-cmk-secret-ciphertext";
        const RING = "projects/p/locations/us-central1/keyRings/ring";
        const key = (props: Record<string, unknown> = {}) => resource("gcp:kms/cryptoKey:CryptoKey", { keyRing: RING, name: "phi", purpose: "ENCRYPT_DECRYPT", ...props });
        const ciphertext = (cryptoKey: unknown) => resource("gcp:kms/secretCiphertext:SecretCiphertext", { cryptoKey, plaintext: "s" });

        it("accepts a ciphertext made with a symmetric key of the stack, by full name or built from it", () => {
            assertNoFinding(findingsOf(name, [key(), ciphertext(`${RING}/cryptoKeys/phi`)]));
            const k = key();
            assertNoFinding(findingsOf(name, [k, dependsOn(ciphertext(UNKNOWN), "cryptoKey", k)]));
        });

        it("rejects a key outside the stack, a known name that differs from the key it was built from, and a signing key", () => {
            assertOneViolation(findingsOf(name, [key(), ciphertext("projects/other/locations/us/keyRings/r/cryptoKeys/k")]), "cryptoKey");
            const k = key();
            assertOneViolation(findingsOf(name, [k, dependsOn(ciphertext(`${RING}/cryptoKeys/phi-old`), "cryptoKey", k)]), "cryptoKey");
            assertOneViolation(findingsOf(name, [key({ purpose: "ASYMMETRIC_DECRYPT" }), ciphertext(`${RING}/cryptoKeys/phi`)]), "purpose");
            assertOnlyUnknown(findingsOf(name, [ciphertext(UNKNOWN)]), "cryptoKey");
        });
    });

    it("a known key name that is no CryptoKey name (a word, a key ring, a path in the wrong case) is a finding that says so", () => {
        const ring = KEY.slice(0, KEY.indexOf("/cryptoKeys/"));
        for (const key of ["x", "key", ring, KEY.replace("keyRings", "keyrings"), `${KEY}/`, `//cloudkms.googleapis.com/${KEY}`]) {
            const [f] = assertOneViolation(findingsOf("gcp-enc-rest-cmk-storage-bucket", [cmekBucket({ encryption: { defaultKmsKeyName: key } })]), "encryption.defaultKmsKeyName");
            assert.match(f.message, /no CryptoKey name/, key);
        }
        const topic = resource("gcp:pubsub/topic:Topic", { name: "events", kmsKeyName: "x" });
        assertOneViolation(findingsOf("gcp-enc-rest-cmk-pubsub-subscription", [topic, resource("gcp:pubsub/subscription:Subscription", { topic: "events" })]), `topic (→ ${topic.name}).kmsKeyName`);
        assertNoFinding(findingsOf("gcp-enc-rest-cmk-storage-bucket", [cmekBucket({ encryption: { defaultKmsKeyName: KEY } })]));
    });

    describe("a key version where a CryptoKey is wanted (a pinned version is never rotated)", () => {
        const VERSION = `${KEY}/cryptoKeyVersions/1`;
        const version = resource("gcp:kms/cryptoKeyVersion:CryptoKeyVersion", { cryptoKey: KEY });
        // The engine's unknown inside a text (`${version.id}` interpolated at preview): a text, but not yet a known one.
        const partlyUnknown = `${UNKNOWN_STRING}`;
        const bucketKeyed = (key: unknown) => cmekBucket({ encryption: { defaultKmsKeyName: key } });

        it("a bucket's default key naming a version, however its letters are spelt, is a finding", () => {
            for (const key of [VERSION, `${KEY}/CRYPTOKEYVERSIONS/1`, `${KEY}/ｃｒｙｐｔｏＫｅｙＶｅｒｓｉｏｎｓ/1`, `${KEY}/crypto\u200bKeyVersions/1`]) {
                const [f] = assertOneViolation(findingsOf("gcp-enc-rest-cmk-storage-bucket", [bucketKeyed(key)]), "encryption.defaultKmsKeyName");
                assert.match(f.message, /key version|U\+/, key);
            }
        });

        it("a key text unknown in part that was built from a CryptoKeyVersion is unknown; built from a key, or naming the version's key, no finding", () => {
            assertOnlyUnknown(findingsOf("gcp-enc-rest-cmk-storage-bucket", [version, dependsOn(bucketKeyed(partlyUnknown), "encryption", version)]), "encryption.defaultKmsKeyName");
            assertOnlyUnknown(findingsOf("gcp-enc-rest-cmk-storage-bucket", [version, dependsOn(bucketKeyed(UNKNOWN), "encryption", version)]), "encryption.defaultKmsKeyName");
            assertNoFinding(findingsOf("gcp-enc-rest-cmk-storage-bucket", [version, dependsOn(bucketKeyed(KEY), "encryption", version)]));
            const key = resource("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r", name: "k" });
            assertNoFinding(findingsOf("gcp-enc-rest-cmk-storage-bucket", [key, dependsOn(bucketKeyed(`projects/p/${partlyUnknown}`), "encryption", key)]));
        });

        it("a key text unknown in part passes only where its known parts can stand in a CryptoKey's name; else unknown, never a pass", () => {
            const U = UNKNOWN_STRING;
            for (const key of [`projects/p/${U}`, `${U}/cryptoKeys/k`, `${U}/cryptoKeys/${U}`, `projects/${U}/locations/${U}/keyRings/${U}/cryptoKeys/${U}`,
                `${U}/extra`, `${U}-key`]) { // the unknown may end `…/cryptoKeys` or `…/cryptoKeys/phi`
                assertNoFinding(findingsOf("gcp-enc-rest-cmk-storage-bucket", [bucketKeyed(key)]));
            }
            // A text no key name begins with, a key ring's path, no key name, a tail past the key's name, a ring with no key.
            for (const key of [`x${U}`, `projects/p/keyRings/${U}`, `${U}/cryptoKeys/`, `${U}/cryptoKeys/k/`, `projects/${U}/keyRings/r`]) {
                assertOnlyUnknown(findingsOf("gcp-enc-rest-cmk-storage-bucket", [bucketKeyed(key)]), "encryption.defaultKmsKeyName");
            }
        });

        it("every rule that reads a Google key name refuses a version: its own input, or the key of the dataset, bucket, topic or instance it relies on", () => {
            const own: [string, Record<string, unknown>, string][] = [
                ["gcp:bigquery/dataset:Dataset", { datasetId: "d", defaultEncryptionConfiguration: { kmsKeyName: VERSION } }, "defaultEncryptionConfiguration.kmsKeyName"],
                ["gcp:pubsub/topic:Topic", { kmsKeyName: VERSION }, "kmsKeyName"],
                ["gcp:spanner/database:Database", { instance: "i", encryptionConfig: { kmsKeyNames: [KEY, VERSION] } }, "encryptionConfig.kmsKeyNames[1]"],
                ["gcp:sql/databaseInstance:DatabaseInstance", { encryptionKeyName: VERSION }, "encryptionKeyName"],
                ["gcp:alloydb/cluster:Cluster", { encryptionConfig: { kmsKeyName: VERSION } }, "encryptionConfig.kmsKeyName"],
                ["gcp:artifactregistry/repository:Repository", { kmsKeyName: VERSION }, "kmsKeyName"],
                ["gcp:compute/disk:Disk", { diskEncryptionKey: { kmsKeySelfLink: VERSION } }, "diskEncryptionKey.kmsKeySelfLink"],
                ["gcp:cloudrun/service:Service", { template: { metadata: { annotations: { "run.googleapis.com/encryption-key": VERSION } } } }, "template.metadata.annotations[\"run.googleapis.com/encryption-key\"]"],
            ];
            for (const [type, props, property] of own) {
                const rules = rulesOf({ cloud: "gcp", control: "ENC-REST-CMK", kind: "resource" }).filter(r => r.kind === "resource" && judgesType(r, type));
                assertOneViolation(findingsOf(rules, [resource(type, props)]), property);
            }
            assertOneViolation(findingsOf("gcp-enc-rest-cmk-gke-cluster", [resource("gcp:container/cluster:Cluster", { removeDefaultNodePool: true, databaseEncryption: { state: "ENCRYPTED", keyName: VERSION } })]), "databaseEncryption.keyName");
            assertOneViolation(findingsOf("gcp-enc-rest-cmk-dataproc-cluster", [dataproc({ encryptionConfig: { kmsKeyName: VERSION } })]), "clusterConfig.encryptionConfig.kmsKeyName");

            const dataset = resource("gcp:healthcare/dataset:Dataset", { name: "imaging", location: "us-central1", encryptionSpec: { kmsKeyName: VERSION } });
            assertOneViolation(findingsOf("gcp-enc-rest-cmk-dicom-store", [dataset, resource("gcp:healthcare/dicomStore:DicomStore", { dataset: "projects/p/locations/us-central1/datasets/imaging" })]), "dataset (→ " + dataset.name + ").encryptionSpec.kmsKeyName");
            const bucket = cmekBucket({ encryption: { defaultKmsKeyName: VERSION } }, "mercy-raw");
            assertOneViolation(findingsOf("gcp-enc-rest-cmk-storage-object", [bucket, resource("gcp:storage/bucketObject:BucketObject", { bucket: "mercy-raw", name: "o" })]), `bucket (→ ${bucket.name}).encryption.defaultKmsKeyName`);
            assertOneViolation(findingsOf("gcp-enc-rest-cmk-storage-object", [resource("gcp:storage/bucketObject:BucketObject", { bucket: "elsewhere", name: "o", kmsKeyName: VERSION })]), "kmsKeyName");
            assertOneViolation(findingsOf("gcp-enc-rest-cmk-dataproc-buckets", [bucket, cmekBucket({}, "mercy-temp"), dataproc({ stagingBucket: "mercy-raw", tempBucket: "mercy-temp" })]), `clusterConfig.stagingBucket (→ ${bucket.name}).encryption.defaultKmsKeyName`);
            const topic = resource("gcp:pubsub/topic:Topic", { name: "events", kmsKeyName: VERSION });
            assertOneViolation(findingsOf("gcp-enc-rest-cmk-pubsub-subscription", [topic, dependsOn(resource("gcp:pubsub/subscription:Subscription", { topic: UNKNOWN }), "topic", topic)]), `topic (→ ${topic.name}).kmsKeyName`);
            const instance = resource("gcp:sql/databaseInstance:DatabaseInstance", { name: "db", encryptionKeyName: VERSION });
            assertOneViolation(findingsOf("gcp-enc-rest-cmk-sql-database", [instance, dependsOn(resource("gcp:sql/database:Database", { instance: UNKNOWN }), "instance", instance)]), `instance (→ ${instance.name}).encryptionKeyName`);
            const bqDataset = resource("gcp:bigquery/dataset:Dataset", { datasetId: "warehouse", defaultEncryptionConfiguration: { kmsKeyName: VERSION } });
            assertOneViolation(findingsOf("gcp-enc-rest-cmk-bigquery-table", [bqDataset, resource("gcp:bigquery/table:Table", { datasetId: "warehouse", tableId: "t" })]), "encryptionConfiguration.kmsKeyName");
            assertOneViolation(findingsOf("gcp-enc-rest-cmk-bigquery-table", [resource("gcp:bigquery/table:Table", { datasetId: "x", tableId: "t", encryptionConfiguration: { kmsKeyName: VERSION } })]), "encryptionConfiguration.kmsKeyName");
            assertOneViolation(findingsOf("gcp-identity-authn-dataproc-cluster", [dataproc({ securityConfig: { kerberosConfig: { enableKerberos: true, kmsKeyUri: VERSION, rootPrincipalPasswordUri: "gs://b/p" } } })]), "clusterConfig.securityConfig.kerberosConfig.kmsKeyUri");
        });
    });
});
