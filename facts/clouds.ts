// The clouds hipaa-cloud builds on and judges: the one list the hospital config, the components and
// the policy pack share.

export const clouds = Object.freeze(["aws", "azure", "gcp"] as const);
export type Cloud = typeof clouds[number];
