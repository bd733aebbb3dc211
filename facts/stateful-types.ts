// Stateful resource types, per cloud: destroying one destroys PHI, keys or audit logs. The components
// register them `protect`ed in prod (components/naming.ts statefulOptions); DELETION-PROTECTION asks
// for it (policies/<cloud>/deletion-protection.ts); and an exemption declared in a tag never holds on
// one (policies/lib/declared-exemption.ts): only the policy config, which the program does not write,
// can exempt a data store. Compute, network and identity resources are re-creatable and left out.
// Type tokens as the providers' classes spell them (`__pulumiType`; test/facts/facts.spec.ts reads them).
import type { Cloud } from "./clouds";

/**
 * AWS: keys (generated, imported and replicas), buckets (current and V2), the warehouse, databases, log
 * groups, backup vaults, DynamoDB tables, EFS file systems, EBS volumes, and CloudControl resources, of
 * which DELETION-PROTECTION judges only HealthImaging datastores, S3 buckets and KMS keys as stateful.
 */
export const awsStatefulTypes: readonly string[] = Object.freeze([
    "aws:kms/key:Key", "aws:kms/externalKey:ExternalKey", "aws:kms/replicaExternalKey:ReplicaExternalKey", "aws:kms/replicaKey:ReplicaKey",
    "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2",
    "aws:redshift/cluster:Cluster", "aws:rds/instance:Instance", "aws:rds/cluster:Cluster",
    "aws:cloudwatch/logGroup:LogGroup", "aws:backup/vault:Vault", "aws:cloudcontrol/resource:Resource",
    "aws:dynamodb/table:Table", "aws:efs/fileSystem:FileSystem", "aws:ebs/volume:Volume",
]);

/**
 * Azure (azure-native): Key Vaults and keys, storage accounts, the Synapse workspace and SQL pools, Health
 * Data Services workspaces and DICOM services, Log Analytics workspaces and clusters, SQL servers, Cosmos DB
 * accounts (azure-native 3's module and 2's), PostgreSQL and MySQL flexible servers, and managed disks (a disk
 * holds whatever its VM wrote, PHI included). Spark pools and HDInsight clusters are compute: left out; blob
 * containers are covered by their account's protection plus container soft delete (BACKUP-VERSIONING).
 */
export const azureNativeStatefulTypes: readonly string[] = Object.freeze([
    "azure-native:keyvault:Vault", "azure-native:keyvault:Key", "azure-native:storage:StorageAccount",
    "azure-native:synapse:Workspace", "azure-native:synapse:SqlPool",
    "azure-native:healthcareapis:Workspace", "azure-native:healthcareapis:DicomService",
    "azure-native:operationalinsights:Workspace", "azure-native:operationalinsights:Cluster", "azure-native:sql:Server",
    "azure-native:cosmosdb:DatabaseAccount", "azure-native:documentdb:DatabaseAccount",
    "azure-native:dbforpostgresql:Server", "azure-native:dbformysql:Server",
    "azure-native:compute:Disk",
]);

/** Azure classic (@pulumi/azure 6, the bridged azurerm provider): the same kinds of store, under its tokens. */
export const azureClassicStatefulTypes: readonly string[] = Object.freeze([
    "azure:storage/account:Account", "azure:keyvault/keyVault:KeyVault", "azure:mssql/server:Server",
    "azure:postgresql/flexibleServer:FlexibleServer", "azure:postgresql/server:Server", "azure:mysql/flexibleServer:FlexibleServer",
    "azure:compute/managedDisk:ManagedDisk",
]);

/**
 * Google Cloud: buckets, BigQuery datasets and tables, Cloud Healthcare datasets and their DICOM, FHIR, HL7v2
 * and consent stores, KMS keys, log buckets, Cloud SQL instances, Spanner databases, Bigtable instances,
 * AlloyDB clusters, Firestore databases and Filestore instances. Not the Dataproc cluster: it holds no data
 * of its own (its buckets do).
 */
export const gcpStatefulTypes: readonly string[] = Object.freeze([
    "gcp:storage/bucket:Bucket", "gcp:bigquery/dataset:Dataset", "gcp:healthcare/dataset:Dataset",
    "gcp:healthcare/dicomStore:DicomStore", "gcp:healthcare/fhirStore:FhirStore", "gcp:healthcare/hl7Store:Hl7Store",
    "gcp:healthcare/consentStore:ConsentStore", "gcp:kms/cryptoKey:CryptoKey", "gcp:logging/projectBucketConfig:ProjectBucketConfig",
    "gcp:bigquery/table:Table", "gcp:sql/databaseInstance:DatabaseInstance", "gcp:spanner/database:Database",
    "gcp:bigtable/instance:Instance", "gcp:alloydb/cluster:Cluster", "gcp:firestore/database:Database", "gcp:filestore/instance:Instance",
]);

/** Every cloud's stateful types. */
export const statefulTypes: Readonly<Record<Cloud, readonly string[]>> = Object.freeze({
    aws: awsStatefulTypes,
    azure: Object.freeze([...azureNativeStatefulTypes, ...azureClassicStatefulTypes]),
    gcp: gcpStatefulTypes,
});
