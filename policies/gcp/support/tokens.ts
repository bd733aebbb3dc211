// What the Google Cloud rules share: type tokens (@pulumi/gcp 9.37, read from each class's
// `__pulumiType`; G20: the file name is not the token), Google's durations and public members. Inputs
// as users write them: lib/inputs.ts. Relations between resources: relations.ts.
// One style on every cloud (issue 13): `T`, a frozen table (lib/type-tokens.ts typeTable), names each kind
// of resource in camelCase; import it as `import { T } from "../support/tokens"` (or "./tokens"). An AWS
// entry lists every spelling of its kind (AWS renamed many: Bucket and BucketV2, lb and alb); an Azure or
// Google Cloud entry is one token, and their few kinds with two spellings are `...Types` lists beside T. A
// rule names its types the same way on every cloud (lib/rule.ts TypeList): a list of entries,
// `types: [T.s3Bucket]`, `types: [T.vault, T.sqlPool]`, or a named list as it is, `types: kmsKeyTypes`,
// `types: cosmosAccountTypes`; check code spreads an AWS entry where it wants tokens: `ofType(...T.s3Bucket)`.
import { looseForm, toNumber } from "../../lib/inputs";
import type { PolicyResource, Violation } from "../../lib/rule";
import { typeTable } from "../../lib/type-tokens";

