// Reading Google Cloud IAM grants the three ways a program writes them: one member (`*IAMMember`,
// `member`), one role's members (`*IAMBinding`, `members[]`), or a whole policy (`*IAMPolicy`,
// `policyData` JSON {bindings: [{role, members}]}). Token spellings differ per service (G20).
import { asArray, isUnknown, parseJson, UNKNOWN } from "../../lib/values";
import { parseJsonStrict } from "../../lib/strict-json";
import type { PolicyResource } from "../../lib/rule";

export const iamMemberTypes = [
    "gcp:storage/bucketIAMMember:BucketIAMMember",
    "gcp:storage/managedFolderIamMember:ManagedFolderIamMember",
    "gcp:bigquery/datasetIamMember:DatasetIamMember",
    "gcp:bigquery/iamMember:IamMember",
    "gcp:healthcare/datasetIamMember:DatasetIamMember",
    "gcp:healthcare/dicomStoreIamMember:DicomStoreIamMember",
    "gcp:healthcare/fhirStoreIamMember:FhirStoreIamMember",
    "gcp:healthcare/hl7StoreIamMember:Hl7StoreIamMember",
    "gcp:healthcare/consentStoreIamMember:ConsentStoreIamMember",
    "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
    "gcp:kms/keyRingIAMMember:KeyRingIAMMember",
    "gcp:projects/iAMMember:IAMMember",
    "gcp:folder/iAMMember:IAMMember",
    "gcp:organizations/iAMMember:IAMMember",
    // Who may act as a service account (serviceAccountUser, serviceAccountTokenCreator): public here is public everywhere it reaches.
    "gcp:serviceaccount/iAMMember:IAMMember",
    // Who may invoke a function or a Cloud Run service, publish or read a queue, read a secret, pull an image or use a disk:
    // allUsers on an invoker role is an endpoint anyone on the internet can call (issue 15).
    "gcp:cloudfunctions/functionIamMember:FunctionIamMember",
    "gcp:cloudfunctionsv2/functionIamMember:FunctionIamMember",
    "gcp:cloudrun/iamMember:IamMember",
    "gcp:cloudrunv2/serviceIamMember:ServiceIamMember",
    "gcp:cloudrunv2/jobIamMember:JobIamMember",
    "gcp:cloudrunv2/workerPoolIamMember:WorkerPoolIamMember",
    "gcp:pubsub/topicIAMMember:TopicIAMMember",
    "gcp:pubsub/subscriptionIAMMember:SubscriptionIAMMember",
    "gcp:secretmanager/secretIamMember:SecretIamMember",
    "gcp:secretmanager/regionalSecretIamMember:RegionalSecretIamMember",
    "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember",
    "gcp:compute/instanceIAMMember:InstanceIAMMember",
    "gcp:compute/instanceTemplateIamMember:InstanceTemplateIamMember",
    "gcp:compute/diskIamMember:DiskIamMember",
    "gcp:compute/regionDiskIamMember:RegionDiskIamMember",
    "gcp:compute/imageIamMember:ImageIamMember",
    "gcp:compute/snapshotIamMember:SnapshotIamMember",
    "gcp:compute/machineImageIamMember:MachineImageIamMember",
] as const;

export const iamBindingTypes = [
    "gcp:storage/bucketIAMBinding:BucketIAMBinding",
    "gcp:storage/managedFolderIamBinding:ManagedFolderIamBinding",
    "gcp:bigquery/datasetIamBinding:DatasetIamBinding",
    "gcp:bigquery/iamBinding:IamBinding",
    "gcp:healthcare/datasetIamBinding:DatasetIamBinding",
    "gcp:healthcare/dicomStoreIamBinding:DicomStoreIamBinding",
    "gcp:healthcare/fhirStoreIamBinding:FhirStoreIamBinding",
    "gcp:healthcare/hl7StoreIamBinding:Hl7StoreIamBinding",
    "gcp:healthcare/consentStoreIamBinding:ConsentStoreIamBinding",
    "gcp:kms/cryptoKeyIAMBinding:CryptoKeyIAMBinding",
    "gcp:kms/keyRingIAMBinding:KeyRingIAMBinding",
    "gcp:projects/iAMBinding:IAMBinding",
    "gcp:folder/iAMBinding:IAMBinding",
    "gcp:organizations/iAMBinding:IAMBinding",
    "gcp:serviceaccount/iAMBinding:IAMBinding",
    "gcp:cloudfunctions/functionIamBinding:FunctionIamBinding",
    "gcp:cloudfunctionsv2/functionIamBinding:FunctionIamBinding",
    "gcp:cloudrun/iamBinding:IamBinding",
    "gcp:cloudrunv2/serviceIamBinding:ServiceIamBinding",
    "gcp:cloudrunv2/jobIamBinding:JobIamBinding",
    "gcp:cloudrunv2/workerPoolIamBinding:WorkerPoolIamBinding",
    "gcp:pubsub/topicIAMBinding:TopicIAMBinding",
    "gcp:pubsub/subscriptionIAMBinding:SubscriptionIAMBinding",
    "gcp:secretmanager/secretIamBinding:SecretIamBinding",
    "gcp:secretmanager/regionalSecretIamBinding:RegionalSecretIamBinding",
    "gcp:artifactregistry/repositoryIamBinding:RepositoryIamBinding",
    "gcp:compute/instanceIAMBinding:InstanceIAMBinding",
    "gcp:compute/instanceTemplateIamBinding:InstanceTemplateIamBinding",
    "gcp:compute/diskIamBinding:DiskIamBinding",
    "gcp:compute/regionDiskIamBinding:RegionDiskIamBinding",
    "gcp:compute/imageIamBinding:ImageIamBinding",
    "gcp:compute/snapshotIamBinding:SnapshotIamBinding",
    "gcp:compute/machineImageIamBinding:MachineImageIamBinding",
] as const;

