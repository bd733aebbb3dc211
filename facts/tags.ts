// The tag keys (Google Cloud: label keys) and values that the components write and the policies read.
// A key spelled differently on the two sides would make a policy look for a tag no component sets.

/** The hospital's slug, tagged on everything. */
export const tenantTag = "tenant";
/** The stack's environment, as metadata only: no policy takes a verdict from it (policies/lib/environment.ts). */
export const environmentTag = "environment";
/** What a store holds (CONTROLS.md TAGGING): one of the classifications below. */
export const classificationTag = "data-classification";
/** Who manages the resource: the platform writes its own name. */
export const managedByTag = "managed-by";
export const managedByValue = "hipaa-cloud";

/** The tags the platform sets on every resource: `hospital:tags` can neither set nor shadow them. */
export const platformTagKeys: readonly string[] = Object.freeze([tenantTag, environmentTag, classificationTag, managedByTag]);
/** The tags every taggable resource must carry unless the pack config says otherwise (TAGGING's default). */
export const requiredTagKeys: readonly string[] = Object.freeze([tenantTag, classificationTag]);

/** The values of the classification tag: PHI, or data de-identified under 45 CFR 164.514(b). */
export const classifications = Object.freeze(["phi", "deidentified"] as const);
export type Classification = typeof classifications[number];
export const phi: Classification = "phi";
/** The classification of the de-identified zone, the only store a research partner may be granted. */
export const deidentified: Classification = "deidentified";

/** The key prefix of the tags hipaa-cloud itself reads: never a user's tag. */
export const reservedTagPrefix = "hipaa-cloud:";
/** `hipaa-cloud:exemption:<CONTROL>`: an exemption declared on the resource itself (AWS, Azure tags). */
export const exemptionTagPrefix = `${reservedTagPrefix}exemption:`;
/** `hipaa-cloud_exemption_<control>`: the same on Google Cloud, whose label keys allow only [a-z0-9_-]. */
export const exemptionLabelPrefix = "hipaa-cloud_exemption_";
/** `hipaa-cloud:share-expires:<account>`: the last day a research partner may read a Glue database (AWS). */
export const shareExpiresTagPrefix = `${reservedTagPrefix}share-expires:`;