export const T = typeTable({
    cryptoKey: "gcp:kms/cryptoKey:CryptoKey",
    keyRing: "gcp:kms/keyRing:KeyRing",
    bucket: "gcp:storage/bucket:Bucket",
    bqDataset: "gcp:bigquery/dataset:Dataset",
    bqTable: "gcp:bigquery/table:Table",
    bqDatasetAccess: "gcp:bigquery/datasetAccess:DatasetAccess",
    hcDataset: "gcp:healthcare/dataset:Dataset",
    dicomStore: "gcp:healthcare/dicomStore:DicomStore",
    dataproc: "gcp:dataproc/cluster:Cluster",
    network: "gcp:compute/network:Network",
    subnetwork: "gcp:compute/subnetwork:Subnetwork",
    firewall: "gcp:compute/firewall:Firewall",
    sslPolicy: "gcp:compute/sSLPolicy:SSLPolicy",
    regionSslPolicy: "gcp:compute/regionSslPolicy:RegionSslPolicy",
    perimeter: "gcp:accesscontextmanager/servicePerimeter:ServicePerimeter",
    perimeterResource: "gcp:accesscontextmanager/servicePerimeterResource:ServicePerimeterResource",
    projectAuditConfig: "gcp:projects/iAMAuditConfig:IAMAuditConfig",
    folderAuditConfig: "gcp:folder/iamAuditConfig:IamAuditConfig",
    orgAuditConfig: "gcp:organizations/iamAuditConfig:IamAuditConfig",
    logBucketConfig: "gcp:logging/projectBucketConfig:ProjectBucketConfig",
    projectSink: "gcp:logging/projectSink:ProjectSink",
    folderSink: "gcp:logging/folderSink:FolderSink",
    orgSink: "gcp:logging/organizationSink:OrganizationSink",
    orgPolicy: "gcp:orgpolicy/policy:Policy",
    projectIamMember: "gcp:projects/iAMMember:IAMMember",
    projectIamBinding: "gcp:projects/iAMBinding:IAMBinding",
    projectIamPolicy: "gcp:projects/iAMPolicy:IAMPolicy",
    folderIamMember: "gcp:folder/iAMMember:IAMMember",
    folderIamBinding: "gcp:folder/iAMBinding:IAMBinding",
    folderIamPolicy: "gcp:folder/iAMPolicy:IAMPolicy",
    orgIamMember: "gcp:organizations/iAMMember:IAMMember",
    orgIamBinding: "gcp:organizations/iAMBinding:IAMBinding",
    orgIamPolicy: "gcp:organizations/iAMPolicy:IAMPolicy",
    serviceAccountKey: "gcp:serviceaccount/key:Key",
    hmacKey: "gcp:storage/hmacKey:HmacKey",
    bucketObject: "gcp:storage/bucketObject:BucketObject",
    secretCiphertext: "gcp:kms/secretCiphertext:SecretCiphertext",
    serviceAccount: "gcp:serviceaccount/account:Account",
    serviceIdentity: "gcp:projects/serviceIdentity:ServiceIdentity",
    /** A Cloud SQL instance: a PHI store beyond CONTROLS.md's matrix, judged like the warehouse. */
    sqlInstance: "gcp:sql/databaseInstance:DatabaseInstance",
    // Compute that processes PHI (issue 15): functions, Cloud Run, GKE, Compute Engine.
    functionV1: "gcp:cloudfunctions/function:Function",
    functionV2: "gcp:cloudfunctionsv2/function:Function",
    runService: "gcp:cloudrun/service:Service",
    runV2Service: "gcp:cloudrunv2/service:Service",
    runV2Job: "gcp:cloudrunv2/job:Job",
    runV2WorkerPool: "gcp:cloudrunv2/workerPool:WorkerPool",
    gkeCluster: "gcp:container/cluster:Cluster",
    gkeNodePool: "gcp:container/nodePool:NodePool",
    instance: "gcp:compute/instance:Instance",
    instanceTemplate: "gcp:compute/instanceTemplate:InstanceTemplate",
    regionInstanceTemplate: "gcp:compute/regionInstanceTemplate:RegionInstanceTemplate",
    disk: "gcp:compute/disk:Disk",
    regionDisk: "gcp:compute/regionDisk:RegionDisk",
    targetHttpsProxy: "gcp:compute/targetHttpsProxy:TargetHttpsProxy",
    regionTargetHttpsProxy: "gcp:compute/regionTargetHttpsProxy:RegionTargetHttpsProxy",
    targetHttpProxy: "gcp:compute/targetHttpProxy:TargetHttpProxy",
    regionTargetHttpProxy: "gcp:compute/regionTargetHttpProxy:RegionTargetHttpProxy",
    urlMap: "gcp:compute/uRLMap:URLMap",
    regionUrlMap: "gcp:compute/regionUrlMap:RegionUrlMap",
    // Queues, secrets, registries, file shares, caches and database users.
    topic: "gcp:pubsub/topic:Topic",
    subscription: "gcp:pubsub/subscription:Subscription",
    secret: "gcp:secretmanager/secret:Secret",
    regionalSecret: "gcp:secretmanager/regionalSecret:RegionalSecret",
    artifactRepository: "gcp:artifactregistry/repository:Repository",
    filestore: "gcp:filestore/instance:Instance",
    redis: "gcp:redis/instance:Instance",
    redisCluster: "gcp:redis/cluster:Cluster",
    valkey: "gcp:memorystore/instance:Instance",
    sqlUser: "gcp:sql/user:User",
    /** A Google API enabled on a project (`service`): how a stack turns on the Vision API (issue 16). */
    projectService: "gcp:projects/service:Service",
    // The other Cloud Healthcare stores: FHIR records, HL7v2 messages, consents (PHI as much as DICOM).
    fhirStore: "gcp:healthcare/fhirStore:FhirStore",
    hl7Store: "gcp:healthcare/hl7Store:Hl7Store",
    consentStore: "gcp:healthcare/consentStore:ConsentStore",
    // Databases beyond Cloud SQL.
    spannerDatabase: "gcp:spanner/database:Database",
    spannerInstance: "gcp:spanner/instance:Instance",
    bigtableInstance: "gcp:bigtable/instance:Instance",
    alloydbCluster: "gcp:alloydb/cluster:Cluster",
    alloydbInstance: "gcp:alloydb/instance:Instance",
    firestoreDatabase: "gcp:firestore/database:Database",
    backendService: "gcp:compute/backendService:BackendService",
    forwardingRule: "gcp:compute/forwardingRule:ForwardingRule",
    dataflowJob: "gcp:dataflow/job:Job",
    appEngineStandard: "gcp:appengine/standardAppVersion:StandardAppVersion",
    appEngineFlexible: "gcp:appengine/flexibleAppVersion:FlexibleAppVersion",
    dataflowFlexJob: "gcp:dataflow/flexTemplateJob:FlexTemplateJob",
    sqlDatabase: "gcp:sql/database:Database",
    globalForwardingRule: "gcp:compute/globalForwardingRule:GlobalForwardingRule",
    regionBackendService: "gcp:compute/regionBackendService:RegionBackendService",
    /** An API key: a string that calls the APIs it is allowed, naming no principal. */
    apiKey: "gcp:projects/apiKey:ApiKey",
});

