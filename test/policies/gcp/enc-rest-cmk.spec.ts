import assert from "node:assert/strict";
import { cmekBucket, dependsOn, fails, KEY, passes, res, unknownFinding, UNKNOWN } from "./fixtures";

const dataproc = (clusterConfig: Record<string, unknown>) => res("gcp:dataproc/cluster:Cluster", { region: "us-central1", clusterConfig });

describe("policies/gcp/enc-rest-cmk", () => {
    it("accepts a symmetric crypto key and rejects a signing key", () => {
        passes("gcp-enc-rest-cmk-crypto-key", [res("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r" })]);
        passes("gcp-enc-rest-cmk-crypto-key", [res("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r", purpose: "ENCRYPT_DECRYPT" })]);
        fails("gcp-enc-rest-cmk-crypto-key", [res("gcp:kms/cryptoKey:CryptoKey", { keyRing: "r", purpose: "ASYMMETRIC_SIGN" })], "purpose");
    });

    it("requires a default KMS key on a bucket, and reports an unknown key as unknown", () => {
        passes("gcp-enc-rest-cmk-storage-bucket", [cmekBucket()]);
        fails("gcp-enc-rest-cmk-storage-bucket", [cmekBucket({ encryption: undefined })], "encryption.defaultKmsKeyName");
        fails("gcp-enc-rest-cmk-storage-bucket", [cmekBucket({ encryption: { defaultKmsKeyName: "" } })], "encryption.defaultKmsKeyName");
        unknownFinding("gcp-enc-rest-cmk-storage-bucket", [cmekBucket({ encryption: { defaultKmsKeyName: UNKNOWN } })], "encryption.defaultKmsKeyName");
    });

    it("requires a default KMS key on a BigQuery dataset", () => {
        passes("gcp-enc-rest-cmk-bigquery-dataset", [res("gcp:bigquery/dataset:Dataset", { datasetId: "d", defaultEncryptionConfiguration: { kmsKeyName: KEY } })]);
        fails("gcp-enc-rest-cmk-bigquery-dataset", [res("gcp:bigquery/dataset:Dataset", { datasetId: "d" })], "defaultEncryptionConfiguration.kmsKeyName");
    });

    it("accepts a table with its own key or in a CMEK dataset, and rejects one in a dataset without a key", () => {
        const cmekDataset = res("gcp:bigquery/dataset:Dataset", { datasetId: "warehouse", defaultEncryptionConfiguration: { kmsKeyName: KEY } });
        const plainDataset = res("gcp:bigquery/dataset:Dataset", { datasetId: "plain" });
        passes("gcp-enc-rest-cmk-bigquery-table", [res("gcp:bigquery/table:Table", { datasetId: "x", tableId: "t", encryptionConfiguration: { kmsKeyName: KEY } })]);
        passes("gcp-enc-rest-cmk-bigquery-table", [cmekDataset, res("gcp:bigquery/table:Table", { datasetId: "warehouse", tableId: "t" })]);
        passes("gcp-enc-rest-cmk-bigquery-table", [cmekDataset, dependsOn(res("gcp:bigquery/table:Table", { datasetId: UNKNOWN, tableId: "t" }), "datasetId", cmekDataset)]);
        fails("gcp-enc-rest-cmk-bigquery-table", [plainDataset, res("gcp:bigquery/table:Table", { datasetId: "plain", tableId: "t" })], "encryptionConfiguration.kmsKeyName");
        fails("gcp-enc-rest-cmk-bigquery-table", [res("gcp:bigquery/table:Table", { datasetId: "elsewhere", tableId: "t" })], "encryptionConfiguration.kmsKeyName");
    });

    it("requires CMEK on a Healthcare dataset", () => {
        passes("gcp-enc-rest-cmk-healthcare-dataset", [res("gcp:healthcare/dataset:Dataset", { location: "us-central1", encryptionSpec: { kmsKeyName: KEY } })]);
        fails("gcp-enc-rest-cmk-healthcare-dataset", [res("gcp:healthcare/dataset:Dataset", { location: "us-central1" })], "encryptionSpec.kmsKeyName");
    });

    it("requires a DICOM store's dataset (by dependency or by id) to have CMEK, and the dataset to be in the stack", () => {
        const cmek = res("gcp:healthcare/dataset:Dataset", { name: "imaging", location: "us-central1", encryptionSpec: { kmsKeyName: KEY } });
        const plain = res("gcp:healthcare/dataset:Dataset", { name: "plain", location: "us-central1" });
        passes("gcp-enc-rest-cmk-dicom-store", [cmek, dependsOn(res("gcp:healthcare/dicomStore:DicomStore", { dataset: UNKNOWN }), "dataset", cmek)]);
        passes("gcp-enc-rest-cmk-dicom-store", [cmek, res("gcp:healthcare/dicomStore:DicomStore", { dataset: "projects/p/locations/us-central1/datasets/imaging" })]);
        fails("gcp-enc-rest-cmk-dicom-store", [plain, res("gcp:healthcare/dicomStore:DicomStore", { dataset: "projects/p/locations/us-central1/datasets/plain" })], "encryptionSpec.kmsKeyName");
        fails("gcp-enc-rest-cmk-dicom-store", [res("gcp:healthcare/dicomStore:DicomStore", { dataset: "projects/p/locations/us-central1/datasets/other" })], "dataset");
    });

    it("requires disk CMEK on a Dataproc cluster and skips Dataproc on GKE", () => {
        passes("gcp-enc-rest-cmk-dataproc-cluster", [dataproc({ encryptionConfig: { kmsKeyName: KEY } })]);
        fails("gcp-enc-rest-cmk-dataproc-cluster", [dataproc({})], "clusterConfig.encryptionConfig.kmsKeyName");
        passes("gcp-enc-rest-cmk-dataproc-cluster", [res("gcp:dataproc/cluster:Cluster", { virtualClusterConfig: {} })]);
    });

    it("requires a Dataproc cluster's staging and temp buckets to be CMEK buckets of the stack", () => {
        const staging = cmekBucket({}, "mercy-staging");
        const temp = cmekBucket({}, "mercy-temp");
        const plain = cmekBucket({ encryption: undefined }, "mercy-plain");
        passes("gcp-enc-rest-cmk-dataproc-buckets", [staging, temp, dataproc({ stagingBucket: "mercy-staging", tempBucket: "mercy-temp" })]);
        passes("gcp-enc-rest-cmk-dataproc-buckets", [staging, temp,
            dependsOn(dataproc({ stagingBucket: UNKNOWN, tempBucket: UNKNOWN }), "clusterConfig", staging, temp)]);
        fails("gcp-enc-rest-cmk-dataproc-buckets", [staging, plain, dataproc({ stagingBucket: "mercy-staging", tempBucket: "mercy-plain" })], "clusterConfig.tempBucket");
        fails("gcp-enc-rest-cmk-dataproc-buckets", [dataproc({})], "clusterConfig.stagingBucket");
        unknownFinding("gcp-enc-rest-cmk-dataproc-buckets", [dataproc({ stagingBucket: UNKNOWN, tempBucket: "x" })], "clusterConfig.stagingBucket");
    });

    it("requires CMEK on a Cloud Logging bucket", () => {
        passes("gcp-enc-rest-cmk-log-bucket-config", [res("gcp:logging/projectBucketConfig:ProjectBucketConfig", { bucketId: "audit", cmekSettings: { kmsKeyName: KEY } })]);
        fails("gcp-enc-rest-cmk-log-bucket-config", [res("gcp:logging/projectBucketConfig:ProjectBucketConfig", { bucketId: "audit" })], "cmekSettings.kmsKeyName");
    });

    it("never lets a dependency stand for a known dataset id that differs, nor a Pulumi name for a dataset's own name", () => {
        const cmekDataset = res("gcp:bigquery/dataset:Dataset", { datasetId: "warehouse", defaultEncryptionConfiguration: { kmsKeyName: KEY } });
        fails("gcp-enc-rest-cmk-bigquery-table", [cmekDataset, dependsOn(res("gcp:bigquery/table:Table", { datasetId: "warehouse_old", tableId: "t" }), "datasetId", cmekDataset)],
            "encryptionConfiguration.kmsKeyName");
        const imaging = res("gcp:healthcare/dataset:Dataset", { name: "mercy-imaging", location: "us-central1", encryptionSpec: { kmsKeyName: KEY } }, { name: "imaging" });
        fails("gcp-enc-rest-cmk-dicom-store", [imaging, res("gcp:healthcare/dicomStore:DicomStore", { dataset: "projects/p/locations/us-central1/datasets/imaging" })], "dataset");
        fails("gcp-enc-rest-cmk-dicom-store", [imaging,
            dependsOn(res("gcp:healthcare/dicomStore:DicomStore", { dataset: "projects/p/locations/us-central1/datasets/other" }), "dataset", imaging)], "dataset");
        passes("gcp-enc-rest-cmk-dicom-store", [imaging, res("gcp:healthcare/dicomStore:DicomStore", { dataset: "projects/p/locations/us-central1/datasets/mercy-imaging" })]);
    });

    it("never takes a bucket's Pulumi name, or a dependency, for a known staging bucket name that names another bucket", () => {
        const cmek = res("gcp:storage/bucket:Bucket", { ...cmekBucket().props, name: "mercy-staging-1" }, { name: "staging" });
        const temp = cmekBucket({}, "mercy-temp");
        fails("gcp-enc-rest-cmk-dataproc-buckets", [cmek, temp, dataproc({ stagingBucket: "staging", tempBucket: "mercy-temp" })], "clusterConfig.stagingBucket");
        fails("gcp-enc-rest-cmk-dataproc-buckets", [cmek, temp,
            dependsOn(dataproc({ stagingBucket: "mercy-staging-2", tempBucket: "mercy-temp" }), "clusterConfig", cmek, temp)], "clusterConfig.stagingBucket");
    });

    describe("objects the stack writes (gcp-enc-rest-cmk-storage-object)", () => {
        const name = "gcp-enc-rest-cmk-storage-object";
        const object = (props: Record<string, unknown>) => res("gcp:storage/bucketObject:BucketObject", { name: "o", content: "x", ...props });

        it("accepts an object in a CMEK bucket of the stack (by physical name or built from it) or with its own key", () => {
            const staging = cmekBucket({}, "mercy-staging");
            passes(name, [staging, object({ bucket: "mercy-staging" })]);
            passes(name, [staging, dependsOn(object({ bucket: UNKNOWN }), "bucket", staging)]);
            passes(name, [object({ bucket: "elsewhere", kmsKeyName: KEY })]);
        });

        it("rejects an object in a bucket without a default key, or in a bucket the stack does not declare", () => {
            const plain = cmekBucket({ encryption: undefined }, "mercy-plain");
            fails(name, [plain, object({ bucket: "mercy-plain" })], "encryption.defaultKmsKeyName");
            fails(name, [cmekBucket({ encryption: { defaultKmsKeyName: 42 } }, "mercy-typed"), object({ bucket: "mercy-typed" })], "encryption.defaultKmsKeyName");
            // The same type confusion on the bucket itself (isSet took a number as a key name).
            fails("gcp-enc-rest-cmk-storage-bucket", [cmekBucket({ encryption: { defaultKmsKeyName: 42 } })], "encryption.defaultKmsKeyName");
            fails(name, [object({ bucket: "elsewhere" })], "kmsKeyName");
            unknownFinding(name, [object({ bucket: UNKNOWN })], "bucket");
        });

        it("matches a bucket by its physical name only, and never lets a dependency stand for a known name that differs", () => {
            // The Pulumi name of a CMEK bucket is not its physical name: "cmek" names another bucket.
            const cmek = cmekBucket({}, "mercy-cmek-1234");
            const logical = res("gcp:storage/bucket:Bucket", { ...cmek.props }, { name: "cmek" });
            fails(name, [logical, object({ bucket: "cmek" })], "kmsKeyName");
            // Built from the CMEK bucket, but naming another one.
            fails(name, [cmek, dependsOn(object({ bucket: "mercy-cmek-1234-copy" }), "bucket", cmek)], "kmsKeyName");
        });

        it("rejects a customer-supplied key (written in the program) and a key name that is not a string, never showing the key", () => {
            const staging = cmekBucket({}, "mercy-staging");
            const f = fails(name, [staging, object({ bucket: "mercy-staging", customerEncryption: { encryptionKey: "c2VjcmV0LWtleS1iYXNlNjQ=" } })], "customerEncryption");
            assert.ok(f.every(x => !x.message.includes("c2VjcmV0")), JSON.stringify(f.map(x => x.message)));
            fails(name, [staging, object({ bucket: "mercy-staging", kmsKeyName: 1 })], "kmsKeyName");
            fails(name, [staging, object({ bucket: "mercy-staging", kmsKeyName: "" })], "kmsKeyName");
        });
    });

    describe("ciphertexts the stack makes (gcp-enc-rest-cmk-secret-ciphertext)", () => {
        const name = "gcp-enc-rest-cmk-secret-ciphertext";
        const RING = "projects/p/locations/us-central1/keyRings/ring";
        const key = (props: Record<string, unknown> = {}) => res("gcp:kms/cryptoKey:CryptoKey", { keyRing: RING, name: "phi", purpose: "ENCRYPT_DECRYPT", ...props });
        const ciphertext = (cryptoKey: unknown) => res("gcp:kms/secretCiphertext:SecretCiphertext", { cryptoKey, plaintext: "s" });

        it("accepts a ciphertext made with a symmetric key of the stack, by full name or built from it", () => {
            passes(name, [key(), ciphertext(`${RING}/cryptoKeys/phi`)]);
            const k = key();
            passes(name, [k, dependsOn(ciphertext(UNKNOWN), "cryptoKey", k)]);
        });

        it("rejects a key outside the stack, a known name that differs from the key it was built from, and a signing key", () => {
            fails(name, [key(), ciphertext("projects/other/locations/us/keyRings/r/cryptoKeys/k")], "cryptoKey");
            const k = key();
            fails(name, [k, dependsOn(ciphertext(`${RING}/cryptoKeys/phi-old`), "cryptoKey", k)], "cryptoKey");
            fails(name, [key({ purpose: "ASYMMETRIC_DECRYPT" }), ciphertext(`${RING}/cryptoKeys/phi`)], "purpose");
            unknownFinding(name, [ciphertext(UNKNOWN)], "cryptoKey");
        });
    });
});