export const iamPolicyTypes = [
    "gcp:storage/bucketIAMPolicy:BucketIAMPolicy",
    "gcp:storage/managedFolderIamPolicy:ManagedFolderIamPolicy",
    "gcp:bigquery/datasetIamPolicy:DatasetIamPolicy",
    "gcp:bigquery/iamPolicy:IamPolicy",
    "gcp:healthcare/datasetIamPolicy:DatasetIamPolicy",
    "gcp:healthcare/dicomStoreIamPolicy:DicomStoreIamPolicy",
    "gcp:healthcare/fhirStoreIamPolicy:FhirStoreIamPolicy",
    "gcp:healthcare/hl7StoreIamPolicy:Hl7StoreIamPolicy",
    "gcp:healthcare/consentStoreIamPolicy:ConsentStoreIamPolicy",
    "gcp:kms/cryptoKeyIAMPolicy:CryptoKeyIAMPolicy",
    "gcp:kms/keyRingIAMPolicy:KeyRingIAMPolicy",
    "gcp:projects/iAMPolicy:IAMPolicy",
    "gcp:folder/iAMPolicy:IAMPolicy",
    "gcp:organizations/iAMPolicy:IAMPolicy",
    "gcp:serviceaccount/iAMPolicy:IAMPolicy",
    "gcp:cloudfunctions/functionIamPolicy:FunctionIamPolicy",
    "gcp:cloudfunctionsv2/functionIamPolicy:FunctionIamPolicy",
    "gcp:cloudrun/iamPolicy:IamPolicy",
    "gcp:cloudrunv2/serviceIamPolicy:ServiceIamPolicy",
    "gcp:cloudrunv2/jobIamPolicy:JobIamPolicy",
    "gcp:cloudrunv2/workerPoolIamPolicy:WorkerPoolIamPolicy",
    "gcp:pubsub/topicIAMPolicy:TopicIAMPolicy",
    "gcp:pubsub/subscriptionIAMPolicy:SubscriptionIAMPolicy",
    "gcp:secretmanager/secretIamPolicy:SecretIamPolicy",
    "gcp:secretmanager/regionalSecretIamPolicy:RegionalSecretIamPolicy",
    "gcp:artifactregistry/repositoryIamPolicy:RepositoryIamPolicy",
    "gcp:compute/instanceIAMPolicy:InstanceIAMPolicy",
    "gcp:compute/instanceTemplateIamPolicy:InstanceTemplateIamPolicy",
    "gcp:compute/diskIamPolicy:DiskIamPolicy",
    "gcp:compute/regionDiskIamPolicy:RegionDiskIamPolicy",
    "gcp:compute/imageIamPolicy:ImageIamPolicy",
    "gcp:compute/snapshotIamPolicy:SnapshotIamPolicy",
    "gcp:compute/machineImageIamPolicy:MachineImageIamPolicy",
] as const;

/**
 * A field of the policy document as the provider reads it: Go's encoding/json matches a key to a field in
 * any case (`"Bindings"`, `"ROLE"`), so a rule must too. Two keys of one object that differ only in case
 * name the same field, and Go keeps whichever comes last: refused (thrown, so the rule fails closed).
 */
function field(obj: unknown, name: string): unknown {
    if (!obj || typeof obj !== "object" || Array.isArray(obj)) return undefined;
    const keys = Object.keys(obj).filter(k => k.toLowerCase() === name);
    if (keys.length > 1) throw new Error(`policyData: the keys ${keys.map(k => JSON.stringify(k)).join(" and ")} name the same field "${name}" (Google reads keys in any case); give it once`);
    return keys.length ? (obj as Record<string, unknown>)[keys[0]] : undefined;
}

/** One grant as the rules judge it: where it was read from, the role, and the member. */
export interface Grant { property: string; role: unknown; member: unknown }

/**
 * The grants a resource of any IAM shape makes; UNKNOWN when the policy document (or the member
 * list as a whole) cannot be known at preview. Unknown single values stay UNKNOWN inside a grant.
 */
export function grantsOf(r: PolicyResource): Grant[] | typeof UNKNOWN {
    if ("policyData" in r.props) {
        const data = r.props.policyData;
        const doc = parseJson(data);
        if (isUnknown(doc)) return UNKNOWN;
        // A key given twice is refused (strict-json.ts): JSON keeps only the last, and a reviewer may read the first.
        if (typeof data === "string") parseJsonStrict(data);
        const bindings = asArray(field(doc, "bindings") as unknown[]);
        return bindings.flatMap((b, i) => asArray(field(b, "members") as unknown[]).map((m: unknown, j: number) =>
            ({ property: `policyData.bindings[${i}].members[${j}]`, role: field(b, "role"), member: m })));
    }
    if ("members" in r.props) {
        const members = r.props.members;
        if (isUnknown(members)) return UNKNOWN;
        return asArray(members as unknown[]).map((m, i) => ({ property: `members[${i}]`, role: r.props.role, member: m }));
    }
    return [{ property: "member", role: r.props.role, member: r.props.member }];
}
