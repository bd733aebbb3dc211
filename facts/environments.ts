// The environments a hospital stack can be. One list for both sides: the hospital config validates
// `hospital:environment` against it (components/config.ts), and the pack config's `environment`
// (policies/lib/environment.ts) takes the same values, so a stack states the same word in both.

export const environments = Object.freeze(["prod", "staging", "dev"] as const);
export type Environment = typeof environments[number];

/** The default and the most protective: stateful resources are `protect`ed and deletion-protected only here. */
export const productionEnvironment: Environment = "prod";
