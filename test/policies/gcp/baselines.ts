// Compliant building blocks of the Google Cloud policy tests, as a component would register them.
import { resource } from "../../support/policies";

export const KEY = "projects/p/locations/us-central1/keyRings/ring/cryptoKeys/key";
export const labels = { tenant: "mercy", "data-classification": "phi", environment: "prod" };

let buckets = 0;

/** A bucket on the key, private, versioned and protected; `name` names both the bucket and the resource. */
export const cmekBucket = (props: Record<string, unknown> = {}, name?: string) => resource("gcp:storage/bucket:Bucket", {
    name: name ?? `bucket-${++buckets}`, location: "US-CENTRAL1", encryption: { defaultKmsKeyName: KEY },
    uniformBucketLevelAccess: true, publicAccessPrevention: "enforced", versioning: { enabled: true },
    deletionPolicy: "PREVENT", labels, ...props,
}, { name, protect: true });
