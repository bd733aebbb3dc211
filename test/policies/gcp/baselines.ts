// Compliant building blocks of the Google Cloud policy tests, as a component would register them.
import type { BucketArgs } from "@pulumi/gcp/storage";
import { resource, type Inputs } from "../../support/policies";

export const KEY = "projects/p/locations/us-central1/keyRings/ring/cryptoKeys/key";
export const labels = { tenant: "mercy", "data-classification": "phi", environment: "prod" };

let buckets = 0;

/** A bucket's compliant inputs, typed by the SDK's Args (a misspelt input fails the type-check). */
const compliantBucket: Inputs<BucketArgs> = {
    location: "US-CENTRAL1", encryption: { defaultKmsKeyName: KEY }, uniformBucketLevelAccess: true, publicAccessPrevention: "enforced",
    versioning: { enabled: true }, deletionPolicy: "PREVENT", labels,
};

/** A bucket on the key, private, versioned and protected, with `props` over it; `name` names both the bucket and the resource. */
export const cmekBucket = (props: Record<string, unknown> = {}, name?: string) =>
    resource("gcp:storage/bucket:Bucket", { name: name ?? `bucket-${++buckets}`, ...compliantBucket, ...props }, { name, protect: true });
