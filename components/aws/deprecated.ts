// The AWS components' names before one vocabulary on three clouds (issue 13), kept so that users' programs
// still compile (components/azure/deprecated.ts has Azure's).
//
// Only the class names changed: a renamed component still registers its old type token
// (`hipaa-cloud:aws:EncryptedBucket`, `hipaa-cloud:azure:HospitalKeys`). A token is part of the URN of the
// component and of every resource under it, so a new token would change every URN of a deployed stack.
// `aliases: [{ type: old }]` would let `pulumi up` move the resources, but everything else that holds a
// URN would break without a word: exemptions in the policy config name resources by URN (the finding
// would come back), saved reports and state files would no longer match, and the pinned lists of the
// example stacks (test/stacks/urns/*.txt) would have to be rewritten. Keeping the token changes nothing
// in a user's stack; test/components/names.spec.ts pins each new name to its old token.
import { Processing, ProcessingArgs, processingProblems } from "./processing";
import { Storage, StorageArgs, storageProblems } from "./storage";

/** @deprecated use Storage */
export const EncryptedBucket = Storage;
/** @deprecated use Storage */
export type EncryptedBucket = Storage;
/** @deprecated use StorageArgs */
export type EncryptedBucketArgs = StorageArgs;
/** @deprecated use storageProblems */
export const encryptedBucketProblems = storageProblems;

/** @deprecated use Processing */
export const ProcessingCluster = Processing;
/** @deprecated use Processing */
export type ProcessingCluster = Processing;
/** @deprecated use ProcessingArgs */
export type ProcessingClusterArgs = ProcessingArgs;
/** @deprecated use processingProblems */
export const processingClusterProblems = processingProblems;
