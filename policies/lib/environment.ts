// Which environments are not production. hipaa-cloud components protect stateful resources only in
// prod (components/naming.ts statefulOptions) and tag (label) every resource with its environment, so
// the deletion-protection rules of every cloud skip a resource whose environment is one of these.
// Anything else — untagged, unknown, or a name not listed ("qa", "prd") — is judged as production:
// the safe side.
export const nonProductionEnvironments: ReadonlySet<string> = new Set(["dev", "development", "test", "staging"]);

/** The environment, when it names a non-production one (any case); undefined otherwise. */
export function nonProductionEnvironment(environment: unknown): string | undefined {
    return typeof environment === "string" && nonProductionEnvironments.has(environment.trim().toLowerCase()) ? environment : undefined;
}