/** Where audit configs live: project, folder, organisation (all three count for coverage). */
export const auditConfigTypes = [T.projectAuditConfig, T.folderAuditConfig, T.orgAuditConfig] as const;
/** Log sinks at every level (a sink routes logs; only a project sink has `uniqueWriterIdentity`). */
export const sinkTypes = [T.projectSink, T.folderSink, T.orgSink] as const;

/**
 * Stores that hold PHI, and the Google service whose Data Access audit logs record their use
 * (G25: off by default except BigQuery, so each needs an IAMAuditConfig).
 */
export const phiServiceByType: Readonly<Record<string, string>> = {
    [T.bucket]: "storage.googleapis.com",
    [T.bqDataset]: "bigquery.googleapis.com",
    [T.bqTable]: "bigquery.googleapis.com",
    [T.hcDataset]: "healthcare.googleapis.com",
    [T.dicomStore]: "healthcare.googleapis.com",
    [T.fhirStore]: "healthcare.googleapis.com",
    [T.hl7Store]: "healthcare.googleapis.com",
    [T.consentStore]: "healthcare.googleapis.com",
    [T.dataproc]: "dataproc.googleapis.com",
    [T.cryptoKey]: "cloudkms.googleapis.com",
    [T.sqlInstance]: "cloudsql.googleapis.com",
};
/** The types whose presence makes a stack a PHI stack (data stores and the cluster that reads them). */
export const phiStoreTypes = [T.bucket, T.bqDataset, T.bqTable, T.hcDataset, T.dicomStore, T.fhirStore, T.hl7Store, T.consentStore, T.dataproc, T.sqlInstance] as const;

/**
 * The subnetwork purposes that hold no VMs of their own (proxy-only, Private Service Connect and Private NAT
 * ranges): flow logs and Private Google Access do not apply to them. Only a purpose Compute Engine names counts:
 * "" is sent as unset and gives the default, PRIVATE, a subnetwork for VMs.
 */
const noVmSubnetPurposes: ReadonlySet<unknown> = new Set(["REGIONAL_MANAGED_PROXY", "GLOBAL_MANAGED_PROXY", "INTERNAL_HTTPS_LOAD_BALANCER", "PRIVATE_SERVICE_CONNECT", "PRIVATE_NAT"]);

/** Why a subnetwork runs no VMs (its purpose), or undefined when it may (PRIVATE, unset, unknown or a spelling Compute Engine does not name). */
export function subnetWithoutVms(subnetwork: { props: Record<string, unknown> }): string | undefined {
    const purpose = subnetwork.props.purpose;
    return noVmSubnetPurposes.has(purpose) ? `a ${String(purpose)} subnetwork runs no VMs of its own` : undefined;
}

/** A Google duration ("7776000s", "7776000.5s") or a plain number of seconds → seconds; NaN otherwise. */
export function toSeconds(v: unknown): number {
    if (typeof v === "string" && v.endsWith("s")) return toNumber(v.slice(0, -1));
    return toNumber(v);
}


/** The members a public grant uses (allUsers, allAuthenticatedUsers, and the IAM v2 spelling of allUsers). */
export const publicMembers: ReadonlySet<string> = new Set(["allUsers", "allAuthenticatedUsers", "principalSet://goog/public:all"]);
const publicLowerCase: ReadonlySet<string> = new Set([...publicMembers].map(m => m.toLowerCase()));

/**
 * Whether a member (or ACL entity) is one of the public ones, in any case and with blanks or invisible characters: IAM
 * may refuse such a spelling, or may not (the provider normalises some parts of members), and a spelling
 * must never turn a public grant into a pass. Over-matching only adds a finding.
 */
export function isPublicMember(v: unknown): boolean {
    return typeof v === "string" && publicLowerCase.has(looseForm(v));
}

/** A violation about one resource of a stack rule. */
export function about(resource: PolicyResource, property: string, found: unknown, wanted: string, note?: string): Violation {
    return note === undefined ? { resource, property, found, wanted } : { resource, property, found, wanted, note };
}
